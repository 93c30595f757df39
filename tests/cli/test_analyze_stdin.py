"""`nearer analyze -`: the export read from the standard input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nearer.cli import exports
from tests.cli.test_analyze import CHAT, app

WHATSAPP = (
    "04/03/2024, 09:00 - Sam: Good morning! Thank you for the coffee\n"
    "04/03/2024, 09:05 - Alex: Anytime, I love making it for you\n"
    "04/03/2024, 09:06 - Sam: Yes, can't wait\n"
)


def run(*args: str, input: bytes) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


@pytest.mark.parametrize("export", [CHAT, WHATSAPP])
def test_a_dash_reads_the_export_from_stdin_in_the_format_its_bytes_show(export: str) -> None:
    result = run("-", "--format", "json", input=export.encode())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["messages"] == 3


def test_an_unreadable_stdin_is_named_as_stdin() -> None:
    result = run("-", "--format", "json", input=b"not a chat at all\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("nearer: <stdin>: ")


def test_stdin_past_the_stream_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "STREAM_LIMIT", 10)
    result = run("-", "--format", "json", input=CHAT.encode())
    assert result.exit_code == 2
    assert result.stderr == "nearer: <stdin>: goes on past 0 MB; save the export as a file\n"


def test_stdin_given_twice_is_refused() -> None:
    result = run("-", "-", "--format", "json", input=CHAT.encode())
    assert result.exit_code == 2
    assert "given more than once" in result.stderr


def test_a_report_file_called_dash_is_not_taken_for_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("-", "--format", "json", "--out", "./-", input=CHAT.encode())
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "-").read_text())["summary"]["messages"] == 3


def test_stdin_redirected_from_the_report_file_is_refused_and_the_export_kept(
    tmp_path: Path,
) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(WHATSAPP, encoding="utf-8")
    nearer = str(Path(sys.executable).parent / "nearer")
    with export.open("rb") as given:
        done = subprocess.run(
            [nearer, "analyze", "-", "--out", str(export)], stdin=given, capture_output=True
        )
    assert done.returncode == 2
    assert b"the report would replace it" in done.stderr and done.stderr.count(b"\n") == 1
    assert export.read_text(encoding="utf-8") == WHATSAPP


def test_a_closed_stdin_is_one_line() -> None:
    nearer = str(Path(sys.executable).parent / "nearer")
    done = subprocess.run(
        f"{nearer} analyze - --format json <&-", shell=True, capture_output=True, text=True
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("nearer: <stdin>: ") and done.stderr.count("\n") == 1


def test_chat_names_an_untitled_chat_read_from_stdin_and_becomes_its_title() -> None:
    result = run("-", "--chat", "Sam", "--format", "json", input=WHATSAPP.encode())
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["title"] == "Sam" and report["summary"]["messages"] == 3


def test_chat_naming_another_chat_than_a_titled_export_on_stdin_holds_is_still_refused() -> None:
    messenger = {
        "participants": [{"name": "Sam"}, {"name": "Alex"}],
        "title": "Alex",
        "messages": [{"sender_name": "Sam", "timestamp_ms": 1710274500000, "content": "hi"}],
    }
    result = run("-", "--chat", "Bob", "--format", "json", input=json.dumps(messenger).encode())
    assert result.exit_code == 2
    assert result.stderr == (
        'nearer: <stdin>: no chat is called "Bob"; a Messenger or Instagram export holds one '
        'chat, "Alex", so there is none to choose\n'
    )


def test_a_zipped_telegram_export_on_stdin_is_read_like_its_result_json() -> None:
    export = Path(__file__).parents[1] / "chat/fixtures/telegram/case36_rich_text.json"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as written:
        written.writestr("ChatExport_2024-05-01/result.json", export.read_bytes())
    result = run("-", "--format", "json", input=buffer.getvalue())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["messages"] > 0
