"""Safety rules: where someone may be afraid of their partner, nearer never pushes vulnerability.

The screen is private. A concern withholds, for the whole couple's shared plan (from the next week;
at once for the person who is not clear), every question that needs a safe relationship and every
practice that needs vulnerability, touches conflict or is not for someone afraid of their partner;
the person who answered sees support resources first. Nothing here tells the partner why: the
shared plan simply stays light (pacing.UNSAFE_MAX_DEPTH), and light weeks draw on the same
questions for every couple (plan.make_plan), so it is what a slow pace looks like.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from nearer.domain.model import Answers, Instrument, Practice, Question


@dataclass(frozen=True)
class SafetyResult:
    """The outcome of one person's private screen."""

    screened: bool  # False: the person has not answered the screen yet
    concern: bool
    scales: tuple[str, ...] = ()  # the scales with a concerning answer, for that person only

    @property
    def clear(self) -> bool:
        """Screened and no concern: the only state that lets vulnerable content through."""
        return self.screened and not self.concern


NOT_SCREENED = SafetyResult(screened=False, concern=False)


def screen(instrument: Instrument, answers: Answers) -> SafetyResult:
    """Any answer at or above its item's `concern_at` is a concern. Without a concern the screen
    counts only once every item is answered: a question left out (about fear, threats or harm)
    cannot be read as "no", so a partly answered screen is not screened yet."""
    answered = [item for item in instrument.items if item.id in answers]
    if not answered:
        return NOT_SCREENED
    concerning = [
        item
        for item in answered
        if item.concern_at is not None and answers[item.id] >= item.concern_at
    ]
    if not concerning and len(answered) < len(instrument.items):
        return NOT_SCREENED
    scales = tuple(dict.fromkeys(item.scale for item in concerning))
    return SafetyResult(screened=True, concern=bool(concerning), scales=scales)


def all_clear(results: Iterable[SafetyResult]) -> bool:
    """True only when every partner has been screened without a concern."""
    return all(result.clear for result in results)


def withholds_practice(practice: Practice) -> bool:
    """Whether a practice is kept from a couple without an all-clear: it asks for vulnerability,
    touches conflict, or is not for someone afraid of their partner (touch, a weekly talk about
    closeness, thanks that could become a way of keeping a feared partner calm)."""
    return practice.needs_vulnerability or practice.touches_conflict or practice.needs_safety


def allowed_questions(questions: Iterable[Question], safe: bool) -> list[Question]:
    """The questions that may be offered; without an all-clear, none that needs safety."""
    return [q for q in questions if safe or not q.needs_safety]


def allowed_practices(practices: Iterable[Practice], safe: bool) -> list[Practice]:
    """The practices that may be offered; without an all-clear, none that `withholds_practice`."""
    return [p for p in practices if safe or not withholds_practice(p)]


def rescreen_due(
    last_screened: datetime | None,
    set_aside: datetime | None,
    now: datetime,
    every: timedelta,
    prompted: datetime | None = None,
) -> bool:
    """Whether to offer the private screen again, gently: the last one was at least `every` ago
    and the person has not said "not now" within the last `every` either; or something since the
    last screen asked for it sooner (`prompted`, e.g. alarming words in an imported chat) and the
    person has not said "not now" since.

    `last_screened` is None when the screen was never taken: onboarding offers it then, not this.
    `set_aside` is when the person last said "not now" (None: never). Times must be comparable
    (all aware or all naive).
    """
    if last_screened is None:
        return False
    asked_for = (
        prompted is not None
        and prompted > last_screened
        and (set_aside is None or set_aside < prompted)
    )
    period_passed = now - last_screened >= every
    return asked_for or (period_passed and (set_aside is None or now - set_aside >= every))
