"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from nearer.web.closing import CloseWhenAsked

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearer.web.settings")
# An answer sent before the body was read to its end closes its connection (closing.py).
application = CloseWhenAsked(get_wsgi_application())
