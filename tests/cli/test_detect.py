"""`nearer detect`: JSON Lines in, one JSON line of scores per message out."""

from __future__ import annotations

import json
import os
import resource
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from nearer.chat import detectors
from nearer.chat.detectors import DETECTORS
from nearer.cli import detect as detect_module
from nearer.cli.detect import BATCH_BYTES, BATCH_MESSAGES, MAX_LINE_BYTES, detect, shown_score
from nearer.cli.inputs import fails_cleanly

app = typer.Typer()
app.command()(fails_cleanly(detect))


def run(*args: str, input: str | bytes | None = None) -> Result:
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


@pytest.mark.parametrize("blank", ["", "  ", "\t", "\r"])
def test_a_blank_line_is_refused_naming_it_so_output_lines_keep_their_input_lines(
    blank: str,
) -> None:
    result = run(input=lines({"text": "hi"}) + blank + "\n" + lines({"text": "ok"}))
    assert result.exit_code == 2
    assert result.stderr == (
        'nearer: -: line 2: blank, not a message (write {"text": ""} for an empty one)\n'
    )


def test_a_blank_line_at_the_end_is_refused_too() -> None:
    result = run(input=lines({"text": "hi"}) + "\n")
    assert result.exit_code == 2
    assert "line 2: blank" in result.stderr


def test_an_empty_message_keeps_its_line() -> None:
    result = run(input=lines({"text": "hi"}, {"text": ""}, {"text": "thanks"}))
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["gratitude"]["yes"] for o in out] == [False, False, True]


def test_bad_json_names_its_line_and_exits_2() -> None:
    result = run(input=lines({"text": "fine"}) + "{not json\n")
    assert result.exit_code == 2
    assert "line 2" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


MESSAGES = [
    {"text": "thank you so much"},
    {"text": "what happened?", "context": "I had an awful day and I feel crushed"},
    {"text": "you never listen"},
    {"text": "sorry, my bad", "context": "you never listen"},
    {"text": "love you"},
    {"text": "pick up milk at 6pm"},
    {"text": "I feel so alone lately"},
]


def batch_sizes(monkeypatch: pytest.MonkeyPatch, size: int) -> list[int]:
    """Make batches of `size` messages; the list fills with the size of each detector call
    (the command imports the detectors when it runs: the patched function is the one it finds)."""
    calls: list[int] = []
    scored = detectors.detect

    def counting(texts: Any, contexts: Any = None) -> Any:
        calls.append(len(texts))
        return scored(texts, contexts)

    monkeypatch.setattr(detect_module, "BATCH_MESSAGES", size)
    monkeypatch.setattr(detectors, "detect", counting)
    return calls


def test_output_over_several_batches_equals_the_output_in_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = lines(*MESSAGES)
    whole = run(input=given)
    calls = batch_sizes(monkeypatch, 3)
    batched = run(input=given)
    assert calls == [3, 3, 1]
    assert batched.exit_code == whole.exit_code == 0, batched.output
    assert batched.stdout == whole.stdout
    assert len(batched.stdout.splitlines()) == len(MESSAGES)


def test_a_bad_line_after_the_first_batch_names_its_line_and_keeps_earlier_batches(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "messages.jsonl"
    path.write_text(lines(*MESSAGES[:5]) + "{not json\n")
    calls = batch_sizes(monkeypatch, 2)
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"nearer: {path}: line 6: not valid JSON")
    assert len(result.stderr.splitlines()) == 1
    assert calls == [2, 2]  # the third batch, message 5 and the bad line, is never scored
    assert result.stdout == run(input=lines(*MESSAGES[:4])).stdout


def test_the_help_states_the_batch_size() -> None:
    assert f"{BATCH_MESSAGES:,} at a time" in (detect.__doc__ or "")
    assert f"more than {BATCH_BYTES // 1_000_000} MB" in (detect.__doc__ or "")


def test_the_help_states_the_longest_line() -> None:
    assert f"at most {MAX_LINE_BYTES:,} bytes" in (detect.__doc__ or "")


def message_of(size: int) -> bytes:
    """A message line of exactly `size` bytes, its "\\n" aside."""
    return b'{"text": "' + b"a" * (size - 12) + b'"}'


def test_a_line_longer_than_the_limit_is_refused_naming_it_and_keeps_earlier_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    batch_sizes(monkeypatch, 1)
    longest = message_of(MAX_LINE_BYTES)
    result = run(input=longest + b"\n" + message_of(MAX_LINE_BYTES + 1) + b"\n")
    assert result.exit_code == 2
    assert result.stderr == (
        f"nearer: -: line 2: longer than {MAX_LINE_BYTES:,} bytes, the most one line can hold\n"
    )
    assert len(result.stdout.splitlines()) == 1  # line 1, at the limit, was scored and written


def test_a_last_line_at_the_limit_after_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "messages.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + message_of(MAX_LINE_BYTES))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_line_is_refused_in_bounded_memory() -> None:
    command = [sys.executable, "-c", "from nearer.cli.app import main; main()", "detect"]
    limit = 1_500_000_000  # bytes of address space: the endless line would need them all

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    done = subprocess.run(
        [*command, "/dev/zero"],
        preexec_fn=bounded,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"nearer: /dev/zero: line 1: longer than {MAX_LINE_BYTES:,} bytes, "
        "the most one line can hold\n"
    )


def test_a_batch_ends_early_once_its_lines_hold_the_most_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = batch_sizes(monkeypatch, 3)
    monkeypatch.setattr(detect_module, "BATCH_BYTES", 50)
    given = lines({"text": "a" * 30}, {"text": "b" * 30}, {"text": "c"}, {"text": "d"})
    result = run(input=given)
    assert result.exit_code == 0, result.output
    assert calls == [2, 2]  # 42 + 42 bytes reach 50 after the second line


def test_a_full_batch_is_written_before_the_input_ends() -> None:
    command = [sys.executable, "-c", "from nearer.cli.app import main; main()", "detect"]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(lines(*[{"text": "thanks"}] * BATCH_MESSAGES).encode())
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "no output while the input is still open"
        first = process.stdout.readline()
        process.stdin.close()  # only now does the input end
        rest = process.stdout.read()
    assert json.loads(first)["gratitude"]["yes"] is True
    assert process.returncode == 0
    assert len(rest.splitlines()) == BATCH_MESSAGES - 1


def test_a_line_without_text_is_refused() -> None:
    result = run(input=lines({"message": "hi"}))
    assert result.exit_code == 2
    assert 'line 1: expected an object with a "text" string' in result.stderr


def test_a_context_that_is_not_a_string_is_refused() -> None:
    result = run(input=lines({"text": "hi", "context": 3}))
    assert result.exit_code == 2
    assert "line 1" in result.stderr


def test_a_key_given_twice_is_refused_not_resolved_to_the_last() -> None:
    result = run(input='{"text": "I love you", "text": "you are pathetic"}\n')
    assert result.exit_code == 2
    assert result.stderr == "nearer: -: line 1: key 'text' is given more than once\n"


def test_terminal_codes_in_a_repeated_key_are_shown_escaped_not_obeyed() -> None:
    result = run(input='{"\\u001b[31m\\u2028": 1, "\\u001b[31m\\u2028": 2}\n')
    assert result.exit_code == 2
    assert result.stderr == "nearer: -: line 1: key '\\x1b[31m\\u2028' is given more than once\n"


def test_a_long_repeated_key_is_quoted_cut_short() -> None:
    key = "k" * 200_000
    result = run(input=json.dumps({"text": "hi"})[:-1] + f', "{key}": 1, "{key}": 2}}\n')
    assert result.exit_code == 2
    assert result.stderr == f"nearer: -: line 1: key '{'k' * 59}…' is given more than once\n"


def test_an_empty_file_name_is_named_as_such() -> None:
    result = run("")
    assert result.exit_code == 2
    assert result.stderr == 'nearer: FILE: an empty name is no file (use "-" for stdin)\n'


def test_a_missing_file_is_one_line() -> None:
    result = run("/no/such/file.jsonl")
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_empty_input_gives_empty_output() -> None:
    result = run(input="")
    assert result.exit_code == 0
    assert result.stdout == ""


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_unicode_line_separators_inside_a_message_stay_in_it(separator: str) -> None:
    result = run(input=f'{{"text": "a{separator}b"}}\n')
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1


def test_lines_are_counted_by_newlines_only() -> None:
    result = run(input='{"text": "a\u2028b\u2029c\u0085d"}\n{"text": "fine"}\n{not json\n')
    assert result.exit_code == 2
    assert result.stderr.startswith("nearer: -: line 3: not valid JSON")


def test_windows_line_endings_are_accepted() -> None:
    result = run(input='{"text": "hi"}\r\n{"text": "thanks"}\r\n')
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


LONE_CR = (
    r"its lines end in a lone carriage return (\r), which nearer does not take for a line end;"
    r" save the file with \n or \r\n line ends"
)


def test_lines_ending_in_a_lone_carriage_return_are_refused_naming_the_cause() -> None:
    result = run(input='{"text": "hi"}\r{"text": "thanks"}\r')
    assert result.exit_code == 2
    assert result.stderr == f"nearer: -: line 1: not valid JSON: {LONE_CR}\n"


def test_a_carriage_return_between_json_tokens_is_no_line_end() -> None:
    result = run(input='{"text": "hi",\r"context": "how are you?"}\n')
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1


def test_json_broken_before_a_lone_carriage_return_is_not_blamed_on_it() -> None:
    result = run(input='{"text" "hi"}\r{"text": "thanks"}\r')
    assert result.stderr == "nearer: -: line 1: not valid JSON (Expecting ':' delimiter)\n"


def test_a_long_file_of_lone_carriage_returns_names_the_cause_too() -> None:
    message = '{"text": "hi"}\r'
    result = run(input=message * (MAX_LINE_BYTES // len(message) + 1))
    assert result.exit_code == 2
    assert result.stderr == (
        f"nearer: -: line 1: longer than {MAX_LINE_BYTES:,} bytes, the most one line can hold;"
        f" {LONE_CR}\n"
    )


def test_bytes_that_are_not_utf8_on_stdin_name_their_line() -> None:
    result = run(input=b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    assert result.exit_code == 2
    assert result.stderr == "nearer: -: line 2: not UTF-8 text\n"


def test_bytes_that_are_not_utf8_in_a_file_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "ok"}\n{"text": "caf\xe9"}\n')
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stderr == f"nearer: {path}: line 3: not UTF-8 text\n"


def test_a_lone_surrogate_escape_names_its_line() -> None:
    result = run(input='{"text": "ok"}\n{"text": "a\\ud800b"}\n')
    assert result.exit_code == 2
    assert result.stderr == (
        'nearer: -: line 2: "text" holds a lone surrogate escape (\\ud800), not a character\n'
    )


def test_a_lone_surrogate_escape_in_the_context_is_refused_too() -> None:
    result = run(input='{"text": "ok", "context": "\\udfff"}\n')
    assert result.exit_code == 2
    assert 'line 1: "context" holds a lone surrogate escape (\\udfff)' in result.stderr


def test_a_paired_surrogate_escape_is_one_character() -> None:
    result = run(input='{"text": "thank you \\ud83d\\ude00"}\n')
    assert result.exit_code == 0, result.output


def test_json_nested_too_deeply_names_its_line() -> None:
    result = run(input='{"text": "ok"}\n' + "[" * 100_000 + "]" * 100_000 + "\n")
    assert result.exit_code == 2
    assert result.stderr == "nearer: -: line 2: not valid JSON (nested too deeply)\n"


def test_a_number_too_long_for_python_names_its_line() -> None:
    result = run(input='{"text": "ok", "n": ' + "1" * 5000 + "}\n")
    assert result.exit_code == 2
    assert result.stderr == "nearer: -: line 1: not valid JSON (a number has too many digits)\n"


def test_a_utf8_byte_order_mark_at_the_start_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "notepad.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "hi"}\n')
    for result in (run(str(path)), run(input=path.read_bytes())):
        assert result.exit_code == 0, result.output
        assert len(result.stdout.splitlines()) == 1


def test_a_byte_order_mark_further_on_says_files_were_joined() -> None:
    joined = b'\xef\xbb\xbf{"text": "hi"}\n\xef\xbb\xbf{"text": "yo"}\n'
    result = run(input=joined)
    assert result.exit_code == 2
    assert (
        result.stderr == "nearer: -: line 2: a byte order mark starts this line (files joined?)\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_that_cannot_be_written_is_one_line_and_exit_2() -> None:
    command = [sys.executable, "-c", "from nearer.cli.app import main; main()", "detect"]
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            command,
            input=lines({"text": "hi"}),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr == "nearer: stdout: cannot be written (No space left on device)\n"


@pytest.mark.parametrize(
    ("closed", "said"),
    [(0, "nearer: -: cannot be read (it is closed)\n"),
     (1, "nearer: stdout: cannot be written (it is closed)\n")],
    ids=["stdin", "stdout"],
)  # fmt: skip
def test_a_stream_the_shell_closed_is_one_line_and_exit_2(
    tmp_path: Path, closed: int, said: str
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(lines({"text": "hi"}))
    command = [sys.executable, "-c", "from nearer.cli.app import main; main()", "detect"]
    done = subprocess.run(
        [*command, "-" if closed == 0 else str(source)],
        preexec_fn=lambda: os.close(closed),  # as `<&-` and `>&-` leave them
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == said


@given(
    score=st.floats(0.0, 1.0),
    threshold=st.floats(0.0, 1.0) | st.sampled_from([0.36, 0.5, 0.123456]),
)
def test_a_printed_score_keeps_its_decision(score: float, threshold: float) -> None:
    yes = score >= threshold
    shown = shown_score(score, threshold, yes)
    assert (shown >= threshold) == yes
    assert abs(shown - score) <= 0.0001 + 1e-12


def test_a_score_just_under_its_threshold_is_not_printed_as_reaching_it() -> None:
    assert shown_score(0.35996, 0.36, yes=False) == 0.3599
    assert shown_score(0.49999, 0.5, yes=False) == 0.4999
    assert shown_score(0.36, 0.36, yes=True) == 0.36


@settings(max_examples=25, deadline=None)
@given(texts=st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_every_printed_decision_matches_its_printed_score(texts: list[str]) -> None:
    result = run(input=lines(*({"text": text} for text in texts)))
    assert result.exit_code == 0, result.output
    for line in result.stdout.splitlines():
        for name, value in json.loads(line).items():
            assert value["yes"] == (value["score"] >= detectors.THRESHOLDS[name]), name


def test_a_message_scored_just_under_a_threshold_prints_under_it() -> None:
    threshold = detectors.THRESHOLDS["contempt"]
    row = {"contempt": threshold - 0.00001, "contempt_yes": False}
    printed = json.loads(detect_module._scores(row, ["contempt"]))["contempt"]
    assert printed["yes"] is False
    assert printed["score"] < threshold
