"""`nearer corpus`: many chats in one weekly table, each chat's rows its own analysis."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from nearer.chat import demo, pipeline
from nearer.chat.pipeline import analyze
from nearer.chat.records import ChatFile
from nearer.chat.render_csv import render_csv
from nearer.cli.corpus import corpus
from nearer.cli.inputs import fails_cleanly

app = typer.Typer()
app.command()(fails_cleanly(corpus))

NOT_A_CHAT = b"hello there\nthis is no chat\n"
GROUP = (
    "timestamp,sender,text\n"
    "2024-03-04 09:00,Sam,hi all\n2024-03-04 09:05,Alex,hey\n2024-03-04 09:06,Kim,hello\n"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, [*args, "--tz", "UTC"])


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def files_in(result: Result, text: str | None = None) -> list[str]:
    """The files of the chats in the table (`text`, else stdout), in its order, by the key on
    stderr ("nearer: chat 2: chats/b.txt")."""
    lines = (re.fullmatch(r"nearer: chat (\d+): (.+)", line) for line in result.stderr.splitlines())
    key = {found[1]: found[2] for found in lines if found}
    numbers = dict.fromkeys(row["chat"] for row in rows(result.stdout if text is None else text))
    return [key[number] for number in numbers]


def chat_of(seed: int, days: int = 30) -> bytes:
    return demo.generate(date(2026, 1, 5), days=days, seed=seed)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    chats = tmp_path / "chats"
    chats.mkdir()
    (chats / "one.txt").write_bytes(chat_of(1))
    (chats / "two.txt").write_bytes(chat_of(2, days=20))
    return chats


def alone(data: bytes) -> list[dict[str, str]]:
    """The chat's weekly rows as `nearer analyze --pseudonyms --format csv` writes them."""
    return rows(render_csv(analyze([ChatFile("chat.txt", data)], zone="UTC", pseudonyms=True)))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_chats_rows_are_its_own_analysis_behind_its_number(folder: Path, jobs: str) -> None:
    result = run(str(folder), "--jobs", jobs)
    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert files_in(result) == [str(folder / "one.txt"), str(folder / "two.txt")]
    for number, seed, days in (("1", 1, 30), ("2", 2, 20)):
        mine = [row for row in table if row["chat"] == number]
        assert [{k: v for k, v in row.items() if k != "chat"} for row in mine] == alone(
            chat_of(seed, days)
        )
    assert "2 of 2 chats in the table" in result.stderr


def test_the_chats_keep_the_order_they_were_named_in(folder: Path) -> None:
    named = [str(folder / "two.txt"), str(folder / "one.txt")]
    result = run(*named, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert list(dict.fromkeys(row["chat"] for row in rows(result.stdout))) == ["1", "2"]
    assert files_in(result) == named


def test_people_are_person_a_and_b_and_no_name_is_in_the_table(folder: Path) -> None:
    result = run(str(folder))
    assert result.exit_code == 0, result.output
    assert {row["person"] for row in rows(result.stdout)} == {"Person A", "Person B", ""}
    assert not {"Sam", "Alex"} & set(result.stdout.replace(",", " ").split())


def test_the_table_holds_no_part_of_an_exports_path_only_its_number(tmp_path: Path) -> None:
    """Exports are named after people: WhatsApp's file, a Messenger thread's folder."""
    chats = tmp_path / "Sam and Kim"
    (chats / "kim_4242").mkdir(parents=True)
    (chats / "WhatsApp Chat with Sam.txt").write_bytes(chat_of(1))
    (chats / "kim_4242" / "chat.txt").write_bytes(chat_of(2, days=20))
    result = run(str(chats))
    assert result.exit_code == 0, result.output
    assert {row["chat"] for row in rows(result.stdout)} == {"1", "2"}
    for part in ("Sam", "Kim", "kim_4242", "WhatsApp", "chat.txt", str(tmp_path)):
        assert part not in result.stdout
    assert files_in(result) == [str(chats / "WhatsApp Chat with Sam.txt"), str(chats / "kim_4242")]


def test_the_same_exports_named_again_are_numbered_alike(folder: Path) -> None:
    first, again = run(str(folder), "--jobs", "2"), run(str(folder), "--jobs", "1")
    assert first.exit_code == again.exit_code == 0, first.output + again.output
    assert first.stdout == again.stdout
    assert files_in(first) == files_in(again)


def test_a_folder_in_a_folder_is_one_export_split_over_its_files(folder: Path) -> None:
    parts = folder / "split"
    parts.mkdir()
    (parts / "a.csv").write_text("timestamp,sender,text\n2024-03-04 09:00,Sam,hi love\n")
    (parts / "b.csv").write_text("timestamp,sender,text\n2024-03-04 09:05,Alex,hey you\n")
    result = run(str(folder))
    assert result.exit_code == 0, result.output
    number = str(files_in(result).index(str(parts)) + 1)
    split = [row for row in rows(result.stdout) if row["chat"] == number]
    assert sum(int(row["messages"]) for row in split if row["scope"] == "person") == 2


def test_hidden_files_and_folders_are_passed_over(folder: Path) -> None:
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / ".cache").mkdir()
    result = run(str(folder))
    assert result.exit_code == 0, result.output
    assert "2 of 2 chats" in result.stderr


def test_a_chat_that_cannot_be_analysed_is_skipped_in_one_line_and_the_rest_written(
    folder: Path, tmp_path: Path
) -> None:
    (folder / "broken.txt").write_bytes(NOT_A_CHAT)
    result = run(str(folder), "--out", str(tmp_path / "table.csv"))
    assert result.exit_code == 1, result.output
    assert f"nearer: skipped: {folder / 'broken.txt'}: not a chat export" in result.stderr
    assert "2 of 3 chats in the table; 1 skipped" in result.stderr
    table = (tmp_path / "table.csv").read_text()
    assert {row["chat"] for row in rows(table)} == {"2", "3"}  # broken.txt is chat 1
    assert files_in(result, table) == [str(folder / "one.txt"), str(folder / "two.txt")]


def test_a_group_chat_is_skipped_naming_no_one_in_it(folder: Path) -> None:
    (folder / "group.csv").write_text(GROUP)
    result = run(str(folder))
    assert result.exit_code == 1, result.output
    skipped = [line for line in result.stderr.splitlines() if "skipped:" in line]
    assert len(skipped) == 1 and "3 people wrote in this chat" in skipped[0]
    assert "Kim" not in result.stderr and "Sam" not in result.stderr


def test_no_chat_analysed_is_one_line_exit_2_and_no_table(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(NOT_A_CHAT)
    (tmp_path / "table.csv").write_text("kept")
    result = run(str(tmp_path / "a.txt"), "--out", str(tmp_path / "table.csv"))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        "nearer: none of the 1 chats could be analysed (see above)"
    )
    assert (tmp_path / "table.csv").read_text() == "kept"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["missing"], "nearer: missing: no such file or folder"),
        (["-"], 'nearer: EXPORT: "-": the standard input is one chat'),
        (["chats", "--jobs", "-1"], "nearer: --jobs: expected 0 (one per core) or more, got -1"),
        (["chats", "--out", "chats/t.csv"], "nearer: --out chats/t.csv: is in the folder chats"),
        (["chats/one.txt", "--out", "chats/one.txt"], "is the export chats/one.txt"),
        (["empty"], "nearer: empty: holds no chat export"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    folder: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], said: str
) -> None:
    monkeypatch.chdir(folder.parent)
    (folder.parent / "empty").mkdir()
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1 and said in result.stderr, result.stderr
    assert (folder / "one.txt").read_bytes() == chat_of(1)


def test_a_folder_with_nothing_in_it_is_skipped_as_holding_no_files(folder: Path) -> None:
    (folder / "nothing").mkdir()
    result = run(str(folder))
    assert result.exit_code == 1, result.output
    assert f"nearer: skipped: {folder / 'nothing'}: holds no files" in result.stderr


def test_a_chats_unreadable_part_is_said_without_quoting_the_export(
    folder: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(folder / "both.zip", "w") as archive:  # two chats, named for people
        archive.writestr("WhatsApp Chat with Kim.txt", chat_of(3))
        archive.writestr("WhatsApp Chat with Robin.txt", chat_of(4))
    (folder / "cells.csv").write_text(GROUP.replace("2024-03-04 09:06", "Robin Kim"))
    result = run(str(folder))
    assert result.exit_code == 1, result.output
    assert "Kim" not in result.stderr and "Robin" not in result.stderr, result.stderr
    said = [line for line in result.stderr.splitlines() if "skipped:" in line]
    assert said == [
        f"nearer: skipped: {folder / 'both.zip'}: cannot be read as a chat export; "
        f"`nearer analyze {folder / 'both.zip'}` says why",
        f"nearer: skipped: {folder / 'cells.csv'}, line 4: cannot be read as a chat export; "
        f"`nearer analyze {folder / 'cells.csv'}` says why",
    ]


def test_a_fault_in_one_chats_analysis_skips_that_chat_alone(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No chat is known to fail so; one is made to, in this process (`--jobs 1`)."""
    real = pipeline.analyze

    def failing(files: list[ChatFile], **options: object) -> object:
        if files[0].name.endswith("two.txt"):
            raise RuntimeError("a fault")
        return real(files, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "analyze", failing)
    result = run(str(folder), "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert f"skipped: {folder / 'two.txt'}: nearer failed on it (RuntimeError)" in result.stderr
    assert files_in(result) == [str(folder / "one.txt")]


def test_the_same_export_named_twice_is_read_once_and_said(folder: Path) -> None:
    (folder / "link.txt").symlink_to(folder / "one.txt")
    result = run(str(folder), str(folder / "two.txt"), str(folder))
    assert result.exit_code == 0, result.output
    link, one, two = (str(folder / name) for name in ("link.txt", "one.txt", "two.txt"))
    assert f"warning: {one}: the same export as {link}, read once" in result.stderr
    assert result.stderr.count("nearer: warning:") == 5, result.stderr  # one, two, the folder
    assert files_in(result) == [link, two]


def test_what_is_neither_file_nor_folder_is_passed_over_never_waited_on(folder: Path) -> None:
    os.mkfifo(folder / "pipe")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    result = run(str(folder))
    assert result.exit_code == 0, result.output
    assert "2 of 2 chats" in result.stderr


def test_a_table_in_a_folder_read_as_a_chat_is_refused(folder: Path) -> None:
    (folder / "thread").mkdir()
    (folder / "thread" / "a.txt").write_bytes(chat_of(5))
    result = run(str(folder), "--out", str(folder / "thread" / "t.csv"))
    assert result.exit_code == 2, result.output
    assert f"is in the folder {folder}, whose files are read as chats" in result.stderr
    deeper = folder / "thread" / "photos"
    deeper.mkdir()
    assert run(str(folder), "--out", str(deeper / "t.csv")).exit_code == 0


def test_what_its_user_may_not_read_is_one_line_each(tmp_path: Path) -> None:
    """Root reads everything: the command runs as nobody, on a folder nobody can read into."""
    shared = Path(tempfile.mkdtemp())
    try:
        shared.chmod(0o755)
        (shared / "one.txt").write_bytes(chat_of(1))
        (shared / "one.txt").chmod(0o644)
        (shared / "locked").mkdir(mode=0o700)
        (shared / "locked" / "part.csv").write_text(GROUP)
        as_nobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        nearer = [*as_nobody, str(Path(sys.executable).parent / "nearer"), "corpus", "--tz=UTC"]
        locked = shared / "locked"

        def corpus_of(*args: Path | str) -> subprocess.CompletedProcess[str]:
            command = [*nearer, "--jobs=1", *map(str, args)]
            return subprocess.run(command, capture_output=True, text=True, timeout=120)

        inside = corpus_of(shared)
        assert inside.returncode == 1, inside.stderr
        assert f"nearer: skipped: {locked}: cannot be read (Permission denied)" in inside.stderr
        named = corpus_of(locked)
        assert (named.returncode, named.stderr) == (
            2,
            f"nearer: {locked}: cannot be read (Permission denied)\n",
        )
        out = corpus_of(shared / "one.txt", "--out", locked / "t.csv")
        assert out.returncode == 2 and "cannot be written (Permission denied)" in out.stderr
    finally:
        shutil.rmtree(shared)


def corpus_running(folder: Path, out: Path) -> subprocess.Popen[str]:
    """`nearer corpus FOLDER --jobs 2 --out OUT`, started, once its pool's processes are."""
    nearer = str(Path(sys.executable).parent / "nearer")
    command = [nearer, "corpus", str(folder), "--jobs=2", "--tz=UTC", "--out", str(out)]
    running = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(workers_of(running.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    return running


def workers_of(pid: int) -> list[int]:
    """The pool processes `pid` spawned (not its resource tracker)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [
            int(c) for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()
        ]
    except FileNotFoundError:  # ended meanwhile
        return []


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """Enough chats for the pool to be busy for some seconds."""
    chats = tmp_path / "many"
    chats.mkdir()
    for seed in range(8):
        (chats / f"chat{seed}.txt").write_bytes(chat_of(seed, days=300))
    return chats


def test_a_pool_process_killed_mid_run_loses_no_chat(many: Path, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    with corpus_running(many, table) as running:
        try:
            time.sleep(0.5)  # starting or into a chat: either way the pool breaks under it
            os.kill(workers_of(running.pid)[0], signal.SIGKILL)
            assert running.wait(timeout=300) == 0, running.stderr.read()
        finally:
            running.kill()
    assert {row["chat"] for row in rows(table.read_text())} == {str(n) for n in range(1, 9)}


def test_sigterm_ends_the_pool_writes_nothing_and_says_so(many: Path, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    with corpus_running(many, table) as running:
        try:
            workers = workers_of(running.pid)
            running.terminate()
            assert running.wait(timeout=60) == 143
            assert running.stderr.read() == "nearer: stopped; no table was written\n"
        finally:
            running.kill()
    assert workers and not table.exists()
    time.sleep(0.5)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
