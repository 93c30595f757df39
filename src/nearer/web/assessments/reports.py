"""The report's content, computed by the domain and shaped for the template. Nothing here shows
the safety screen, and nothing ranks one partner above the other."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TypedDict

from django.utils import timezone
from django.utils.safestring import SafeString

from nearer.content.loader import default_content
from nearer.domain.causes import NONE_SHOWN, none_shown, outlook
from nearer.domain.dyadic import DyadicReport, ItemComparison, compare
from nearer.domain.model import FORMS, PROCESS_SCALES, Instrument
from nearer.domain.scoring import Scores, as_shown, band, score_instrument
from nearer.web import charts
from nearer.web.accounts.models import User
from nearer.web.assessments import services
from nearer.web.assessments.models import Run
from nearer.web.couples.models import Couple
from nearer.web.couples.services import couple_of, partner_of
from nearer.web.plans.services import likely_causes, opens_up, plan_for, suggested_practices

YOU, PARTNER = "#3f7cbf", "#c0568f"


class Row(TypedDict):
    """One scale of the report: both scores (None: not answered enough) and the gap shown."""

    name: str
    mine: float | None
    theirs: float | None
    band: str  # this person's own band, "" without one
    gap: int | None


class History(TypedDict):
    """Every scale of every run that speaks for the person now, oldest run first: a row a scale
    (its name and a score a run, None: not answered enough), a column a run."""

    runs: list[Run]
    rows: list[tuple[str, list[float | None]]]


class Signs(TypedDict):
    """The Signs checklist as its reader's own: the latest run's day (in their time zone) and
    scores, a row a scale (None: not answered enough), and every run for its earlier results.
    Never the partner's: what a partner sees of the signs is the likely causes the two share."""

    title: str
    taken: date | None
    rows: list[tuple[str, float | None]]
    history: History


class ReportContext(TypedDict):
    concern: bool
    locked: bool
    held_back: bool
    statements_wait: bool
    taken: dict[str, object]
    has_profile: bool
    partner_has_profile: bool
    radar: SafeString | None
    rows: list[Row]
    comparison: DyadicReport | None
    talk_about: Sequence[ItemComparison]
    growth_areas: Sequence[ItemComparison]
    causes: list[dict[str, object]]
    no_cause: str
    history: History
    signs: Signs


def report_context(user: User) -> ReportContext:
    content = default_content()
    profile = content.instruments["profile"]
    partner = partner_of(user)
    my_run = services.latest_run(user, "profile")
    their_run = services.latest_run(partner, "profile") if partner else None
    mine = dict(my_run.answers) if my_run else {}
    theirs = dict(their_run.answers) if their_run else {}
    couple = couple_of(user)
    # Statement by statement (alike, quite different) says much of how each answered: shown only
    # in a week whose plan opens up (made with both checks clear, deeper than light, not easing),
    # to both alike; so light weeks look the same whatever anyone's check found, and a concern
    # raised mid-week changes the partner's report no sooner than their plan.
    week = plan_for(couple, timezone.localdate()) if couple is not None else None
    locked = services.safety_locked(user)  # whatever it found: as if no check were taken
    both_clear = week is not None and opens_up(week) and not locked
    comparison = compare(profile, mine, theirs) if mine and theirs and both_clear else None
    my_scores = score_instrument(profile, my_run.answers) if my_run else {}
    # Reveal together: the partner's scores only once you have your own (page and API alike).
    shown = their_run and mine and theirs
    their_scores = score_instrument(profile, their_run.answers) if their_run and shown else {}
    names = {scale.id: scale.name for scale in profile.scales}
    series = [charts.Series("You", [my_scores.get(f) for f in FORMS], YOU)]
    if their_scores:
        series.append(
            charts.Series(str(partner), [their_scores.get(f) for f in FORMS], PARTNER, dashed=True)
        )
    own = services.safety_of(user)
    concern = own.concern
    # Nothing to "open up" about after a concern, or a check the person cannot read (locked by
    # a reset: whatever it said, the same for a concern as for an all-clear), or without both
    # checks clear.
    held_back = concern or locked or not both_clear
    # No cause is named to someone whose own check is not clear, as on their plan page
    # (plans/focus.py): "unresolved conflict", to explore together, would push what it leaves out.
    causes, no_cause = (
        ([], NONE_SHOWN["own_safety_first"])
        if concern or locked
        else _causes(user, couple, held_back)
    )
    return {
        "concern": concern,  # this person's own: support first
        "locked": locked,
        "held_back": held_back,
        "statements_wait": bool(mine and theirs) and not both_clear,
        "taken": _taken(user, partner, my_run, their_run),
        "has_profile": bool(mine),
        "partner_has_profile": bool(theirs),
        "radar": charts.radar([names[f] for f in FORMS], series) if mine else None,
        "rows": [
            _row(profile, s, my_scores, their_scores, names) for s in (*FORMS, *PROCESS_SCALES)
        ],
        "comparison": comparison,
        "talk_about": [] if held_back or comparison is None else comparison.talk_about,
        # Growth areas name what to open up to or reach for (a hug, being seen sad): not for
        # someone whose own check raised a concern, or who has none to read.
        "growth_areas": [] if held_back or comparison is None else comparison.growth_areas,
        "causes": causes,
        "no_cause": no_cause,
        "history": _history(services.history(user, "profile"), names, (*FORMS, *PROCESS_SCALES)),
        "signs": _signs(user, content.instruments["signs"]),
    }


def _history(
    runs: list[tuple[Run, Scores]], names: dict[str, str], scale_ids: Sequence[str]
) -> History:
    """Every scale of every run (services.history), for the profile the process as well as the
    forms: change over months. A scale a row, so the scales fit a page however many runs there
    are (the runs scroll)."""
    return {
        "runs": [run for run, _ in runs],
        "rows": [(names[s], [scores.get(s) for _, scores in runs]) for s in scale_ids],
    }


def _signs(user: User, found: Instrument) -> Signs:
    """The person's own Signs checklist: its latest scores and, run by run, its earlier ones,
    the snapshot its summary promises to set beside later ones."""
    runs = services.history(user, found.id)
    names = {scale.id: scale.name for scale in found.scales}
    latest, scores = runs[-1] if runs else (None, {})
    return {
        "title": found.title,
        "taken": user.day_of(latest.completed_at) if latest else None,
        "rows": [(scale.name, scores.get(scale.id)) for scale in found.scales],
        "history": _history(runs, names, [scale.id for scale in found.scales]),
    }


# Answers taken further apart than this may differ partly because time passed between them.
APART = timedelta(days=1)


def _taken(
    user: User, partner: User | None, mine: Run | None, theirs: Run | None
) -> dict[str, object]:
    """When each took the profile the report compares (`mine`, `theirs`: the latest runs of
    `user` and `partner`): a retake beside month-old answers.

    "mine" and "theirs" are the days each took it in their own time zone (the day they would
    name), or None; "theirs" only beside "mine", as the partner's scores wait for the reader's
    own (the page and the API alike); "apart" is whether the two runs were completed more than
    APART (a day) apart, decided from the instants, so both partners' reports say the same
    wherever they live and two evenings of the same date a few hours apart are not called apart."""
    mine_day = user.day_of(mine.completed_at) if mine else None
    if mine is None or theirs is None or partner is None:
        return {"mine": mine_day, "theirs": None, "apart": False}
    apart = abs(mine.completed_at - theirs.completed_at) > APART
    return {"mine": mine_day, "theirs": partner.day_of(theirs.completed_at), "apart": apart}


def _causes(
    user: User, couple: Couple | None, held_back: bool
) -> tuple[list[dict[str, object]], str]:
    """The likely causes for the couple, each with this person's own answers as evidence only,
    and what to say when none is shown (causes.NONE_SHOWN); never, in a week `held_back` (not
    opened up for both), a nudge to talk about how differently the two see them."""
    if couple is None:
        return [], NONE_SHOWN["unmeasured"]
    practices = suggested_practices(user, couple, timezone.localdate())
    every = likely_causes(couple, practices)
    me = str(user.pk)
    likely: list[dict[str, object]] = [
        {
            "cause": c.cause,
            "score": c.score,
            "evidence": [e for e in c.evidence if e.partner == me][:3],
            "practices": c.practices[:3],
        }
        for c in every
        if c.likely
    ]
    found = outlook(every)
    return likely[:3], none_shown(found, held_back)


def _row(
    profile: Instrument, scale_id: str, mine: Scores, theirs: Scores, names: dict[str, str]
) -> Row:
    mine_score, their_score = mine.get(scale_id), theirs.get(scale_id)
    found = band(mine_score, profile.bands)
    gap = (
        None
        if mine_score is None or their_score is None
        else abs(as_shown(mine_score) - as_shown(their_score))
    )
    return {
        "name": names[scale_id],
        "mine": mine_score,
        "theirs": their_score,
        "band": found.value if found else "",
        "gap": gap,
    }
