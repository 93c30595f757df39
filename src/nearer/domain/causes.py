"""Cause ranking: which likely drivers hold this couple's closeness back, and why we think so.

Each cause is scored from the cause finder (its own items, weighted most) and from indirect
evidence: low scores on the profile dimensions and frequent low-intimacy signs that the content
relates to it. Partners' scores are averaged, so the ranking is about the couple, never about
which partner "has" a cause; where the two see a cause far apart, `outlook` says so, without
saying who sees what. The result is worded as likely drivers, not a diagnosis.

Evidence follows the minimum-answer rule of the scales (`MIN_ANSWERED_SHARE`, 80 %): the cause
finder's part counts when its scale has a score, the indirect part when at least 80 % of what it
averages is there (a related dimension with a score, a related sign answered). A person with
neither part has no score for the cause, and a couple's score averages only the partners who do:
one answer never makes a cause likely.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from statistics import mean

from nearer.domain.model import Answers, Cause, Content, Instrument, Item, Practice
from nearer.domain.scoring import MIN_ANSWERED_SHARE, exact, keyed, scale_score

#: A couple score at or above this marks a cause as likely (provisional project norm).
LIKELY_FROM = 60.0
#: Partners' own scores of a cause this far apart: they see it quite differently, which the
#: couple's average alone would hide (one at 0 and one at 100 average to nothing likely).
APART_FROM = 40.0
#: Weight of the cause finder's own items against the indirect evidence.
DIRECT_WEIGHT = 0.7
#: A keyed answer at or above this share of the range is shown as evidence (5+ of 1–7, 4+ of 1–5).
#: Exact, so an answer on the edge is compared without a float's rounding.
EVIDENCE_FROM = Fraction(2, 3)


@dataclass(frozen=True)
class Evidence:
    """One answer that points to a cause."""

    partner: str
    item: Item
    answer: int  # as given, not keyed


@dataclass(frozen=True)
class RankedCause:
    cause: Cause
    score: float | None  # the couple's 0–100 likelihood, None without enough answered evidence
    likely: bool
    evidence: tuple[Evidence, ...]
    practices: tuple[Practice, ...]
    apart: bool = False  # the partners' own scores lie APART_FROM or more apart


#: What to say when no cause is shown, by `outlook`.
NONE_SHOWN = {
    "calm": "No cause stands out. Keep doing what works, and check in again in a few weeks.",
    "apart": (
        "No cause stands out for the two of you together, but you see some of them quite "
        "differently. That is worth talking about: ask each other what gets in the way."
    ),
    "unmeasured": "Not enough answers yet to point to any cause.",
    # "apart", said to someone with nothing to open up about (a concern of their own, or a view
    # side by side without both checks): no nudge to talk, and no "all is well" either.
    "apart_quietly": "No cause stands out for the two of you together.",
    # To someone whose own check is not clear (a concern, or locked by a reset): causes such as
    # unresolved conflict or trust, "to explore together", would push what their plan leaves out.
    "own_safety_first": "Not shown for now: your own safety comes first.",
}


def none_shown(found: str, held_back: bool) -> str:
    """What to say when no cause stands out, by `outlook`; "" when one does."""
    return NONE_SHOWN.get("apart_quietly" if held_back and found == "apart" else found, "")


def outlook(ranked: Sequence[RankedCause]) -> str:
    """What the ranking says as a whole: "likely" (a cause stands out), "apart" (none does for
    the couple, but they see one quite differently: worth a talk, never who sees what), "calm"
    (none stands out) or "unmeasured" (too few answers to say anything)."""
    if not any(c.score is not None for c in ranked):
        return "unmeasured"
    if any(c.likely for c in ranked):
        return "likely"
    return "apart" if any(c.apart for c in ranked) else "calm"


def rank_causes(
    content: Content,
    partners: Mapping[str, Answers],
    practices: Sequence[Practice] | None = None,
) -> list[RankedCause]:
    """Causes from most to least likely; causes with no score come last.

    `partners` maps a label ("you", a name, a file name) to that person's answers. `practices`
    are the ones that may be offered (after the safety rules); by default all of them.
    """
    offered = content.practices if practices is None else tuple(practices)
    ranked = [_rank_one(content, cause, partners, offered) for cause in content.causes]
    return sorted(ranked, key=lambda r: -1.0 if r.score is None else r.score, reverse=True)


def _rank_one(
    content: Content,
    cause: Cause,
    partners: Mapping[str, Answers],
    practices: Sequence[Practice],
) -> RankedCause:
    scores = [_person_score(content, cause, answers) for answers in partners.values()]
    known = [s for s in scores if s is not None]
    score = exact(mean(known)) if known else None
    addressing = tuple(
        sorted((p for p in practices if cause.id in p.causes), key=lambda p: (p.depth, p.minutes))
    )
    return RankedCause(
        cause=cause,
        score=score,
        likely=score is not None and score >= LIKELY_FROM,
        evidence=tuple(_evidence(content, cause, partners)),
        practices=addressing,
        apart=len(known) > 1 and exact(max(known) - min(known)) >= APART_FROM,
    )


def _person_score(content: Content, cause: Cause, answers: Answers) -> float | None:
    """One person's 0–100 score: both parts weighted, or the one with enough answers, or None."""
    direct = scale_score(content.instruments["causes"], cause.id, answers)
    indirect = _indirect_score(content, cause, answers)
    if direct is None or indirect is None:
        return direct if indirect is None else indirect
    return exact(DIRECT_WEIGHT * direct + (1 - DIRECT_WEIGHT) * indirect)


def _indirect_score(content: Content, cause: Cause, answers: Answers) -> float | None:
    """Mean of (100 - related dimension scores) and related low-sign frequencies, 0–100; None
    when under 80 % of them are there (a dimension without a score, a sign not answered)."""
    profile, signs = content.instruments["profile"], content.instruments["signs"]
    parts = [scale_score(profile, dim, answers) for dim in cause.related_dimensions]
    lows = [100 - part for part in parts if part is not None]
    for sign_id in cause.related_signs:
        if sign_id in answers:
            value = answers[sign_id]
            lows.append((value - signs.response.min) / signs.response.span * 100)
    wanted = len(cause.related_dimensions) + len(cause.related_signs)
    if not lows or len(lows) < MIN_ANSWERED_SHARE * wanted:
        return None
    return exact(mean(lows))


def _evidence(content: Content, cause: Cause, partners: Mapping[str, Answers]) -> list[Evidence]:
    instruments = content.instruments
    pointing: list[tuple[Instrument, Item, bool]] = [
        (instruments["causes"], item, True) for item in instruments["causes"].items_of(cause.id)
    ]
    for dim in cause.related_dimensions:
        pointing += [
            (instruments["profile"], item, False) for item in instruments["profile"].items_of(dim)
        ]
    pointing += [
        (instruments["signs"], content.items_by_id[sign], True)
        for sign in cause.related_signs
        if sign in content.items_by_id
    ]
    found = []
    for label, answers in partners.items():
        for instrument, item, high_points in pointing:
            if item.id not in answers:
                continue
            value = keyed(item, answers[item.id], instrument.response)
            share = Fraction(value - instrument.response.min, instrument.response.span)
            if (share if high_points else 1 - share) >= EVIDENCE_FROM:
                found.append(Evidence(label, item, answers[item.id]))
    return found
