from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner, Result

from nearer.chat.records import SHOWN
from nearer.cli.chats import chats
from nearer.cli.inputs import fails_cleanly
from tests.chat.parsers.conftest import make_messenger_download, make_zip
from tests.cli.test_analyze import CHAT
from tests.cli.test_analyze import run as analyze

app = typer.Typer()
app.command()(fails_cleanly(chats))


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def download_of(tmp_path: Path, count: int) -> Path:
    threads = {f"p{n}_{n}": (f"Partner {n}", 2, 1) for n in range(1, count + 1)}
    path = tmp_path / "my download.zip"
    path.write_bytes(make_zip(make_messenger_download(threads)).data)
    return path


def test_every_chat_of_a_download_is_listed_one_a_line_as_chat_takes_it(tmp_path: Path) -> None:
    result = run(str(download_of(tmp_path, SHOWN + 5)))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == SHOWN + 5
    assert '"Partner 25" (id p25_25)' in lines


def test_analyze_points_to_the_whole_list_when_it_shows_only_part(tmp_path: Path) -> None:
    download = download_of(tmp_path, SHOWN + 1)
    result = analyze(str(download), "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.endswith(f"; `nearer chats '{download}'` lists them all\n")
    assert (
        "lists them all"
        not in analyze(str(download_of(tmp_path, SHOWN)), "--format", "json").stderr
    )


def test_a_chat_name_is_shown_escaped_never_obeyed_by_the_terminal(tmp_path: Path) -> None:
    threads = {"a_1": ("Ana\x1b[2J", 2, 1), "b_2": ("Bob\nCarla", 2, 1)}
    path = tmp_path / "hostile.zip"
    path.write_bytes(make_zip(make_messenger_download(threads)).data)
    result = run(str(path))
    assert result.stdout == '"Ana\\x1b[2J" (id a_1)\n"Bob\\nCarla" (id b_2)\n'


def test_an_export_of_one_chat_gives_its_title_or_says_it_has_none(tmp_path: Path) -> None:
    one = tmp_path / "one.zip"
    one.write_bytes(make_zip(make_messenger_download({"bob_42": ("Bob", 2, 1)})).data)
    assert run(str(one)).stdout == '"Bob"\n'
    assert run("-", input=CHAT).stdout == "(one chat, with no name in the export)\n"


def test_an_unreadable_export_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "gone.zip"))
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"nearer: {tmp_path / 'gone.zip'}: no such file\n",
    )
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes\n", encoding="utf-8")
    refused = run(str(bad))
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"nearer: {bad}") and refused.stderr.count("\n") == 1
