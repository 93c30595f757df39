from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client

from nearer.web.accounts.models import User
from tests.web.conftest import client_for

WEB = Path(__file__).parents[3] / "src/nearer/web"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def directives(response: object) -> dict[str, str]:
    policy = response["Content-Security-Policy"]  # type: ignore[index]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/no-such-page/"])
def test_pages_forbid_inline_script_framing_and_foreign_forms(db: None, path: str) -> None:
    policy = directives(Client().get(path))
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe" not in policy["style-src"] and "unsafe-eval" not in str(policy)


def test_signed_in_pages_carry_the_policy_and_the_other_headers(alice: User) -> None:
    response = client_for(alice).get("/home/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_api_carries_the_policy_too(alice: User) -> None:
    response = client_for(alice).get("/api/v1/me")
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_no_template_has_inline_script_handlers_or_javascript_urls() -> None:
    offenders = []
    for template in WEB.rglob("*.html"):
        text = template.read_text()
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, JAVASCRIPT_URL):
            offenders += [
                f"{template.relative_to(WEB)}: {m.group(0)}" for m in pattern.finditer(text)
            ]
    assert offenders == []


def test_htmx_is_told_not_to_inject_its_indicator_style(alice: User) -> None:
    html = client_for(alice).get("/home/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
    assert config is not None and json.loads(config.group(1))["includeIndicatorStyles"] is False
    assert "<style" not in html
    assert ".htmx-indicator" in (WEB / "static/nearer/nearer.css").read_text()


def test_htmx_is_served_from_our_own_origin(alice: User) -> None:
    html = client_for(alice).get("/home/").content.decode()
    sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources)
