"""The plan page says what the week leans toward and what each practice is for: the forms of
closeness with the most room to grow in the couple's answers and the likely causes behind them,
never a cause to someone whose own check is not clear; their partner is told them as if all were."""

from __future__ import annotations

import pytest
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.domain.model import DEPTH_NAMES, Instrument
from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.couples.services import couple_of
from nearer.web.plans import services
from nearer.web.plans.focus import Focus
from nearer.web.plans.models import WeekPlan
from tests.web.api.conftest import call
from tests.web.conftest import client_for, screen

STRESS = "stress and the pace of life"


def answered(instrument: Instrument, low: str) -> dict[str, str]:
    """Every item at its most-agreeing end but those of scale `low`, at the other end."""
    r = instrument.response

    def value(item_scale: str, reverse: bool) -> int:
        return r.min if (item_scale == low) != reverse else r.max

    return {item.id: str(value(item.scale, item.reverse)) for item in instrument.items}


def take(user: User, instrument_id: str, low: str) -> None:
    found = default_content().instruments[instrument_id]
    response = client_for(user).post(f"/assessments/{instrument_id}/take/", answered(found, low))
    assert response.status_code == 302, response.content


def stressed(instrument: Instrument) -> dict[str, str]:
    """The causes finder answered so that stress and the pace of life stands out alone."""
    r = instrument.response
    return {
        item.id: str(r.max if (item.scale == "stress_pace") != item.reverse else r.min)
        for item in instrument.items
    }


def this_week(user: User) -> WeekPlan:
    return services.plan_for(couple_of(user), timezone.localdate())  # type: ignore[arg-type]


def plan_page(user: User) -> str:
    return client_for(user).get("/plan/").content.decode()


@pytest.fixture
def answered_couple(couple: tuple[User, User]) -> tuple[User, User]:
    """A couple both clear, both with emotional closeness lowest and stress named as a cause."""
    finder = default_content().instruments["causes"]
    for person in couple:
        take(person, "profile", low="emotional")
        response = client_for(person).post("/assessments/causes/take/", stressed(finder))
        assert response.status_code == 302, response.content
    return couple


def test_the_week_names_the_form_with_most_room_to_grow_and_the_likely_cause(
    answered_couple: tuple[User, User],
) -> None:
    alice, bob = answered_couple
    screen(alice), screen(bob)
    page = plan_page(alice)
    assert "This week leans toward emotional" in page
    assert f"what they say may be holding closeness back: {STRESS}" in page
    assert 'href="/assessments/report/">Your report</a> says more' in page


def test_each_practice_says_which_of_the_weeks_focus_it_serves(
    answered_couple: tuple[User, User],
) -> None:
    alice, bob = answered_couple
    screen(alice), screen(bob)
    week = this_week(alice)
    practices = {p.id: p for p in default_content().practices}
    page = plan_page(alice)
    for practice_id in week.practice_ids:
        practice = practices[practice_id]
        if "stress_pace" in practice.causes:
            assert f"{practice.title}</h2>" in page
            card = page.split(f"{practice.title}</h2>", 1)[1].split("</p>", 1)[0]
            assert card.endswith(STRESS) and " · for " in card, card
    assert any("stress_pace" in practices[p].causes for p in week.practice_ids)


def test_no_cause_is_named_to_the_one_afraid_on_the_page_or_by_the_api(
    answered_couple: tuple[User, User],
) -> None:
    alice, bob = answered_couple
    screen(alice, concern=True), screen(bob)
    page = plan_page(alice)
    assert "This week leans toward emotional" in page
    assert STRESS not in page and "holding closeness back" not in page
    assert call(alice, "GET", "/plan").json()["focus_causes"] == []


def test_the_partner_is_told_the_causes_whatever_the_others_check_found(
    answered_couple: tuple[User, User],
) -> None:
    """Held back from him whenever she was not clear, the causes would tell him that she was
    not: the week's causes are the couple's, the same whatever her check found."""
    alice, bob = answered_couple
    screen(alice, concern=True), screen(bob)
    page = plan_page(bob)
    assert f"what they say may be holding closeness back: {STRESS}" in page
    assert call(bob, "GET", "/plan").json()["focus_causes"] == ["stress_pace"]


def test_a_concern_raised_mid_week_takes_the_causes_off_that_persons_page_only(
    answered_couple: tuple[User, User],
) -> None:
    alice, bob = answered_couple
    screen(alice), screen(bob)
    this_week(alice)
    screen(alice, concern=True)
    assert STRESS not in plan_page(alice)
    assert STRESS in plan_page(bob)  # the week as it began: it tells him nothing


def test_before_any_questionnaire_the_page_says_what_the_week_will_lean_toward(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice), screen(bob)
    page = plan_page(alice)
    said = (
        '<p id="focus">Each week made once <a href="/assessments/">your questionnaires</a> are in'
    )
    assert "leans toward" not in page.split(said)[0]
    assert f"{said} leans toward what your answers show.</p>" in page


def test_a_week_made_with_ids_no_longer_in_the_content_names_only_those_it_knows(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice), screen(bob)
    week = this_week(alice)
    WeekPlan.objects.filter(pk=week.pk).update(
        focus_forms=["retired_form", "physical"], focus_causes=["retired_cause"]
    )
    page = plan_page(alice)
    assert "This week leans toward physical (nonsexual) closeness, where" in page
    assert "retired" not in page and "holding closeness back" not in page


@pytest.mark.parametrize(
    ("forms", "causes", "said"),
    [
        ((), (), ""),
        (
            ("emotional",),
            (),
            "This week leans toward emotional closeness, where your answers "
            "leave the most room to grow.",
        ),
        (
            ("emotional", "intellectual", "spiritual"),
            (),
            "This week leans toward emotional, "
            "intellectual and spiritual closeness, where your answers leave the most room to grow.",
        ),
        (
            (),
            ("stress_pace", "unresolved_conflict"),
            "This week leans toward what your answers "
            f"say may be holding closeness back: {STRESS}; unresolved conflict.",
        ),
        (
            ("experiential",),
            ("trust_issues",),
            "This week leans toward experiential closeness, "
            "where your answers leave the most room to grow, and toward what they say may be "
            "holding closeness back: trust issues.",
        ),
    ],
)
def test_the_focus_reads_as_one_sentence(
    forms: tuple[str, ...], causes: tuple[str, ...], said: str
) -> None:
    assert Focus(forms, causes).sentence() == said


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_the_page_says_how_deep_this_weeks_questions_go(
    couple: tuple[User, User], depth: int
) -> None:
    alice, bob = couple
    screen(alice), screen(bob)
    week = this_week(alice)
    WeekPlan.objects.filter(pk=week.pk).update(depth=depth)
    name = DEPTH_NAMES[depth]
    said = (
        f"This week's daily questions are {name}: step {depth} of 3 (light, personal, vulnerable)."
    )
    assert said in plan_page(alice)
    assert "when you have both been answering at ease, and lighter when either of you" in plan_page(
        bob
    )


def test_someone_alone_in_their_space_is_told_of_their_own_pace(alice: User) -> None:
    couples.create_couple(alice)
    screen(alice)
    page = plan_page(alice)
    assert "This week's daily questions are light" in page
    assert "when you have been answering at ease, and lighter when you would rather" in page
