from __future__ import annotations

from nearer.domain.pacing import Comfort, PartnerState, next_depth
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
