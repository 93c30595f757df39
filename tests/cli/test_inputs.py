"""Answers files and stdout as every command reads and writes them: bad input is one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from nearer.cli.inputs import MAX_MESSAGE, OUT_OF_MEMORY, fails_cleanly, one_line
from tests.cli import conftest
from tests.cli.conftest import run, write

READERS = (("assess", "--answers"), ("report",), ("plan",))
#: The documented size limit of an answers file, in bytes (docs/json.md).
LIMIT = 1_000_000


def refused(path: Path) -> set[str]:
    """The one line each command that reads answers files gives for `path`, all exit 2."""
    lines = set()
    for command in READERS:
        result = run(*command, str(path))
        assert result.exit_code == 2, (command, result.output)
        assert result.stdout == "" and result.stderr.count("\n") == 1
        lines.add(result.stderr)
    return lines


def test_a_deeply_nested_answers_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    assert refused(path) == {f"nearer: {path}: nested too deeply to read\n"}


def test_an_integer_longer_than_python_reads_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text('{"answers": {"profile.emotional.01": 1' + "0" * 5000 + "}}", encoding="utf-8")
    assert refused(path) == {f"nearer: {path}: not valid JSON (a number has too many digits)\n"}


def padded(path: Path, size: int) -> Path:
    """A valid answers file of exactly `size` bytes: one answer and a long other key."""
    start, end = '{"answers": {"profile.trust.01": 3}, "pad": "', '"}'
    path.write_text(start + "x" * (size - len(start) - len(end)) + end, encoding="utf-8")
    assert path.stat().st_size == size
    return path


def test_an_answers_file_over_the_size_limit_is_one_line_naming_it(tmp_path: Path) -> None:
    path = padded(tmp_path / "big.json", LIMIT + 1)
    assert refused(path) == {
        f"nearer: {path}: larger than 1,000,000 bytes, the most an answers file can be\n"
    }


def test_an_answers_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = padded(tmp_path / "big.json", LIMIT)
    assert run("assess", "--answers", str(path), "--json").exit_code == 0


def test_an_endless_file_is_refused_after_reading_one_byte_over_the_limit() -> None:
    assert refused(Path("/dev/zero")) == {
        "nearer: /dev/zero: larger than 1,000,000 bytes, the most an answers file can be\n"
    }


def test_an_answers_file_that_may_not_be_read_gives_the_reason_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "theirs.json", {"answers": {"profile.trust.01": 3}})
    opened = Path.open

    def not_ours(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:  # as a file of another user's would be, which root can always read
            raise PermissionError(13, "Permission denied", str(self))
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", not_ours)
    assert refused(path) == {f"nearer: {path}: cannot be read (Permission denied)\n"}


def test_an_item_given_twice_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text(
        '{"answers": {"profile.emotional.01": 9, "profile.emotional.01": 3}}', encoding="utf-8"
    )
    assert refused(path) == {
        f"nearer: {path}: key 'profile.emotional.01' is given more than once\n"
    }


def test_an_unknown_format_version_is_refused_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path / "v99.json", {"format": "nearer-answers/99", "answers": {}})
    assert refused(path) == {
        f'nearer: {path}: format "nearer-answers/99" is not one this nearer reads'
        ' (it reads "nearer-answers/1")\n'
    }


def test_the_current_format_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "v1.json", {"format": "nearer-answers/1", "answers": {}})
    assert run("assess", "--answers", str(path), "--json").exit_code == 0


@pytest.mark.parametrize(
    ("value", "spelled"), [("true", "true"), ("null", "null"), ('"3"', '"3"'), ("3.0", "3.0")]
)
def test_a_wrong_value_is_spelled_as_json(tmp_path: Path, value: str, spelled: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(f'{{"answers": {{"profile.emotional.01": {value}}}}}', encoding="utf-8")
    assert refused(path) == {
        f"nearer: {path}: item 'profile.emotional.01': must be a whole number from 1 to 7,"
        f" got {spelled}\n"
    }


def test_running_out_of_memory_is_one_line_and_exit_2() -> None:
    def greedy() -> None:
        raise MemoryError

    app = typer.Typer()
    app.command()(fails_cleanly(greedy))
    result = CliRunner().invoke(app, [])
    assert result.exit_code == 2
    assert result.stderr == f"{OUT_OF_MEMORY}\n"


@pytest.mark.parametrize(
    ("given", "shown"),
    [("a\nb\r", "a\\nb\\r"), ("\x1b]0;t\x07", "\\x1b]0;t\\x07"), ("\x7f\x9b", "\\x7f\\x9b"),
     ("\u2028\u2029", "\\u2028\\u2029"),
     ("\u202a\u202e\u2066\u2069", "\\u202a\\u202e\\u2066\\u2069"),
     ("Zoë [b]café[/b] ❤", "Zoë [b]café[/b] ❤")],
    ids=["line-breaks", "c0", "del-c1", "separators", "bidi", "printable"],
)  # fmt: skip
def test_a_message_shows_what_a_terminal_would_obey_as_escapes(given: str, shown: str) -> None:
    assert one_line(given) == shown


def test_a_long_message_keeps_its_start_and_end() -> None:
    shown = one_line("start " + "x" * 200_000 + " end")
    assert len(shown) == MAX_MESSAGE + 1
    assert shown.startswith("start x") and shown.endswith("x end") and "…" in shown


def test_a_usage_error_shows_a_bidi_override_and_line_separator_escaped() -> None:
    result = run("resources", "evil\u202ext\u2028.txt")  # the command line escapes C0 itself
    assert result.exit_code == 2
    assert result.stderr.endswith("(evil\\u202ext\\u2028.txt)\n")


def test_a_path_with_a_line_break_in_a_backup_report_stays_on_its_line(tmp_path: Path) -> None:
    """A file name may hold a line break: printed raw, it could start a line of its own (a fake
    "nearer: error" after a backup that worked)."""
    data = tmp_path / "data"
    target = tmp_path / "b\nnearer: error: backup failed\x1b[31m.bak"
    assert conftest.nearer("manage", "migrate", "-v", "0", data=data).returncode == 0
    done = conftest.nearer("backup", str(target), data=data)
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert "b\\nnearer: error: backup failed\\x1b[31m.bak" in first
    assert not any(line.startswith("nearer: error") for line in done.stdout.splitlines())


def test_an_answers_file_with_a_utf8_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.json"
    path.write_bytes(b'\xef\xbb\xbf{"answers": {"profile.trust.01": 4}}')
    result = run("assess", "--answers", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["scores"]["profile"]["trust"] is None


@pytest.mark.parametrize(
    ("encoding", "says"),
    [
        ("utf-16", "is UTF-16 text, not UTF-8; save it as UTF-8"),
        ("latin-1", "is not UTF-8 text (byte 0xe9 at position 2); save it as UTF-8"),
    ],
)
def test_an_answers_file_that_is_not_utf8_says_so_in_plain_words(
    tmp_path: Path, encoding: str, says: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"é": 1}', encoding=encoding)
    result = run("assess", "--answers", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"nearer: {path}: {says}\n"


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["report", ""], "nearer report: Invalid value for 'ANSWERS'"),
        (["plan", "{answers}", ""], "nearer plan: Invalid value for 'PARTNER'"),
        (["assess", "--answers", ""], "nearer assess: Invalid value for '--answers'"),
        (["assess", "-i", "signs", "-o", ""], "nearer assess: Invalid value for '--out' / '-o'"),
        (
            ["assess", "--answers", "{answers}", "--share", ""],
            "nearer assess: Invalid value for '--share'",
        ),
        (["backup", ""], "nearer backup: Invalid value for 'file'"),
        (["restore", "--yes", ""], "nearer restore: Invalid value for 'file'"),
        (["analyze", ""], "nearer analyze: Invalid value for 'EXPORT...'"),
        (["chats", ""], "nearer chats: Invalid value for 'EXPORT...'"),
        (["corpus", "{answers}", ""], "nearer corpus: Invalid value for 'EXPORT...'"),
    ],
)
def test_an_empty_file_name_is_refused_as_such(
    args: list[str], where: str, tmp_path: Path, alice: dict[str, int]
) -> None:
    """An empty name was the current folder: ".: is a folder, not a file", or a corpus of
    whatever the folder held (nearer's own database among it)."""
    answers = write(tmp_path / "alice.json", {"answers": alice})
    result = run(*(arg.format(answers=answers) for arg in args))
    assert (result.exit_code, result.output) == (2, f"{where}: an empty name is no file\n")
