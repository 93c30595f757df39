"""`nearer assess`: take instruments in the terminal, or score an answers file."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from nearer.cli import render
from nearer.cli.inputs import InputError, load_content, read_answers, write_answers
from nearer.domain.model import Content, Instrument
from nearer.domain.safety import screen
from nearer.domain.scoring import score_answers

#: Onboarding order: the private safety screen first, then the profile, signs and causes.
DEFAULT_ORDER = ("safety", "profile", "signs", "causes")
DEFAULT_OUT = Path("nearer-answers.json")


def assess(
    instrument: list[str] = typer.Option(
        None,
        "--instrument",
        "-i",
        metavar="ID",
        help="Instrument id to take (repeatable). Default: all.",
    ),
    answers: Path = typer.Option(
        None,
        "--answers",
        metavar="FILE",
        help="Score this answers file instead of asking questions.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print scores as JSON (with --answers)."),
    out: Path = typer.Option(
        DEFAULT_OUT,
        "--out",
        "-o",
        metavar="FILE",
        help="Where to save answers (existing answers are kept).",
    ),
    country: str = typer.Option(
        None,
        "--country",
        metavar="CODE",
        help="Two-letter country code for support resources, e.g. GB.",
    ),
) -> None:
    """Take the assessments interactively, or score an answers file without prompts."""
    content = load_content()
    chosen = _instruments(content, instrument)
    if answers is not None:
        scored = read_answers(answers, content)
        scores = score_answers(content, scored)
        if as_json:
            typer.echo(json.dumps({"scores": scores}, indent=2))
        else:
            render.scores(content, scores)
        return
    if as_json:
        raise InputError("--json needs --answers FILE (interactive answers are saved to --out)")
    _interactive(content, chosen, out, country)


def _instruments(content: Content, ids: list[str] | None) -> list[Instrument]:
    for instrument_id in ids or ():
        if instrument_id not in content.instruments:
            known = ", ".join(content.instruments)
            raise InputError(f"--instrument: no instrument '{instrument_id}' (known: {known})")
    return [content.instruments[i] for i in (ids or DEFAULT_ORDER)]


def _interactive(
    content: Content, instruments: list[Instrument], out: Path, country: str | None
) -> None:
    saved = read_answers(out, content) if out.exists() else {}
    given: dict[str, int] = {}
    for instrument in instruments:
        finished = render.take_instrument(instrument, given)
        write_answers(out, {**saved, **given}, {"format": "nearer-answers/1"})
        if not finished:
            break
    merged = {**saved, **given}
    render.saved(out, len(given))
    safety = screen(content.instruments["safety"], merged)
    if safety.concern:
        render.resources_first(content.resources_for(country))
    render.scores(
        content,
        score_answers(content, merged),
    )
