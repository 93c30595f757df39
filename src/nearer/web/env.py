"""Settings from the environment through tiny typed helpers that fail loudly.

Every variable read here is documented in docs/configuration.md; a test checks that it is.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import SplitResult, parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}
#: The level names logging knows, most verbose first (WARN and FATAL are its old spellings).
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL", "FATAL")
#: A host name (or IPv4 address), and an IPv6 address in brackets, as both lists below write them.
NAME, IPV6 = r"[a-z0-9-]+(\.[a-z0-9-]+)*", r"\[[0-9a-f:.]+\]"
#: An entry of NEARER_ALLOWED_HOSTS as Django compares it with a request's host: a name, a name
#: with a leading dot (it and its subdomains), an IPv4 address, an IPv6 address in brackets, or *.
HOST = re.compile(rf"\*|\.?{NAME}|{IPV6}", re.IGNORECASE)
HOST_LOOKS = (
    "a host is a name (nearer.example.org), .example.org for it and its subdomains, "
    "an IP address (127.0.0.1, [::1]) or *, with no scheme, port or path"
)
#: The libpq connection parameters DATABASE_URL may carry after `?` (docs/configuration.md).
#: They go to the connection's OPTIONS, and to pg_dump, pg_restore and psql (web/backups).
LIBPQ_PARAMETERS = (
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "connect_timeout",
    "options",
    "application_name",
    "target_session_attrs",
)
#: The values libpq accepts for the parameters that take one of a few.
LIBPQ_CHOICES = {
    "sslmode": ("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
    "target_session_attrs": (
        "any",
        "read-write",
        "read-only",
        "primary",
        "standby",
        "prefer-standby",
    ),
}
POSTGRES_URL = "postgres://USER:PASSWORD@HOST:PORT/NAME"
SQLITE_URL = "sqlite:////absolute/path.sqlite3"
#: An entry of NEARER_CSRF_TRUSTED_ORIGINS as Django compares it with a request's Origin: a
#: scheme, then a host (a leading *. for its subdomains) and an optional port, with no path.
ORIGIN = re.compile(rf"https?://(\*\.)?({NAME}|{IPV6})(:[0-9]{{1,5}})?", re.IGNORECASE)
#: NEARER_PUBLIC_URL: the one origin people open nearer at (no subdomain pattern), a `/` allowed.
PUBLIC_URL = re.compile(rf"(https?://({NAME}|{IPV6})(?P<port>:[0-9]{{1,5}})?)/?", re.IGNORECASE)


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_path(name: str, default: str) -> str:
    """A file's path from the environment; empty is unset, as for NEARER_DATA_DIR (an empty
    value would otherwise name the current folder)."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in TRUE:
        return True
    if raw.strip().lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}")


def env_int(name: str, default: int, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole number from `minimum` to `maximum` (None: no upper bound). A bound keeps a value
    that starts fine from breaking every request later (a date 10,000 years away overflows).
    Anything else is refused in one line naming the variable and the range it accepts."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    accepted = f"at least {minimum}" if maximum is None else f"from {minimum} to {maximum}"
    refused = f"{name} must be a whole number {accepted}, got"
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{refused} {raw!r}") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise ImproperlyConfigured(f"{refused} {value}")
    return value


def env_log_level(name: str, default: str) -> str:
    """A standard logging level name, in any case ("debug" is DEBUG), as logging spells it."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    level = raw.strip().upper()
    if level not in LOG_LEVELS:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(LOG_LEVELS)} (any case), got {raw!r}"
        )
    return level


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    return default if raw is None else [part.strip() for part in raw.split(",") if part.strip()]


def env_origins(name: str) -> list[str]:
    """Comma-separated origins for CSRF_TRUSTED_ORIGINS. One without a scheme, or with a path,
    never matches a request's Origin, so every form posted through that proxy would be refused:
    refused here, at start, instead."""
    origins = env_list(name, [])
    for origin in origins:
        if not ORIGIN.fullmatch(origin):
            raise ImproperlyConfigured(
                f"{name}: {origin!r} is not an origin; an origin is a scheme and a host with an "
                "optional port and no path, e.g. https://nearer.example.org or "
                "https://*.example.org:8443"
            )
    return origins


def env_hosts(name: str, default: list[str]) -> list[str]:
    """Comma-separated host names for ALLOWED_HOSTS. An empty entry, or one with a scheme, port
    or path, never matches a request's host, so every request would be a 400: refused here."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    if not raw.strip():
        raise ImproperlyConfigured(
            f"{name} is empty, so nearer would answer no request; give host names separated "
            "by commas, e.g. nearer.example.org,127.0.0.1"
        )
    hosts = [part.strip() for part in raw.split(",")]
    for host in hosts:
        if not host:
            raise ImproperlyConfigured(
                f"{name} has an empty entry in {raw!r}; give host names separated by commas"
            )
        if not HOST.fullmatch(host):
            raise ImproperlyConfigured(f"{name}: {host!r} is not a host; {HOST_LOOKS}")
    return hosts


def env_public_url(name: str) -> str:
    """The origin links in emails start with, without a trailing `/`; empty when unset. One
    with a path or without a scheme would make every emailed link a dead one: refused here."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    match = PUBLIC_URL.fullmatch(raw)
    if match is None or not _a_port(match.group("port")):
        raise ImproperlyConfigured(
            f"{name}: {raw!r} is not an origin; give the scheme and host people open nearer at, "
            "with an optional port and no path, e.g. https://nearer.example.org"
        )
    return match.group(1)


def _a_port(written: str | None) -> bool:
    """Whether a URL's `:port` part (or none) names a port a link can reach, 1 to 65535."""
    return written is None or 1 <= int(written[1:]) <= 65535


def check_public_links(hosts: list[str], public_url: str) -> None:
    """Stop when emails could link anywhere: with `*` in ALLOWED_HOSTS a request's host is
    whatever its sender wrote, so a reset email asked for with `Host: evil.example` would carry
    its token there. NEARER_PUBLIC_URL, or hosts named, gives the links an origin to trust."""
    if "*" in hosts and not public_url:
        raise ImproperlyConfigured(
            "NEARER_ALLOWED_HOSTS is * and NEARER_PUBLIC_URL is not set, so links in emails "
            "would go to whatever host a request names; set NEARER_PUBLIC_URL (e.g. "
            "https://nearer.example.org) or name the hosts"
        )


def check_email_backend(path: str) -> None:
    """Stop when NEARER_EMAIL_BACKEND (as settings hold it in `path`) is no email backend.

    Django imports the backend only when the first email goes, and the password-reset page says
    the email was sent whatever happens; so this is called at start, once settings are loaded
    (importing from inside settings could read settings half-made).
    """
    try:
        backend = import_string(path)
    except ImportError:
        raise ImproperlyConfigured(
            f"NEARER_EMAIL_BACKEND: {path!r} cannot be imported; give an email backend's "
            "dotted path, e.g. django.core.mail.backends.smtp.EmailBackend"
        ) from None
    if not callable(getattr(backend, "send_messages", None)):
        raise ImproperlyConfigured(
            f"NEARER_EMAIL_BACKEND: {path!r} is not an email backend (it has no send_messages)"
        )


def database(url: str | None, folder: Path) -> dict[str, object]:
    """Django's DATABASES["default"] from DATABASE_URL; SQLite in `folder` when there is none."""
    if not url:
        return sqlite(folder / "nearer.sqlite3")
    parts = split_url(url)
    if parts.scheme == "sqlite":
        return sqlite(sqlite_path(parts))
    if parts.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": database_name(parts),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": port(parts),
            "OPTIONS": libpq_options(parts.query),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        "DATABASE_URL must start with sqlite:/// or postgres://, "
        f"got {parts.scheme + '://' if parts.scheme else 'no scheme'}"
    )


def database_name(parts: SplitResult) -> str:
    """The database a postgres:// DATABASE_URL names; one naming none is refused, as libpq would
    otherwise fall back to a database named after the user, or fail deep inside Django."""
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured(
            f"DATABASE_URL: names no database after the host; write it as {POSTGRES_URL}"
        )
    return name


def sqlite_path(parts: SplitResult) -> Path:
    """The file of a sqlite:/// DATABASE_URL. A host, parameters or no file at all are refused:
    each would be dropped without a word, and nearer would use a file no one meant."""
    if parts.netloc:
        raise ImproperlyConfigured(
            f"DATABASE_URL: sqlite:// takes no host (got {parts.netloc!r}); write {SQLITE_URL}"
        )
    if parts.query or parts.fragment:
        raise ImproperlyConfigured(
            "DATABASE_URL: a sqlite:/// URL takes nothing after the path (no ? or #); "
            f"write {SQLITE_URL}"
        )
    path = "/" + unquote(parts.path).lstrip("/")  # sqlite:////a/b, and sqlite:///a/b as /a/b
    if path.endswith("/"):
        raise ImproperlyConfigured(
            f"DATABASE_URL: {path!r} is a folder, not a file; write {SQLITE_URL}"
        )
    return Path(path)


def split_url(url: str) -> SplitResult:
    """DATABASE_URL in parts; one that cannot be split names what is wrong, never the password."""
    try:
        return urlsplit(url)
    except ValueError:  # urlsplit says "Invalid IPv6 URL" and the like, quoting the host
        if "[" in url or "]" in url:
            raise ImproperlyConfigured(
                "DATABASE_URL: the host in brackets must be an IPv6 address, closed by ], "
                "as in postgres://USER:PASSWORD@[::1]:5432/NAME"
            ) from None
        raise ImproperlyConfigured(
            f"DATABASE_URL: is not a URL nearer can read; write it as {POSTGRES_URL}"
        ) from None


def port(parts: SplitResult) -> str:
    """The port in DATABASE_URL, "" for libpq's default; anything but 1 to 65535 is refused."""
    try:
        number = parts.port
    except ValueError:  # not a number, or out of range
        number = 0
    if number != 0:
        return str(number or "")
    if "@" not in parts.netloc and "@" in parts.geturl():  # "u:pa/ss@h": "u:pa" is host and port
        raise ImproperlyConfigured(
            "DATABASE_URL: a /, ? or # before the @ ends the host part; percent-encode them in "
            "the user name and password (%2F, %3F, %23)"
        )
    given = parts.netloc.rpartition("@")[2].rpartition(":")[2]  # after the password
    raise ImproperlyConfigured(
        f"DATABASE_URL: the port must be a number from 1 to 65535, got {given!r}"
    )


def libpq_options(query: str) -> dict[str, str]:
    """The libpq parameters after `?` in DATABASE_URL, checked. An unknown one is refused rather
    than dropped: dropping `sslmode=require` would quietly connect without TLS."""
    given = parse_qsl(query, keep_blank_values=True)
    unknown = list(dict.fromkeys(name for name, _ in given if name not in LIBPQ_PARAMETERS))
    if unknown:  # named, never their values: one may be a password put in the wrong place
        raise ImproperlyConfigured(
            f"DATABASE_URL: unknown parameter{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(map(repr, unknown))} after ?; nearer passes on "
            f"{', '.join(LIBPQ_PARAMETERS)}"
        )
    options: dict[str, str] = {}
    for name, value in given:
        if name in options:
            raise ImproperlyConfigured(f"DATABASE_URL: the parameter {name} is given twice")
        if not value:
            raise ImproperlyConfigured(f"DATABASE_URL: the parameter {name} has no value")
        choices = LIBPQ_CHOICES.get(name)
        if choices and value not in choices:
            raise ImproperlyConfigured(
                f"DATABASE_URL: {name} must be one of {', '.join(choices)}, got {value!r}"
            )
        if name == "connect_timeout" and not value.isdigit():
            raise ImproperlyConfigured(
                f"DATABASE_URL: connect_timeout must be a whole number of seconds, got {value!r}"
            )
        options[name] = value
    return options


def sqlite(path: Path) -> dict[str, object]:
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at the start
    # of a transaction so two writers queue on the busy timeout instead of failing mid-way.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
            ),
        },
    }
