"""The `nearer` command line: parse, call the domain, render."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click.exceptions import UsageError  # typer vendors click; pinned in the lock
from typer.core import TyperGroup

from nearer import __version__
from nearer.cli import (
    analyze,
    assess,
    backup,
    chats,
    content,
    corpus,
    detect,
    keys,
    plan,
    report,
    resources,
    serve,
)
from nearer.cli.inputs import fails_cleanly, one_line
from nearer.cli.stopping import interrupted
from nearer.cli.streams import (
    exit_code_once_flushed,
    stand_in_for_closed_streams,
    stdout_refused,
)


class OneLineErrors(TyperGroup):
    """Usage errors as one line on stderr with exit code 2, like every other bad input."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except UsageError as error:
            if type(error).__name__ == "NoArgsIsHelpError":  # a bare group: its help, as is
                print(error.format_message(), file=sys.stderr)
                sys.exit(2)
            where = error.ctx.command_path if error.ctx else "nearer"
            print(f"{where}: {one_line(error.format_message())}", file=sys.stderr)
            sys.exit(2)
        except typer.Abort:
            print("Aborted.", file=sys.stderr)
            sys.exit(1)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        """Parse the command line; a Ctrl-C meanwhile is one line and exit code 130."""
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            raise interrupted() from None

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a Ctrl-C it leaves to us is one line and exit code 130 (Typer's own
        way says nothing). Commands with something to save or undo catch it themselves."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise interrupted() from None


app = typer.Typer(
    name="nearer",
    cls=OneLineErrors,
    help="nearer: a private companion for emotional intimacy in couples.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("assess")(fails_cleanly(assess.assess))
app.command("report")(fails_cleanly(report.report))
app.command("plan")(fails_cleanly(plan.plan))
app.command("resources")(fails_cleanly(resources.resources))
app.command("analyze")(fails_cleanly(analyze.analyze))
app.command("chats")(fails_cleanly(chats.chats))
app.command("corpus")(fails_cleanly(corpus.corpus))
app.command("backup")(fails_cleanly(backup.backup))
app.command("restore")(fails_cleanly(backup.restore))
app.command("detect")(fails_cleanly(detect.detect))
app.command("serve")(fails_cleanly(serve.serve))
app.command(
    "manage",
    context_settings={
        "allow_extra_args": True,
        "ignore_unknown_options": True,
        "help_option_names": [],
    },
)(fails_cleanly(serve.manage))
app.add_typer(content.app, name="content")
app.add_typer(keys.app, name="keys")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nearer {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """nearer: a private companion for emotional intimacy in couples."""


def main() -> None:
    stand_in_for_closed_streams()
    try:
        app()
    except KeyboardInterrupt:  # while Typer builds the commands, before any runs
        raise interrupted() from None
    except OSError as error:
        refused = stdout_refused(error)
        if refused is None:
            raise
        print(f"nearer: {refused}", file=sys.stderr)
        sys.exit(refused.exit_code)
    except SystemExit as leaving:  # every command ends here, its output perhaps still held
        sys.exit(exit_code_once_flushed(leaving.code))
