"""`nearer detect`: JSON Lines in, one JSON line of scores per message out."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner, Result

from nearer.chat.detectors import DETECTORS
from nearer.cli.detect import detect
from nearer.cli.inputs import fails_cleanly

app = typer.Typer()
app.command()(fails_cleanly(detect))


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def lines(*documents: object) -> str:
    return "".join(json.dumps(d) + "\n" for d in documents)


def test_each_message_gets_every_detectors_score_and_decision() -> None:
    result = run(input=lines({"text": "thank you so much"}, {"text": "ok"}))
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 2
    assert set(out[0]) == set(DETECTORS)
    assert out[0]["gratitude"]["yes"] is True
    assert out[1]["gratitude"]["yes"] is False
    assert all(0.0 <= v["score"] <= 1.0 for v in out[0].values())


def test_a_context_lets_a_question_ask_more() -> None:
    disclosure = "I had an awful day and I feel crushed"
    result = run(input=lines({"text": "what happened?", "context": disclosure}))
    assert json.loads(result.stdout)["asking_more"]["yes"] is True


def test_a_file_can_be_read_instead_of_stdin(tmp_path: Path) -> None:
    path = tmp_path / "messages.jsonl"
    path.write_text(lines({"text": "sorry, my bad"}, {"text": "hi", "context": None}))
    result = run(str(path))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2


def test_blank_lines_are_skipped() -> None:
    result = run(input="\n" + lines({"text": "hi"}) + "\n\n")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1


def test_bad_json_names_its_line_and_exits_2() -> None:
    result = run(input=lines({"text": "fine"}) + "{not json\n")
    assert result.exit_code == 2
    assert "line 2" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_a_line_without_text_is_refused() -> None:
    result = run(input=lines({"message": "hi"}))
    assert result.exit_code == 2
    assert 'line 1: expected an object with a "text" string' in result.stderr


def test_a_context_that_is_not_a_string_is_refused() -> None:
    result = run(input=lines({"text": "hi", "context": 3}))
    assert result.exit_code == 2
    assert "line 1" in result.stderr


def test_a_missing_file_is_one_line() -> None:
    result = run("/no/such/file.jsonl")
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_empty_input_gives_empty_output() -> None:
    result = run(input="")
    assert result.exit_code == 0
    assert result.stdout == ""
