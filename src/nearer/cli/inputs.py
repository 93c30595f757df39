"""Reading what a person hands the command line, with one clear line when it is wrong."""

from __future__ import annotations

import functools
import json
import os
import sys
import tempfile
from collections.abc import Callable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import ParamSpec, TypeVar

import typer

from nearer.content.loader import default_content
from nearer.content.problems import ContentError
from nearer.domain.answers import answer_problems
from nearer.domain.model import Answers, Content

P = ParamSpec("P")
R = TypeVar("R")


class InputError(Exception):
    """Bad input: shown as one line on stderr with exit code 2, never a traceback."""

    exit_code = 2


def fails_cleanly(command: Callable[P, R]) -> Callable[P, R]:
    """Turn an `InputError` raised by a command into its one line and exit code."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except InputError as error:
            print(f"nearer: {error}", file=sys.stderr)
            raise typer.Exit(error.exit_code) from None

    return run


def read_answers(path: Path, content: Content) -> dict[str, int]:
    """The answers in an answers file, checked against the content.

    An answers file is JSON: {"answers": {"<item id>": <integer>}}; other keys are allowed.
    """
    data = read_json(path)
    answers = data.get("answers") if isinstance(data, Mapping) else None
    if not isinstance(answers, Mapping):
        raise InputError(f'{path}: expected a JSON object with an "answers" object inside')
    problems = answer_problems(content, answers)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"{path}: {problems[0]}{more}")
    return {str(k): int(v) for k, v in answers.items()}


def read_json(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot be read ({error})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None


def write_answers(path: Path, answers: Answers, extra: Mapping[str, object]) -> None:
    """Write an answers file readable by its owner only: it holds private answers."""
    document = {**extra, "answers": dict(answers)}
    write_private(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def write_private(path: Path, text: str) -> None:
    """Put `text` at `path` whole or not at all: it goes to a 0600 temporary file beside `path`
    that is moved over it only once complete, so a full disk or a size limit leaves the file that
    was there, and no temporary file behind."""
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except BaseException:
        with suppress(OSError):  # the first error is the one to tell
            temporary.unlink()
        raise


def write_stdout(text: str) -> None:
    """Write `text` to stdout and flush it. A write that fails (a full disk, a closed pipe) is an
    InputError naming stdout, one line rather than a traceback."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as error:
        _drop_stdout()
        raise InputError(f"stdout: cannot be written ({error.strerror})") from None


def _drop_stdout() -> None:
    """Point stdout at the null device, so Python's last flush at exit, of what is still
    buffered, cannot fail a second time with a traceback of its own."""
    with suppress(OSError, ValueError):
        descriptor = sys.stdout.fileno()  # none under a test runner: nothing to do there
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, descriptor)
        os.close(null)


def load_content() -> Content:
    """The installed content; broken content is one clear line, not a traceback."""
    try:
        return default_content()
    except ContentError as error:
        broken = InputError(
            f"the installed content is invalid: {error} (run `nearer content check`)"
        )
        broken.exit_code = 1
        raise broken from None
