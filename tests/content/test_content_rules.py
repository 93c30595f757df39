"""The content promises of the intimacy model, checked on the installed content."""

from __future__ import annotations

import re
from collections import Counter
from itertools import product

from nearer.content.loader import check_content
from nearer.content.wording import speaks_of_danger, speaks_of_nearness, speaks_of_touch
from nearer.domain.model import DEPTHS, FORMS, PROCESS_SCALES, WAYS, Content
from nearer.domain.plan import offerable
from nearer.domain.safety import allowed_practices, allowed_questions


def test_the_counts_meet_the_model() -> None:
    counts = check_content().counts
    assert counts["profile_items"] >= 48
    assert counts["signs"] >= 16
    assert counts["causes"] >= 9
    assert counts["cause_items"] >= 27
    assert counts["questions"] >= 240
    assert counts["practices"] >= 36
    assert counts["safety_items"] >= 4


def test_the_profile_has_exactly_the_eight_scales_each_with_six_items(content: Content) -> None:
    profile = content.instruments["profile"]
    assert [s.id for s in profile.scales] == [*FORMS, *PROCESS_SCALES]
    assert all(len(profile.items_of(s)) >= 6 for s in (*FORMS, *PROCESS_SCALES))
    assert (profile.response.min, profile.response.max) == (1, 7)
    reverse = sum(item.reverse for item in profile.items) / len(profile.items)
    assert 0.2 <= reverse <= 0.35


def test_every_form_and_depth_has_at_least_twelve_questions(content: Content) -> None:
    cells = Counter((q.form, q.depth) for q in content.questions)
    assert all(cells[cell] >= 12 for cell in product(FORMS, DEPTHS))


def test_every_cause_has_at_least_three_items(content: Content) -> None:
    finder = content.instruments["causes"]
    assert all(len(finder.items_of(c.id)) >= 3 for c in content.causes)


def test_practices_cover_every_way_and_include_solo_ones(content: Content) -> None:
    assert {way for p in content.practices for way in p.ways} == set(WAYS)
    solo = [p for p in content.practices if p.participants == "one"]
    assert len(solo) >= 3 and all("solo" in p.ways for p in solo)
    assert all(p.contraindications and p.steps for p in content.practices)


def test_every_cause_has_two_light_practices_for_a_first_week(content: Content) -> None:
    """A first week offers no vulnerability and nothing deeper than one step (plan.offerable):
    with only one such practice for a cause, a week focused on it repeats it as its whole answer."""
    first_week = offerable(content.practices, safe=True, partners=2, depth=1)
    light = Counter(cause for p in first_week for cause in set(p.causes))
    assert {c.id: light[c.id] for c in content.causes if light[c.id] < 2} == {}


def test_no_practice_asks_anyone_to_account_for_their_time_or_whereabouts(
    content: Content,
) -> None:
    """What a controlling partner demands (where were you, when will you be home) is never a
    step of a practice, even of one kept from whoever raised a concern: the other keeps the week."""
    accounting = re.compile(
        r"\b(home by|be back by|where you (are|were|will be|went)|whereabouts|check(ing)? in on "
        r"where|share your location|your location)\b",
        re.IGNORECASE,
    )
    asked = [(p.id, step) for p in content.practices for step in p.steps if accounting.search(step)]
    assert asked == []


def test_the_safety_screen_is_private_and_covers_fear_control_threats_and_harm(
    content: Content,
) -> None:
    safety = content.instruments["safety"]
    assert safety.private
    assert {s.id for s in safety.scales} >= {"fear", "control", "threats", "harm"}
    assert content.resources and content.resources_for("GB")[0] not in content.resources


def test_every_basis_resolves_to_a_citation(content: Content) -> None:
    records = [*content.questions, *content.practices, *content.causes, *content.dimensions]
    records += [item for i in content.instruments.values() for item in i.items]
    assert all(r.basis in content.references for r in records)


def test_a_concern_lets_through_no_practice_that_warns_of_danger(content: Content) -> None:
    offered = allowed_practices(content.practices, safe=False)
    warning = [p.id for p in offered if any(speaks_of_danger(c) for c in p.contraindications)]
    assert warning == []
    assert "practice.planning_for_a_hard_stretch" not in {p.id for p in offered}


def test_a_concern_lets_through_no_question_of_touch(content: Content) -> None:
    offered = allowed_questions(content.questions, safe=False)
    touch = [q.id for q in offered if speaks_of_touch(q.text)]
    near = [q.id for q in offered if q.form == "physical" and speaks_of_nearness(q.text)]
    assert touch == [] and near == []


def test_the_physical_form_keeps_light_questions_of_comfort_for_anyone(content: Content) -> None:
    offered = allowed_questions(content.questions, safe=False)
    light_physical = [q for q in offered if q.form == "physical" and q.depth == 1]
    assert len(light_physical) >= 8
    assert not any(q.needs_safety for q in light_physical)


def test_a_concern_lets_through_no_practice_that_asks_to_share_or_to_ask_about_the_other(
    content: Content,
) -> None:
    offered = {p.id for p in allowed_practices(content.practices, safe=False)}
    assert "practice.reflect_validate_care" not in offered  # each shares what matters to them
    assert "practice.love_map_update" not in offered  # could feel like being checked up on
    assert speaks_of_danger("If either of you feels checked up on, ease off.")


def test_a_concern_lets_through_no_long_walk_alone_together_sharing_values(
    content: Content,
) -> None:
    offered = {p.id for p in allowed_practices(content.practices, safe=False)}
    assert "practice.values_walk" not in offered
