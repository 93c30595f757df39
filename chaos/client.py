"""Talking to the app as a person's phone would: sign up by the browser's form, take a personal
token, pair up, and from then on JSON with `Authorization: Bearer`. Standard library only."""

from __future__ import annotations

import http.client
import json
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode

from server import HOST


class Http:
    """One keep-alive connection to the app. A failed request closes it; the next one reopens.
    Connection errors (refused, reset, closed mid-answer) are raised as OSError or
    http.client.HTTPException, so the caller can tell "no answer" from an answer."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.port, self.timeout = port, timeout
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            self.connection.request(method, path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            return response.status, response.headers, response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise

    def json(self, method: str, path: str, key: str, body: Any = None) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        data = None if body is None else json.dumps(body).encode()
        status, _, content = self.request(method, "/api/v1" + path, data, headers)
        return status, json.loads(content) if content else None

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def cookies_from(headers: http.client.HTTPMessage, jar: dict[str, str]) -> dict[str, str]:
    for line in headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(line).items():
            jar[name] = morsel.value
    return jar


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def sign_up(port: int, email: str, password: str) -> str:
    """A new account made by the sign-up form, and a personal API token for it; returns the key."""
    http = Http(port)
    try:
        _, headers, _ = http.request("GET", "/accounts/signup/")
        jar = cookies_from(headers, {})
        form = {
            "email": email,
            "display_name": email.split("@")[0][-12:],
            "time_zone": "UTC",
            "password1": password,
            "password2": password,
            "csrfmiddlewaretoken": jar["csrftoken"],
        }
        status, headers, content = http.request(
            "POST",
            "/accounts/signup/",
            urlencode(form).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(jar)},
        )
        if status != 302:
            raise RuntimeError(f"sign-up of {email} answered {status}: {content[:300]!r}")
        cookies_from(headers, jar)  # signing in rotates the CSRF token
        status, _, content = http.request(
            "POST",
            "/api/v1/tokens",
            json.dumps({"name": "chaos"}).encode(),
            {
                "Content-Type": "application/json",
                "Cookie": cookie_header(jar),
                "X-CSRFToken": jar["csrftoken"],
            },
        )
        if status != 201:
            raise RuntimeError(f"token for {email} answered {status}: {content[:300]!r}")
        return str(json.loads(content)["key"])
    finally:
        http.close()


def pair(port: int, inviter: str, joiner: str) -> None:
    """The second person joins the first one's couple space with a code, as partners do."""
    http = Http(port)
    try:
        status, invitation = http.json("POST", "/couple/invitations", inviter)
        if status != 201:
            raise RuntimeError(f"invitation answered {status}: {invitation}")
        status, couple = http.json("POST", "/couple/join", joiner, {"code": invitation["code"]})
        if status != 200 or couple["status"] != "paired":
            raise RuntimeError(f"joining answered {status}: {couple}")
    finally:
        http.close()
