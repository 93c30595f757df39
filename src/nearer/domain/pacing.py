"""Pacing: how deep the daily question goes this week.

Depth starts light and deepens one step at a time, only when *both* partners show comfort — the
pace of the slower partner. Either partner's discomfort steps it back, a hard last week among it
(`hard_week`): deeper questions wait for recent good responsiveness (science.md, design
implication 8), and a fortnight's mean can hide a hard week behind a good one before it. Without
a safety all-clear it comes down to light, one step a week as any easing does, and stays there:
what a slow pace looks like for any couple, so the shared plan says nothing of why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nearer.domain.safety import SafetyResult

#: Answered daily questions, at the current depth in the last two weeks, that show comfort.
ANSWERED_TO_DEEPEN = 5
#: Passed questions in those two weeks that still allow deepening; this many or more step back.
PASSES_ALLOWED = 1
PASSES_TO_EASE = 3
#: 0–100 scores at or above which the profile (trust, responsiveness) supports going deeper.
PROFILE_READY_FROM = 50.0
#: Felt understood, 0–100 from recent check-ins: below this eases back, at or above allows deeper.
UNDERSTOOD_EASE_BELOW = 40.0
UNDERSTOOD_READY_FROM = 60.0
#: Check-ins in the last 7 days under UNDERSTOOD_EASE_BELOW that make a low week a hard one: one
#: bad day in a good fortnight is a day, not a week to ease.
HARD_WEEK_LOW_DAYS = 2
SAFE_MAX_DEPTH = 3
UNSAFE_MAX_DEPTH = 1


@dataclass(frozen=True)
class Comfort:
    """What one partner's recent daily practice shows (over the last 14 days, but for
    `understood_last_week`)."""

    answered: int = 0  # at the current depth: lighter answers show no comfort with it
    passed: int = 0
    felt_understood: float | None = None  # mean of recent check-ins, 0–100; None: no check-ins
    # Felt understood at each check-in of the last 7 days, 0–100, in any order (hard_week).
    understood_last_week: tuple[float, ...] = ()
    # No answer, pass or check-in at all in those 14 days: back after a pause, a step lighter.
    away: bool = False


@dataclass(frozen=True)
class PartnerState:
    """One partner as the planner sees them: profile scores, private screen, recent comfort."""

    profile: Mapping[str, float | None]
    safety: SafetyResult
    comfort: Comfort = Comfort()


def ready_to_deepen(partner: PartnerState) -> bool:
    comfort = partner.comfort
    profile_ready = all(
        (partner.profile.get(scale) or 0.0) >= PROFILE_READY_FROM
        for scale in ("trust", "responsiveness")
    )
    understood = comfort.felt_understood
    return (
        profile_ready
        and comfort.answered >= ANSWERED_TO_DEEPEN
        and comfort.passed <= PASSES_ALLOWED
        and (understood is None or understood >= UNDERSTOOD_READY_FROM)
    )


def wants_lighter(partner: PartnerState) -> bool:
    """Passing often, feeling little understood over two weeks or in a hard last week, or coming
    back after two weeks away: a step lighter (a pause is no reason to pick up where the
    questions were deepest)."""
    comfort = partner.comfort
    understood = comfort.felt_understood
    return (
        comfort.away
        or comfort.passed >= PASSES_TO_EASE
        or (understood is not None and understood < UNDERSTOOD_EASE_BELOW)
        or hard_week(comfort.understood_last_week)
    )


def hard_week(understood: Sequence[float]) -> bool:
    """Whether the last 7 days' check-ins (felt understood, 0–100 each) make a hard week: their
    mean under UNDERSTOOD_EASE_BELOW, with at least HARD_WEEK_LOW_DAYS of them under it too, so
    a single bad day never is one, however few the check-ins around it. Lower scores never
    make a week less hard."""
    low_days = sum(1 for score in understood if score < UNDERSTOOD_EASE_BELOW)
    return (
        low_days >= HARD_WEEK_LOW_DAYS and sum(understood) / len(understood) < UNDERSTOOD_EASE_BELOW
    )


def next_depth(current: int, partners: Sequence[PartnerState]) -> int:
    """This week's question depth (1–3) given last week's and both partners' states. Alone, light:
    the pace is the slower partner's and there is none yet, and nothing made alone then depends on
    the person's check, for the partner who joins to read."""
    if len(partners) < 2:
        return 1
    safe = all(p.safety.clear for p in partners)
    ceiling = SAFE_MAX_DEPTH if safe else UNSAFE_MAX_DEPTH
    if any(wants_lighter(p) for p in partners):
        depth = current - 1
    elif partners and all(ready_to_deepen(p) for p in partners):
        depth = current + 1
    else:
        depth = current
    # Above the ceiling (a check no longer clear), one step a week, as any easing goes: a drop
    # of two in one week would tell the partner what no ordinary easing does.
    return max(1, min(depth, max(ceiling, current - 1)))
