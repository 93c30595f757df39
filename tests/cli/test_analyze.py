from __future__ import annotations

import json
import os
import resource
import select
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import TextIO

import pytest
import typer
from typer.testing import CliRunner, Result

from nearer.chat import demo
from nearer.cli.analyze import analyze
from nearer.cli.inputs import fails_cleanly
from tests.chat.parsers.conftest import make_messenger_download, make_zip

app = typer.Typer()
app.command()(fails_cleanly(analyze))

CHAT = (
    "timestamp,sender,text\n"
    "2024-03-04 09:00,Sam,Good morning! Thank you for the coffee, it made my day\n"
    "2024-03-04 09:05,Alex,Anytime, I love making it for you. See you tonight?\n"
    "2024-03-04 09:06,Sam,Yes, can't wait\n"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def chat(tmp_path: Path) -> Path:
    path = tmp_path / "chat.csv"
    path.write_text(CHAT, encoding="utf-8")
    return path


def test_json_goes_to_stdout(chat: Path) -> None:
    result = run(str(chat), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["messages"] == 3


def test_a_utf16_export_without_a_byte_order_mark_is_analysed(tmp_path: Path) -> None:
    path = tmp_path / "chat.csv"
    path.write_bytes(CHAT.encode("utf-16-le"))
    result = run(str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["messages"] == 3


def test_csv_goes_to_stdout_with_a_header(chat: Path) -> None:
    result = run(str(chat), "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.startswith("week,iso_year,iso_week,days,scope,person,messages,")


def test_html_without_out_is_written_to_the_current_folder_and_says_where(
    chat: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(str(chat))
    assert result.exit_code == 0
    page = tmp_path / "nearer-report.html"
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert "nearer-report.html" in result.stderr


def test_the_report_path_is_said_with_its_terminal_codes_escaped(
    chat: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r\x1b[2J.json"
    result = run(str(chat), "--format", "json", "--out", str(out))
    assert result.exit_code == 0 and out.exists()
    assert "\x1b" not in result.stderr and "r\\x1b[2J.json" in result.stderr


def test_the_report_file_is_private(chat: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert run(str(chat), "--format", "json", "--out", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_me_goes_first(chat: Path) -> None:
    result = run(str(chat), "--format", "json", "--me", "Alex")
    assert json.loads(result.stdout)["people"] == ["Alex", "Sam"]


def test_a_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"nearer: {tmp_path / 'nope.txt'}: no such file"


def test_an_unknown_report_format_is_refused(chat: Path) -> None:
    result = run(str(chat), "--format", "pdf")
    assert result.exit_code == 2 and "--format" in result.stderr


def test_an_unrecognised_export_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\nnothing like a chat\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert "notes.txt" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_parse_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("timestamp,sender,text\nnot a time,Sam,hi\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert "bad.csv" in result.stderr and "line 2" in result.stderr


def test_a_group_chat_without_pair_lists_the_people(tmp_path: Path) -> None:
    path = tmp_path / "group.csv"
    path.write_text(CHAT + "2024-03-04 09:07,Robin,hello both\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert "Robin" in result.stderr and "--pair" in result.stderr


def test_a_group_chat_with_pair_is_analysed(tmp_path: Path) -> None:
    path = tmp_path / "group.csv"
    path.write_text(CHAT + "2024-03-04 09:07,Robin,hello both\n", encoding="utf-8")
    result = run(str(path), "--format", "json", "--pair", "Sam,Alex")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["signals"]["messages"]["couple"] == 3


def test_a_name_with_a_comma_is_listed_in_quotes_and_chosen_in_quotes(tmp_path: Path) -> None:
    path = tmp_path / "group.txt"
    path.write_text(
        "12/03/2024, 21:15 - Smith, Ana: hi\n12/03/2024, 21:16 - Ben: again\n"
        "13/03/2024, 21:17 - Cy: yo\n",
        encoding="utf-8",
    )
    listed = run(str(path))
    assert listed.exit_code == 2 and "(Smith, Ana)" not in listed.stderr
    assert '"Smith, Ana"' in listed.stderr
    chosen = run(str(path), "--format", "json", "--pair", '"Smith, Ana",Ben')
    assert chosen.exit_code == 0, chosen.stderr
    assert set(json.loads(chosen.stdout)["people"]) == {"Smith, Ana", "Ben"}


def test_an_empty_out_is_named_as_empty(chat: Path) -> None:
    result = run(str(chat), "--out", "")
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == 'nearer: --out: an empty name is no file (use "-" for the standard output)'
    )


def test_a_malformed_pair_is_refused(chat: Path) -> None:
    result = run(str(chat), "--pair", "Sam")
    assert result.exit_code == 2 and "--pair" in result.stderr


def test_the_demo_chat_gives_a_report_that_reads_well(tmp_path: Path) -> None:
    export = tmp_path / demo.file_name()
    export.write_bytes(demo.generate(date(2024, 1, 8)))
    out = tmp_path / "report.html"
    result = run(str(export), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "What has changed lately" in page and "Sign it speaks to" in page


TELEGRAM_FULL = Path(__file__).parents[1] / "chat/fixtures/telegram/full_export_several_chats.json"


def test_a_full_telegram_export_names_its_chats_and_how_to_choose() -> None:
    result = run(str(TELEGRAM_FULL), "--format", "json")
    assert result.exit_code == 2
    assert '"Climbing club" (id 99)' in result.stderr
    assert '(use --chat "NAME" or --chat ID)' in result.stderr


def test_a_chat_is_chosen_by_the_id_the_list_of_chats_shows() -> None:
    result = run(str(TELEGRAM_FULL), "--chat", "1", "--format", "json")
    assert "no chat is called" not in result.stderr
    assert "needs messages from two people; found nobody" in result.stderr  # Saved Messages
    assert "name or its Telegram id" in " ".join(run("--help").stdout.split())


def test_chat_picks_one_chat_of_a_full_telegram_export(tmp_path: Path) -> None:
    def chat(name: str, *senders: str) -> dict[str, object]:
        rows = [
            {
                "id": n,
                "type": "message",
                "date": f"2024-03-04T09:0{n}:00",
                "from": who,
                "from_id": f"user{who}",
                "text": f"hello from {who}",
            }
            for n, who in enumerate(senders)
        ]
        return {"name": name, "type": "personal_chat", "id": len(senders), "messages": rows}

    export = {"chats": {"list": [chat("Work", "Sam", "Kim", "Kim"), chat("Alex", "Sam", "Alex")]}}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = run(str(path), "--chat", "Alex", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["participants"] == {"Sam": 1, "Alex": 1}


def test_chat_is_refused_for_an_export_that_holds_one_untitled_chat(chat: Path) -> None:
    result = run(str(chat), "--chat", "Bob")
    assert result.exit_code == 2
    assert "holds one chat, with no name in the export, so there is none to choose" in (
        result.stderr
    )


def test_chat_naming_the_one_chat_of_a_whatsapp_export_is_accepted(tmp_path: Path) -> None:
    path = whatsapp_zip(tmp_path)  # "WhatsApp Chat - Sam.zip"
    result = run(str(path), "--chat", "sam", "--format", "json")
    assert result.exit_code == 0, result.output


def test_tz_puts_an_export_of_instants_on_that_clock(tmp_path: Path) -> None:
    path = tmp_path / "chat.csv"
    path.write_text(CHAT.replace(",Sam,", "+00:00,Sam,").replace(",Alex,", "+00:00,Alex,"))
    result = run(str(path), "--format", "json", "--tz", "Asia/Tokyo")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["time_zone"] == "Asia/Tokyo"
    assert document["summary"]["first"] == "2024-03-04T18:00:00"


def test_an_unknown_tz_is_one_line_and_exit_2(chat: Path) -> None:
    result = run(str(chat), "--tz", "Mars/Olympus")
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "--tz" in result.stderr


def nearer(
    *args: str, stdout: int | TextIO = subprocess.PIPE, limit: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    """`nearer analyze` in a process of its own, for failures only a real process shows."""
    command = [sys.executable, "-c", "from nearer.cli.app import main; main()", "analyze", *args]
    return subprocess.run(
        command, stdout=stdout, stderr=subprocess.PIPE, text=True, preexec_fn=limit, check=False
    )


def test_a_failed_write_leaves_the_report_that_was_there(tmp_path: Path) -> None:
    export = tmp_path / demo.file_name()
    export.write_bytes(demo.generate(date(2024, 1, 8)))
    kept = tmp_path / "keep.json"
    kept.write_text('{"old":1}\n', encoding="utf-8")

    def small_files() -> None:  # like `ulimit -f 100`: past the 64 KB probe, not the report
        resource.setrlimit(resource.RLIMIT_FSIZE, (100 * 1024, resource.RLIM_INFINITY))

    done = nearer(str(export), "--format", "json", "--out", str(kept), limit=small_files)
    assert done.returncode == 2
    assert done.stderr == f"nearer: {kept}: cannot be written (File too large)\n"
    assert kept.read_text(encoding="utf-8") == '{"old":1}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([export.name, "keep.json"])


def test_a_replaced_report_is_private_too(chat: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("an older, longer report " * 100, encoding="utf-8")
    out.chmod(0o644)
    assert run(str(chat), "--format", "json", "--out", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["messages"] == 3
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.csv", "r.json"]


def test_out_through_a_symlink_writes_the_file_it_points_to(chat: Path, tmp_path: Path) -> None:
    real, link = tmp_path / "real.json", tmp_path / "link.json"
    link.symlink_to(real)
    assert run(str(chat), "--format", "json", "--out", str(link)).exit_code == 0
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["summary"]["messages"] == 3


def drained(descriptor: int, seconds: float = 30) -> bytes:
    """What a writer puts into a non-blocking pipe's read end, until it closes (or time runs
    out, so a writer that never comes cannot hang the test)."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if select.select([descriptor], [], [], 0.1)[0]:
            chunk = os.read(descriptor, 65536)
            if not chunk and chunks:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def test_out_to_a_named_pipe_writes_into_the_pipe(chat: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    descriptor = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with ThreadPoolExecutor(1) as pool:
            read = pool.submit(drained, descriptor)
            assert run(str(chat), "--format", "json", "--out", str(pipe)).exit_code == 0
            assert json.loads(read.result())["summary"]["messages"] == 3
    finally:
        os.close(descriptor)
    assert stat.S_ISFIFO(pipe.stat().st_mode)  # still a pipe, not a file put in its place


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_that_cannot_be_written_is_one_line_and_exit_2(chat: Path) -> None:
    with Path("/dev/full").open("w") as full:
        done = nearer(str(chat), "--format", "json", stdout=full)
    assert done.returncode == 2
    assert done.stderr == "nearer: stdout: cannot be written (No space left on device)\n"


def test_me_outside_the_given_pair_asks_for_one_of_the_two(tmp_path: Path) -> None:
    path = tmp_path / "group.csv"
    path.write_text(CHAT + "2024-03-04 09:07,Robin,hello both\n", encoding="utf-8")
    result = run(str(path), "--pair", "Sam,Alex", "--me", "Robin")
    assert result.exit_code == 2
    assert result.stderr == (
        f'nearer: {path}: "Robin" is not one of the pair (Sam, Alex); --me must be one of the two\n'
    )


def test_terminal_codes_in_a_name_are_shown_escaped_not_obeyed(tmp_path: Path) -> None:
    path = tmp_path / "group.csv"
    name = "Eve\x1b]0;pwned\x07 [bold]x[/] \u202eevil\x1b[2J"
    path.write_text(CHAT + f"2024-03-04 09:07,{name},hello both\n", encoding="utf-8")
    result = run(str(path), "--pair", "x,y")
    assert result.exit_code == 2
    assert "Eve\\x1b]0;pwned\\x07 [bold]x[/] \\u202eevil\\x1b[2J" in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def test_a_pair_naming_someone_absent_is_not_told_to_use_pair(tmp_path: Path) -> None:
    path = tmp_path / "group.csv"
    path.write_text(CHAT + "2024-03-04 09:07,Robin,hello both\n", encoding="utf-8")
    result = run(str(path), "--pair", "Sam,Kim", "--me", "Robin")
    assert result.exit_code == 2
    assert '"Kim" sent no messages' in result.stderr and "use --pair" not in result.stderr


def test_out_dash_writes_even_html_to_stdout(
    chat: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(str(chat), "--out", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!doctype html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.csv"]


def test_out_dot_slash_dash_is_still_a_file_named_dash(
    chat: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(str(chat), "--format", "json", "--out", "./-")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert json.loads((tmp_path / "-").read_text(encoding="utf-8"))["summary"]["messages"] == 3


def test_the_out_help_says_dash_means_stdout() -> None:
    command = typer.main.get_command(app)
    out = next(option for option in command.params if option.name == "out")
    assert '"-" for stdout' in str(out.help)


FIXTURES = Path(__file__).parents[1] / "chat/fixtures"
TELEGRAM = FIXTURES / "telegram/full_export_one_chat.json"
WHATSAPP = FIXTURES / "whatsapp/case17_multiline_body.txt"
SPLIT_THREAD = sorted((FIXTURES / "meta/case40_split_thread").glob("message_*.json"))


def whatsapp_zip(folder: Path) -> Path:
    path = folder / "WhatsApp Chat - Sam.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", WHATSAPP.read_bytes())
    return path


def same_export(how: str, export: Path) -> str:
    """Another way of naming the file `export`, made in its folder when it is a link."""
    folder = export.parent
    if how == "symlink":
        (folder / "link").symlink_to(export)
        return str(folder / "link")
    if how == "hard link":
        (folder / "hard").hardlink_to(export)
        return str(folder / "hard")
    (folder / "sub").mkdir()
    return {
        "the same path": str(export),
        "./": f"{folder}/./{export.name}",
        "..": f"{folder}/sub/../{export.name}",
    }[how]


@pytest.mark.parametrize("how", ["the same path", "./", "..", "symlink", "hard link"])
@pytest.mark.parametrize("kind", ["csv", "zip"])
def test_out_naming_the_export_itself_is_refused_and_the_export_kept(
    tmp_path: Path, how: str, kind: str
) -> None:
    export = tmp_path / "chat.csv"
    export.write_text(CHAT, encoding="utf-8")
    if kind == "zip":
        export = whatsapp_zip(tmp_path)
    before = export.read_bytes()
    out = same_export(how, export)
    result = run(str(export), "--format", "json", "--out", out)
    assert result.exit_code == 2, result.output
    line = result.stderr
    assert line.count("\n") == 1 and line.startswith(f"nearer: --out {Path(out)}: is the export ")
    assert result.stdout == "" and export.read_bytes() == before


def test_a_relative_out_naming_the_export_is_refused(
    chat: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(chat.parent)
    result = run("chat.csv", "--format", "csv", "--out", "./chat.csv")
    assert result.exit_code == 2 and "is the export chat.csv" in result.stderr
    assert chat.read_text(encoding="utf-8") == CHAT


UNREAD = {
    "a WhatsApp chat beside a Telegram export": (
        [TELEGRAM, WHATSAPP],
        WHATSAPP,
        "is not a Telegram export",
    ),
    "a Telegram export beside a WhatsApp zip": ([TELEGRAM, "zip"], TELEGRAM, "not a WhatsApp"),
    "an answers file beside a Telegram export": ([TELEGRAM, "answers"], "answers", "Telegram"),
    "a second WhatsApp chat": ([WHATSAPP, "copy"], None, "2 WhatsApp exports; nearer reads one"),
}


@pytest.mark.parametrize(("given", "named", "says"), UNREAD.values(), ids=UNREAD.keys())
def test_a_file_that_would_not_be_read_is_refused_by_name(
    tmp_path: Path, given: list[Path | str], named: Path | str | None, says: str
) -> None:
    made = {
        "zip": whatsapp_zip(tmp_path),
        "answers": write_json(tmp_path / "answers.json", {"answers": {}}),
        "copy": tmp_path / "WhatsApp Chat with Sam.txt",
    }
    made["copy"].write_bytes(WHATSAPP.read_bytes() + b"12/03/2024, 21:15 - Sam: one more\n")
    paths = [made[p] if isinstance(p, str) else p for p in given]
    result = run(*(str(p) for p in paths), "--format", "json")
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    if named is not None:
        shown = made[named] if isinstance(named, str) else named
        assert result.stderr.startswith(f"nearer: {shown}: ")
    assert result.stdout == ""


def test_the_files_of_one_split_messenger_thread_are_still_read_together() -> None:
    result = run(*(str(p) for p in SPLIT_THREAD), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["format"] == "meta"


def test_several_csv_files_are_still_read_one_after_the_other(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(CHAT, encoding="utf-8")
    second.write_text(CHAT.replace("2024-03-04", "2024-03-05"), encoding="utf-8")
    result = run(str(first), str(second), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["messages"] == 6


def test_one_file_given_twice_is_read_once_and_named_as_typed(
    chat: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(chat.parent.parent)
    typed = f"{chat.parent.name}/chat.csv"
    result = run(typed, f"./{typed}", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["messages"] == 3
    assert f"./{typed} is the same file as {typed}: read once" in report["warnings"]


def test_two_people_of_one_name_are_chosen_by_their_labels(tmp_path: Path) -> None:
    messages = [
        {"id": n, "type": "message", "date_unixtime": str(1709542800 + 60 * n)}
        | {"from": ("Alex", "Alex", "Sam")[n % 3], "from_id": f"user{n % 3}", "text": f"hi {n}"}
        for n in range(9)
    ]
    group = {"name": "Club", "type": "private_group", "id": 1, "messages": messages}
    export = write_json(tmp_path / "result.json", group)
    refused = run(str(export), "--format", "json")
    assert refused.exit_code == 2 and "(Alex (1), Alex (2), Sam); choose the two" in refused.stderr
    result = run(str(export), "--format", "json", "--pair", "Alex (2),Sam", "--me", "Alex (2)")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["people"] == ["Alex (2)", "Sam"]


def test_me_naming_two_people_of_one_name_lists_them_in_one_line_rather_than_guess(
    tmp_path: Path,
) -> None:
    # user2 "Alex" writes first, so the label "Alex" is user2's, whoever runs the command.
    messages = [
        {"id": n, "type": "message", "date_unixtime": str(1709542800 + 60 * n), "text": f"hi {n}"}
        | {"from": "Alex", "from_id": person}
        for n, person in enumerate(["user2", "user1", "user2", *["user1"] * 3, "user2", "user1"])
    ]
    chat = {"name": "Alex", "type": "personal_chat", "id": 1, "messages": messages}
    export = write_json(tmp_path / "result.json", chat)
    refused = run(str(export), "--format", "json", "--tz", "UTC", "--me", "Alex")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr == (
        f'nearer: {export}: "Alex" is 2 people in this chat: "Alex (1)" (id user2), 3 messages '
        'on 2024-03-04; "Alex (2)" (id user1), 5 messages on 2024-03-04; name yourself as listed '
        "with --me\n"
    )
    result = run(str(export), "--format", "json", "--me", "Alex (1)")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["people"] == ["Alex (1)", "Alex (2)"]  # as listed
    html = run(str(export), "--out", "-", "--me", "Alex (1)").stdout
    assert "How \u2068Alex (1)\u2069 and \u2068Alex (2)\u2069 have been talking" in html
    refused = run(str(export), "--format", "json", "--pair", "Alex,Alex (2)")
    assert refused.stderr.endswith("; name them as listed with --pair\n")


def test_people_an_export_writes_under_one_name_are_refused_in_one_line_naming_file_and_name() -> (
    None
):
    fixtures = Path(__file__).parents[1] / "chat" / "fixtures"
    thread = fixtures / "meta" / "alike_couple" / "message_1.json"
    refused = run(str(thread), "--format", "json", "--me", "Alex")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr == (
        f'nearer: {thread}: "Alex" is 2 people in this chat ({thread} lists "Alex" twice among '
        "the participants), but the export names them alike on every message, so whose a "
        "message is cannot be told; analysed, one's messages would count as the other's\n"
    )
    group = fixtures / "signal" / "reactions_by_one_name_twice.md"
    refused = run(str(group), "--format", "json", "--pair", "Alex,Sam", "--me", "Sam")
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1
    assert refused.stderr.startswith(f'nearer: {group}: "Alex" is at least 2 people in this chat')
    assert refused.stderr.endswith(' (use --pair "A,B" to analyse two others)\n')


def discord_export(path: Path, channel: str, who: tuple[str, str], day: int) -> Path:
    """A DiscordChatExporter JSON file of one channel: three messages on 4 March + `day`."""
    messages = [
        {
            "id": f"{channel}{day}{n}",
            "type": "Default",
            "timestamp": f"2024-03-{4 + day:02d}T09:0{n}:00+00:00",
            "content": f"hello from {who[n % 2]}",
            "author": {"name": who[n % 2]},
        }
        for n in range(3)
    ]
    channel_of = {"id": channel, "type": "DirectTextChat", "name": who[1]}
    return write_json(path, {"guild": {}, "channel": channel_of, "messages": messages})


def test_discord_exports_of_different_channels_are_refused_listing_both(tmp_path: Path) -> None:
    ours = discord_export(tmp_path / "ben.json", "9", ("Ana", "Ben"), 0)
    theirs = discord_export(tmp_path / "carla.json", "77", ("Ana", "Carla"), 1)
    result = run(str(ours), str(theirs), "--format", "json", "--pair", "Ana,Ben")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f'nearer: {ours}, {theirs}: the export holds 2 chats; choose one: "Ben" (id 9), '
        '"Carla" (id 77) (use --chat "NAME" or --chat ID)\n'
    )
    assert result.stdout == ""


def test_chat_picks_one_discord_channel_of_a_zip_of_several(tmp_path: Path) -> None:
    ours = discord_export(tmp_path / "ben.json", "9", ("Ana", "Ben"), 0)
    theirs = discord_export(tmp_path / "carla.json", "77", ("Ana", "Carla"), 1)
    zipped = tmp_path / "dms.zip"
    with zipfile.ZipFile(zipped, "w") as written:
        for path in (ours, theirs):
            written.write(path, f"dms/{path.name}")
    refused = run(str(zipped), "--format", "json")
    assert refused.exit_code == 2 and refused.stderr.startswith(f"nearer: {zipped}: the export")
    result = run(str(zipped), "--chat", "Carla", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["participants"] == {"Ana": 2, "Carla": 1}


def test_a_whole_messenger_download_lists_its_threads_and_chat_reads_one(tmp_path: Path) -> None:
    threads = {"bob_42": ("Bob", 30, 2), "archived_threads/carol_7": ("Carol", 5, 1)}
    download = tmp_path / "download.zip"
    download.write_bytes(make_zip(make_messenger_download(threads)).data)
    listed = run(str(download), "--format", "json")
    assert listed.exit_code == 2, listed.output
    assert listed.stderr == (
        f'nearer: {download}: the export holds 2 chats; choose one: "Bob" (id bob_42), '
        '"Carol" (id carol_7) (use --chat "NAME" or --chat ID)\n'
    )
    result = run(str(download), "--chat", "Bob", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["messages"] == 60


def test_a_chat_matching_no_thread_or_two_by_title_is_refused_saying_what_matched(
    tmp_path: Path,
) -> None:
    threads = {"alex_100": ("Alex", 3, 1), "archived_threads/alex_200": ("Alex", 4, 1)}
    download = tmp_path / "download.zip"
    download.write_bytes(make_zip(make_messenger_download(threads)).data)
    listed = '"Alex (id alex_100)", "Alex (id alex_200)"'
    for chat, problem in (
        ("Dee", 'no chat is called "Dee", by name, id or title'),
        ("alex", f'2 chats are called "alex", by title ({listed})'),
    ):
        result = run(str(download), "--chat", chat, "--format", "json")
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            f"nearer: {download}: {problem}; the export holds 2 chats; choose one: {listed} "
            '(use --chat "NAME" or --chat ID)\n'
        )


def test_a_zip_of_a_telegram_export_and_a_messenger_folder_is_refused_in_one_line(
    tmp_path: Path,
) -> None:
    said = {"id": 1, "type": "message", "date_unixtime": "1709542800", "from": "Sam", "text": "hi"}
    telegram = {"name": "Alex", "type": "personal_chat", "id": 7, "messages": [said]}
    members = make_messenger_download({"bob_42": ("Bob", 3, 1)}, root="messages")
    members["ChatExport/result.json"] = json.dumps(telegram).encode()
    mixed = tmp_path / "mixed.zip"
    mixed.write_bytes(make_zip(members).data)
    result = run(str(mixed), "--chat", "Bob", "--format", "json")
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert result.stderr.startswith(
        f"nearer: {mixed}: holds exports of 2 formats in its folders (Messenger or Instagram in "
        "messages/inbox/bob_42/; Telegram in ChatExport/)"
    )


def test_discord_parts_given_in_any_order_are_read_in_time_order(tmp_path: Path) -> None:
    first = discord_export(tmp_path / "dm.json", "9", ("Ana", "Ben"), 0)
    second = discord_export(tmp_path / "dm [part 2].json", "9", ("Ana", "Ben"), 1)
    given = run(str(second), str(first), "--format", "json")
    assert given.exit_code == 0, given.output
    in_order = run(str(first), str(second), "--format", "json")
    assert json.loads(given.stdout) == json.loads(in_order.stdout)


def test_chat_naming_another_chat_of_a_single_chat_telegram_export_is_refused(
    tmp_path: Path,
) -> None:
    said = {"id": 1, "type": "message", "date_unixtime": "1709542800", "from": "Sam", "text": "hi"}
    export = {"name": "Alex", "type": "personal_chat", "id": 7, "messages": [said]}
    path = write_json(tmp_path / "result.json", export)
    result = run(str(path), "--chat", "Family", "--format", "json")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f'nearer: {path}: no chat is called "Family"; the export holds one chat, "Alex", '
        "so there is none to choose\n"
    )


def test_a_json_export_error_names_the_message_not_a_line(tmp_path: Path) -> None:
    said = {"id": 1, "type": "message", "date_unixtime": "1709542800", "from": "Sam", "text": "hi"}
    messages = [said, said | {"id": 2, "date_unixtime": "soon"}]
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Alex", "type": "personal_chat", "messages": messages}))
    result = run(str(path), "--format", "json")
    assert result.exit_code == 2, result.output
    assert result.stderr == f"nearer: {path}, message 2: date_unixtime 'soon' is not a Unix time\n"


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_stream_without_end_is_refused_past_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from nearer.cli import exports

    monkeypatch.setattr(exports, "STREAM_LIMIT", 1 << 20)
    result = run("/dev/zero")
    assert result.exit_code == 2
    assert result.stderr == "nearer: /dev/zero: goes on past 1 MB; save the export as a file\n"


def test_an_out_into_a_missing_folder_is_refused_before_the_analysis(tmp_path: Path) -> None:
    export = tmp_path / "chat.csv"
    export.write_text("timestamp,sender,text\n2024-01-01 10:00,Ana,hi\n2024-01-01 10:01,Ben,hey\n")
    result = run(str(export), "--out", str(tmp_path / "missing" / "r.html"))
    assert result.exit_code == 2 and "--out: " in result.stderr and "missing" in result.stderr


@pytest.mark.parametrize("format", ["html", "json", "csv"])
def test_pseudonyms_keep_every_name_out_of_the_report(chat: Path, format: str) -> None:
    result = run(str(chat), "--format", format, "--out", "-", "--me", "Alex", "--pseudonyms")
    assert result.exit_code == 0, result.output
    assert "Person A" in result.stdout and "Person B" in result.stdout
    assert "Alex" not in result.stdout and "Sam" not in result.stdout
