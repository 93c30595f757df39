from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nearer.domain.pacing import Comfort, PartnerState, hard_week, next_depth
from nearer.domain.safety import NOT_SCREENED, SafetyResult

CLEAR = SafetyResult(screened=True, concern=False)
CONCERN = SafetyResult(screened=True, concern=True, scales=("fear",))
TRUSTING = {"trust": 70.0, "responsiveness": 70.0}
READY = Comfort(answered=7, passed=0, felt_understood=80.0)
NEW = Comfort()


def partner(
    comfort: Comfort = NEW, safety: SafetyResult = CLEAR, profile: dict[str, float] = TRUSTING
) -> PartnerState:
    return PartnerState(profile=profile, safety=safety, comfort=comfort)


def test_a_new_couple_starts_light() -> None:
    assert next_depth(1, [partner(), partner()]) == 1


def test_depth_grows_one_step_when_both_are_comfortable() -> None:
    assert next_depth(1, [partner(READY), partner(READY)]) == 2
    assert next_depth(2, [partner(READY), partner(READY)]) == 3
    assert next_depth(3, [partner(READY), partner(READY)]) == 3


def test_the_slower_partner_sets_the_pace() -> None:
    assert next_depth(1, [partner(READY), partner(Comfort(answered=2))]) == 1


def test_passing_often_or_not_feeling_understood_steps_back() -> None:
    assert next_depth(2, [partner(READY), partner(Comfort(answered=4, passed=3))]) == 1
    assert next_depth(3, [partner(READY), partner(Comfort(answered=7, felt_understood=30.0))]) == 2
    assert next_depth(1, [partner(Comfort(passed=5)), partner(READY)]) == 1


def test_coming_back_after_two_weeks_away_starts_a_step_lighter() -> None:
    assert next_depth(3, [partner(READY), partner(Comfort(away=True))]) == 2
    assert next_depth(1, [partner(Comfort(away=True)), partner(Comfort(away=True))]) == 1


def test_low_trust_keeps_the_pace() -> None:
    wary = {"trust": 30.0, "responsiveness": 70.0}
    assert next_depth(1, [partner(READY), partner(READY, profile=wary)]) == 1


def test_without_an_all_clear_the_questions_come_down_to_light_one_step_a_week() -> None:
    for safety in (CONCERN, NOT_SCREENED):
        assert next_depth(1, [partner(READY), partner(READY, safety)]) == 1
        assert next_depth(2, [partner(READY), partner(READY, safety)]) == 1
        assert next_depth(3, [partner(READY), partner(READY, safety)]) == 2  # as easing does


def checked_in(
    last_week: list[int], week_before: list[int], answered: int = 0, passed: int = 0
) -> Comfort:
    """Comfort from daily "felt understood" answers, 1–5, as the web reads them: the fortnight's
    mean and each check-in of the last week, on the 0–100 scale."""
    fortnight = [(score - 1) / 4 * 100 for score in [*last_week, *week_before]]
    mean = sum(fortnight) / len(fortnight) if fortnight else None
    week = tuple(fortnight[: len(last_week)])
    return Comfort(answered, passed, felt_understood=mean, understood_last_week=week)


def test_a_hard_week_for_either_partner_eases_a_step_though_the_fortnight_is_not_low() -> None:
    hard = checked_in([2] * 7, [4, 4, 4, 4, 3, 3, 3], answered=7)
    assert hard.felt_understood == 625 / 14  # 44.6: not under 40, no easing by the fortnight
    assert next_depth(3, [partner(READY), partner(hard)]) == 2
    assert next_depth(3, [partner(hard), partner(READY)]) == 2
    assert next_depth(2, [partner(hard), partner(hard)]) == 1


def test_a_single_bad_day_in_a_good_fortnight_keeps_the_pace() -> None:
    good_but_one = checked_in([1, 5, 5, 4, 5, 5, 4], [5] * 7, answered=7)
    assert next_depth(3, [partner(READY), partner(good_but_one)]) == 3
    # However few the check-ins around it: one bad day is not a hard week.
    assert next_depth(3, [partner(READY), partner(checked_in([1, 3], [4] * 7))]) == 3
    assert next_depth(3, [partner(READY), partner(checked_in([1], [4] * 7))]) == 3


def test_a_week_without_check_ins_is_not_a_hard_one() -> None:
    assert not hard_week(())
    assert next_depth(2, [partner(READY), partner(checked_in([], [4] * 7))]) == 2


def test_a_hard_week_never_takes_someone_afraid_deeper() -> None:
    hard = checked_in([2] * 7, [4] * 7)
    assert next_depth(1, [partner(READY), partner(hard, CONCERN)]) == 1
    assert next_depth(3, [partner(READY, CONCERN), partner(hard)]) == 2


understood_answers = st.lists(st.integers(1, 5), max_size=7)
others = st.builds(
    Comfort,
    answered=st.integers(0, 10),
    passed=st.integers(0, 5),
    felt_understood=st.none() | st.floats(0, 100),
    away=st.booleans(),
)
safety = st.sampled_from([CLEAR, CONCERN, NOT_SCREENED])
profiles = st.fixed_dictionaries({"trust": st.floats(0, 100), "responsiveness": st.floats(0, 100)})


@given(
    current=st.integers(1, 3),
    last_week=understood_answers,
    week_before=understood_answers,
    lower_by=st.lists(st.integers(0, 4), min_size=14, max_size=14),
    other=others,
    who=st.sampled_from([0, 1]),
    safeties=st.tuples(safety, safety),
    profile=profiles,
)
def test_a_week_of_lower_answers_never_makes_the_next_week_deeper(
    current: int,
    last_week: list[int],
    week_before: list[int],
    lower_by: list[int],
    other: Comfort,
    who: int,
    safeties: tuple[SafetyResult, SafetyResult],
    profile: dict[str, float],
) -> None:
    lower_week = [max(1, score - by) for score, by in zip(last_week, lower_by, strict=False)]
    lower_before = [
        max(1, score - by) for score, by in zip(week_before, lower_by[7:], strict=False)
    ]
    before = checked_in(last_week, week_before, answered=7)
    after = checked_in(lower_week, lower_before, answered=7)

    def depth(comfort: Comfort) -> int:
        partners = [partner(other, safeties[0], profile), partner(comfort, safeties[1], profile)]
        return next_depth(current, partners if who else partners[::-1])

    assert depth(after) <= depth(before)


@given(
    current=st.integers(1, 3),
    week=st.lists(st.integers(1, 2), min_size=2, max_size=7),
    other=others,
    safeties=st.tuples(safety, safety),
    profile=profiles,
)
def test_a_hard_week_eases_exactly_one_step_whatever_else(
    current: int,
    week: list[int],
    other: Comfort,
    safeties: tuple[SafetyResult, SafetyResult],
    profile: dict[str, float],
) -> None:
    hard = checked_in(week, [5] * 7, answered=7, passed=0)
    partners = [partner(other, safeties[0], profile), partner(hard, safeties[1], profile)]
    assert next_depth(current, partners) == max(1, current - 1)


@given(good=st.lists(st.integers(3, 5), max_size=6), bad=st.integers(1, 2))
def test_one_low_check_in_is_never_a_hard_week(good: list[int], bad: int) -> None:
    assert not hard_week(checked_in([bad, *good], []).understood_last_week)
