"""`nearer keys`: the server key that seals shared content."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import typer

from nearer.cli import traces
from nearer.cli.inputs import InputError, fails_cleanly, shown
from nearer.cli.serve import django_setup, open_database
from nearer.cli.stopping import stopped_as_by_ctrl_c
from nearer.cli.streams import report_done

app = typer.Typer(help="Manage the server key that seals shared content.", no_args_is_help=True)


@app.command("rotate")
@fails_cleanly
def rotate() -> None:
    """Make a new server key, seal every shared value again under it, then drop the old key.

    Private text is under each person's own key and is not touched. Safe to run again if it
    stops part way; no value is left under an old key id when it succeeds. Exits 2, changing
    nothing, when a setting is wrong or the key file is missing, is not a key file or lacks a key
    that values are sealed under; 1 when the rotation itself fails. When the rotation is done but
    stdout cannot be written, it exits 2 with one line on stderr that says it was done.

    Backups made before a rotation are sealed under the old key, which the key file no longer
    holds: copy the key file before rotating, and keep that copy as long as those backups.
    """
    with traces.none_unless_done():  # nothing to rotate in a new data folder: none is made
        django_setup()
        from django.core.exceptions import ImproperlyConfigured
        from django.db import DatabaseError

        from nearer.web import backups
        from nearer.web.vault import keyfile, keyring, rotation

        if not open_database(create=False):
            raise _failed(f"there is nothing to rotate: {backups.describe()} does not exist yet")
        try:
            with stopped_as_by_ctrl_c(), _said_if_stopped():
                done = rotation.rotate()
        except ImproperlyConfigured as error:  # the key file is missing, another one, or not one
            raise InputError(str(error)) from None
        except (rotation.RotationError, keyring.Locked) as error:
            raise _failed(str(error)) from None
        except DatabaseError as error:
            raise _failed(f"{backups.describe()}: cannot be read ({error})") from None
        except OSError as error:
            raise _failed(f"{keyfile.path()}: cannot be written ({error.strerror})") from None
    report_done(
        f"Rotated the server key to {done.new_id} in {shown(str(keyfile.path()))}: "
        f"{done.resealed} shared "
        f"values sealed again; no value is left under {', '.join(done.old_ids) or 'an old key'}.\n"
        + OLDER_BACKUPS
    )


#: Said after a rotation: the old keys are gone from the key file, and backups still use them.
OLDER_BACKUPS = (
    "Backups made before now need the key file as it was before this rotation to show shared "
    "text: keep a copy of that file as long as you keep them, and copy the key file now for the "
    "backups to come (docs/backups.md).\n"
)


@contextlib.contextmanager
def _said_if_stopped() -> Iterator[None]:
    """Ctrl-C, SIGTERM or SIGHUP part way: one line that says what that leaves (everything still
    opens; the key file holds more keys until a run finishes), with the shell's exit code."""
    try:
        yield
    except (KeyboardInterrupt, SystemExit) as stop:
        code = 130 if isinstance(stop, KeyboardInterrupt) else stop.code
        print(
            "nearer: keys rotate: stopped part way; every value still opens, and running it "
            "again finishes the rotation",
            file=sys.stderr,
        )
        raise SystemExit(code) from None


def _failed(message: str) -> InputError:
    """Not bad input but a failure around it (exit 1)."""
    failure = InputError(message)
    failure.exit_code = 1
    return failure
