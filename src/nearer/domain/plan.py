"""The weekly plan: a daily question for each day and 3–5 practices, fitted to this couple.

Inputs are both partners' profile scores, their private safety results and recent comfort, the
ranked causes, the minutes they have, the questions already asked, the week's first day and a seed.
The same inputs always give the same plan. Questions follow the pace of the slower partner
(`pacing`), lean toward the couple's lowest forms and repeat no question within 60 days while the
bank allows. Practices aim at the lowest forms and the likely causes, stay within the minutes when
they can, and vary in kind and from week to week: the most relevant stays, and ones the last two
weeks' plans held (`PlanRequest.offered`) give way to others about as relevant (`staleness`).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import mean

from nearer.domain.causes import RankedCause
from nearer.domain.model import FORMS, Content, Practice, Question
from nearer.domain.pacing import PartnerState, next_depth
from nearer.domain.safety import allowed_practices, allowed_questions

DAYS_IN_WEEK = 7
NO_REPEAT_DAYS = 60
MIN_PRACTICES, MAX_PRACTICES = 3, 5
FOCUS_FORMS = 2
FOCUS_CAUSES = 3
#: What a practice costs in relevance for each of the last weeks' plans that held it, by how
#: many weeks before: less than a focus cause is worth (3), so one addressing a likely cause still
#: comes before one that addresses none, but as much as a focus form (2).
RECENT_COST = {1: 2.0, 2: 1.0}
RECENT_WEEKS = max(RECENT_COST)
#: How many of a week's practices are chosen by relevance alone, however recently offered.
KEPT_MOST_RELEVANT = 1
#: How a form's rank (0 = lowest score) maps onto the days: the two lowest forms get two days.
FORM_ROTATION = (0, 1, 2, 0, 3, 1, 4)


#: Minutes a week a couple may give to practices, wherever they set them (page, API, CLI).
MIN_MINUTES, MAX_MINUTES = 10, 600


@dataclass(frozen=True)
class PlanRequest:
    week_start: date
    partners: Sequence[PartnerState]  # one (solo mode) or two
    causes: Sequence[RankedCause] = ()
    minutes_per_week: int = 60
    current_depth: int = 1
    asked: Mapping[str, date] = field(default_factory=dict)  # question id -> last day asked
    seed: int = 0
    #: an earlier week's start -> the practice ids its plan held as it was made (never as someone's
    #: safety check shows them: variety tells nothing about a check); weeks over two before count
    #: for nothing, so one or two are enough
    offered: Mapping[date, Collection[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class DailyQuestion:
    day: date
    question: Question
    repeat: bool = False  # True when the bank at this depth ran out of fresh questions


@dataclass(frozen=True)
class PlannedPractice:
    practice: Practice
    forms: tuple[str, ...]  # the focus forms it serves
    causes: tuple[str, ...]  # the focus causes it addresses


@dataclass(frozen=True)
class WeekPlan:
    week_start: date
    depth: int
    focus_forms: tuple[str, ...]
    focus_causes: tuple[str, ...]
    questions: tuple[DailyQuestion, ...]
    practices: tuple[PlannedPractice, ...]
    minutes_per_week: int

    @property
    def practice_minutes(self) -> int:
        return sum(p.practice.weekly_minutes for p in self.practices)

    @property
    def over_budget(self) -> bool:
        return self.practice_minutes > self.minutes_per_week


def make_plan(content: Content, request: PlanRequest) -> WeekPlan:
    """The plan for the week starting `request.week_start`."""
    rng = random.Random(f"{request.seed}:{request.week_start.isoformat()}")
    safe = all(p.safety.clear for p in request.partners)
    depth = next_depth(request.current_depth, request.partners)
    forms = forms_by_need(request.partners, rng)
    focus_forms = tuple(f for f in forms[:FOCUS_FORMS] if _scored(f, request.partners))
    focus_causes = tuple(r.cause.id for r in request.causes if r.likely)[:FOCUS_CAUSES]
    open_up = opens_up(safe, depth, request.current_depth)
    questions = choose_questions(
        allowed_questions(content.questions, open_up), depth, forms, request, rng
    )
    practices = choose_practices(
        offerable(content.practices, open_up, len(request.partners), depth),
        focus_forms,
        focus_causes,
        request.minutes_per_week,
        # Their own stream: the questions already asked (which follow what was asked before)
        # change nothing of which practices a week holds.
        random.Random(f"{request.seed}:{request.week_start.isoformat()}:practices"),
        staleness(request.offered, request.week_start),
    )
    return WeekPlan(
        week_start=request.week_start,
        depth=depth,
        focus_forms=focus_forms,
        focus_causes=focus_causes,
        questions=tuple(questions),
        practices=tuple(practices),
        minutes_per_week=request.minutes_per_week,
    )


def _scored(form: str, partners: Sequence[PartnerState]) -> bool:
    """Whether a partner's profile measured `form`: only a measured form can be a focus (the
    questions still rotate over all five, unmeasured ones in a random order)."""
    return any(p.profile.get(form) is not None for p in partners)


def forms_by_need(partners: Sequence[PartnerState], rng: random.Random) -> tuple[str, ...]:
    """The five forms from the couple's lowest mean score to the highest; unscored ones are placed
    at random among themselves after the scored ones."""
    jitter = {form: rng.random() for form in FORMS}

    def need(form: str) -> tuple[float, float]:
        known = [s for p in partners if (s := p.profile.get(form)) is not None]
        return (mean(known) if known else 101.0, jitter[form])

    return tuple(sorted(FORMS, key=need))


def choose_questions(
    questions: Sequence[Question],
    depth: int,
    forms: Sequence[str],
    request: PlanRequest,
    rng: random.Random,
) -> list[DailyQuestion]:
    """One question a day, at `depth`, rotating over the forms with the neediest most often."""
    at_depth = [q for q in questions if q.depth == depth] or [q for q in questions if q.depth == 1]
    chosen: list[DailyQuestion] = []
    for offset, rank in enumerate(FORM_ROTATION):
        day = request.week_start + timedelta(days=offset)
        taken = {d.question.id for d in chosen}
        pool = [q for q in at_depth if q.id not in taken]
        fresh = [q for q in pool if _fresh(q, day, request.asked)]
        of_form = [q for q in fresh if q.form == forms[rank]]
        if of_form or fresh:
            chosen.append(DailyQuestion(day, rng.choice(of_form or fresh)))
        elif pool:
            oldest = min(pool, key=lambda q: (request.asked.get(q.id, date.min), q.id))
            chosen.append(DailyQuestion(day, oldest, repeat=True))
    return chosen


def _fresh(question: Question, day: date, asked: Mapping[str, date]) -> bool:
    last = asked.get(question.id)
    return last is None or (day - last).days > NO_REPEAT_DAYS


def opens_up(safe: bool, depth: int, previous_depth: int) -> bool:
    """Whether a week draws on what needs safety (questions of touch and hurt, practices of
    touch, conflict and vulnerability): only with every check clear, deeper than light and not
    easing down from the week before. Light weeks and weeks easing down draw on the same
    questions and practices for every couple, so that the plan of a couple without an all-clear
    (stepping down to light and kept there: pacing.UNSAFE_MAX_DEPTH) is one any couple might
    have. Alone, weeks are light (pacing.next_depth): what a partner who joins reads of them, or
    of the days opened before they came, says nothing of the other's check."""
    return safe and depth > 1 and depth >= previous_depth


def offerable(
    practices: Sequence[Practice], safe: bool, partners: int, depth: int
) -> list[Practice]:
    """Practices the safety rules allow, that this many partners can do, no deeper than one step
    past the question depth (so a couple rebuilding starts with small steps), and none that asks
    for vulnerability before the questions have deepened: that comes only once both partners
    feel safe and understood enough (pacing.ready_to_deepen), not in a first week."""
    return [
        p
        for p in doable_by(allowed_practices(practices, safe), partners)
        if p.depth <= depth + 1 and (depth > 1 or not p.needs_vulnerability)
    ]


def doable_by(practices: Sequence[Practice], partners: int) -> list[Practice]:
    """Those of `practices` that `partners` people in the space (one or two) can do: all of
    them for two; only practices for one for someone alone (solo mode), as a practice done
    "together" has no one to be done with."""
    return [p for p in practices if p.participants == "one" or partners >= 2]


def choose_practices(
    practices: Sequence[Practice],
    focus_forms: Sequence[str],
    focus_causes: Sequence[str],
    minutes_per_week: int,
    rng: random.Random,
    stale: Mapping[str, float] | None = None,
) -> list[PlannedPractice]:
    """Greedy choice of 3–5 practices by relevance, kept varied and within the weekly minutes.

    Relevance: 3 points per focus cause addressed, 2 per focus form served; each way a practice
    shares with one already chosen costs 1.5. A practice fits when it leaves room for the
    cheapest others still needed to reach 3, so a relevant but long one never crowds three into
    going over. Fewer than 3 fit the minutes at all: the cheapest are added anyway and the plan
    reports it is over budget.

    Change week to week (`stale`: practice id -> its `staleness`, absent for none): the first
    KEPT_MOST_RELEVANT go by relevance, the least stale of the equally relevant; the next is the
    one offered least lately that fits, the most relevant of those, so something changes whenever
    anything else fits; the rest by relevance less staleness. Nothing here reads a safety check:
    `practices` already holds only what the week may offer.
    """
    stale = stale or {}
    jitter = {p.id: rng.random() for p in practices}
    chosen: list[Practice] = []
    remaining = list(practices)
    while remaining and len(chosen) < MAX_PRACTICES:
        fits = _fitting(remaining, chosen, minutes_per_week)
        if not fits and len(chosen) >= MIN_PRACTICES:
            break
        pool = fits or sorted(remaining, key=lambda p: p.weekly_minutes)[:1]
        best = max(
            pool,
            key=lambda p: (*_rank(p, chosen, focus_forms, focus_causes, stale), jitter[p.id]),
        )
        chosen.append(best)
        remaining.remove(best)
    return [
        PlannedPractice(
            p,
            forms=tuple(f for f in focus_forms if f in p.forms),
            causes=tuple(c for c in focus_causes if c in p.causes),
        )
        for p in chosen
    ]


def _rank(
    practice: Practice,
    chosen: Sequence[Practice],
    focus_forms: Sequence[str],
    focus_causes: Sequence[str],
    stale: Mapping[str, float],
) -> tuple[float, float]:
    """How much `practice` is wanted next after `chosen`, higher first (see choose_practices)."""
    relevance = _relevance(practice, focus_forms, focus_causes, chosen)
    cost = stale.get(practice.id, 0.0)
    if len(chosen) < KEPT_MOST_RELEVANT:
        return (relevance, -cost)
    return (-cost if len(chosen) == KEPT_MOST_RELEVANT else 0.0, relevance - cost)


def staleness(offered: Mapping[date, Collection[str]], week_start: date) -> dict[str, float]:
    """What each practice a recent week's plan held costs the week of `week_start` in relevance
    (practice id -> points): RECENT_COST of each week it was in, by how many weeks before this
    one; nothing for a week longer ago, nor for this week or a later one (a plan made ahead)."""
    cost: dict[str, float] = {}
    for start, practice_ids in offered.items():
        weeks_before = (week_start - start).days // DAYS_IN_WEEK
        for practice_id in practice_ids:
            cost[practice_id] = cost.get(practice_id, 0.0) + RECENT_COST.get(weeks_before, 0.0)
    return cost


def _fitting(
    remaining: Sequence[Practice], chosen: Sequence[Practice], minutes_per_week: int
) -> list[Practice]:
    """Those of `remaining` that leave room, after `chosen`, for the cheapest others still
    needed to reach MIN_PRACTICES."""
    spent = sum(p.weekly_minutes for p in chosen)
    needed = max(MIN_PRACTICES - len(chosen) - 1, 0)
    return [
        p
        for p in remaining
        if spent + p.weekly_minutes + _cheapest(remaining, p, needed) <= minutes_per_week
    ]


def _cheapest(practices: Sequence[Practice], besides: Practice, count: int) -> int:
    """The weekly minutes of the `count` cheapest of `practices` other than `besides`."""
    others = sorted(p.weekly_minutes for p in practices if p is not besides)
    return sum(others[:count])


def _relevance(
    practice: Practice,
    focus_forms: Sequence[str],
    focus_causes: Sequence[str],
    chosen: Sequence[Practice],
) -> float:
    causes = sum(3.0 for c in focus_causes if c in practice.causes)
    forms = sum(2.0 for f in focus_forms if f in practice.forms)
    overlap = sum(1.5 for p in chosen for way in practice.ways if way in p.ways)
    return causes + forms - overlap
