"""The mail server account emails (password resets, sign-up notices) go through, from the
environment: Django's SMTP backend reads these settings, and without them it always tried
localhost:25. Checked at start, each mistake one line naming the variable."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from nearer.web.env import env_bool, env_int, env_str

#: A host name or an IP address (IPv6 without brackets), as smtplib takes it.
MAIL_HOST = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)*|[0-9a-f:.]*:[0-9a-f:.]*", re.IGNORECASE)


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    user: str
    password: str
    tls: bool  # STARTTLS after connecting (port 587)
    ssl: bool  # TLS from the first byte (port 465)


def from_environment() -> MailServer:
    """NEARER_EMAIL_HOST, _PORT, _USER, _PASSWORD, _TLS and _SSL. The port, when not given, is
    the one the TLS choice implies: 465 with SSL, 587 with TLS, else 25."""
    host = env_str("NEARER_EMAIL_HOST", "localhost").strip()
    if not MAIL_HOST.fullmatch(host):
        raise ImproperlyConfigured(
            f"NEARER_EMAIL_HOST: {host!r} is not a host; give a name or an IP address "
            "(e.g. smtp.example.org), with the port in NEARER_EMAIL_PORT"
        )
    tls, ssl = env_bool("NEARER_EMAIL_TLS", False), env_bool("NEARER_EMAIL_SSL", False)
    if tls and ssl:
        raise ImproperlyConfigured(
            "NEARER_EMAIL_TLS and NEARER_EMAIL_SSL are both on; choose one: TLS for STARTTLS "
            "(usually port 587), SSL for TLS from the start (usually port 465)"
        )
    default_port = 465 if ssl else 587 if tls else 25
    port = env_int("NEARER_EMAIL_PORT", default_port, minimum=1, maximum=65535)
    user, password = env_str("NEARER_EMAIL_USER", ""), env_str("NEARER_EMAIL_PASSWORD", "")
    if password and not user:  # Django's backend would skip the login without a word
        raise ImproperlyConfigured(
            "NEARER_EMAIL_PASSWORD is set but NEARER_EMAIL_USER is not; set both to sign in "
            "to the mail server, or neither"
        )
    return MailServer(host, port, user, password, tls, ssl)
