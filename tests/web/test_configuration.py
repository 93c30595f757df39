from __future__ import annotations

import importlib
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection
from django.db.utils import ConnectionHandler
from django.test import Client, override_settings

from nearer.web import env
from nearer.web import settings as nearer_settings
from nearer.web.accounts.models import User
from nearer.web.backups import pg_client, postgres
from tests.web.conftest import PASSWORD

ROOT = Path(__file__).parents[2]


def read_variables() -> set[str]:
    code = "".join(p.read_text() for p in (ROOT / "src/nearer/web").glob("*.py"))
    found = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', code))
    found |= set(re.findall(r'os\.environ(?:\.get)?\(\s*"([A-Z_]+)"', code))
    found |= set(re.findall(r'os\.environ\[\s*"([A-Z_]+)"', code))
    return found - {"DJANGO_SETTINGS_MODULE"}


def test_every_environment_variable_is_documented() -> None:
    documented = (ROOT / "docs/configuration.md").read_text()
    variables = read_variables()
    assert "DATABASE_URL" in variables and "NEARER_DATA_DIR" in variables
    for name in variables:
        assert f"`{name}`" in documented, name


def test_database_url_chooses_postgresql_or_sqlite(tmp_path: Path) -> None:
    pg = env.database("postgres://u:p%40ss@db.local:5433/nearer", tmp_path)
    assert (pg["ENGINE"], pg["NAME"], pg["USER"], pg["PASSWORD"], pg["PORT"]) == (
        "django.db.backends.postgresql",
        "nearer",
        "u",
        "p@ss",
        "5433",
    )
    assert env.database(None, tmp_path)["NAME"] == str(tmp_path / "nearer.sqlite3")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.database("mysql://x/y", tmp_path)


def test_a_sqlite_url_names_its_file(tmp_path: Path) -> None:
    assert env.database("sqlite:////srv/nearer/db.sqlite3", tmp_path)["NAME"] == (
        "/srv/nearer/db.sqlite3"
    )
    assert env.database("sqlite:////srv/my%20data/db", tmp_path)["NAME"] == "/srv/my data/db"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("sqlite://nearer.sqlite3", "sqlite:// takes no host (got 'nearer.sqlite3')"),
        ("sqlite:////srv/db.sqlite3?mode=ro", "takes nothing after the path (no ? or #)"),
        ("sqlite:////srv/db.sqlite3#x", "takes nothing after the path"),
        ("sqlite:////srv/", "'/srv/' is a folder, not a file"),
        ("sqlite:///", "'/' is a folder, not a file"),
    ],
)
def test_a_sqlite_url_that_would_be_read_otherwise_than_written_is_refused(
    tmp_path: Path, url: str, says: str
) -> None:
    with pytest.raises(ImproperlyConfigured) as refused:
        env.database(url, tmp_path)
    assert str(refused.value).startswith("DATABASE_URL: "), refused.value
    assert says in str(refused.value) and env.SQLITE_URL in str(refused.value), refused.value


def test_bad_values_fail_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEARER_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="NEARER_DEBUG"):
        env.env_bool("NEARER_DEBUG", False)
    monkeypatch.setenv("NEARER_SESSION_DAYS", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env.env_int("NEARER_SESSION_DAYS", 14, minimum=1)


def test_a_log_level_is_read_in_any_case_and_anything_else_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for given, level in (("debug", "DEBUG"), (" Info ", "INFO"), ("WARNING", "WARNING")):
        monkeypatch.setenv("NEARER_LOG_LEVEL", given)
        assert env.env_log_level("NEARER_LOG_LEVEL", "WARNING") == level
    monkeypatch.delenv("NEARER_LOG_LEVEL")
    assert env.env_log_level("NEARER_LOG_LEVEL", "WARNING") == "WARNING"
    for wrong in ("loud", "10", ""):
        monkeypatch.setenv("NEARER_LOG_LEVEL", wrong)
        with pytest.raises(ImproperlyConfigured, match=r"^NEARER_LOG_LEVEL must be one of DEBUG"):
            env.env_log_level("NEARER_LOG_LEVEL", "WARNING")


def test_sqlite_runs_in_wal_with_immediate_transactions(tmp_path: Path) -> None:
    options = env.sqlite(tmp_path / "x.sqlite3")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"  # type: ignore[index]
    assert "journal_mode=WAL" in options["init_command"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgres://nearer:s3cret@127.0.0.1:99999/x", "the port must be a number from 1 to 65535"),
        ("postgres://nearer:s3cret@127.0.0.1:abc/x", "the port must be a number from 1 to 65535"),
        ("postgres://nearer:s3cret@127.0.0.1:0/x", "the port must be a number from 1 to 65535"),
        ("postgres://nearer:s3cret@[::1:5432/x", "the host in brackets must be an IPv6 address"),
        ("postgres://nearer:s3/cret@db:5432/x", "percent-encode them"),
        ("//nearer:s3cret@db/x", "DATABASE_URL must start with"),
        ("postgres://u:s3cret@localhost/", "names no database"),
        ("postgres://nearer:s3cret@127.0.0.1:8734", "names no database"),
    ],
    ids=[
        "port too big",
        "port not a number",
        "port 0",
        "IPv6 unclosed",
        "slash in password",
        "no scheme",
        "no database name",
        "no path at all",
    ],
)
def test_a_database_url_that_cannot_be_read_names_what_is_wrong_but_never_the_password(
    tmp_path: Path, url: str, says: str
) -> None:
    with pytest.raises(ImproperlyConfigured) as refused:
        env.database(url, tmp_path)
    message = str(refused.value)
    assert message.startswith("DATABASE_URL") and says in message, message
    assert "s3" not in message and "cret" not in message, message


ALL_LIBPQ = {
    "sslmode": "verify-full",
    "sslrootcert": "/etc/nearer/root.crt",
    "sslcert": "/etc/nearer/client.crt",
    "sslkey": "/etc/nearer/client.key",
    "connect_timeout": "5",
    "options": "-c statement_timeout=30s",
    "application_name": "nearer-web",
    "target_session_attrs": "read-write",
}


def test_libpq_parameters_in_the_database_url_reach_the_connection_and_the_backup_tools(
    tmp_path: Path,
) -> None:
    query = urlencode(ALL_LIBPQ)
    pg = env.database(f"postgres://u:p@db.local/nearer?{query}", tmp_path)
    assert pg["OPTIONS"] == ALL_LIBPQ
    tools = postgres.environment(pg, "backup")
    assert tools["PGSSLMODE"] == "verify-full" and tools["PGSSLROOTCERT"] == "/etc/nearer/root.crt"
    assert (tools["PGSSLCERT"], tools["PGSSLKEY"]) == (
        "/etc/nearer/client.crt",
        "/etc/nearer/client.key",
    )
    assert (tools["PGCONNECT_TIMEOUT"], tools["PGAPPNAME"]) == ("5", "nearer-web")
    assert tools["PGTARGETSESSIONATTRS"] == "read-write"
    assert tools["PGOPTIONS"].startswith("-c statement_timeout=30s ")
    assert tools["PGOPTIONS"].endswith(
        postgres.session(postgres.LOCK_WAIT)
    )  # nearer's lock timeout still holds


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("sslmod=require&foo=1", "unknown parameters 'sslmod', 'foo' after ?"),
        ("password=s3cret", "unknown parameter 'password' after ?"),
        ("sslmode=required", "sslmode must be one of disable, allow, prefer, require"),
        ("sslmode=require&sslmode=disable", "the parameter sslmode is given twice"),
        ("sslmode=", "the parameter sslmode has no value"),
        ("connect_timeout=soon", "connect_timeout must be a whole number of seconds"),
    ],
)
def test_a_libpq_parameter_nearer_does_not_pass_on_is_refused_not_dropped(
    tmp_path: Path, query: str, says: str
) -> None:
    with pytest.raises(ImproperlyConfigured) as refused:
        env.database(f"postgres://u:p@db.local/nearer?{query}", tmp_path)
    assert str(refused.value).startswith(f"DATABASE_URL: {says}"), refused.value
    assert "s3cret" not in str(refused.value)


@pytest.fixture
def environ() -> Iterator[pytest.MonkeyPatch]:
    """The environment to change for a fresh read of nearer's settings, which are read again
    as they were once it is put back."""
    with pytest.MonkeyPatch.context() as patch:
        yield patch
    importlib.reload(nearer_settings)


on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="sslmode is PostgreSQL's"
)


@on_postgresql
def test_sslmode_require_is_kept_so_a_server_without_tls_is_refused(
    db: None, tmp_path: Path
) -> None:
    # The throwaway test server has no TLS: asked for it, libpq must refuse to connect at all.
    pg = env.database(os.environ["DATABASE_URL"] + "?sslmode=require", tmp_path)
    wrapper = ConnectionHandler({"default": pg})["default"]
    with pytest.raises(OperationalError, match="SSL"):
        wrapper.ensure_connection()
    client = pg_client.choose(pg_client.clients(), 0)
    done = subprocess.run(
        [client.pg_dump, "--schema-only", "--no-password"],
        env=postgres.environment(wrapper.settings_dict, "test"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0 and "SSL" in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("NEARER_SESSION_DAYS", "999999", "from 1 to 3650"),
        ("NEARER_SESSION_IDLE_MINUTES", "9999999999", "from 1 to 525600"),
        ("NEARER_ACTIVITY_DAYS", "1000000", "from 1 to 3650"),
        ("NEARER_SAFETY_RESCREEN_WEEKS", "100000", "from 1 to 520"),
        ("NEARER_CHAT_MAX_UPLOAD_MB", "104857600", "from 1 to 10240"),
        ("NEARER_HSTS_SECONDS", "999999999999", "from 0 to 63072000"),
    ],
)
def test_an_integer_setting_beyond_its_bound_is_refused_at_start(
    environ: pytest.MonkeyPatch, name: str, value: str, says: str
) -> None:
    environ.setenv(name, value)
    environ.setenv("NEARER_HTTPS", "true")
    with pytest.raises(
        ImproperlyConfigured, match=f"^{name} must be a whole number {says}, got {value}$"
    ):
        importlib.reload(nearer_settings)


@pytest.mark.parametrize(
    ("value", "shown"), [("-1", "-1"), ("99999999999", "99999999999"), ("a year", "'a year'")]
)
def test_hsts_seconds_out_of_range_is_refused_even_with_https_off(
    environ: pytest.MonkeyPatch, value: str, shown: str
) -> None:
    """Checked whenever it is set: a value that passed with HTTPS off would stop nearer only on
    the day HTTPS is turned on."""
    environ.setenv("NEARER_HSTS_SECONDS", value)
    environ.setenv("NEARER_HTTPS", "false")
    said = re.escape(f"NEARER_HSTS_SECONDS must be a whole number from 0 to 63072000, got {shown}")
    with pytest.raises(ImproperlyConfigured, match=f"^{said}$"):
        importlib.reload(nearer_settings)


def test_hsts_is_off_without_https_whatever_the_seconds(environ: pytest.MonkeyPatch) -> None:
    environ.setenv("NEARER_HSTS_SECONDS", "3600")
    environ.setenv("NEARER_HTTPS", "false")
    assert importlib.reload(nearer_settings).SECURE_HSTS_SECONDS == 0


def test_the_largest_documented_values_are_accepted(environ: pytest.MonkeyPatch) -> None:
    environ.setenv("NEARER_SESSION_DAYS", "3650")
    environ.setenv("NEARER_SESSION_IDLE_MINUTES", "525600")
    environ.setenv("NEARER_ACTIVITY_DAYS", "3650")
    reloaded = importlib.reload(nearer_settings)
    assert reloaded.SESSION_COOKIE_AGE == 3650 * 24 * 3600 and reloaded.ACTIVITY_DAYS == 3650


@override_settings(
    SESSION_COOKIE_AGE=3650 * 24 * 3600, NEARER_SESSION_IDLE_MINUTES=525600, ACTIVITY_DAYS=3650
)
def test_signing_in_works_at_the_largest_documented_values(alice: User) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/home/").status_code == 200


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (",", "has an empty entry in ','"),
        ("nearer.example.org,", "has an empty entry"),
        ("", "is empty, so nearer would answer no request"),
        ("http://127.0.0.1:8667", "'http://127.0.0.1:8667' is not a host; a host is a name"),
        ("127.0.0.1:8667", "'127.0.0.1:8667' is not a host"),
        ("nearer.example.org/app", "'nearer.example.org/app' is not a host"),
        ("::1", "'::1' is not a host"),
    ],
)
def test_allowed_hosts_that_no_request_could_match_are_refused(
    monkeypatch: pytest.MonkeyPatch, value: str, says: str
) -> None:
    monkeypatch.setenv("NEARER_ALLOWED_HOSTS", value)
    with pytest.raises(ImproperlyConfigured) as refused:
        env.env_hosts("NEARER_ALLOWED_HOSTS", [])
    assert str(refused.value).startswith("NEARER_ALLOWED_HOSTS"), refused.value
    assert says in str(refused.value), refused.value


@pytest.mark.parametrize(
    "value", ["nearer.example.org", "https://nearer.example.org/", "https://", "ftp://x.org"]
)
def test_trusted_origins_that_no_request_could_match_are_refused(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("NEARER_CSRF_TRUSTED_ORIGINS", f"https://ok.example.org,{value}")
    with pytest.raises(ImproperlyConfigured) as refused:
        env.env_origins("NEARER_CSRF_TRUSTED_ORIGINS")
    assert str(refused.value).startswith(
        f"NEARER_CSRF_TRUSTED_ORIGINS: {value!r} is not an origin"
    ), refused.value


def test_trusted_origins_take_schemes_hosts_ports_and_subdomains(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = ["https://nearer.example.org", "https://*.example.org:8443", "http://[::1]:8000"]
    monkeypatch.setenv("NEARER_CSRF_TRUSTED_ORIGINS", " , ".join(given))
    assert env.env_origins("NEARER_CSRF_TRUSTED_ORIGINS") == given


def test_allowed_hosts_take_names_addresses_subdomains_and_any(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = ["nearer.example.org", ".example.org", "127.0.0.1", "[::1]", "localhost", "*"]
    monkeypatch.setenv("NEARER_ALLOWED_HOSTS", " , ".join(given))
    assert env.env_hosts("NEARER_ALLOWED_HOSTS", []) == given


@pytest.mark.parametrize(
    "value",
    [
        "nearer.example.org",
        "https://nearer.example.org/app",
        "ftp://x.org",
        "https://",
        "https://nearer.example.org:0",
        "https://nearer.example.org:99999",
    ],
)
def test_a_public_url_emails_could_not_link_to_is_refused_naming_it(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("NEARER_PUBLIC_URL", value)
    with pytest.raises(ImproperlyConfigured, match=f"^NEARER_PUBLIC_URL: {re.escape(repr(value))}"):
        env.env_public_url("NEARER_PUBLIC_URL")


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        ("https://nearer.example.org/", "https://nearer.example.org"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("https://nearer.example.org:65535", "https://nearer.example.org:65535"),
        ("", ""),
    ],
)
def test_a_public_url_is_an_origin_without_its_slash(
    monkeypatch: pytest.MonkeyPatch, value: str, origin: str
) -> None:
    monkeypatch.setenv("NEARER_PUBLIC_URL", value)
    assert env.env_public_url("NEARER_PUBLIC_URL") == origin


def test_any_host_without_a_public_url_is_refused_naming_both() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"^NEARER_ALLOWED_HOSTS is \* and NEARER_PUB"):
        env.check_public_links(["*"], "")
    env.check_public_links(["*"], "https://nearer.example.org")
    env.check_public_links(["nearer.example.org"], "")


@pytest.mark.parametrize(
    ("backend", "says"),
    [
        ("smtp", "'smtp' cannot be imported"),
        ("no.such.Backend", "'no.such.Backend' cannot be imported"),
        (
            "django.core.mail.backends.smtp.NoSuchBackend",
            "'django.core.mail.backends.smtp.NoSuchBackend' cannot",
        ),
        ("os.path", "'os.path' is not an email backend"),
    ],
)
def test_an_email_backend_that_cannot_send_is_refused(backend: str, says: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=f"^NEARER_EMAIL_BACKEND: {re.escape(says)}"):
        env.check_email_backend(backend)


def test_djangos_email_backends_are_accepted() -> None:
    for backend in ("smtp", "console", "locmem"):
        env.check_email_backend(f"django.core.mail.backends.{backend}.EmailBackend")
