"""Instruments, answers, scores and the side-by-side report.

The safety screen is private: its answers and scores never leave this module, and its result
reaches only the person who took it, as `{"concern": bool}` with support resources.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.params.functions import Query
from pydantic import Field, StrictInt

from nearer.content.loader import default_content
from nearer.domain.model import FORMS, PROCESS_SCALES, Instrument
from nearer.domain.scoring import reported
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.api.access import user_of
from nearer.web.api.body import Body
from nearer.web.api.errors import ERRORS, Error, invalid, not_found, refuse
from nearer.web.assessments import reports, services
from nearer.web.assessments.models import Run
from nearer.web.safety.countries import country_for

router = Router(tags=["assessments"])


class ResponseRangeOut(Schema):
    min: int
    max: int
    labels: dict[int, str]


class ScaleOut(Schema):
    id: str
    name: str
    description: str
    polarity: str  # "closer": higher is closer; "distance": higher is more of what holds back


class ItemOut(Schema):
    id: str
    scale: str
    text: str
    label: str | None


class InstrumentOut(Schema):
    id: str
    title: str
    intro: str
    summary: str  # what it asks about, for a list of the instruments ("" where none is written)
    minutes: int  # about how long answering every item takes
    private: bool  # only you ever see anything of a private instrument
    response: ResponseRangeOut
    scales: list[ScaleOut]
    items: list[ItemOut]
    can_take: bool  # safety: any time; the others: 4 weeks after a run scoring every part
    last_completed_at: datetime | None


class AnswersIn(Body):
    answers: dict[str, StrictInt] = Field(min_length=1)  # item id: answer; unanswered items absent


class RunOut(Schema):
    instrument: str
    completed_at: datetime
    scores: dict[str, float | None] | None  # 0-100 per scale; None for a private instrument


class ResourceOut(Schema):
    name: str
    what: str
    contact: str
    url: str


class SafetyOut(Schema):
    concern: bool
    resources: list[ResourceOut]  # support, listed only when there is a concern


class ItemRef(Schema):
    id: str
    text: str
    # Worded against closeness ("...as if we are moving through life next to each other"): a
    # strength shared is then a statement you both disagree with, as the page says.
    reverse: bool


class ScaleRow(Schema):
    id: str
    name: str
    kind: str  # "form" or "process"
    mine: float | None
    theirs: float | None
    gap: int | None  # how far apart, never who is higher
    band: str  # provisional project norm of your score: low, moderate, strong, or ""


class EvidenceOut(Schema):
    item_id: str
    text: str
    answer: int


class PracticeRef(Schema):
    id: str
    title: str


class CauseOut(Schema):
    id: str
    name: str
    summary: str
    score: float | None
    evidence: list[EvidenceOut]  # your own answers only, never your partner's
    practices: list[PracticeRef]


class TakenOut(Schema):
    """When each took the profile the report compares, as the page dates it."""

    mine: date | None  # the day you took it, in your time zone; None: not taken
    theirs: date | None  # your partner's, in theirs; None until you have both taken it
    apart: bool  # more than a day apart: a gap may be partly the time between them


class ReportOut(Schema):
    has_profile: bool
    partner_has_profile: bool
    taken: TakenOut
    scales: list[ScaleRow]
    strengths: list[ItemRef]
    growth_areas: list[ItemRef]
    talk_about: list[ItemRef]
    # The three lists above wait (empty) except in a week whose questions go deeper (a plan made
    # with both private checks clear, not easing); the page says so in one neutral line.
    statements_wait: bool
    causes: list[CauseOut]
    no_cause: str  # what to say when `causes` is empty ("" otherwise)


def instrument_or_404(instrument_id: str) -> Instrument:
    return access.instrument_for(instrument_id)


def instrument_out(user: User, found: Instrument) -> dict[str, object]:
    last = services.latest_run(user, found.id)
    return {
        **{
            key: getattr(found, key)
            for key in ("id", "title", "intro", "summary", "minutes", "private", "scales", "items")
        },
        "response": {
            "min": found.response.min,
            "max": found.response.max,
            "labels": dict(found.response.labels),
        },
        "can_take": services.can_take(user, found.id),
        "last_completed_at": last.completed_at if last else None,
    }


def run_out(
    found: Instrument, run: Run, scores: dict[str, float | None] | None
) -> dict[str, object]:
    return {
        "instrument": found.id,
        "completed_at": run.completed_at,
        "scores": None if found.private or scores is None else _reported(scores),
    }


@router.get("/instruments", response={200: list[InstrumentOut], ERRORS: Error})
def list_instruments(request: HttpRequest) -> list[dict[str, object]]:
    """The instruments in onboarding order (the private safety screen first)."""
    user = user_of(request)
    return [instrument_out(user, instrument_or_404(i)) for i in services.ORDER]


@router.get("/instruments/{instrument_id}", response={200: InstrumentOut, ERRORS: Error})
def get_instrument(request: HttpRequest, instrument_id: str) -> dict[str, object]:
    """One instrument with its scales, items and response range."""
    return instrument_out(user_of(request), instrument_or_404(instrument_id))


@router.post("/instruments/{instrument_id}/runs", response={201: RunOut, ERRORS: Error})
def submit(
    request: HttpRequest, instrument_id: str, payload: AnswersIn
) -> Status[dict[str, object]]:
    """Submit your answers to an instrument. Scales under 80 % answered score None."""
    user, found = user_of(request), instrument_or_404(instrument_id)
    refuse_invalid_answers(found, payload.answers)
    if not services.can_take(user, found.id):  # a rule of the instrument, not of an answer
        raise refuse(services.retake_words(user, found.id), field="instrument_id")
    try:
        parsed = services.parse_answers(found, payload.answers)
        # Strays stay in, so that save_run refuses them by name instead of dropping them.
        run = services.save_run(user, found, {**payload.answers, **parsed})
    except services.AnswerError as error:
        raise refuse(str(error), field="answers") from None
    return Status(201, run_out(found, run, services.scores(user, found.id)))


def refuse_invalid_answers(found: Instrument, answers: dict[str, int]) -> None:
    """A 422 naming every answer that is not one of the instrument's items or is out of its
    range, each as `answers.<item id>` (a rule that refuses the run, such as too few answers to
    score a part, is a 400 from services.save_run instead; a retake too soon, naming the
    instrument, from submit)."""
    items = {item.id for item in found.items}
    low, high = found.response.min, found.response.max
    problems = [
        (f"answers.{item_id}", f"is not part of {found.id}")
        if item_id not in items
        else (f"answers.{item_id}", f"must be a whole number from {low} to {high}, got {value}")
        for item_id, value in answers.items()
        if item_id not in items or not found.response.accepts(value)
    ]
    if problems:
        raise invalid(problems)


@router.get("/instruments/{instrument_id}/history", response={200: list[RunOut], ERRORS: Error})
def instrument_history(request: HttpRequest, instrument_id: str) -> list[dict[str, object]]:
    """Your earlier results of one instrument, oldest first; a run that left parts unscored and
    that your next run finished is one result with it. A private instrument has none here."""
    found = instrument_or_404(instrument_id)
    if found.private:
        raise not_found("No history for a private instrument; see /assessments/safety.")
    return [
        run_out(found, run, scores) for run, scores in services.history(user_of(request), found.id)
    ]


@router.get("/scores", response={200: list[RunOut], ERRORS: Error})
def latest_scores(request: HttpRequest) -> list[dict[str, object]]:
    """Your latest scores per instrument you have taken (the private screen excluded)."""
    user = user_of(request)
    rows = []
    for instrument_id in services.ORDER:
        found, run = services.instrument(instrument_id), services.latest_run(user, instrument_id)
        if found is not None and run is not None and not found.private:
            rows.append(run_out(found, run, services.scores(user, instrument_id)))
    return rows


@router.get("/safety", response={200: SafetyOut, ERRORS: Error})
def safety(request: HttpRequest, country: str = Query("", max_length=2)) -> dict[str, object]:
    """Your own safety result, for you alone; support resources (for `country`, an ISO code, else
    your time zone's country, then international ones) when there is a concern."""
    user = user_of(request)
    result = services.safety_of(user)
    local = country_for(country, user.time_zone)
    resources = default_content().resources_for(local) if result.concern else ()
    return {"concern": result.concern, "resources": list(resources)}


@router.get("/report", response={200: ReportOut, ERRORS: Error})
def report(request: HttpRequest) -> dict[str, object]:
    """The Intimacy Profile side by side: when each of you took it, per scale both scores and
    the gap; shared strengths, growth areas and items worth talking about; the likely causes
    with your own evidence."""
    context = reports.report_context(user_of(request))
    comparison = context["comparison"]
    picked = {"strengths": [_item(row.item) for row in comparison.strengths] if comparison else []}
    # As on the page: nothing to open up about for someone whose own check raised a concern.
    for key in ("growth_areas", "talk_about"):
        picked[key] = [_item(row.item) for row in context[key]]
    return {
        "has_profile": context["has_profile"],
        "partner_has_profile": context["partner_has_profile"],
        "taken": context["taken"],
        "statements_wait": context["statements_wait"],
        "scales": _scales(context["rows"]),
        **picked,
        "causes": [_cause(found) for found in context["causes"]],
        "no_cause": "" if context["causes"] else context["no_cause"],
    }


def _item(item: Any) -> dict[str, object]:
    return {"id": item.id, "text": item.text, "reverse": item.reverse}


def _scales(rows: list[reports.Row]) -> list[dict[str, object]]:
    # reports.report_context builds its rows in this order: the five forms, then the process scales.
    kinds = [("form", scale) for scale in FORMS] + [("process", scale) for scale in PROCESS_SCALES]
    return [
        {**row, "mine": reported(row["mine"]), "theirs": reported(row["theirs"]), "id": scale,
         "kind": kind}
        for (kind, scale), row in zip(kinds, rows, strict=True)
    ]  # fmt: skip


def _reported(scores: dict[str, float | None]) -> dict[str, float | None]:
    return {scale: reported(score) for scale, score in scores.items()}


def _cause(found: dict[str, Any]) -> dict[str, object]:
    cause = found["cause"]
    return {
        "id": cause.id,
        "name": cause.name,
        "summary": cause.summary,
        "score": reported(found["score"]),
        "evidence": [
            {"item_id": e.item.id, "text": e.item.text, "answer": e.answer}
            for e in found["evidence"]
        ],
        "practices": [{"id": p.id, "title": p.title} for p in found["practices"]],
    }
