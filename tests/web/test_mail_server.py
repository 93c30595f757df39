"""web/mail_server.py: account emails reach the mail server the environment names."""

from __future__ import annotations

import importlib
import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.views.debug import SafeExceptionReporterFilter

from nearer.web import mail_server
from nearer.web import settings as nearer_settings
from nearer.web.accounts import outbox
from nearer.web.accounts.models import User

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def serve_smtp(listener: socket.socket, received: list[bytes]) -> None:
    """Answer one SMTP session on `listener` as a mail server would, keeping what DATA sent."""
    connection, _ = listener.accept()
    with connection, connection.makefile("rb") as lines:
        connection.sendall(b"220 test ESMTP\r\n")
        for line in lines:
            verb = line[:4].upper()
            if verb == b"DATA":
                connection.sendall(b"354 go on\r\n")
                received.append(b"".join(iter(lines.readline, b".\r\n")))
                connection.sendall(b"250 queued\r\n")
            elif verb == b"QUIT":
                connection.sendall(b"221 bye\r\n")
                return
            else:
                connection.sendall(b"250 ok\r\n")


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, list[bytes]]]:
    """A mail server on a loopback port, for one session: its port and the messages it got."""
    received: list[bytes] = []
    with socket.create_server(("127.0.0.1", 0)) as listener:
        thread = threading.Thread(target=serve_smtp, args=(listener, received), daemon=True)
        thread.start()
        yield listener.getsockname()[1], received
        thread.join(timeout=10)


@pytest.fixture
def environ() -> Iterator[pytest.MonkeyPatch]:
    """The environment to change for a fresh read of settings, read again once it is put back."""
    with pytest.MonkeyPatch.context() as patch:
        yield patch
    importlib.reload(nearer_settings)


def test_a_reset_email_arrives_through_the_mail_server_the_environment_names(
    alice: User, smtp_server: tuple[int, list[bytes]], environ: pytest.MonkeyPatch
) -> None:
    port, received = smtp_server
    environ.setenv("NEARER_EMAIL_HOST", "127.0.0.1")
    environ.setenv("NEARER_EMAIL_PORT", str(port))
    read = importlib.reload(nearer_settings)
    with override_settings(
        EMAIL_BACKEND=SMTP, EMAIL_HOST=read.EMAIL_HOST, EMAIL_PORT=read.EMAIL_PORT
    ):
        Client().post("/accounts/password/reset/", {"email": alice.email})
        outbox.flush()
    [message] = received
    assert f"To: {alice.email}".encode() in message and b"/accounts/password/reset/" in message


def test_the_mail_server_settings_reach_djangos_smtp_settings(
    environ: pytest.MonkeyPatch,
) -> None:
    for name, value in {
        "NEARER_EMAIL_HOST": "smtp.example.org",
        "NEARER_EMAIL_USER": "nearer",
        "NEARER_EMAIL_PASSWORD": "s3cret",
        "NEARER_EMAIL_TLS": "true",
    }.items():
        environ.setenv(name, value)
    read = importlib.reload(nearer_settings)
    assert (read.EMAIL_HOST, read.EMAIL_PORT, read.EMAIL_USE_TLS, read.EMAIL_USE_SSL) == (
        "smtp.example.org",
        587,
        True,
        False,
    )
    assert (read.EMAIL_HOST_USER, read.EMAIL_HOST_PASSWORD) == ("nearer", "s3cret")


def test_the_mail_password_is_in_no_repr_and_no_unmasked_setting(
    environ: pytest.MonkeyPatch,
) -> None:
    environ.setenv("NEARER_EMAIL_USER", "nearer")
    environ.setenv("NEARER_EMAIL_PASSWORD", "s3cret")
    assert "s3cret" not in repr(mail_server.from_environment())
    read = importlib.reload(nearer_settings)
    debug_page = SafeExceptionReporterFilter()
    for name in (name for name in dir(read) if name.isupper()):
        assert "s3cret" not in repr(debug_page.cleanse_setting(name, getattr(read, name))), name


def password_file(folder: Path, text: str, mode: int = 0o600) -> Path:
    path = folder / "mail-password"
    path.write_text(text, newline="")
    path.chmod(mode)
    return path


@pytest.mark.parametrize("written", ["s3cret pass", "s3cret pass\n", "s3cret pass\r\n"])
def test_the_mail_password_is_read_from_the_file_without_its_line_break(
    environ: pytest.MonkeyPatch, tmp_path: Path, written: str
) -> None:
    environ.setenv("NEARER_EMAIL_USER", "nearer")
    environ.delenv("NEARER_EMAIL_PASSWORD", raising=False)
    environ.setenv("NEARER_EMAIL_PASSWORD_FILE", str(password_file(tmp_path, written)))
    assert importlib.reload(nearer_settings).EMAIL_HOST_PASSWORD == "s3cret pass"


@pytest.mark.parametrize("mode", [0o440, 0o640], ids=["0440", "0640"])
def test_a_mail_password_file_a_group_may_read_is_read(
    environ: pytest.MonkeyPatch, tmp_path: Path, mode: int
) -> None:
    """systemd credentials under User= (an ACL shows as group read), root:nearer 0440."""
    environ.setenv("NEARER_EMAIL_USER", "nearer")
    environ.delenv("NEARER_EMAIL_PASSWORD", raising=False)
    path = password_file(tmp_path, "s3cret\n")
    path.chmod(mode)
    environ.setenv("NEARER_EMAIL_PASSWORD_FILE", str(path))
    assert mail_server.from_environment().password == "s3cret"


def test_an_empty_mail_password_beside_the_file_counts_as_unset(
    environ: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    environ.setenv("NEARER_EMAIL_USER", "nearer")
    environ.setenv("NEARER_EMAIL_PASSWORD", "")
    environ.setenv("NEARER_EMAIL_PASSWORD_FILE", str(password_file(tmp_path, "s3cret\n")))
    assert mail_server.from_environment().password == "s3cret"


PASSWORD_FILES = {
    "missing": (None, 0o600, "{path} cannot be read (No such file or directory)"),
    "empty": ("\n", 0o600, "{path} is empty; write the secret in it"),
    "two lines": ("s3cret\nmore\n", 0o600, "{path} holds more than one line"),
    "anyone may read": ("s3cret\n", 0o644, "{path} may be read by anyone (mode 0644)"),
    "not text": (None, 0o600, "{path} is not UTF-8 text"),
}


@pytest.mark.parametrize(("written", "mode", "says"), PASSWORD_FILES.values(), ids=PASSWORD_FILES)
def test_a_mail_password_file_that_cannot_serve_is_refused_in_one_line_naming_it(
    environ: pytest.MonkeyPatch, tmp_path: Path, written: str | None, mode: int, says: str
) -> None:
    path = tmp_path / "mail-password"
    if written is not None:
        path = password_file(tmp_path, written, mode)
    elif "UTF-8" in says:
        path.write_bytes(b"s3cret\xff\n")
        path.chmod(mode)
    environ.setenv("NEARER_EMAIL_USER", "nearer")
    environ.delenv("NEARER_EMAIL_PASSWORD", raising=False)
    environ.setenv("NEARER_EMAIL_PASSWORD_FILE", str(path))
    with pytest.raises(ImproperlyConfigured) as refused:
        mail_server.from_environment()
    said = str(refused.value)
    assert said.startswith(f"NEARER_EMAIL_PASSWORD_FILE: {says.format(path=path)}"), said
    assert "\n" not in said and "s3cret" not in said


def test_a_mail_password_given_both_ways_is_refused(
    environ: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    environ.setenv("NEARER_EMAIL_USER", "nearer")
    environ.setenv("NEARER_EMAIL_PASSWORD", "s3cret")
    environ.setenv("NEARER_EMAIL_PASSWORD_FILE", str(password_file(tmp_path, "s3cret\n")))
    with pytest.raises(ImproperlyConfigured, match=r"^NEARER_EMAIL_PASSWORD and NEARER_EMAIL_PA"):
        mail_server.from_environment()


def test_a_mail_password_file_without_a_user_is_refused_naming_the_file_variable(
    environ: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    environ.delenv("NEARER_EMAIL_USER", raising=False)
    environ.delenv("NEARER_EMAIL_PASSWORD", raising=False)
    environ.setenv("NEARER_EMAIL_PASSWORD_FILE", str(password_file(tmp_path, "s3cret\n")))
    with pytest.raises(ImproperlyConfigured, match=r"^NEARER_EMAIL_PASSWORD_FILE is set but NEA"):
        mail_server.from_environment()


def test_a_mail_host_alone_sends_through_smtp(environ: pytest.MonkeyPatch) -> None:
    environ.delenv("NEARER_EMAIL_BACKEND", raising=False)
    environ.setenv("NEARER_EMAIL_HOST", "smtp.example.org")
    assert importlib.reload(nearer_settings).EMAIL_BACKEND == SMTP


def test_without_a_mail_host_emails_are_printed(environ: pytest.MonkeyPatch) -> None:
    for name in ("NEARER_EMAIL_BACKEND", "NEARER_EMAIL_HOST"):
        environ.delenv(name, raising=False)
    assert importlib.reload(nearer_settings).EMAIL_BACKEND == mail_server.CONSOLE


@pytest.mark.parametrize("variable", mail_server.SMTP_VARIABLES)
def test_mail_server_settings_with_a_backend_that_ignores_them_are_refused(
    environ: pytest.MonkeyPatch, variable: str
) -> None:
    environ.setenv(variable, "1")
    with pytest.raises(ImproperlyConfigured, match=f"but {variable} is set"):
        mail_server.check_backend(mail_server.CONSOLE)
    mail_server.check_backend(SMTP)


def test_another_backend_without_mail_server_settings_is_fine(
    environ: pytest.MonkeyPatch,
) -> None:
    for name in mail_server.SMTP_VARIABLES:
        environ.delenv(name, raising=False)
    mail_server.check_backend("django.core.mail.backends.locmem.EmailBackend")


@pytest.mark.parametrize(
    ("given", "says"),
    [
        (
            {"NEARER_EMAIL_TLS": "1", "NEARER_EMAIL_SSL": "1"},
            "NEARER_EMAIL_TLS and NEARER_EMAIL_SSL",
        ),
        (
            {"NEARER_EMAIL_HOST": "smtp.example.org:587"},
            "NEARER_EMAIL_HOST: 'smtp.example.org:587'",
        ),
        (
            {"NEARER_EMAIL_HOST": "smtp://me:s3cret@smtp.example.org:587"},
            "NEARER_EMAIL_HOST: is a URL or has a user name in it, not a host",
        ),
        ({"NEARER_EMAIL_HOST": "me:s3cret@smtp.example.org"}, "NEARER_EMAIL_HOST: is a URL"),
        ({"NEARER_EMAIL_PORT": "0"}, "NEARER_EMAIL_PORT must be a whole number from 1 to 65535"),
        ({"NEARER_EMAIL_PASSWORD": "s3cret"}, "NEARER_EMAIL_PASSWORD is set but NEARER_EMAIL_USER"),
    ],
    ids=["tls and ssl", "port in host", "url as host", "user in host", "port 0", "password alone"],
)
def test_a_mail_server_setting_that_cannot_work_is_refused_naming_it(
    environ: pytest.MonkeyPatch, given: dict[str, str], says: str
) -> None:
    for name, value in given.items():
        environ.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=f"^{says}") as refused:
        mail_server.from_environment()
    assert "s3cret" not in str(refused.value)


@override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_TIMEOUT=5)
def test_an_email_that_cannot_reach_the_mail_server_names_its_host_and_port(
    alice: User, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
    with override_settings(EMAIL_PORT=port), caplog.at_level(logging.ERROR):
        Client().post("/accounts/password/reset/", {"email": alice.email})
        outbox.flush()
    assert f"could not be sent through 127.0.0.1:{port} (ConnectionRefusedError)" in caplog.text
    assert alice.email not in caplog.text
