from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import run, write


def plan_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = run("plan", *args, "--week-start", "2026-11-30", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_plan_json_has_a_question_a_day_and_three_to_five_practices(
    alice_file: Path, bob_file: Path
) -> None:
    plan = plan_json(str(alice_file), str(bob_file), "--seed", "3")
    assert plan["week_start"] == "2026-11-30" and plan["depth"] == 1
    assert [q["day"] for q in plan["questions"]][:2] == ["2026-11-30", "2026-12-01"]
    assert len(plan["questions"]) == 7
    assert 3 <= len(plan["practices"]) <= 5
    assert set(plan["practices"][0]) >= {"id", "title", "minutes", "cadence", "steps"}


def test_the_same_seed_gives_the_same_plan(alice_file: Path, bob_file: Path) -> None:
    args = (str(alice_file), str(bob_file), "--seed", "11")
    assert plan_json(*args) == plan_json(*args)


def test_the_minutes_per_week_are_respected(alice_file: Path, bob_file: Path) -> None:
    plan = plan_json(str(alice_file), str(bob_file), "--minutes-per-week", "45")
    assert plan["minutes_per_week"] == 45
    assert plan["practice_minutes"] <= 45 or plan["over_budget"]


def test_solo_mode_needs_one_file(alice_file: Path) -> None:
    plan = plan_json(str(alice_file))
    assert plan["practices"]


def test_the_plan_never_says_why_content_was_withheld(
    tmp_path: Path, alice: dict[str, int], bob_file: Path
) -> None:
    worried = write(tmp_path / "alice.json", {"answers": {**alice, "safety.threats.01": 4}})
    result = run("plan", str(worried), str(bob_file), "--week-start", "2026-11-30")
    text = result.stdout.lower()
    assert "safety" not in text and "concern" not in text and "afraid" not in text


def test_bad_options_are_one_line(alice_file: Path) -> None:
    for args, expected in (
        (["--week-start", "next monday"], "--week-start: expected a date"),
        (["--week-start", "20261130"], "--week-start: expected a date like 2026-11-30"),
        (["--week-start", "2026-W49-1"], "--week-start: expected a date like 2026-11-30"),
        (["--minutes-per-week", "0"], "--minutes-per-week: must be from 10 to 600"),
    ):
        result = run("plan", str(alice_file), *args)
        assert result.exit_code == 2 and expected in result.stderr
        assert result.stderr.count("\n") == 1


def test_a_week_that_runs_past_the_last_date_is_refused(alice_file: Path) -> None:
    result = run("plan", str(alice_file), "--week-start", "9999-12-30")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "nearer: --week-start: the week from 9999-12-30 runs past the last date there is"
        " (9999-12-31); start on 9999-12-25 at the latest\n"
    )


def test_the_last_week_there_is_can_be_planned(alice_file: Path) -> None:
    result = run("plan", str(alice_file), "--week-start", "9999-12-25", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["questions"][-1]["day"] == "9999-12-31"


def test_every_practice_says_when_it_is_not_for_the_moment(
    alice_file: Path, bob_file: Path
) -> None:
    plan = plan_json(str(alice_file), str(bob_file), "--seed", "3")
    assert all(p["contraindications"] for p in plan["practices"])
    result = run(
        "plan", str(alice_file), str(bob_file), "--seed", "3", "--week-start", "2026-11-30"
    )
    assert result.exit_code == 0 and "Not for every moment:" in result.stdout
    assert plan["practices"][0]["contraindications"][-1][:40] in " ".join(result.stdout.split())


def test_one_answer_alone_is_never_the_plans_focus(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", {"answers": {"signs.conflict": 5}})
    assert plan_json(str(one))["focus"]["causes"] == []
