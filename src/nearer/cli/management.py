"""A Django management command run as nearer's own commands are: a bad argument is one line on
stderr and exit code 2, and the command failing (Django's CommandError) is one line with the exit
code Django gives it.

Django would print its usage over several lines for a bad argument, and "CommandError: ..." for
the rest; the exit code of a failure is kept, e.g. the database shell's own for `dbshell`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from nearer.cli.inputs import InputError, one_line

if TYPE_CHECKING:
    from django.core.management.base import BaseCommand


def run_command(name: str, args: list[str]) -> None:
    """Run the known management command `name` with `args`, as Django's run_from_argv does but
    with its parser raising, so a bad argument is an InputError (exit code 2) naming the command.
    A CommandError as it runs is one line naming the command, with its exit code (returncode;
    128 + N for a client killed by signal N). A failed system check keeps Django's report of
    what it found (several lines, exit code 1); `--traceback` keeps Django's traceback."""
    from django.core.management import ManagementUtility
    from django.core.management.base import CommandError, handle_default_options
    from django.db import connections

    command = ManagementUtility(["nearer manage", name, *args]).fetch_command(name)
    # Not "called from the command line": the parser raises CommandError instead of exiting.
    parser = command.create_parser("nearer manage", name)
    try:
        options = parser.parse_args(args)
    except CommandError as error:
        said = str(error).removeprefix("Error: ")
        raise InputError(
            f"manage {name}: {said}; `nearer manage {name} --help` lists its options"
        ) from None
    handle_default_options(options)
    given = vars(options)
    try:
        failed = _failure(command, name, given)
    finally:
        connections.close_all()
    if failed is not None:
        raise failed


def _failure(command: BaseCommand, name: str, given: dict[str, Any]) -> InputError | None:
    """Run `command` with the options `given`; its failure as the InputError to raise, or None.
    The error is returned, not raised here: raised, it would keep Django's failed command (and a
    query's cursor in it, dumpdata's) alive past the closing of the database, which Python then
    reports at exit as an "Exception ignored" of its own."""
    from django.core.management.base import CommandError, SystemCheckError
    from django.core.serializers.base import DeserializationError

    positional = given.pop("args", ())
    try:
        command.execute(*positional, **given)
    except DeserializationError as error:  # loaddata's bad fixture: the file and what is wrong
        if given.get("traceback"):
            raise
        return InputError(f"manage {name}: {one_line(_with_cause(error))}")
    except CommandError as error:
        if given.get("traceback"):
            raise
        if isinstance(error, SystemCheckError):  # a report of findings, formatted by Django
            command.stderr.write(str(error), lambda text: text)
            sys.exit(error.returncode)
        failed = InputError(f"manage {name}: {error}")
        # A shell ended by a signal has a negative returncode: the shell's code for it instead
        failed.exit_code = 128 - error.returncode if error.returncode < 0 else error.returncode
        return failed
    return None


def _with_cause(error: BaseException) -> str:
    """`error`'s words, ended by what caused it where they stop short: loaddata says "Problem
    installing fixture 'f.json': " and leaves the JSON error (the line) to its cause."""
    said, cause = str(error).strip(), error.__cause__ or error.__context__
    if said.endswith(":") and cause is not None:
        return f"{said} {_with_cause(cause)}"
    return said
