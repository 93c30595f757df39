"""Security headers on every response: a Content-Security-Policy with no inline script, a
Permissions-Policy that turns off what nearer never uses, and cross-origin isolation.

Scripts and style sheets come only from nearer's own static files; HTMX is told not to inject
its indicator <style> (a meta tag in base.html; the rules live in nearer.css). Style *attributes*
are allowed (`style-src-attr 'unsafe-inline'`) for a few layout tweaks and the server-drawn SVG
charts: they cannot run code, and <style> elements stay refused. Django's SecurityMiddleware sets
Cross-Origin-Opener-Policy, nosniff and the Referrer-Policy; X-Frame-Options comes from its
clickjacking middleware, with frame-ancestors 'none' saying the same to newer browsers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Resource-Policy": "same-origin",
}


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
