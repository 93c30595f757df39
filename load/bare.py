"""The ceiling for the load run: a bare Django app under gunicorn with nearer's own settings.

    gunicorn --pythonpath load bare:application

Same settings, middleware, database and worker setup as `nearer serve`, but only two views and
none of nearer's: `/ok/` answers "ok" without touching the database, and `/select/?id=N` reads one
account by primary key: a single indexed SELECT. Whatever nearer's pages cost above these is
nearer's own work. Nothing here is added to nearer's URLs.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearer.web.settings")
settings.ROOT_URLCONF = __name__  # these two views instead of nearer's


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def select(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT email FROM accounts_user WHERE id = %s", [int(request.GET.get("id", "0"))]
        )
        row = cursor.fetchone()
    if row is None:
        return HttpResponseNotFound("no such account", content_type="text/plain")
    return HttpResponse(row[0], content_type="text/plain")


urlpatterns = [path("ok/", ok), path("select/", select)]
application = get_wsgi_application()
