"""`nearer serve` and `nearer manage`: the web app, served by gunicorn, never runserver.

Also the start every command that uses the database shares: Django set up from the environment
and the database reached, or one line naming the setting that is wrong, with exit code 2.
"""

from __future__ import annotations

import difflib
import errno
import os
import socket
import sys
from collections.abc import Container
from pathlib import Path
from typing import Any

import typer

from nearer.cli.forking import check_before_fork
from nearer.cli.inputs import InputError, one_line, shown
from nearer.cli.stopping import import_polars


def django_setup() -> None:
    """Django set up from the environment; an InputError (exit 2) names a bad setting."""
    import_polars()  # nearer's apps import the chat analyser, and so polars
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearer.web.settings")
    import django
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from nearer.web import env, mail_server

    try:
        django.setup()
        env.check_email_backend(settings.EMAIL_BACKEND)  # Django would try it at the first email
        mail_server.check_backend(settings.EMAIL_BACKEND)
    except ImproperlyConfigured as error:  # env.py's messages name the variable and the value
        raise InputError(str(error)) from None
    except OSError as error:  # the data folder, or a file settings keep in it
        raise InputError(_unusable(error)) from None


def _unusable(error: OSError) -> str:
    """A file settings could not make or read, and the variable its folder comes from."""
    where = str(error.filename)
    xdg = os.environ.get("XDG_DATA_HOME")
    if os.environ.get("NEARER_DATA_DIR"):
        name, folder = "NEARER_DATA_DIR", os.environ["NEARER_DATA_DIR"]
    elif xdg:
        name, folder = "XDG_DATA_HOME", f"{xdg}/nearer"
    else:
        name, folder = "HOME", str(Path.home() / ".local" / "share" / "nearer")
    if not error.filename:
        return f"{name}: the data folder {folder}: cannot be made or read ({error})"
    if where.startswith(folder) or folder.startswith(where):
        return f"{name}: {where}: cannot be made or read ({error.strerror})"
    return f"{where}: cannot be made or read ({error.strerror})"


def open_database(create: bool = True) -> bool:
    """Reach the configured database, and say whether it exists; an InputError (exit 2) when it
    cannot be opened. Without `create`, a missing SQLite file stays missing (False), where
    connecting would make an empty one."""
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

    from nearer.web import backups

    connection = connections[DEFAULT_DB_ALIAS]
    live = backups.live_file(connection)
    if live is not None and not live.parent.is_dir():
        raise InputError(f"DATABASE_URL: the folder {live.parent} does not exist (for {live})")
    if live is not None and not create and not live.exists():
        return False
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        said = str(error).strip().splitlines()
        reason = said[0] if said else type(error).__name__
        raise InputError(
            f"{backups.describe()}: cannot be opened ({reason}); {_remedy(reason, live)}"
        ) from None
    return True


def _remedy(reason: str, live: Path | None) -> str:
    """What to do about a database that cannot be opened: DATABASE_URL only where it is set."""
    if live is not None and "readonly" in reason.replace(" ", "").replace("-", ""):
        return f"let nearer's user write to {live.parent} and {live.name}"
    if live is not None and ("malformed" in reason or "not a database" in reason):
        return "it is damaged: restore a backup (nearer restore FILE)"
    if live is not None and not os.environ.get("DATABASE_URL"):
        return f"check that nearer's user may read and write {live.parent}"
    return "check DATABASE_URL"


#: More worker processes than any machine nearer runs on could use (each ~100 MB and 4
#: threads); far more would fork without end before the first answered.
MAX_WORKERS = 64


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    demo: bool = typer.Option(
        False, "--demo", help="Seed a demo couple with 90 days of history and their chat analysed."
    ),
    workers: int = typer.Option(2, "--workers", help=f"Worker processes, 1 to {MAX_WORKERS}."),
) -> None:
    """Apply migrations and serve the web app (SQLite in your data folder unless DATABASE_URL)."""
    if not 1 <= port <= 65535:
        raise InputError(f"--port: must be from 1 to 65535, got {port}")
    if not 1 <= workers <= MAX_WORKERS:
        raise InputError(f"--workers: must be from 1 to {MAX_WORKERS}, got {workers}")
    if not host.strip():  # gunicorn would listen on every address
        raise InputError(
            "--host: is empty; name an address (127.0.0.1, the default, for this machine only)"
        )
    bind = _listenable(host, port)
    # Everything nearer writes (the database, its WAL, the key file) is for its owner alone.
    os.umask(0o077)
    django_setup()
    _public_links()
    _open_folders()
    open_database()
    _key_file()
    _migrate()
    if demo:
        from nearer.web.demo import seed

        for email, password in seed():
            typer.echo(f"demo partner: {email}  password: {password}")
    from nearer.web import backups

    typer.echo(shown(f"nearer is running at http://{bind}/ (data: {backups.describe()})"))
    _unanswered(host)
    _gunicorn(bind, workers)


def _unanswered(host: str) -> None:
    """Say, when `host` is not a name nearer answers to (0.0.0.0 above all), that requests are
    answered only for the names in NEARER_ALLOWED_HOSTS: every other one gets a 400. Matched as
    Django matches a request's Host (an IPv6 address in brackets, ".example.org" entries)."""
    from django.conf import settings
    from django.http.request import validate_host

    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    named = f"[{bare}]" if ":" in bare else bare
    if validate_host(named.lower(), settings.ALLOWED_HOSTS):
        return
    allowed = [name.lower() for name in settings.ALLOWED_HOSTS]
    typer.echo(
        f"nearer answers only to {', '.join(allowed)} (NEARER_ALLOWED_HOSTS), not to {host}; "
        "set NEARER_ALLOWED_HOSTS to the name or address people open nearer at, "
        "e.g. NEARER_ALLOWED_HOSTS=nearer.example.org"
    )


def _open_folders() -> None:
    """Warn, a line each, where others may look in the data folder or the key file's folder
    (the system check nearer.W001 says the same to `nearer manage check`)."""
    from nearer.web.checks import open_folders

    for said in open_folders():
        typer.echo(one_line(f"nearer: warning: {said}"), err=True)


def _public_links() -> None:
    """Stop, in one line, where links in emails would go to whatever host a request names."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from nearer.web import env

    try:
        env.check_public_links(settings.ALLOWED_HOSTS, settings.NEARER_PUBLIC_URL)
    except ImproperlyConfigured as error:
        raise InputError(str(error)) from None


def _listenable(host: str, port: int) -> str:
    """gunicorn's bind address for `host` and `port`, once bound for a moment here: a host that
    is not this machine's or a port in use is one line, not gunicorn's log. (Something may still
    take the port in the instant between; gunicorn then says so itself.)"""
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
            probe.bind((bare, port))
    except socket.gaierror:
        if all(part.isdigit() for part in bare.split(".")):
            raise InputError(f"--host {host}: not a valid IP address") from None
        raise InputError(f"--host {host}: no such host name") from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise InputError(
                f"--port {port}: is in use on {host}; stop what listens there or choose another"
            ) from None
        if error.errno == errno.EADDRNOTAVAIL:
            raise InputError(f"--host {host}: not an address of this machine") from None
        raise InputError(
            f"--host {host} --port {port}: cannot listen there ({error.strerror})"
        ) from None
    return f"[{bare}]:{port}" if family == socket.AF_INET6 else f"{bare}:{port}"


def _key_file() -> None:
    """The server key file, made on the first run (beside the data folder, 0600), but never
    made afresh while values are sealed under a key it would not hold."""
    from django.core.exceptions import ImproperlyConfigured

    from nearer.web.vault import keyfile

    _key_file_private()
    _key_file_covers()
    try:
        keyfile.load()
    except ImproperlyConfigured as error:
        raise InputError(str(error)) from None
    except OSError as error:
        raise InputError(
            f"NEARER_KEY_FILE: {keyfile.path()}: cannot be made or read ({error.strerror})"
        ) from None


def _key_file_covers() -> None:
    """Stop, in one line, before a command that could seal a value (and so make the key file)
    runs while the key file lacks a key that values are sealed under."""
    from django.core.exceptions import ImproperlyConfigured

    from nearer.web.vault import coverage

    try:
        coverage.check()
    except ImproperlyConfigured as error:
        raise InputError(str(error)) from None


def _key_file_private() -> None:
    """Stop, in one line with the chmod to run, when others may read the key file: whoever can
    read it can unseal what partners share."""
    from django.core.exceptions import ImproperlyConfigured

    from nearer.web import private_files
    from nearer.web.vault import keyfile

    path = keyfile.path()
    try:
        if path.exists():
            private_files.check_private(path, "NEARER_KEY_FILE")
    except ImproperlyConfigured as error:
        raise InputError(str(error)) from None


def _manage_key_check() -> None:
    """The key-file check before a management command, where there is a database to check: a
    missing SQLite file holds nothing sealed, and a database that cannot be reached is left for
    the command itself to report (many, like `check`, do not need one)."""
    _key_file_private()
    try:
        exists = open_database(create=False)
    except InputError:
        return
    if exists:
        _key_file_covers()


def _migrate() -> None:
    """Apply migrations, holding the database's migration lock (web/migration_lock.py); a start
    with none to apply takes no lock, and writes nothing."""
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

    from nearer.web import backups, migration_lock

    connection = connections[DEFAULT_DB_ALIAS]
    live = backups.live_file(connection)
    try:
        if not migration_lock.pending(connection):
            return
        with migration_lock.held(connection, live, waiting_for_migrations):
            call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as error:
        failed = InputError(f"{backups.describe()}: migrations could not be applied ({error})")
        failed.exit_code = 1
        raise failed from None
    except OSError as error:  # the lock file beside the SQLite file
        raise InputError(
            f"{error.filename}: the migration lock cannot be made ({error.strerror}); "
            f"let nearer's user write to {Path(str(error.filename)).parent}"
        ) from None


def waiting_for_migrations() -> None:
    """Said once another nearer has held the migration lock a while (serve, restore)."""
    from nearer.web import backups

    typer.echo(
        shown(f"waiting for another nearer to finish applying migrations to {backups.describe()}"),
        err=True,
    )


def _gunicorn(bind: str, workers: int) -> None:
    from gunicorn.app.base import BaseApplication

    from nearer.web.wsgi import application

    check_before_fork()

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in gunicorn_options(bind, workers, self.cfg.settings).items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()


def gunicorn_options(bind: str, workers: int, known: Container[str]) -> dict[str, Any]:
    """gunicorn's settings for `nearer serve`, those of them the installed gunicorn `known`s."""
    options: dict[str, Any] = {
        "bind": bind,
        "workers": workers,
        "threads": 4,
        "accesslog": None,
        "timeout": 60,
    }
    # gunicorn's control socket (gunicorn 26 on) is ~/.gunicorn/gunicorn.ctl for every server
    # on the machine (and an error each start when HOME is read-only); nearer never uses it.
    # Older gunicorn (pyproject allows 23 on) has no such setting, and would stop at setting it.
    if "control_socket_disable" in known:
        options["control_socket_disable"] = True
    return options


# A person's private entries are sealed under a key that their password wraps (web/vault): a
# password set around the web's forms leaves that key unopenable, as a reset without the recovery
# code does, but with no warning. (createsuperuser only makes new accounts, with no key yet.)
REFUSED = {
    "changepassword": (
        "would lock that person's private entries (their key opens only with the old password); "
        "they change it safely at /accounts/password/ (keeps everything readable), or reset it "
        "by email at /accounts/password/reset/ (with their recovery code everything stays "
        "readable; without it earlier private entries stay locked until the code is typed at "
        "/accounts/keys/recover/)"
    ),
}


def manage(ctx: typer.Context) -> None:
    """Run a Django management command, e.g. `nearer manage check --deploy`."""
    os.umask(0o077)
    django_setup()
    from django.core.management import execute_from_command_line, get_commands

    from nearer.cli.management import run_command

    name = ctx.args[0] if ctx.args else "help"
    known = get_commands()
    if not name.startswith("-") and name not in {"help", "version", *known}:
        close = difflib.get_close_matches(name, known, n=1)
        maybe = f" (did you mean {close[0]}?)" if close else ""
        raise InputError(f"manage: no command {name!r}{maybe}; `nearer manage help` lists them")
    if name in REFUSED:
        raise InputError(f"manage: {name} {REFUSED[name]}")
    if name in known:
        _manage_key_check()
        run_command(name, ctx.args[1:])
    else:  # help, version, or an option such as --help: Django's own answer
        execute_from_command_line(["nearer manage", *ctx.args])
    sys.exit(0)
