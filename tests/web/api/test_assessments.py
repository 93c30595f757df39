"""Instruments, answers and reports over JSON; the safety screen stays with whoever took it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from django.test import Client
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.assessments.models import Run
from nearer.web.couples.services import couple_of
from tests.web.api.conftest import answers_for, call, take
from tests.web.conftest import client_for, screen
from tests.web.test_safety_midweek import make_deep_week


def test_instruments_come_with_items_scales_and_range_safety_first(alice: User) -> None:
    listed = call(alice, "GET", "/assessments/instruments").json()
    assert [i["id"] for i in listed] == ["safety", "profile", "signs", "causes"]
    profile = call(alice, "GET", "/assessments/instruments/profile").json()
    assert profile["response"]["min"] == 1 and profile["response"]["max"] == 7
    assert len(profile["items"]) == len(default_content().instruments["profile"].items)
    assert {"id", "scale", "text", "label"} == set(profile["items"][0])
    assert profile["can_take"] is True and profile["last_completed_at"] is None
    assert profile["summary"].startswith("How close you feel") and profile["minutes"] == 8


def test_an_unknown_instrument_is_a_404(alice: User) -> None:
    assert call(alice, "GET", "/assessments/instruments/horoscope").status_code == 404
    body = {"answers": answers_for("profile", 3)}
    response = call(alice, "POST", "/assessments/instruments/horoscope/runs", body)
    assert response.status_code == 404 and not Run.objects.exists()


def test_answers_are_scored_and_kept(alice: User) -> None:
    response = take(alice, "profile", 7)
    assert response.status_code == 201
    scores = response.json()["scores"]
    assert set(scores) >= {"emotional", "trust"} and all(v is not None for v in scores.values())
    latest = call(alice, "GET", "/assessments/scores").json()
    assert [row["instrument"] for row in latest] == ["profile"]
    history = call(alice, "GET", "/assessments/instruments/profile/history").json()
    assert len(history) == 1 and history[0]["scores"] == scores


def test_a_retake_within_four_weeks_is_refused_and_the_first_run_kept(alice: User) -> None:
    take(alice, "profile", 7)
    response = take(alice, "profile", 1)
    assert response.status_code == 400 and "four weeks" in response.json()["detail"]
    assert Run.objects.count() == 1


def test_bad_answers_are_refused_naming_the_item_and_nothing_is_saved(alice: User) -> None:
    item = default_content().instruments["profile"].items[0].id
    bodies = {
        "out of range": {"answers": {**answers_for("profile", 4), item: 9}},
        "unknown item": {"answers": {**answers_for("profile", 4), "x.nope": 4}},
    }
    for case, body in bodies.items():
        response = call(alice, "POST", "/assessments/instruments/profile/runs", body)
        named = item if case == "out of range" else "x.nope"
        assert response.status_code == 422, case  # an invalid field, as docs/api.md says
        assert response.json()["field"] == f"answers.{named}"
        assert response.json()["detail"].startswith(f"answers.{named}: ")
        assert [e["loc"] for e in response.json()["errors"]] == [
            ["body", "payload", "answers", named]
        ]
    wrong_type = {"answers": {item: "seven"}}
    response = call(alice, "POST", "/assessments/instruments/profile/runs", wrong_type)
    assert response.status_code == 422 and response.json()["field"] == f"answers.{item}"
    empty = call(alice, "POST", "/assessments/instruments/profile/runs", {"answers": {}})
    assert empty.status_code == 422 and empty.json()["field"] == "answers"
    assert not Run.objects.exists()


def test_a_safety_concern_is_told_only_to_the_person_with_resources(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    submitted = take(alice, "safety", 5)
    assert submitted.status_code == 201 and submitted.json()["scores"] is None
    mine = call(alice, "GET", "/assessments/safety?country=de").json()
    assert mine["concern"] is True and mine["resources"]
    assert set(mine) == {"concern", "resources"}
    assert call(bob, "GET", "/assessments/safety").json() == {"concern": False, "resources": []}


def test_the_safety_screen_has_no_scores_or_history_in_the_api(alice: User) -> None:
    take(alice, "safety", 5)
    assert call(alice, "GET", "/assessments/scores").json() == []
    assert call(alice, "GET", "/assessments/instruments/safety/history").status_code == 404


def test_no_safety_result_without_a_concern_lists_resources(alice: User) -> None:
    take(alice, "safety", 1)
    assert call(alice, "GET", "/assessments/safety").json() == {"concern": False, "resources": []}


def test_the_report_shows_both_scores_and_the_gap_per_scale(couple: tuple[User, User]) -> None:
    alice, bob = couple
    take(alice, "profile", 7)
    take(bob, "profile", 4)
    report = call(alice, "GET", "/assessments/report").json()
    assert report["has_profile"] and report["partner_has_profile"]
    scales = {row["id"]: row for row in report["scales"]}
    assert set(scales) == {scale.id for scale in default_content().instruments["profile"].scales}
    emotional = scales["emotional"]
    assert emotional["mine"] is not None and emotional["theirs"] is not None
    assert emotional["gap"] == round(abs(emotional["mine"] - emotional["theirs"]))
    assert emotional["kind"] == "form" and scales["trust"]["kind"] == "process"
    for key in ("strengths", "growth_areas", "talk_about"):
        assert all(set(row) == {"id", "text"} for row in report[key])


def test_the_partners_scores_wait_until_i_have_taken_the_profile_too(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    take(alice, "profile", 7)
    report = call(bob, "GET", "/assessments/report").json()
    assert not report["has_profile"] and report["partner_has_profile"]
    assert all(row["theirs"] is None and row["gap"] is None for row in report["scales"])


def close_answers() -> dict[str, int]:
    """Every profile statement answered toward closeness (those worded against it disagreed)."""
    profile = default_content().instruments["profile"]
    return {i.id: (1 if i.reverse else 7) for i in profile.items}


def both_take_the_profile(couple: tuple[User, User], answers: dict[str, int]) -> None:
    for person in couple:
        call(person, "POST", "/assessments/instruments/profile/runs", {"answers": answers})


def test_shared_strengths_are_items_both_answered_toward_closeness(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice), screen(bob)
    make_deep_week(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    close = close_answers()
    both_take_the_profile(couple, close)
    report = call(alice, "GET", "/assessments/report").json()
    assert report["strengths"] and report["growth_areas"] == []
    assert {row["id"] for row in report["strengths"]} <= set(close)


def test_likely_causes_show_only_my_own_evidence(couple: tuple[User, User]) -> None:
    alice, bob = couple
    given = {alice: (7, 2), bob: (6, 3)}  # (causes, profile): each answer tells whose it is
    for person, (causes, profile) in given.items():
        take(person, "causes", causes)
        take(person, "profile", profile)
    reports = {person: call(person, "GET", "/assessments/report").json() for person in given}
    assert [c["id"] for c in reports[alice]["causes"]] == [c["id"] for c in reports[bob]["causes"]]
    for person, report in reports.items():
        answers = {e["answer"] for c in report["causes"] for e in c["evidence"]}
        assert answers and answers <= set(given[person]), person


def test_the_partners_safety_answers_never_reach_my_report(couple: tuple[User, User]) -> None:
    alice, bob = couple
    take(alice, "safety", 5)
    take(alice, "profile", 4)
    take(bob, "profile", 4)
    safety_items = {item.id for item in default_content().instruments["safety"].items}
    seen = call(bob, "GET", "/assessments/report").content.decode()
    assert not [item for item in safety_items if f'"{item}"' in seen]
    assert "concern" not in seen and "safety" not in seen


def test_the_report_of_someone_whose_check_raised_a_concern_has_nothing_to_open_up_about(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    take(alice, "profile", 7)
    take(bob, "profile", 1)
    screen(alice), screen(bob)
    make_deep_week(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    assert call(alice, "GET", "/assessments/report").json()["talk_about"]
    bobs = call(bob, "GET", "/assessments/report").json()
    screen(alice, concern=True)
    assert call(alice, "GET", "/assessments/report").json()["talk_about"] == []
    assert call(bob, "GET", "/assessments/report").json() == bobs  # as the week began


def test_no_cause_is_named_in_the_report_of_someone_whose_check_raised_a_concern(
    couple: tuple[User, User],
) -> None:
    """ "Unresolved conflict" or "trust issues", to explore together, would push someone afraid
    of their partner; the partner's report names them as ever."""
    alice, bob = couple
    for person in couple:
        take(person, "causes", 7)
        take(person, "profile", 2)
    screen(alice), screen(bob)
    clear = call(bob, "GET", "/assessments/report").json()
    assert clear["causes"]
    screen(alice, concern=True)
    theirs = call(alice, "GET", "/assessments/report").json()
    assert theirs["causes"] == []
    assert theirs["no_cause"] == "Not shown for now: your own safety comes first."
    page = client_for(alice).get("/assessments/report/").content.decode()
    assert "Not shown for now: your own safety comes first." in page
    assert "Likely drivers to explore together" not in page
    assert not [c for c in clear["causes"] if c["name"] in page]
    assert call(bob, "GET", "/assessments/report").json()["causes"] == clear["causes"]


def test_report_statements_say_which_are_worded_against_closeness_and_when_they_wait(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    profile = default_content().instruments["profile"]
    close = close_answers()
    both_take_the_profile(couple, close)
    waiting = call(alice, "GET", "/assessments/report").json()
    assert waiting["statements_wait"] and waiting["strengths"] == []  # no checks yet
    Run.objects.filter(instrument="profile").delete()
    from nearer.web.plans.models import WeekPlan

    WeekPlan.objects.all().delete()  # a week made again, now with both checks clear
    for person in couple:
        screen(person)
    make_deep_week(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    both_take_the_profile(couple, close)
    report = call(alice, "GET", "/assessments/report").json()
    assert not report["statements_wait"]
    reverse = {i.id for i in profile.items if i.reverse}
    assert {s["id"] for s in report["strengths"] if s["reverse"]} <= reverse
    assert any(s["reverse"] for s in report["strengths"])


def test_the_report_says_when_each_took_the_profile_and_whether_far_apart(
    couple: tuple[User, User],
) -> None:
    """As the page: a gap may be partly the time between the two answers."""
    alice, bob = couple
    take(alice, "profile", 7)
    take(bob, "profile", 4)
    today = timezone.localdate().isoformat()
    taken = call(alice, "GET", "/assessments/report").json()["taken"]
    assert taken == {"mine": today, "theirs": today, "apart": False}
    Run.objects.filter(user=bob).update(completed_at=datetime(2026, 9, 16, 12, tzinfo=UTC))
    taken = call(alice, "GET", "/assessments/report").json()["taken"]
    assert taken == {"mine": today, "theirs": "2026-09-16", "apart": True}
    assert call(bob, "GET", "/assessments/report").json()["taken"] == {
        "mine": "2026-09-16",
        "theirs": today,
        "apart": True,
    }


def test_the_partners_day_waits_until_i_have_taken_the_profile_too(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    take(alice, "profile", 7)
    taken = call(bob, "GET", "/assessments/report").json()["taken"]
    assert taken == {"mine": None, "theirs": None, "apart": False}


def test_every_field_of_the_report_is_in_the_docs_example(db: None) -> None:
    schemas = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    fields = {*schemas["ReportOut"]["properties"], *schemas["TakenOut"]["properties"]}
    page = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text(encoding="utf-8")
    example = page[page.index('{"has_profile": true') :].split("```")[0]
    assert {field for field in fields if f'"{field}"' not in example} == set()
