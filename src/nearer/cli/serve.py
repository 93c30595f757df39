"""`nearer serve` and `nearer manage`: the web app, served by gunicorn, never runserver."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer

from nearer.cli.inputs import InputError


def _django() -> None:
    # Everything nearer writes (the database, its WAL, the key file) is for its owner alone.
    os.umask(0o077)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearer.web.settings")
    import django

    django.setup()


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    demo: bool = typer.Option(False, "--demo", help="Seed a demo couple with 90 days of history."),
    workers: int = typer.Option(2, "--workers", help="Worker processes."),
) -> None:
    """Apply migrations and serve the web app (SQLite in your data folder unless DATABASE_URL)."""
    if not 1 <= port <= 65535:
        raise InputError(f"--port: must be from 1 to 65535, got {port}")
    _django()
    from django.conf import settings
    from django.core.management import call_command

    from nearer.web.vault import keyfile

    keyfile.load()  # the server key file, made on the first run (beside the data folder, 0600)
    call_command("migrate", interactive=False, verbosity=0)
    if demo:
        from nearer.web.demo import seed

        for email, password in seed():
            typer.echo(f"demo partner: {email}  password: {password}")
    typer.echo(
        f"nearer is running at http://{host}:{port}/ "
        f"(data: {settings.DATABASES['default']['NAME']})"
    )
    _gunicorn(f"{host}:{port}", workers)


def _gunicorn(bind: str, workers: int) -> None:
    from gunicorn.app.base import BaseApplication

    from nearer.web.wsgi import application

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options: dict[str, Any] = {
                "bind": bind,
                "workers": workers,
                "threads": 4,
                "accesslog": None,
                "timeout": 60,
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()


def manage(ctx: typer.Context) -> None:
    """Run a Django management command, e.g. `nearer manage check --deploy`."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nearer manage", *ctx.args])
    sys.exit(0)
