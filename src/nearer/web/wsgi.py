"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from nearer.web.closing import CloseWhenAsked

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearer.web.settings")
application = CloseWhenAsked(get_wsgi_application())  # a 413 closes its connection (closing.py)
