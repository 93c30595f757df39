from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.domain.causes import rank_causes
from nearer.domain.model import FORMS, Content
from nearer.domain.pacing import Comfort, PartnerState
from nearer.domain.plan import (
    NO_REPEAT_DAYS,
    PlanRequest,
    WeekPlan,
    make_plan,
    offerable,
    opens_up,
)
from nearer.domain.safety import SafetyResult, allowed_practices, screen
from nearer.domain.scoring import score_instrument
from tests.conftest import make_answers

MONDAY = date(2026, 11, 30)
CLEAR = SafetyResult(screened=True, concern=False)
CONCERN = SafetyResult(screened=True, concern=True, scales=("fear",))
READY = Comfort(answered=7, passed=0, felt_understood=90.0)
NEW = Comfort()


def make_partner(
    content: Content, seed: int, safe: bool = True, comfort: Comfort = NEW
) -> PartnerState:
    answers = make_answers(content, seed, safe)
    return PartnerState(
        profile=score_instrument(content.instruments["profile"], answers),
        safety=screen(content.instruments["safety"], answers),
        comfort=comfort,
    )


def make_request(content: Content, **changes: object) -> PlanRequest:
    partners = [make_partner(content, 1), make_partner(content, 2)]
    fields: dict[str, object] = {"week_start": MONDAY, "partners": partners, "seed": 7}
    fields.update(changes)
    return PlanRequest(**fields)  # type: ignore[arg-type]


def ids(plan: WeekPlan) -> list[str]:
    return [d.question.id for d in plan.questions] + [p.practice.id for p in plan.practices]


def test_the_same_inputs_give_the_same_plan(content: Content) -> None:
    assert ids(make_plan(content, make_request(content))) == ids(
        make_plan(content, make_request(content))
    )


def test_another_seed_or_week_gives_another_plan(content: Content) -> None:
    base = ids(make_plan(content, make_request(content)))
    assert ids(make_plan(content, make_request(content, seed=8))) != base
    assert ids(make_plan(content, make_request(content, week_start=MONDAY + timedelta(7)))) != base


def test_a_week_has_seven_different_daily_questions_starting_light(content: Content) -> None:
    plan = make_plan(content, make_request(content))
    assert [d.day for d in plan.questions] == [MONDAY + timedelta(days=i) for i in range(7)]
    assert len({d.question.id for d in plan.questions}) == 7
    assert plan.depth == 1 and all(d.question.depth == 1 for d in plan.questions)


def test_no_practice_asks_for_vulnerability_before_the_questions_deepen(content: Content) -> None:
    guarded = {f: 0.0 for f in FORMS} | {"trust": 0.0, "responsiveness": 0.0}
    partners = [PartnerState(guarded, CLEAR), PartnerState(guarded, CLEAR)]
    for seed in range(30):
        plan = make_plan(content, make_request(content, partners=partners, seed=seed))
        assert plan.depth == 1
        assert not [p.practice.id for p in plan.practices if p.practice.needs_vulnerability]
        assert len(plan.practices) >= 3


def test_only_a_measured_form_can_be_a_focus(content: Content) -> None:
    unmeasured = [PartnerState({}, CLEAR), PartnerState({}, CLEAR)]
    for seed in range(3):
        plan = make_plan(content, make_request(content, partners=unmeasured, seed=seed))
        assert plan.focus_forms == ()
        assert len(plan.questions) == 7
    one = [PartnerState({"physical": 20.0}, CLEAR), PartnerState({}, CLEAR)]
    assert make_plan(content, make_request(content, partners=one)).focus_forms == ("physical",)


def test_questions_lean_toward_the_lowest_forms(content: Content) -> None:
    low = {f: 80.0 for f in FORMS} | {"spiritual": 10.0, "trust": 80.0, "responsiveness": 80.0}
    partners = [PartnerState(low, CLEAR), PartnerState(low, CLEAR)]
    plan = make_plan(content, make_request(content, partners=partners))
    assert plan.focus_forms[0] == "spiritual"
    assert sum(d.question.form == "spiritual" for d in plan.questions) == 2


def test_no_question_repeats_within_60_days(content: Content) -> None:
    asked: dict[str, date] = {}
    for week in range(9):
        start = MONDAY + timedelta(weeks=week)
        plan = make_plan(content, make_request(content, week_start=start, asked=dict(asked)))
        for daily in plan.questions:
            last = asked.get(daily.question.id)
            assert last is None or (daily.day - last).days > NO_REPEAT_DAYS
            asked[daily.question.id] = daily.day


def test_an_exhausted_bank_repeats_the_longest_unasked_questions(content: Content) -> None:
    light = [q for q in content.questions if q.depth == 1]  # a clear couple: every one
    asked = {q.id: MONDAY - timedelta(days=1 + i % 50) for i, q in enumerate(light)}
    plan = make_plan(content, make_request(content, asked=asked))
    oldest = sorted(asked, key=lambda qid: (asked[qid], qid))[:7]
    assert all(d.repeat for d in plan.questions)
    assert sorted(d.question.id for d in plan.questions) == sorted(oldest)


def test_depth_deepens_when_both_are_comfortable(content: Content) -> None:
    trusting = {f: 60.0 for f in FORMS} | {"trust": 90.0, "responsiveness": 90.0}
    partners = [PartnerState(trusting, CLEAR, READY), PartnerState(trusting, CLEAR, READY)]
    plan = make_plan(content, make_request(content, partners=partners, current_depth=2))
    assert plan.depth == 3 and all(d.question.depth == 3 for d in plan.questions)


def test_a_safety_concern_withholds_vulnerable_questions_and_practices(content: Content) -> None:
    worried = [make_partner(content, 1), make_partner(content, 2, safe=False)]
    for seed in range(20):
        plan = make_plan(
            content, make_request(content, partners=worried, seed=seed, current_depth=3)
        )
        assert plan.depth == 2  # down from 3 one step a week, as any easing goes
        assert not any(d.question.needs_safety for d in plan.questions)
        assert not any(
            p.practice.needs_vulnerability or p.practice.touches_conflict for p in plan.practices
        )


def test_three_to_five_practices_within_the_minutes(content: Content) -> None:
    for minutes in (30, 60, 120, 300):
        plan = make_plan(content, make_request(content, minutes_per_week=minutes))
        assert 3 <= len(plan.practices) <= 5
        assert plan.practice_minutes <= minutes or len(plan.practices) == 3
        assert plan.over_budget == (plan.practice_minutes > minutes)


def test_three_practices_stay_within_the_minutes_whenever_three_can(content: Content) -> None:
    for minutes in range(10, 40):
        for seed in range(5):
            request = make_request(content, minutes_per_week=minutes, seed=seed)
            plan = make_plan(content, request)
            light = offerable(content.practices, False, 2, 1)  # what every light week draws on
            offered = sorted(p.weekly_minutes for p in light)
            if sum(offered[:3]) <= minutes:
                assert not plan.over_budget, (minutes, seed, plan.practice_minutes)


def test_a_tiny_budget_still_gets_three_small_steps_and_says_so(content: Content) -> None:
    offered = sorted(p.weekly_minutes for p in allowed_practices(content.practices, True))
    too_few = sum(offered[:3]) - 1  # not even the three shortest fit
    plan = make_plan(content, make_request(content, minutes_per_week=too_few))
    assert len(plan.practices) == 3 and plan.over_budget


def test_practices_target_the_likely_causes(content: Content) -> None:
    finder = content.instruments["causes"]
    answers = {item.id: (1 if item.reverse else 7) for item in finder.items_of("stress_pace")}
    causes = rank_causes(content, {"a": answers})
    plan = make_plan(content, make_request(content, causes=causes))
    assert plan.focus_causes[0] == "stress_pace"
    assert any("stress_pace" in p.practice.causes for p in plan.practices)


def test_solo_mode_offers_only_practices_for_one(content: Content) -> None:
    plan = make_plan(content, make_request(content, partners=[make_partner(content, 1)]))
    assert plan.practices and all(p.practice.participants == "one" for p in plan.practices)


def test_a_person_alone_with_a_concern_gets_more_than_one_practice_each_safe(
    content: Content,
) -> None:
    afraid = [make_partner(content, 1, safe=False)]
    for seed in range(10):
        plan = make_plan(content, make_request(content, partners=afraid, seed=seed))
        assert len(plan.practices) >= 2
        assert all(
            p.practice.participants == "one" and not p.practice.needs_safety for p in plan.practices
        )


#: generated_request's arguments, as the property tests below draw them.
DRAWN = {
    "seed": st.integers(0, 10_000),
    "minutes": st.integers(10, 400),
    "depth": st.integers(1, 3),
    "safe": st.booleans(),
    "solo": st.booleans(),
}


def generated_request(
    content: Content, seed: int, minutes: int, depth: int, safe: bool, solo: bool
) -> PlanRequest:
    """A request as the property tests below draw them: one partner ready and clear, and a second
    (clear or not) unless `solo`."""
    partners = [make_partner(content, seed, comfort=READY)]
    if not solo:
        partners.append(make_partner(content, seed + 1, safe=safe, comfort=READY))
    return make_request(
        content, partners=partners, seed=seed, minutes_per_week=minutes, current_depth=depth
    )


@settings(max_examples=60, deadline=None)
@given(**DRAWN)
def test_every_plan_keeps_its_promises(
    content: Content, seed: int, minutes: int, depth: int, safe: bool, solo: bool
) -> None:
    request = generated_request(content, seed, minutes, depth, safe, solo)
    partners = request.partners
    plan = make_plan(content, request)
    assert len(plan.questions) == 7 and len({d.question.id for d in plan.questions}) == 7
    assert 3 <= len(plan.practices) <= 5
    assert len({p.practice.id for p in plan.practices}) == len(plan.practices)
    assert all(d.question.depth == plan.depth for d in plan.questions)
    if not all(p.safety.clear for p in partners):
        assert not any(d.question.needs_safety for d in plan.questions)
        assert not any(
            p.practice.needs_vulnerability or p.practice.touches_conflict for p in plan.practices
        )


def test_a_light_weeks_questions_are_the_same_with_or_without_an_all_clear(
    content: Content,
) -> None:
    profiles = [make_partner(content, 1).profile, make_partner(content, 2).profile]
    clear = make_request(content, partners=[PartnerState(p, CLEAR) for p in profiles])
    afraid = replace(
        clear, partners=[PartnerState(profiles[0], CLEAR), PartnerState(profiles[1], CONCERN)]
    )
    physical = 0
    for week in range(8):
        start = MONDAY + timedelta(weeks=week)
        light = make_plan(content, replace(clear, week_start=start))
        kept = make_plan(content, replace(afraid, week_start=start))
        assert light.depth == kept.depth == 1
        assert ids(light) == ids(kept)  # the questions and the practices
        physical += sum(d.question.form == "physical" for d in kept.questions)
    assert physical >= 4  # the form keeps its place: questions of the body's own comforts


def test_a_week_easing_down_is_the_same_whether_someone_wants_lighter_or_is_not_clear(
    content: Content,
) -> None:
    profiles = [make_partner(content, 1).profile, make_partner(content, 2).profile]
    uneasy = Comfort(answered=7, passed=3)  # passes enough to ease a step
    easing = make_request(
        content,
        partners=[PartnerState(profiles[0], CLEAR, uneasy), PartnerState(profiles[1], CLEAR)],
        current_depth=3,
    )
    physical = 0
    afraid = replace(
        easing,
        partners=[PartnerState(profiles[0], CLEAR, uneasy), PartnerState(profiles[1], CONCERN)],
    )
    for week in range(4):
        start = MONDAY + timedelta(weeks=week)
        eased = make_plan(content, replace(easing, week_start=start))
        kept = make_plan(content, replace(afraid, week_start=start))
        assert eased.depth == kept.depth == 2 and ids(eased) == ids(kept)
        physical += sum(d.question.form == "physical" for d in kept.questions)
    assert physical >= 2  # personal questions of the body's own comforts keep the form


def plans_week_after_week(content: Content, request: PlanRequest, weeks: int) -> list[WeekPlan]:
    """The plans of `weeks` weeks from `request`'s on, each given the ones before, as the web
    side gives them (plans.services)."""
    plans: list[WeekPlan] = []
    for week in range(weeks):
        offered = {p.week_start: [x.practice.id for x in p.practices] for p in plans}
        start = request.week_start + timedelta(weeks=week)
        plans.append(make_plan(content, replace(request, week_start=start, offered=offered)))
    return plans


def practice_set(plan: WeekPlan) -> frozenset[str]:
    return frozenset(p.practice.id for p in plan.practices)


def test_the_practices_change_week_to_week_when_nothing_else_does(content: Content) -> None:
    # A light week of 60 minutes: only six practices fit, five of them short, as a tester saw.
    low = {f: 60.0 for f in FORMS} | {"emotional": 20.0, "spiritual": 30.0}
    partners = [PartnerState(low, CLEAR), PartnerState(low, CLEAR)]
    plans = plans_week_after_week(content, make_request(content, partners=partners), 6)
    sets = [practice_set(plan) for plan in plans]
    assert all(plan.depth == 1 and not plan.over_budget for plan in plans)
    assert all(this != after for this, after in pairwise(sets)), sets


def test_the_default_couple_sees_new_practices_every_week(content: Content) -> None:
    plans = plans_week_after_week(content, make_request(content), 6)
    sets = [practice_set(plan) for plan in plans]
    assert all(after - this for this, after in pairwise(sets)), sets


def test_the_most_relevant_practice_for_a_strong_cause_stays_every_week(content: Content) -> None:
    finder = content.instruments["causes"]
    answers = {item.id: (1 if item.reverse else 7) for item in finder.items_of("stress_pace")}
    request = make_request(content, causes=rank_causes(content, {"a": answers}))
    for plan in plans_week_after_week(content, request, 6):
        fresh = make_plan(content, replace(request, week_start=plan.week_start))  # no history
        most, first = fresh.practices[0], plan.practices[0]
        assert "stress_pace" in first.causes
        assert (len(first.causes), len(first.forms)) == (len(most.causes), len(most.forms))


def test_practices_offered_long_ago_or_ahead_cost_nothing(content: Content) -> None:
    request = make_request(content)
    alone = make_plan(content, request)
    ahead = {MONDAY + timedelta(weeks=1): practice_set(alone)}
    long_ago = {MONDAY - timedelta(weeks=3): practice_set(alone)}
    assert ids(make_plan(content, replace(request, offered=ahead))) == ids(alone)
    assert ids(make_plan(content, replace(request, offered=long_ago))) == ids(alone)
    last_week = {MONDAY - timedelta(weeks=1): practice_set(alone)}
    assert ids(make_plan(content, replace(request, offered=last_week))) != ids(alone)


@settings(max_examples=40, deadline=None)
@given(**DRAWN)
def test_a_rotating_week_offers_nothing_outside_what_it_may_and_keeps_the_minutes(
    content: Content, seed: int, minutes: int, depth: int, safe: bool, solo: bool
) -> None:
    request = generated_request(content, seed, minutes, depth, safe, solo)
    partners = request.partners
    # Offered before: everything, deeper practices too, as after weeks that opened up.
    everything = [p.id for p in content.practices]
    history = {MONDAY - timedelta(weeks=w): everything[w::3] for w in (1, 2)}
    plan = make_plan(content, replace(request, offered=history))
    open_up = opens_up(all(p.safety.clear for p in partners), plan.depth, depth)
    allowed = offerable(content.practices, open_up, len(partners), plan.depth)
    assert {p.practice.id for p in plan.practices} <= {p.id for p in allowed}
    assert 3 <= len(plan.practices) <= 5
    cheapest = sorted(p.weekly_minutes for p in allowed)[:3]
    assert not plan.over_budget or sum(cheapest) > minutes or len(plan.practices) == 3


def test_a_light_weeks_rotation_is_the_same_with_or_without_an_all_clear(
    content: Content,
) -> None:
    profiles = [make_partner(content, 1).profile, make_partner(content, 2).profile]
    clear = make_request(content, partners=[PartnerState(p, CLEAR) for p in profiles])
    afraid = replace(
        clear, partners=[PartnerState(profiles[0], CLEAR), PartnerState(profiles[1], CONCERN)]
    )
    # The same history, deeper practices of weeks that opened up included.
    history = {MONDAY - timedelta(weeks=1): [p.id for p in content.practices if p.needs_safety]}
    history[MONDAY - timedelta(weeks=2)] = [p.id for p in content.practices if p.depth == 1]
    for week in range(6):
        start = MONDAY + timedelta(weeks=week)
        light = make_plan(content, replace(clear, week_start=start, offered=history))
        kept = make_plan(content, replace(afraid, week_start=start, offered=history))
        assert light.depth == kept.depth == 1
        assert ids(light) == ids(kept)
        history = {start: [p.practice.id for p in kept.practices], **history}


def test_names_read_in_a_sentence(content: Content) -> None:
    assert content.in_a_sentence("physical") == "physical (nonsexual)"
    assert content.in_a_sentence("unresolved_conflict") == "unresolved conflict"
    assert content.in_a_sentence("no_such_thing") == ""
