"""Settings from the environment through tiny typed helpers that fail loudly.

Every variable read here is documented in docs/configuration.md; a test checks that it is.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}
#: The level names logging knows, most verbose first (WARN and FATAL are its old spellings).
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL", "FATAL")


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in TRUE:
        return True
    if raw.strip().lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
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


def data_dir() -> Path:
    """The data folder (`data_dir_path`), created 0700 if it does not exist."""
    path = data_dir_path()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def data_dir_path() -> Path:
    """NEARER_DATA_DIR, else $XDG_DATA_HOME/nearer, else ~/.local/share/nearer; never made."""
    raw = os.environ.get("NEARER_DATA_DIR")
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(raw) if raw else Path(xdg) / "nearer"


def env_secret(name: str, folder: Path) -> str:
    """The secret from the environment, else from a 0600 file in `folder`, created on first use."""
    raw = os.environ.get(name)
    if raw:
        return raw
    path = folder / f"{name.lower()}.txt"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def database(url: str | None, folder: Path) -> dict[str, object]:
    """Django's DATABASES["default"] from DATABASE_URL; SQLite in `folder` when there is none."""
    if not url:
        return sqlite(folder / "nearer.sqlite3")
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return sqlite(Path(unquote(parts.path)))
    if parts.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with sqlite:/// or postgres://, got {parts.scheme or url!r}"
    )


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
