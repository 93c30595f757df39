"""Reading what a person hands the command line, with one clear line when it is wrong."""

from __future__ import annotations

import codecs
import functools
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import ParamSpec, TypeVar

import typer

from nearer.content.loader import default_content
from nearer.content.problems import ContentError
from nearer.domain.answers import answer_problems
from nearer.domain.model import Answers, Content

P = ParamSpec("P")
R = TypeVar("R")

#: What `nearer assess` writes, and the only answers-file format read.
ANSWERS_FORMAT = "nearer-answers/1"
#: The largest file read as JSON. An answers file is a few KB; a bigger one (or /dev/zero) is
#: refused after reading at most one byte more, before it can fill the memory.
MAX_JSON_BYTES = 1_000_000
#: JSON with an integer longer than Python reads (4,300 digits): json.loads raises ValueError.
TOO_MANY_DIGITS = "not valid JSON (a number has too many digits)"


class InputError(Exception):
    """Bad input: shown as one line on stderr with exit code 2, never a traceback."""

    exit_code = 2


#: What a command that ran out of memory says, with exit code 2, instead of a traceback.
OUT_OF_MEMORY = "nearer: out of memory: the input is too large for the memory this command may use"


def fails_cleanly(command: Callable[P, R]) -> Callable[P, R]:
    """Turn an `InputError` raised by a command into its one line and exit code, and running
    out of memory into OUT_OF_MEMORY and exit code 2."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except InputError as error:
            print(f"nearer: {one_line(str(error))}", file=sys.stderr)
            raise typer.Exit(error.exit_code) from None
        except MemoryError:
            pass  # said once outside this block, when what the command held has been let go
        print(OUT_OF_MEMORY, file=sys.stderr)
        raise typer.Exit(2)

    return run


#: What is never written raw from input, since a terminal acts on it or reorders the line: C0
#: and C1 controls (ESC starts the codes that set a window's title or clear the screen), DEL, the
#: line and paragraph separators U+2028 and U+2029, and the bidirectional embeddings, overrides
#: and isolates U+202A-U+202E and U+2066-U+2069.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: The most characters of a message shown; a longer one keeps its start and end.
MAX_MESSAGE = 1_000


def file_name(given: str) -> Path:
    """A file named on the command line (a parser for Typer's Path parameters). An empty name
    is refused: as a Path it would be ".", the current folder, and the error would name that."""
    return Path(named(given))


def named(given: str) -> str:
    """A file or folder named on the command line (a parser for Typer's str parameters that
    name one): an empty name is refused, not read as the current folder."""
    if not given:
        raise typer.BadParameter("an empty name is no file")
    return given


def one_line(message: str) -> str:
    """`message` as one safe line whatever it quotes (a file's name, a name in a chat, a tool's
    message): each UNSAFE character is written as its escape (\\n, \\x1b, \\u2028), so a script
    reading stderr sees one line and a terminal shows the characters rather than obeying them;
    past MAX_MESSAGE characters, the middle is cut to "…"."""
    if len(message) > MAX_MESSAGE:
        keep = MAX_MESSAGE // 2
        message = f"{message[:keep]}…{message[-keep:]}"
    return shown(message)


def shown(text: object) -> str:
    """`text` (a path, a name the person gave) as output may quote it: each UNSAFE character
    written as its escape, as one_line() does, never cut. A file named with an escape sequence
    or a bidi control is then shown, never obeyed by the terminal."""
    return UNSAFE.sub(_escape, str(text))


def _escape(found: re.Match[str]) -> str:
    character = found.group()
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def answers_counted(count: int) -> str:
    """How many answers, as a sentence says it: "1 answer", "2 answers"."""
    return f"{count} answer" if count == 1 else f"{count} answers"


def clipped(text: str, limit: int = 60) -> str:
    """`text` as a message quotes it: cut to `limit` characters, the last an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_answers(path: Path, content: Content) -> dict[str, int]:
    """The answers in an answers file, checked against the content.

    An answers file is JSON: {"answers": {"<item id>": <integer>}}; other keys are allowed.
    """
    return read_answers_file(path, content)[0]


def read_pair(answers: Path, partner: Path | None, content: Content) -> list[dict[str, int]]:
    """One's own answers, then the partner's for a side-by-side command (read_partner_answers),
    never one file as both."""
    sets = [read_answers(answers, content)]
    if partner is None:
        return sets
    if partner.resolve() == answers.resolve():
        raise InputError(f"{partner}: is your own answers file again; give your partner's")
    return [*sets, read_partner_answers(partner, content)]


def read_partner_answers(path: Path, content: Content) -> dict[str, int]:
    """A partner's answers file for a side-by-side command: refused when it holds answers to a
    private instrument (the safety check), which are its owner's alone; whoever runs the command
    would read them, and the results would tell them what the check found."""
    answers = read_answers(path, content)
    private = sorted(private_items(content) & answers.keys())
    if private:
        raise InputError(
            f"{path}: holds answers to the private safety check ({private[0]}), which are its "
            f"owner's alone: ask for a copy without them (nearer assess --answers {path.name} "
            "--share COPY)"
        )
    return answers


def private_items(content: Content) -> set[str]:
    """The ids of the items of private instruments (the safety check): their owner's alone."""
    return {
        item.id
        for instrument in content.instruments.values()
        if instrument.private
        for item in instrument.items
    }


def read_answers_file(path: Path, content: Content) -> tuple[dict[str, int], dict[str, object]]:
    """The answers in an answers file, checked against the content, and the file's other
    top-level keys (kept as they are when the file is written again)."""
    data = read_json(path)
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(answers, dict):
        raise InputError(f'{path}: expected a JSON object with an "answers" object inside')
    stated = data.get("format", ANSWERS_FORMAT)
    if stated != ANSWERS_FORMAT:
        raise InputError(
            f"{path}: format {_as_json(stated)} is not one this nearer reads "
            f'(it reads "{ANSWERS_FORMAT}")'
        )
    # Values that are not whole numbers are refused by the domain; wrapping them makes the
    # message spell them as the file does (true, null, "3"), not as Python does.
    shown = {k: v if type(v) is int else _Spelled(v) for k, v in answers.items()}
    problems = answer_problems(content, shown)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"{path}: {problems[0]}{more}")
    others = {k: v for k, v in data.items() if k != "answers"}
    return {str(k): int(v) for k, v in answers.items()}, others


class _Spelled:
    """A JSON value whose repr is its JSON spelling, cut short if long."""

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return _as_json(self.value)


def _as_json(value: object, limit: int = 40) -> str:
    return clipped(json.dumps(value, ensure_ascii=False), limit)


class RepeatedKeyError(Exception):
    """A key given twice in one JSON object; its message quotes the key, cut short if long."""

    def __init__(self, key: str) -> None:
        super().__init__(f"key '{clipped(key)}' is given more than once")
        self.key = key


def unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object as a dict, refusing a key given twice: json.loads would keep the last one
    silently, and an answer given twice is more likely a mistake than a correction."""
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise RepeatedKeyError(key)
        found[key] = value
    return found


def read_json(path: Path) -> object:
    """The JSON value in the file at `path`; anything wrong is an InputError naming the file.

    A key repeated within one object is refused, not resolved to its last value, and a file over
    `MAX_JSON_BYTES` is refused without being read whole."""
    text = _read_text(path)
    try:
        return json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RepeatedKeyError as error:
        raise InputError(f"{path}: {error}") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to read") from None
    except ValueError:  # in practice only an integer past Python's limit of digits
        raise InputError(f"{path}: {TOO_MANY_DIGITS}") from None


def _read_text(path: Path) -> str:
    """The text of the file at `path`, read as `Path.read_text` would, but never more than
    `MAX_JSON_BYTES` + 1 bytes of it. It must be UTF-8; a UTF-8 byte order mark (which some
    Windows editors write) is read past."""
    with unreadable_as_input(path), path.open("rb") as handle:
        data = handle.read(MAX_JSON_BYTES + 1)
    if len(data) > MAX_JSON_BYTES:
        raise InputError(
            f"{path}: larger than {MAX_JSON_BYTES:,} bytes, the most an answers file can be"
        )
    text = _utf8(path, data)
    return text.replace("\r\n", "\n").replace("\r", "\n")  # the newlines read_text gives


@contextmanager
def unreadable_as_input(name: object) -> Iterator[None]:
    """Turn an OSError raised while opening or reading the file called `name` (as the person
    typed it, or as the messages name stdin: "-" or "<stdin>") into `unreadable`'s InputError."""
    try:
        yield
    except OSError as error:
        raise unreadable(name, error) from None


def unreadable(name: object, error: OSError) -> InputError:
    """An InputError of one line naming the file: "no such file", "is a folder, not a file", or
    "cannot be read (<the system's reason>)"."""
    if isinstance(error, FileNotFoundError):
        return InputError(f"{name}: no such file")
    if isinstance(error, IsADirectoryError):
        return InputError(f"{name}: is a folder, not a file")
    return InputError(f"{name}: cannot be read ({error.strerror or error})")


def _utf8(path: Path, data: bytes) -> str:
    """`data` read as UTF-8, after any UTF-8 byte order mark; an InputError saying what the file
    is not (UTF-16, the other text Windows saves, is named as such)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{path}: is UTF-16 text, not UTF-8; save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: is not UTF-8 text (byte 0x{data[error.start]:02x} at position "
            f"{error.start}); save it as UTF-8"
        ) from None


def write_answers(path: Path, answers: Answers, extra: Mapping[str, object]) -> None:
    """Write an answers file readable by its owner only: it holds private answers.

    `extra` holds the other top-level keys to keep; `format` is always the current one. A file
    that cannot be written is an InputError naming it; the file that was there is kept."""
    write_private(path, answers_text(path, answers, extra))


def answers_text(path: Path, answers: Answers, extra: Mapping[str, object]) -> str:
    """The text of the answers file at `path`; an InputError if `extra` cannot be written."""
    document = {**extra, "format": ANSWERS_FORMAT, "answers": dict(answers)}
    try:
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    except RecursionError:  # read in C, written in Python: a nesting may pass one, not the other
        raise InputError(f"{path}: its other keys are nested too deeply to keep") from None


#: The bytes written to probe a folder: more than an answers file with every item answered
#: (about 4 KB). An empty probe file passes on a full disk, where no answer could be saved.
PROBE_BYTES = 64 * 1024


def check_writable(path: Path, option: str) -> None:
    """Refuse, before any work is done, a file that could not be written: its folder is missing,
    not writable or full, or `path` is a folder. Writes PROBE_BYTES to a probe file beside
    `path`, through to the disk, and removes it."""
    where = f"{option}: {path}"
    try:
        _probe(path, where)
    except OSError as error:  # a folder on the way that may not be looked into, too
        raise InputError(f"{where}: cannot be written ({error.strerror or error})") from None


def _probe(path: Path, where: str) -> None:
    if path.is_dir():
        raise InputError(f"{where}: is a folder, not a file")
    folder = path.parent
    if not folder.is_dir():
        raise InputError(f"{where}: no such folder {folder}")
    with tempfile.NamedTemporaryFile(
        prefix=f".{path.name}.", suffix=".partial", dir=folder
    ) as probe:
        probe.write(os.urandom(PROBE_BYTES))  # zeros a compressing file system stores in nothing
        probe.flush()
        os.fsync(probe.fileno())


def write_private(path: Path, text: str) -> None:
    """Put `text` at `path` whole or not at all: it goes to a 0600 temporary file beside `path`
    that is moved over it only once complete, so a full disk or a size limit leaves the file that
    was there, and no temporary file behind. A symlink is followed to the file it points to, and
    what is not a file (a named pipe, a device such as /dev/null) is written into as it is, never
    replaced. A file that cannot be written is an InputError naming it."""
    target = Path(os.path.realpath(path))
    try:
        if target.exists() and not target.is_file() and not target.is_dir():
            _write_into(target, text)
        else:
            _replace(target, text)
    except OSError as error:
        raise InputError(f"{path}: cannot be written ({error.strerror or error})") from None


def _write_into(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)


def _replace(path: Path, text: str) -> None:
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
