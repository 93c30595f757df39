"""`nearer report`: one person's results, or two partners' side by side."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import typer

from nearer.cli import render
from nearer.cli.inputs import InputError, file_name, load_content, read_pair, shown
from nearer.cli.resources import local_resources
from nearer.cli.streams import printing, write_stdout
from nearer.domain.causes import rank_causes
from nearer.domain.dyadic import compare
from nearer.domain.model import Answers, Content
from nearer.domain.safety import allowed_practices, screen
from nearer.domain.scoring import score_answers


def report(
    answers: Path = typer.Argument(
        ..., parser=file_name, metavar="ANSWERS", help="An answers file."
    ),
    partner: Path = typer.Argument(
        None,
        parser=file_name,
        metavar="PARTNER",
        help="The partner's answers, without their private safety check (nearer assess --share), "
        "for a side-by-side report.",
    ),
    names: str = typer.Option(
        None, "--names", metavar="A,B", help='Two names for the columns, e.g. "Sam,Alex".'
    ),
    country: str = typer.Option(
        None, "--country", metavar="CODE", help="Two-letter country code for support resources."
    ),
) -> None:
    """Show results in the terminal: a single report, or a dyadic one with two files (the
    profile side by side; causes are the couple's together)."""
    if names is not None and partner is None:
        raise InputError("--names: names the two columns of a side-by-side report: give PARTNER")
    content = load_content()
    files = [answers] if partner is None else [answers, partner]
    sets = read_pair(answers, partner, content)
    columns = None if partner is None else _names(names, answers, partner)
    with printing():
        if columns is None:
            _single(content, sets[0], country)
        else:
            _dyadic(content, (sets[0], sets[1]), columns)
        if not any(_reportable(content, a) for a in sets):  # said once, not after "no scores"
            write_stdout(_nothing_to_report(files))
        render.resources_footer()


def _single(content: Content, answers: Answers, country: str | None) -> None:
    # One's own file: resources come first where one's own safety answers raised a concern.
    safety = screen(content.instruments["safety"], answers)
    if safety.concern:
        render.resources_first(local_resources(content, country))
    if not _reportable(content, answers):
        return
    offered = allowed_practices(content.practices, safe=safety.clear)
    causes = rank_causes(content, {"you": answers}, offered)
    render.single_report(content, score_answers(content, answers), causes)


def _reportable(content: Content, answers: Answers) -> bool:
    """Whether any answer is to an instrument with results to show (not the private screen)."""
    return any(
        item.id in answers
        for instrument in content.instruments.values()
        if not instrument.private
        for item in instrument.items
    )


def _nothing_to_report(files: list[Path]) -> str:
    if len(files) == 1:
        which = f"{shown(files[0])} answers no assessment"
    else:
        which = f"neither {shown(files[0])} nor {shown(files[1])} answers an assessment"
    return f"Nothing to report yet: {which}. `nearer assess` asks the questions.\n"


def _dyadic(content: Content, pair: tuple[Answers, Answers], names: tuple[str, str]) -> None:
    """The profile side by side, as the couple space shows it: the cause finder and the signs
    are the couple's together (their causes below), never which of the two "has" one, and the
    safety answers are never compared: the partner's file may not hold theirs
    (read_partner_answers), so nothing to open up about (growth areas, items worth talking
    about) is shown, the same whatever the runner's own check says."""
    profile = content.instruments["profile"]
    if any(item.id in answers for answers in pair for item in profile.items):
        report = replace(compare(profile, *pair), growth_areas=(), talk_about=())
        render.dyadic_report([report], names, held_back=True)
    unscreened = allowed_practices(content.practices, safe=False)  # the partner's check: unread
    causes = rank_causes(content, dict(zip(names, pair, strict=True)), unscreened)
    render.ranked_causes(causes, show_evidence=False, held_back=True)


def _names(given: str | None, first: Path, second: Path) -> tuple[str, str]:
    """The two columns' names, as the terminal may show them (escapes written out)."""
    if given is None:
        stems = shown(first.stem), shown(second.stem)
        return stems if stems[0] != stems[1] else ("first", "second")
    parts = [shown(part.strip()) for part in given.split(",")]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise InputError(
            f'--names: expected two different names separated by a comma, got "{given}"'
        )
    return parts[0], parts[1]
