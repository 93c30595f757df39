from __future__ import annotations

import errno
import json
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from nearer.cli import inputs, prompt, render
from nearer.cli.inputs import private_items
from nearer.domain.model import Content
from tests.cli.conftest import run, write
from tests.conftest import agreeing, at_value


def scores_of(path: Path) -> dict[str, dict[str, float | None]]:
    result = run("assess", "--answers", str(path), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["scores"]


def test_all_agreeing_answers_score_100_everywhere(content: Content, tmp_path: Path) -> None:
    answers = {k: v for i in content.instruments.values() for k, v in agreeing(i).items()}
    scores = scores_of(write(tmp_path / "a.json", {"answers": answers}))
    assert set(scores) == {
        i for i, instrument in content.instruments.items() if not instrument.private
    }
    assert {v for scales in scores.values() for v in scales.values()} == {100.0}


def test_midpoint_answers_score_50_everywhere(content: Content, tmp_path: Path) -> None:
    answers = {
        k: v
        for i in content.instruments.values()
        for k, v in at_value(i, int(i.response.midpoint)).items()
    }
    scores = scores_of(write(tmp_path / "a.json", {"answers": answers}))
    assert {v for scales in scores.values() for v in scales.values()} == {50.0}


def test_only_the_answered_instruments_appear_and_thin_scales_are_null(
    content: Content, tmp_path: Path
) -> None:
    profile = content.instruments["profile"]
    one = profile.items_of("trust")[0]
    scores = scores_of(write(tmp_path / "a.json", {"answers": {one.id: 5}}))
    assert list(scores) == ["profile"]
    assert scores["profile"]["trust"] is None and len(scores["profile"]) == 8


@pytest.mark.parametrize(
    ("answered", "found"),
    [("all lowest", "clear"), ("one at its concern", "concern"), ("one lowest", "not taken")],
)
def test_the_json_never_scores_the_safety_check_and_says_what_it_found_only_when_asked(
    content: Content, tmp_path: Path, answered: str, found: str
) -> None:
    safety = content.instruments["safety"]
    lowest = {item.id: safety.response.min for item in safety.items}
    if answered == "one at its concern":
        first = next(item for item in safety.items if item.concern_at is not None)
        lowest[first.id] = first.concern_at  # type: ignore[assignment]
    if answered == "one lowest":
        lowest = dict(list(lowest.items())[:1])
    path = str(write(tmp_path / "a.json", {"answers": lowest}))
    shareable = run("assess", "--answers", path, "--json")
    asked = run("assess", "--answers", path, "--json", "--safety-check")
    assert json.loads(shareable.stdout) == {"scores": {}}
    assert json.loads(asked.stdout) == {"scores": {}, "safety_check": found}


def test_safety_check_without_json_is_refused_in_one_line(alice_file: Path) -> None:
    result = run("assess", "--answers", str(alice_file), "--safety-check")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "nearer: --safety-check adds the check's finding to --json: give --json too\n"
    )


def bad_input(tmp_path: Path, text: str) -> str:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    result = run("assess", "--answers", str(path), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(path) in result.stderr
    return result.stderr


def test_an_unknown_item_is_one_line_naming_file_and_item(tmp_path: Path) -> None:
    message = bad_input(tmp_path, '{"answers": {"profile.trust.99": 4}}')
    assert "item 'profile.trust.99': unknown item id" in message


def test_a_value_out_of_range_names_the_item_and_the_range(tmp_path: Path) -> None:
    message = bad_input(tmp_path, '{"answers": {"profile.trust.01": 9}}')
    assert "item 'profile.trust.01': must be a whole number from 1 to 7, got 9" in message


def test_broken_json_names_the_place(tmp_path: Path) -> None:
    message = bad_input(tmp_path, '{"answers": {"profile.trust.01": 4,}}')
    assert "not valid JSON (line 1, column" in message


def test_a_file_without_answers_is_refused(tmp_path: Path) -> None:
    assert "answers" in bad_input(tmp_path, '["profile.trust.01"]')


def test_a_missing_file_is_named() -> None:
    result = run("assess", "--answers", "/nowhere/answers.json", "--json")
    assert result.exit_code == 2
    assert result.stderr == "nearer: /nowhere/answers.json: no such file\n"


def test_an_unknown_instrument_is_named() -> None:
    result = run("assess", "--instrument", "love-languages")
    assert result.exit_code == 2
    assert "no instrument 'love-languages'" in result.stderr


def test_the_terminal_assessment_saves_answers_privately(content: Content, tmp_path: Path) -> None:
    out = tmp_path / "mine.json"
    profile = content.instruments["profile"]
    typed = "\n".join(["7", "", "oops", "6"]) + "\nq\n"
    result = run("assess", "--instrument", "profile", "--out", str(out), input=typed)
    assert result.exit_code == 0, result.output
    saved = json.loads(out.read_text())["answers"]
    assert saved == {profile.items[0].id: 7, profile.items[2].id: 6}
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Please type a number from 1 to 7" in result.stdout


def test_retaking_one_instrument_keeps_the_other_answers(content: Content, tmp_path: Path) -> None:
    out = write(tmp_path / "mine.json", {"answers": {"signs.open_talk": 4}})
    run("assess", "--instrument", "profile", "--out", str(out), input="5\nq\n")
    saved = json.loads(out.read_text())["answers"]
    assert saved == {"signs.open_talk": 4, content.instruments["profile"].items[0].id: 5}


def test_a_safety_concern_brings_support_resources_to_the_person(tmp_path: Path) -> None:
    out = tmp_path / "mine.json"
    result = run("assess", "--instrument", "safety", "--out", str(out), input="5\nq\n")
    assert result.exit_code == 0
    assert "Support, whenever you want it" in result.stdout


def test_a_missing_out_folder_is_refused_before_the_first_question(tmp_path: Path) -> None:
    out = tmp_path / "nodir" / "x.json"
    result = run("assess", "-i", "signs", "-o", str(out), input="3\n" * 20)
    assert result.exit_code == 2
    assert result.stdout == ""  # not one question asked
    assert result.stderr == f"nearer: --out: {out}: no such folder {out.parent}\n"


def test_an_out_that_is_a_folder_is_refused_before_the_first_question(tmp_path: Path) -> None:
    result = run("assess", "-i", "signs", "-o", str(tmp_path), input="3\n" * 20)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"nearer: --out: {tmp_path}: is a folder, not a file\n"


def test_answers_can_go_to_the_null_device(tmp_path: Path) -> None:
    """A device was read as an earlier answers file: /dev/null was "not valid JSON"."""
    result = run("assess", "-i", "signs", "-o", os.devnull, input="3\nq\n")
    assert result.exit_code == 0, result.output
    assert "Signs of strong intimacy" in result.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_answers_to_a_full_device_are_printed_instead(tmp_path: Path) -> None:
    """/dev/full was read as an earlier answers file, endless: "larger than 1,000,000 bytes"."""
    result = run("assess", "-i", "signs", "-o", "/dev/full", input="3\nq\n")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "nearer: /dev/full: cannot be written (No space left on device); the answers (1 answer) "
        "are printed above as JSON instead"
    )
    assert '"signs.open_talk": 3' in result.stdout


def test_saving_again_keeps_the_files_other_keys(tmp_path: Path) -> None:
    out = write(tmp_path / "mine.json", {"name": "Alice", "answers": {"profile.trust.01": 6}})
    result = run("assess", "-i", "signs", "-o", str(out), input="3\nq\n")
    assert result.exit_code == 0, result.output
    saved = json.loads(out.read_text())
    assert saved["name"] == "Alice" and saved["format"] == "nearer-answers/1"
    assert saved["answers"] == {"profile.trust.01": 6, "signs.open_talk": 3}


def test_input_ending_part_way_saves_the_answers_given_and_says_so(
    content: Content, tmp_path: Path
) -> None:
    out = tmp_path / "mine.json"
    result = run("assess", "-i", "signs", "-o", str(out), input="3\n\n5\n")
    assert result.exit_code == 1
    signs = content.instruments["signs"].items
    assert json.loads(out.read_text())["answers"] == {signs[0].id: 3, signs[2].id: 5}
    assert result.stderr == f"nearer: input ended; saved the 2 answers given to {out}\n"


def test_ctrl_c_part_way_saves_the_answers_given_and_says_so(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter(["4", "2"])

    def answer(console: object, ask: str) -> str:
        try:
            return next(typed)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(render.prompt, "line", answer)
    out = write(tmp_path / "mine.json", {"answers": {"profile.trust.01": 6}})
    result = run("assess", "-i", "signs", "-o", str(out))
    assert result.exit_code == 1
    signs = content.instruments["signs"].items
    saved = json.loads(out.read_text())["answers"]
    assert saved == {"profile.trust.01": 6, signs[0].id: 4, signs[1].id: 2}
    assert result.stderr == f"nearer: interrupted; saved the 2 answers given to {out}\n"


def test_stdin_failing_part_way_keeps_the_answers_given_and_names_stdin(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter(["4", "2"])

    def read() -> str:  # then fails, as reading a terminal that is gone does
        return next(typed, None) or _failed(OSError(errno.EIO, os.strerror(errno.EIO)))

    monkeypatch.setattr(prompt, "input", read, raising=False)  # before builtins' input
    out = tmp_path / "mine.json"
    result = run("assess", "-i", "signs", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == "nearer: stdin: cannot be read (Input/output error)\n"
    signs = content.instruments["signs"].items
    assert json.loads(out.read_text())["answers"] == {signs[0].id: 4, signs[1].id: 2}


def _failed(error: OSError) -> str:
    raise error


def test_a_stdin_the_shell_closed_is_named_in_one_line(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "from nearer.cli.app import main; main()"]
    done = subprocess.run(
        [*command, "assess", "-o", str(tmp_path / "mine.json")],
        preexec_fn=lambda: os.close(0),  # as `<&-` leaves it
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.endswith("nearer: stdin: cannot be read (it is closed)\n")
    assert not (tmp_path / "mine.json").exists()


def test_stopping_before_any_answer_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "mine.json"
    result = run("assess", "-i", "signs", "-o", str(out), input="")
    assert result.exit_code == 1 and not out.exists()
    assert "nothing to save" in result.stderr and result.stderr.count("\n") == 1


def test_a_terminal_that_fails_part_way_keeps_the_answers_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def take(instrument: object, given: dict[str, int]) -> bool:
        given["signs.open_talk"] = 4
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render, "take_instrument", take)
    out = tmp_path / "mine.json"
    result = run("assess", "-i", "signs", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == "nearer: stdout: cannot be written (No space left on device)\n"
    assert json.loads(out.read_text())["answers"] == {"signs.open_talk": 4}


def test_an_out_path_with_square_brackets_is_shown_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("assess", "-i", "signs", "-o", "ans[bold]x.json", input="3\nq\n")
    assert result.exit_code == 0, result.output
    assert "Saved 1 answer to ans[bold]x.json" in result.stdout
    assert (tmp_path / "ans[bold]x.json").exists()


@pytest.mark.parametrize("typed", ["²", "٣", "3" * 5000], ids=["superscript", "arabic", "long"])
def test_a_digit_that_is_not_a_plain_number_is_asked_again(
    content: Content, tmp_path: Path, typed: str
) -> None:
    out = tmp_path / "mine.json"
    result = run("assess", "-i", "profile", "-o", str(out), input=f"3\n{typed}\n5\nq\n")
    assert result.exit_code == 0, result.output
    assert "Please type a number from 1 to 7" in result.stdout
    profile = content.instruments["profile"].items
    assert json.loads(out.read_text())["answers"] == {profile[0].id: 3, profile[1].id: 5}


def test_input_ending_after_a_superscript_digit_saves_the_answers_given(
    content: Content, tmp_path: Path
) -> None:
    out = tmp_path / "mine.json"
    result = run("assess", "-i", "profile", "-o", str(out), input="3\n4\n²\n")
    assert result.exit_code == 1
    profile = content.instruments["profile"].items
    assert json.loads(out.read_text())["answers"] == {profile[0].id: 3, profile[1].id: 4}
    assert result.stderr == f"nearer: input ended; saved the 2 answers given to {out}\n"


def test_an_unforeseen_error_part_way_still_saves_the_answers_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def take(instrument: object, given: dict[str, int]) -> bool:
        given["signs.open_talk"] = 4
        raise ValueError("a bug")

    monkeypatch.setattr(render, "take_instrument", take)
    out = tmp_path / "mine.json"
    result = run("assess", "-i", "signs", "-o", str(out))
    assert isinstance(result.exception, ValueError)
    assert json.loads(out.read_text())["answers"] == {"signs.open_talk": 4}


def test_scoring_a_file_with_a_safety_concern_shows_support_first(
    tmp_path: Path, alice: dict[str, int]
) -> None:
    worried = write(tmp_path / "me.json", {"answers": {**alice, "safety.harm.01": 3}})
    result = run("assess", "--answers", str(worried), "--country", "GB")
    assert result.exit_code == 0, result.output
    assert result.stdout.index("Support, whenever") < result.stdout.index("Intimacy Profile")
    assert "0808 2000 247" in result.stdout  # the country's own list, as `report` shows it


def test_scoring_a_safety_screen_alone_with_a_concern_shows_support(
    content: Content, tmp_path: Path
) -> None:
    screen = {item.id: 1 for item in content.instruments["safety"].items}
    worried = write(tmp_path / "me.json", {"answers": {**screen, "safety.fear.01": 5}})
    result = run("assess", "--answers", str(worried))
    assert result.exit_code == 0, result.output
    assert "Support, whenever you want it" in result.stdout


@pytest.mark.parametrize("answers", [{"safety.fear.01": 1}, {}], ids=["clear check", "empty"])
def test_scoring_a_file_with_nothing_scored_says_so(
    tmp_path: Path, answers: dict[str, int]
) -> None:
    result = run("assess", "--answers", str(write(tmp_path / "me.json", {"answers": answers})))
    assert result.exit_code == 0, result.output
    assert " ".join(result.stdout.split()) == render.NOTHING_SCORED


def test_scoring_a_file_without_a_concern_shows_no_support_panel(alice_file: Path) -> None:
    result = run("assess", "--answers", str(alice_file))
    assert result.exit_code == 0, result.output
    assert "Support, whenever" not in result.stdout and "Intimacy Profile" in result.stdout


def test_an_instrument_answered_again_replaces_its_earlier_answers_whole(
    content: Content, tmp_path: Path
) -> None:
    signs = content.instruments["signs"].items
    earlier = {item.id: 5 for item in signs}
    out = write(tmp_path / "mine.json", {"answers": {"profile.trust.01": 6, **earlier}})
    result = run("assess", "-i", "signs", "-o", str(out), input="2\nq\n")
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["answers"] == {"profile.trust.01": 6, signs[0].id: 2}
    untouched = run("assess", "-i", "signs", "-o", str(out), input="q\n")  # nothing answered
    assert untouched.exit_code == 0
    assert json.loads(out.read_text())["answers"] == {"profile.trust.01": 6, signs[0].id: 2}


def test_a_long_saved_files_name_is_shown_on_one_line(tmp_path: Path) -> None:
    out = tmp_path / ("a-folder-with-a-long-name-" * 4) / "mine.json"
    out.parent.mkdir()
    taken = run("assess", "-i", "profile", "-o", str(out), input="7\nq\n")
    assert taken.exit_code == 0, taken.output
    assert f"to {out} (readable only by you)." in taken.stdout


def test_the_saved_files_name_is_shown_escaped(
    content: Content, tmp_path: Path, alice_file: Path
) -> None:
    out, copy = tmp_path / "mi\x1b[31mne.json", tmp_path / "co\u202epy.json"
    taken = run("assess", "-i", "profile", "-o", str(out), input="7\nq\n")
    shared = run("assess", "--answers", str(alice_file), "--share", str(copy))
    assert taken.exit_code == shared.exit_code == 0, taken.output + shared.output
    assert "mi\\x1b[31mne.json" in taken.stdout and "co\\u202epy.json" in shared.stdout
    assert "\x1b" not in taken.stdout and "\u202e" not in shared.stdout


def no_bigger_files_than(size: int) -> None:
    """In the child before exec: files it writes stop at `size` bytes (EFBIG), like a full disk."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_a_folder_with_no_room_is_refused_before_the_first_question(tmp_path: Path) -> None:
    out = tmp_path / "mine.json"
    env = {k: v for k, v in os.environ.items() if k != "NEARER_KEY_FILE"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "nearer"), "assess", "-i", "profile", "-o", str(out)],
        input="7\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=lambda: no_bigger_files_than(2048),
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"nearer: --out: {out}: cannot be written (File too large)\n"
    assert result.stdout == "" and not out.exists() and list(tmp_path.iterdir()) == []


def test_answers_that_cannot_be_saved_at_the_end_are_printed_instead(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(inputs, "_replace", disk_full)  # the disk filled up while answering
    out = tmp_path / "mine.json"
    first = content.instruments["profile"].items[0].id
    result = run("assess", "-i", "profile", "-o", str(out), input="7\nq\n")
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr == (
        f"nearer: {out}: cannot be written (No space left on device); the answers (1 answer) are "
        "printed above as JSON instead: copy that into a file to keep them (`nearer assess "
        "--answers FILE` reads it)\n"
    )
    printed = json.loads(result.stdout[result.stdout.index("{") :])
    assert printed == {"format": "nearer-answers/1", "answers": {first: 7}}


def test_a_shared_copy_never_replaces_a_file_there_already(
    tmp_path: Path, alice_file: Path, bob: dict[str, int], content: Content
) -> None:
    """Not even one that looks like an earlier copy: a profile-only answers file (no safety
    check's answers) is someone's only copy just as often."""
    profile_only = {k: v for k, v in bob.items() if k not in private_items(content)}
    full = write(tmp_path / "bob-full.json", {"answers": bob})
    only_profile = write(tmp_path / "nearer-answers.json", {"answers": profile_only})
    notes = tmp_path / "notes.txt"
    notes.write_text("not answers", encoding="utf-8")
    for target in (full, only_profile, notes):
        before = target.read_text()
        result = run("assess", "--answers", str(alice_file), "--share", str(target))
        assert result.exit_code == 2 and result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"nearer: --share {target}: is there already")
        assert target.read_text() == before


def test_out_with_answers_to_score_is_refused_not_ignored(tmp_path: Path, alice_file: Path) -> None:
    out = tmp_path / "x.json"
    for extra in ((), ("--json",), ("--share", str(tmp_path / "copy.json"))):
        result = run("assess", "--answers", str(alice_file), "-o", str(out), *extra)
        assert result.exit_code == 2 and result.stdout == "", result.output
        said = ("nearer: --out: saves the answers typed", "nearer: --share copies every answer")
        assert result.stderr.startswith(said), result.stderr
        assert result.stderr.count("\n") == 1 and not out.exists()


class FullStream:
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_answers_that_stdout_cannot_take_are_printed_on_stderr_and_said_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Stdout on the full disk too: the message must not claim they are above when they are not."""
    from nearer.cli import assess

    monkeypatch.setattr(sys, "stdout", FullStream())
    assert assess._printed('{"answers": {}}\n') == "above, on stderr"
    assert capsys.readouterr().err == '{"answers": {}}\n'


def test_safety_check_without_an_answers_file_names_itself() -> None:
    result = run("assess", "--safety-check")
    assert result.exit_code == 2
    assert result.stderr.startswith("nearer: --safety-check needs --answers FILE")


@pytest.mark.parametrize("output", [("--json",), ("--share", "copy.json")], ids=["json", "share"])
def test_country_with_json_or_share_is_refused_in_one_line_before_anything_is_written(
    alice_file: Path, tmp_path: Path, output: tuple[str, ...]
) -> None:
    given = [str(tmp_path / arg) if arg.endswith(".json") else arg for arg in output]
    result = run("assess", "--answers", str(alice_file), *given, "--country", "GB")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"nearer: --country chooses the support resources shown with the scores; {output[0]} "
        "writes none (`nearer resources --country CODE` lists them)\n"
    )
    assert not (tmp_path / "copy.json").exists()


def test_the_help_says_a_shared_copy_never_replaces_a_file() -> None:
    """As the command does (above): the help once said an earlier copy would be replaced."""
    said = " ".join(run("assess", "--help").stdout.split())
    assert "never replaces a file already there" in said
    assert "replaced only if" not in said
