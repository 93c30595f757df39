"""The mail server account emails (password resets, sign-up notices) go through, from the
environment: Django's SMTP backend reads these settings, and without them it always tried
localhost:25. Checked at start, each mistake one line naming the variable."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from nearer.web.env import env_bool, env_int, env_path, env_str
from nearer.web.private_files import secret_file

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
#: The variables only Django's SMTP backend reads.
SMTP_VARIABLES = tuple(
    f"NEARER_EMAIL_{name}"
    for name in ("HOST", "PORT", "USER", "PASSWORD", "PASSWORD_FILE", "TLS", "SSL")
)

#: A host name or an IP address (IPv6 without brackets), as smtplib takes it.
MAIL_HOST = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)*|[0-9a-f:.]*:[0-9a-f:.]*", re.IGNORECASE)


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    user: str
    password: str = field(repr=False)  # never in a repr, a log line or a debug page
    tls: bool  # STARTTLS after connecting (port 587)
    ssl: bool  # TLS from the first byte (port 465)


def from_environment() -> MailServer:
    """NEARER_EMAIL_HOST, _PORT, _USER, _PASSWORD (or _PASSWORD_FILE), _TLS and _SSL. The port,
    when not given, is the one the TLS choice implies: 465 with SSL, 587 with TLS, else 25."""
    host = env_str("NEARER_EMAIL_HOST", "localhost").strip()
    if "@" in host or "://" in host:  # never echoed: a URL may hold the password
        raise ImproperlyConfigured(
            "NEARER_EMAIL_HOST: is a URL or has a user name in it, not a host; give the name "
            "alone (e.g. smtp.example.org), the user and password in NEARER_EMAIL_USER and "
            "NEARER_EMAIL_PASSWORD, the port in NEARER_EMAIL_PORT"
        )
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
    user, (password, given_in) = env_str("NEARER_EMAIL_USER", ""), _password()
    if password and not user:  # Django's backend would skip the login without a word
        raise ImproperlyConfigured(
            f"{given_in} is set but NEARER_EMAIL_USER is not; set both to sign in "
            "to the mail server, or neither"
        )
    return MailServer(host, port, user, password, tls, ssl)


def _password() -> tuple[str, str]:
    """The mail server's password and the variable it came from: NEARER_EMAIL_PASSWORD, or the
    file NEARER_EMAIL_PASSWORD_FILE names (read now, at start). Both at once are refused, as
    either would be ignored; an empty value is unset, as a service file's `VAR=` often is."""
    password, file = (
        env_str("NEARER_EMAIL_PASSWORD", ""),
        env_path("NEARER_EMAIL_PASSWORD_FILE", ""),
    )
    if not file:
        return password, "NEARER_EMAIL_PASSWORD"
    if password:
        raise ImproperlyConfigured(
            "NEARER_EMAIL_PASSWORD and NEARER_EMAIL_PASSWORD_FILE are both set; keep one "
            "(the file keeps the password out of the environment)"
        )
    return secret_file("NEARER_EMAIL_PASSWORD_FILE", Path(file)), "NEARER_EMAIL_PASSWORD_FILE"


def backend() -> str:
    """NEARER_EMAIL_BACKEND; unset, the SMTP backend where NEARER_EMAIL_HOST names a mail
    server, else the console backend (emails printed, for trying nearer on one machine)."""
    named = os.environ.get("NEARER_EMAIL_BACKEND")
    if named:
        return named
    return SMTP if os.environ.get("NEARER_EMAIL_HOST", "").strip() else CONSOLE


def check_backend(path: str) -> None:
    """Stop when NEARER_EMAIL_* name a mail server but the backend (settings' `path`) is not
    Django's SMTP backend or one made from it: the settings would be ignored, and a backend such
    as the console's would print reset links where whoever reads the logs could use them."""
    from django.core.mail.backends.smtp import EmailBackend
    from django.utils.module_loading import import_string

    given = [name for name in SMTP_VARIABLES if name in os.environ]
    backend_class = import_string(path)
    if given and not (isinstance(backend_class, type) and issubclass(backend_class, EmailBackend)):
        raise ImproperlyConfigured(
            f"NEARER_EMAIL_BACKEND: {path!r} does not send through a mail server, but "
            f"{given[0]} is set; unset NEARER_EMAIL_BACKEND to send through it, or unset "
            "NEARER_EMAIL_*"
        )
