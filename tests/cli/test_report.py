from __future__ import annotations

import json
from pathlib import Path

import pytest

from nearer.cli import render
from nearer.domain.model import Content
from tests.cli.conftest import run, write
from tests.conftest import agreeing


def test_a_single_report_shows_each_scale_and_says_bands_are_provisional(alice_file: Path) -> None:
    result = run("report", str(alice_file))
    assert result.exit_code == 0, result.output
    for name in ("Emotional", "Physical (nonsexual)", "Disclosure", "Trust"):
        assert name in result.stdout
    assert "provisional" in result.stdout
    assert "Private safety check" not in result.stdout


def test_a_dyadic_report_puts_both_side_by_side_without_a_winner(
    alice_file: Path, bob_file: Path
) -> None:
    result = run("report", str(alice_file), str(bob_file), "--names", "Alice,Bob")
    assert result.exit_code == 0, result.output
    assert "Alice" in result.stdout and "Bob" in result.stdout and "Gap" in result.stdout
    assert "not a diagnosis" in result.stdout
    for verdict in ("better", "worse", "winner", "divorce", "risk"):
        assert verdict not in result.stdout.lower()


def test_the_dyadic_report_never_shows_either_safety_screen(
    content: Content, tmp_path: Path, alice: dict[str, int], bob_file: Path
) -> None:
    worried = write(tmp_path / "wary.json", {"answers": {**alice, "safety.fear.01": 5}})
    calm = run("report", str(write(tmp_path / "calm.json", {"answers": alice})), str(bob_file))
    result = run("report", str(worried), str(bob_file))
    assert result.exit_code == 0 and "Support, whenever" not in result.stdout
    assert result.stdout.replace("wary", "calm") == calm.stdout  # nothing tells the two apart


def test_ones_own_report_puts_resources_first_after_a_concern(
    tmp_path: Path, alice: dict[str, int]
) -> None:
    worried = write(tmp_path / "me.json", {"answers": {**alice, "safety.harm.01": 3}})
    result = run("report", str(worried), "--country", "GB")
    assert result.stdout.index("Support, whenever") < result.stdout.index("Intimacy Profile")
    assert "0808 2000 247" in result.stdout


def test_bad_names_are_one_line(alice_file: Path, bob_file: Path) -> None:
    result = run("report", str(alice_file), str(bob_file), "--names", "Alice")
    assert result.exit_code == 2
    assert result.stderr.startswith("nearer: --names:")


def test_a_missing_argument_is_one_line() -> None:
    result = run("report")
    assert result.exit_code == 2
    assert result.stderr == "nearer report: Missing argument 'ANSWERS'.\n"


def test_a_file_without_answers_says_there_is_nothing_to_report(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.json", {"answers": {}})
    result = run("report", str(empty))
    assert result.exit_code == 0
    assert f"Nothing to report yet: {empty} answers no assessment." in result.stdout
    other = write(tmp_path / "other.json", {"answers": {}})
    both = run("report", str(empty), str(other), "--names", "A,B")
    assert f"neither {empty} nor {other} answers an assessment" in both.stdout


def test_a_report_with_answers_does_not_say_nothing_to_report(alice_file: Path) -> None:
    assert "Nothing to report" not in run("report", str(alice_file)).stdout


def test_names_with_square_brackets_show_as_typed(alice_file: Path, bob_file: Path) -> None:
    result = run("report", str(alice_file), str(bob_file), "--names", "Sam [she/her],Alex [he/him]")
    assert result.exit_code == 0, result.output
    assert "[she/her]" in result.stdout and "[he/him]" in result.stdout


def test_a_name_that_looks_like_a_style_is_not_one(alice_file: Path, bob_file: Path) -> None:
    result = run("report", str(alice_file), str(bob_file), "--names", "[b]ob,Al:heart:")
    assert result.exit_code == 0, result.output
    assert "[b]ob" in result.stdout and "Al:heart:" in result.stdout


def test_a_name_with_a_closing_tag_does_not_stop_the_report(
    alice_file: Path, bob_file: Path
) -> None:
    result = run("report", str(alice_file), str(bob_file), "--names", "Sam [/she],Alex")
    assert result.exit_code == 0, result.output
    assert "[/she]" in result.stdout and "Gap" in result.stdout


def test_one_answer_alone_makes_no_cause_likely(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", {"answers": {"signs.conflict": 5}})
    result = run("report", str(one))
    assert result.exit_code == 0, result.output
    assert "/100" not in result.stdout and "Unresolved conflict" not in result.stdout


def test_a_partner_with_one_answer_is_not_averaged_into_the_causes(
    content: Content, tmp_path: Path
) -> None:
    midway = {
        item.id: int(instrument.response.midpoint)
        for instrument in content.instruments.values()
        if not instrument.private
        for item in instrument.items
    }
    calm = {item.id: 1 for item in content.instruments["safety"].items}
    sam = write(tmp_path / "sam.json", {"answers": {**midway, **calm}})
    alex = write(tmp_path / "alex.json", {"answers": {"signs.conflict": 5}})
    result = run("report", str(sam), str(alex))
    assert result.exit_code == 0, result.output
    assert "No cause stands out" in result.stdout and "/100" not in result.stdout


def test_a_couple_far_apart_on_every_cause_is_told_so_not_that_all_is_well(
    content: Content, tmp_path: Path
) -> None:
    finder = content.instruments["causes"]
    low, high = finder.response.min, finder.response.max
    calm = {item.id: 1 for item in content.instruments["safety"].items}
    never = {i.id: high if i.reverse else low for i in finder.items}
    always = {i.id: low if i.reverse else high for i in finder.items}
    sam = write(tmp_path / "sam.json", {"answers": {**never, **calm}})
    alex = write(tmp_path / "alex.json", {"answers": always})  # shared: no safety answers
    result = run("report", str(sam), str(alex))
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "No cause stands out for the two of you together." in said
    assert "Keep doing what works" not in said and "worth talking about" not in said


def test_side_by_side_compares_the_profile_only_never_who_has_a_cause(
    content: Content, tmp_path: Path
) -> None:
    calm = {item.id: 1 for item in content.instruments["safety"].items}
    everything = {
        k: v for i in content.instruments.values() if not i.private for k, v in agreeing(i).items()
    }
    sam = write(tmp_path / "sam.json", {"answers": {**everything, **calm}})
    alex = write(tmp_path / "alex.json", {"answers": everything})
    said = " ".join(run("report", str(sam), str(alex)).stdout.split())
    assert content.instruments["profile"].title in said
    assert content.instruments["causes"].title not in said
    assert content.instruments["signs"].title not in said


def test_side_by_side_offers_nothing_to_open_up_about_and_says_why(
    content: Content, tmp_path: Path
) -> None:
    profile = content.instruments["profile"]
    calm = {item.id: 1 for item in content.instruments["safety"].items}
    sam = write(tmp_path / "sam.json", {"answers": {**agreeing(profile), **calm}})
    apart = {item.id: 1 if not item.reverse else 7 for item in profile.items}
    alex = write(tmp_path / "alex.json", {"answers": apart})
    said = " ".join(run("report", str(sam), str(alex)).stdout.split())
    assert "Worth talking about" not in said and "Growth areas you share" not in said
    assert "wait for both private safety checks" in said


def test_a_partners_file_with_their_safety_answers_is_refused_and_a_copy_offered(
    tmp_path: Path, alice_file: Path, bob: dict[str, int]
) -> None:
    whole = write(tmp_path / "bob-whole.json", {"answers": bob})
    for command in ("report", "plan"):
        result = run(command, str(alice_file), str(whole))
        assert result.exit_code == 2 and "private safety check" in result.stderr
        assert result.stderr.count("\n") == 1
    copy = tmp_path / "bob-copy.json"
    assert run("assess", "--answers", str(whole), "--share", str(copy)).exit_code == 0
    shared = json.loads(copy.read_text())["answers"]
    assert shared and not any(key.startswith("safety.") for key in shared)
    assert run("report", str(alice_file), str(copy)).exit_code == 0


def test_a_score_half_way_between_two_shows_rounded_up_as_people_round(
    content: Content, tmp_path: Path
) -> None:
    strong = content.instruments["signs"].items_of("strong")  # 1 to 5: 3.5 on average is 62.5
    answers = {item.id: 4 if n % 2 else 3 for n, item in enumerate(strong)}
    said = run("report", str(write(tmp_path / "sam.json", {"answers": answers}))).stdout
    row = next(line for line in said.splitlines() if "Signs of strong intimacy" in line)
    assert " 63 " in f" {row} " and " 62 " not in f" {row} "


def test_options_that_would_be_ignored_are_one_line_instead(alice_file: Path) -> None:
    for args, says in (
        (("report", str(alice_file), str(alice_file)), "is your own answers file again"),
        (("plan", str(alice_file), str(alice_file)), "is your own answers file again"),
        (("report", str(alice_file), "--names", "A,B"), "--names: names the two columns"),
        (("assess", "--answers", str(alice_file), "-i", "signs"), "--instrument: chooses"),
    ):
        result = run(*args)
        assert result.exit_code == 2 and says in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1


def test_a_shared_copy_never_replaces_the_answers_it_is_made_from(alice_file: Path) -> None:
    before = alice_file.read_text()
    result = run("assess", "--answers", str(alice_file), "--share", str(alice_file))
    assert result.exit_code == 2 and "is the answers file itself" in result.stderr
    assert alice_file.read_text() == before


RAW = ("\x1b", "\u202e", "\u2066")  # an escape sequence's start, bidi controls


def test_names_and_file_names_reach_the_terminal_escaped_never_obeyed(
    tmp_path: Path, alice: dict[str, int], bob: dict[str, int]
) -> None:
    first = write(tmp_path / "al\x1b[31mice.json", {"answers": alice})
    second = write(tmp_path / "b\u202eob.json", {"answers": {"profile.trust.01": 4}})
    from_stems = run("report", str(first), str(second))
    named = run("report", str(first), str(second), "--names", "S\x1b[1m,A\u2066l")
    assert from_stems.exit_code == named.exit_code == 0, from_stems.output
    assert "al\\x1b[31mice" in from_stems.stdout and "b\\u202eob" in from_stems.stdout
    assert "S\\x1b[1m" in named.stdout and "A\\u2066l" in named.stdout
    assert not any(raw in out.stdout for out in (from_stems, named) for raw in RAW)


def test_nothing_to_report_names_the_file_escaped(tmp_path: Path) -> None:
    empty = write(tmp_path / "e\x1b[2Jmpty.json", {"answers": {}})
    result = run("report", str(empty))
    assert result.exit_code == 0
    assert "e\\x1b[2Jmpty.json answers no assessment" in result.stdout
    assert "\x1b" not in result.stdout


def test_a_file_answering_nothing_is_told_so_once(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.json", {"answers": {}})
    other = write(tmp_path / "other.json", {"answers": {}})
    for args in ((str(empty),), (str(empty), str(other), "--names", "A,B")):
        result = run("report", *args)
        assert result.exit_code == 0, result.output
        assert "Nothing to report yet" in result.stdout and "No scores" not in result.stdout
        said = result.stdout.split("Nothing to report yet")[0]
        assert said.strip() == "", said


def test_what_can_help_keeps_titles_with_commas_whole(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each list on one line, whatever width the console took when it was made.
    monkeypatch.setattr(render, "console", render._Console(highlight=False, width=400))
    finder = content.instruments["causes"]
    calm = {item.id: 1 for item in content.instruments["safety"].items}
    always = {i.id: finder.response.min if i.reverse else finder.response.max for i in finder.items}
    alone = write(tmp_path / "alone.json", {"answers": {**always, **calm}})
    result = run("report", str(alone))
    assert result.exit_code == 0, result.output
    said = [
        line.split("What can help: ", 1)[1]
        for line in result.stdout.splitlines()
        if "What can help: " in line
    ]
    titles = {p.title for p in content.practices}
    assert any("; " in line for line in said)
    assert all(set(line.strip().split("; ")) <= titles for line in said), said
