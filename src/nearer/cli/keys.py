"""`nearer keys`: the server key that seals shared content."""

from __future__ import annotations

import typer

from nearer.cli.backup import _django
from nearer.cli.inputs import InputError, fails_cleanly

app = typer.Typer(help="Manage the server key that seals shared content.", no_args_is_help=True)


@app.command("rotate")
@fails_cleanly
def rotate() -> None:
    """Make a new server key, seal every shared value again under it, then drop the old key.

    Private text is under each person's own key and is not touched. Safe to run again if it
    stops part way; no value is left under an old key id when it succeeds.
    """
    _django()
    from django.core.exceptions import ImproperlyConfigured

    from nearer.web.vault import keyfile, rotation

    try:
        done = rotation.rotate()
    except (ImproperlyConfigured, rotation.RotationError) as error:
        failure = InputError(str(error))
        failure.exit_code = 1
        raise failure from None
    except OSError as error:
        failure = InputError(f"{keyfile.path()}: cannot be written ({error.strerror})")
        failure.exit_code = 1
        raise failure from None
    typer.echo(
        f"Rotated the server key to {done.new_id} in {keyfile.path()}: {done.resealed} shared "
        f"values sealed again; no value is left under {', '.join(done.old_ids) or 'an old key'}."
    )
