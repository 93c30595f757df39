"""Signing up, in and out through the real pages, so the data key travels as it does for people."""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client

from nearer.web.daily.models import CheckIn

PASSWORD = "a long enough test passphrase"
CHECKIN = {
    "pleasantness": 3,
    "energy": 3,
    "closeness": 4,
    "shared_feelings": 3,
    "understood": 3,
    "validated": 3,
    "cared_for": 3,
    "stress": 3,
}


def sign_up(email: str, password: str = PASSWORD) -> tuple[Client, str]:
    """A new account through the sign-up page, then its first sign-in (which makes the data
    key); the client, signed in, and the recovery code."""
    client = Client()
    form = {
        "email": email,
        "display_name": email.split("@")[0].capitalize(),
        "time_zone": "UTC",
        "password1": password,
        "password2": password,
    }
    assert client.post("/accounts/signup/", form).status_code == 302
    signed_in = client.post("/accounts/login/", {"username": email, "password": password})
    assert signed_in.status_code == 302, signed_in.content.decode()[:500]
    page = client.get("/welcome/", follow=True).content.decode()
    found = re.search(r'<code id="recovery-code">([A-Z0-9-]+)</code>', page)
    assert found, page
    client.post("/accounts/keys/recovery-code/", {"next": "/home/"})
    return client, found.group(1)


def sign_in(email: str, password: str = PASSWORD) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def write_checkin(client: Client, day: str, **text: object) -> int:
    response = client.post(f"/daily/checkin/{day}/", {**CHECKIN, **text})
    return response.status_code


def raw(table: str, column: str, pk: int) -> str:
    """A column as the database holds it, past every model field."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return str(cursor.fetchone()[0])


def note_row(email: str, day: str) -> CheckIn:
    return CheckIn.objects.get(user__email=email, day=day)
