"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from nearer.web.chunked import ChunkedBodies
from nearer.web.closing import CloseWhenAsked

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearer.web.settings")
# A chunked body comes to Django with its length (chunked.py); an answer sent before the body
# was read to its end closes its connection (closing.py).
application = CloseWhenAsked(ChunkedBodies(get_wsgi_application()))
