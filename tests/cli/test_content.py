from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nearer.domain.model import Content
from tests.cli.conftest import run


def test_content_check_json_reports_ok_counts_and_no_problems() -> None:
    result = run("content", "check", "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["problems"] == []
    assert set(report["counts"]) == {
        "profile_items",
        "signs",
        "causes",
        "cause_items",
        "questions",
        "practices",
        "safety_items",
    }


def test_content_export_lists_every_item_with_its_range(content: Content) -> None:
    result = run("content", "export", "--json")
    items = json.loads(result.stdout)["items"]
    assert len(items) == sum(len(i.items) for i in content.instruments.values())
    assert set(items[0]) == {"id", "instrument", "scale", "reverse", "min", "max"}
    assert {i["instrument"] for i in items} == set(content.instruments)


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_content_export_prints_every_id_whole_whatever_the_terminal_width(
    content: Content, columns: str
) -> None:
    # A fresh process: Rich reads COLUMNS once, as the console is made, so setting it in this
    # one would not change the width of a console made at import.
    command = [str(Path(sys.executable).parent / "nearer"), "content", "export"]
    done = subprocess.run(
        command,
        env={**os.environ, "COLUMNS": columns},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()[2:]
    ids = [item.id for instrument in content.instruments.values() for item in instrument.items]
    assert [row.split()[0] for row in rows] == ids
    assert "…" not in done.stdout


def test_resources_are_one_command_away() -> None:
    result = run("resources", "--country", "us")
    assert result.exit_code == 0
    assert "988" in result.stdout


def test_a_country_without_a_list_says_so_and_still_shows_support() -> None:
    result = run("resources", "--country", "XX")
    assert result.exit_code == 0
    assert result.stderr.startswith("nearer: --country: no list for 'XX' yet")
    assert result.stderr.count("\n") == 1
    assert "Support resources" in result.stdout


def test_a_country_with_a_list_says_nothing_on_stderr() -> None:
    assert run("resources", "--country", "gb").stderr == ""


def test_a_reader_gone_before_the_table_is_written_is_one_line_and_exit_2() -> None:
    command = [str(Path(sys.executable).parent / "nearer"), "content", "check"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as running:
        assert running.stdout is not None and running.stderr is not None
        running.stdout.close()  # as `| head -c 10` does once it has enough
        stderr = running.stderr.read().decode()
    assert running.returncode == 2, stderr  # 1 would say the content is invalid
    assert stderr == "nearer: stdout: cannot be written (Broken pipe)\n"
