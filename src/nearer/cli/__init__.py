"""The `nearer` command line. Its entry point, `main`, imports the commands while a Ctrl-C is
heard as one line (exit code 130), not a traceback. polars, which takes a good part of a second
to import, is imported only by the commands that need it (cli.stopping.import_polars)."""

from __future__ import annotations


def main() -> None:
    """Run `nearer`: import the commands, then parse and run one (nearer.cli.app)."""
    from nearer.cli.stopping import interrupted

    try:
        from nearer.cli.app import main as run
    except KeyboardInterrupt:
        raise interrupted() from None
    run()
