"""Talking to the app as a person's phone would: sign up by the browser's form, sign in, take a
personal token, pair up, and from then on JSON with `Authorization: Bearer`. Standard library only.

Each person signs up from a loopback address of their own (`phone_address`), as people sign up
from their own phones: the app counts accepted sign-ups per client network and pauses after 10
(throttle.SIGN_UP_ADDRESS), and the chaos run signs up 40. The server still listens on
127.0.0.1 only; Linux routes all of 127.0.0.0/8 to the loopback interface."""

from __future__ import annotations

import http.client
import ipaddress
import json
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode

from server import HOST


class Http:
    """One keep-alive connection to the app. A failed request closes it; the next one reopens.
    Connection errors (refused, reset, closed mid-answer) are raised as OSError or
    http.client.HTTPException, so the caller can tell "no answer" from an answer."""

    def __init__(self, port: int, timeout: float = 30, source: str | None = None) -> None:
        self.port, self.timeout = port, timeout
        self.source = None if source is None else (source, 0)  # the address we connect from
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(
                HOST, self.port, timeout=self.timeout, source_address=self.source
            )
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


def phone_address(n: int) -> str:
    """The loopback address person `n` connects from: 127.1.0.1, 127.1.0.2, ... (none 127.0.0.1)."""
    return str(ipaddress.IPv4Address("127.1.0.1") + n)


def _post_form(
    http: Http, path: str, form: dict[str, str], jar: dict[str, str]
) -> tuple[int, bytes]:
    """POST `form` with the jar's cookies and CSRF token; the answer's cookies go into the jar."""
    body = urlencode({**form, "csrfmiddlewaretoken": jar["csrftoken"]}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(jar)}
    status, answer, content = http.request("POST", path, body, headers)
    cookies_from(answer, jar)
    return status, content


def sign_up(port: int, email: str, password: str, source: str | None = None) -> str:
    """A new account made by the sign-up form, signed in by the sign-in form (signing up does
    not sign in), and a personal API token for it; returns the key. `source`: the address to
    connect from (`phone_address`)."""
    http = Http(port, source=source)
    try:
        _, headers, _ = http.request("GET", "/accounts/signup/")
        jar = cookies_from(headers, {})
        form = {
            "email": email,
            "display_name": email.split("@")[0][-12:],
            "time_zone": "UTC",
            "password1": password,
            "password2": password,
        }
        # Every valid form is answered alike, on to the sign-in page, whether the email was free
        # or not: only signing in tells.
        status, content = _post_form(http, "/accounts/signup/", form, jar)
        if status != 302:
            raise RuntimeError(f"sign-up of {email} answered {status}: {content[:300]!r}")
        # The first sign-in makes the data key (and a recovery code, which the chaos run does
        # not need: the token below gets its own wrap of the key).
        credentials = {"username": email, "password": password}
        status, content = _post_form(http, "/accounts/login/", credentials, jar)
        if status != 302 or "sessionid" not in jar:
            raise RuntimeError(f"sign-in of {email} answered {status}: {content[:300]!r}")
        status, _, content = http.request(  # signing in rotated the CSRF token: the jar has it
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
