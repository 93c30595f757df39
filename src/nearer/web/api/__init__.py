"""The JSON API under /api/v1: everything a partner can do in the browser, for a phone app or a
script. The NinjaAPI lives in `main.py`; one module per area holds its routes and schemas."""
