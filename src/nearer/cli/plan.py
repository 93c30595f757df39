"""`nearer plan`: this week's plan from one or two answers files."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import typer

from nearer import days
from nearer.cli import render
from nearer.cli.inputs import InputError, file_name, load_content, read_pair
from nearer.cli.streams import printing, write_stdout
from nearer.domain.causes import rank_causes
from nearer.domain.pacing import PartnerState
from nearer.domain.plan import MAX_MINUTES, MIN_MINUTES, PlanRequest, WeekPlan, make_plan
from nearer.domain.safety import allowed_practices, screen
from nearer.domain.scoring import score_instrument

#: The last day a plan can start: its seventh day must still be a date.
LAST_WEEK_START = date.max - timedelta(days=6)


def plan(
    answers: Path = typer.Argument(
        ..., parser=file_name, metavar="ANSWERS", help="An answers file."
    ),
    partner: Path = typer.Argument(
        None,
        parser=file_name,
        metavar="PARTNER",
        help="The partner's answers, without their private safety check (nearer assess --share); "
        "omit for solo mode.",
    ),
    minutes_per_week: int = typer.Option(
        60,
        "--minutes-per-week",
        metavar="N",
        help="Minutes a week you have for practices (10 to 600).",
    ),
    seed: int = typer.Option(0, "--seed", metavar="S", help="Same seed, same plan."),
    week_start: str = typer.Option(
        None, "--week-start", metavar="DATE", help="First day, YYYY-MM-DD. Default: today."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the plan as JSON."),
) -> None:
    """A weekly plan: a daily question and up to five practices aimed at what you need most."""
    if not MIN_MINUTES <= minutes_per_week <= MAX_MINUTES:
        raise InputError(
            f"--minutes-per-week: must be from {MIN_MINUTES} to {MAX_MINUTES}, "
            f"got {minutes_per_week}"
        )
    content = load_content()
    sets = read_pair(answers, partner, content)
    partners = [
        PartnerState(
            profile=score_instrument(content.instruments["profile"], a),
            safety=screen(content.instruments["safety"], a),
        )
        for a in sets
    ]
    safe = all(p.safety.clear for p in partners)
    request = PlanRequest(
        week_start=_start(week_start),
        partners=partners,
        causes=rank_causes(
            content,
            {str(i): a for i, a in enumerate(sets)},
            allowed_practices(content.practices, safe),
        ),
        minutes_per_week=minutes_per_week,
        seed=seed,
    )
    result = make_plan(content, request)
    if as_json:
        write_stdout(json.dumps(plan_document(result), indent=2, ensure_ascii=False) + "\n")
    else:
        with printing():
            render.week_plan(result)


def _start(given: str | None) -> date:
    if given is None:
        return date.today()  # noqa: DTZ011 - the local date, read at the edge, never in the domain
    start = days.parse(given)
    if start is None:
        raise InputError(f'--week-start: expected a date like 2026-11-30, got "{given}"')
    if start > LAST_WEEK_START:
        raise InputError(
            f"--week-start: the week from {given} runs past the last date there is "
            f"({date.max}); start on {LAST_WEEK_START} at the latest"
        )
    return start


def plan_document(result: WeekPlan) -> dict[str, object]:
    """The plan as JSON-ready data. It never says why content was withheld."""
    return {
        "week_start": result.week_start.isoformat(),
        "depth": result.depth,
        "focus": {"forms": list(result.focus_forms), "causes": list(result.focus_causes)},
        "questions": [
            {
                "day": d.day.isoformat(),
                "id": d.question.id,
                "form": d.question.form,
                "depth": d.question.depth,
                "text": d.question.text,
            }
            for d in result.questions
        ],
        "practices": [
            {
                "id": p.practice.id,
                "title": p.practice.title,
                "minutes": p.practice.minutes,
                "cadence": p.practice.cadence,
                "weekly_minutes": p.practice.weekly_minutes,
                "forms": list(p.forms),
                "causes": list(p.causes),
                "steps": list(p.practice.steps),
                "contraindications": list(p.practice.contraindications),
            }
            for p in result.practices
        ],
        "minutes_per_week": result.minutes_per_week,
        "practice_minutes": result.practice_minutes,
        "over_budget": result.over_budget,
    }
