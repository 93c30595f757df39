"""All Rich rendering for the command line. Nothing here decides anything: it only shows.

Rich reads square brackets in a string as markup, so every text that comes from a person (a
name, a path) or a file (the content's wording) goes through `escape` or a `Text` before it is
printed: "Sam [she/her]" shows as written, and "[/she]" cannot stop the command.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from nearer.cli import prompt
from nearer.cli.inputs import answers_counted, shown
from nearer.content.loader import CheckReport
from nearer.domain.causes import RankedCause, none_shown, outlook
from nearer.domain.dyadic import DyadicReport, ItemComparison
from nearer.domain.model import DEPTH_NAMES, Content, Instrument, Resource
from nearer.domain.plan import WeekPlan
from nearer.domain.scoring import Scores, as_shown, band


class _Console(Console):
    """Rich's console, except that a reader gone (`nearer report | head`) is an OSError like any
    other failed write, for `streams.printing` to say in one line with exit code 2; Rich's own
    way ends the command silently with exit code 1, which `content check` uses for "invalid"."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


console = _Console(highlight=False, emoji=False)  # ":heart:" in a name stays as typed
BAR_WIDTH = 20
#: A width no table reaches, to measure one at its natural width.
UNBOUNDED = 100_000
PROVISIONAL = "Bands are provisional project norms, not clinical cutoffs."
NOT_A_VERDICT = "Likely drivers to explore together, not a diagnosis."
NOTHING_SCORED = (
    "No scores to show: none of these answers belongs to a scored instrument (the private "
    "safety check is never scored; it only shapes what nearer offers)."
)


def bar(score: float | None, style: str = "cyan") -> Text:
    if score is None:
        return Text("not enough answers", style="dim italic")
    filled = round(score / 100 * BAR_WIDTH)
    return Text("█" * filled, style=style) + Text("░" * (BAR_WIDTH - filled), style="dim")


def _score_text(score: float | None) -> str:
    return "—" if score is None else str(as_shown(score))


def _gap_text(first: float | None, second: float | None) -> str:
    """The gap between two scores as shown, so it adds up (62.5 and 37.5 show 63, 38 and 25)."""
    return "—" if first is None or second is None else str(abs(as_shown(first) - as_shown(second)))


def shown_scores(content: Content, all_scores: Mapping[str, Scores]) -> dict[str, Scores]:
    """The scores there are to show: the private safety screen has none; it only changes what
    is offered."""
    return {i: s for i, s in all_scores.items() if not content.instruments[i].private}


def scores(content: Content, all_scores: Mapping[str, Scores]) -> None:
    shown = shown_scores(content, all_scores)
    if not shown:
        console.print(NOTHING_SCORED)
    for instrument_id, scale_scores in shown.items():
        instrument = content.instruments[instrument_id]
        table = Table(title=escape(instrument.title), title_justify="left", show_edge=False)
        table.add_column("Scale")
        table.add_column("Score", justify="right")
        table.add_column("")
        table.add_column("Band")
        for scale in instrument.scales:
            score = scale_scores.get(scale.id)
            found = band(score, instrument.bands)
            shown_band = Text(found.value if found else "")
            table.add_row(Text(scale.name), _score_text(score), bar(score), shown_band)
        console.print(table)
        if instrument.bands:
            console.print(Text(PROVISIONAL, style="dim"))
        console.print()


def take_instrument(instrument: Instrument, answers: dict[str, int]) -> bool:
    """Ask every item; returns False when the person chose to stop early."""
    response = instrument.response
    labels = "   ".join(f"{k} = {v}" for k, v in sorted(response.labels.items()))
    console.print(Panel(Text(f"{instrument.intro}\n\n{labels}"), title=escape(instrument.title)))
    console.print(
        Text(f"Type {response.min}-{response.max}, Enter to skip, q to stop and save.", style="dim")
    )
    for number, item in enumerate(instrument.items, start=1):
        while True:
            asked = f"[bold]{number}/{len(instrument.items)}[/] {escape(item.text)} "
            raw = prompt.line(console, asked).strip()
            if raw.lower() == "q":
                return False
            if raw == "":
                break
            typed = whole_number(raw)
            if typed is not None and response.accepts(typed):
                answers[item.id] = typed
                break
            console.print(f"  Please type a number from {response.min} to {response.max}.")
    return True


def whole_number(raw: str) -> int | None:
    """`raw` as an int when it is a short run of ASCII digits, else None (the rule of the web
    form's `_whole_number`). "²" is a digit to str.isdigit but not to int, and int refuses more
    than 4,300 digits: either would otherwise stop the questions with a traceback."""
    if raw.isascii() and raw.isdigit() and len(raw) <= 9:
        return int(raw)
    return None


def saved(path: Path, count: int) -> None:
    # soft_wrap: a long path is left to the terminal to wrap, never cut by a line break, which a
    # copy would keep.
    console.print(
        Text(f"\nSaved {answers_counted(count)} to {shown(path)} (readable only by you).\n"),
        soft_wrap=True,
    )


def resources_first(resources: Sequence[Resource]) -> None:
    body = "\n".join(_resource_line(r) for r in resources)
    console.print(
        Panel(
            "Thank you for answering honestly. Some of what you shared matters for your safety, "
            "so nearer will keep suggestions gentle and will not ask you to open up more than "
            "feels safe. Nothing of this is shown to your partner.\n\n" + body,
            title="Support, whenever you want it",
            border_style="yellow",
        )
    )


def _resource_line(resource: Resource) -> str:
    parts = [
        f"[bold]{escape(resource.name)}[/]: {escape(resource.what)}",
        escape(resource.contact),
        escape(resource.url),
    ]
    return " · ".join(part for part in parts if part)


def resources(found: Sequence[Resource]) -> None:
    console.print(Panel("\n".join(_resource_line(r) for r in found), title="Support resources"))


def resources_footer() -> None:
    console.print(Text("Support resources are always available: nearer resources", style="dim"))


def single_report(
    content: Content, all_scores: Mapping[str, Scores], causes: Sequence[RankedCause]
) -> None:
    scores(content, all_scores)
    ranked_causes(causes, show_evidence=True)


#: Side by side without both private checks clear (the partner's copy never holds theirs).
HELD_BACK = (
    "Growth areas and what is worth talking about wait for both private safety checks, which a "
    "side-by-side report on one computer does not read: the couple space weighs them privately."
)


def dyadic_report(
    reports: Iterable[DyadicReport], names: tuple[str, str], held_back: bool = False
) -> None:
    for report in reports:
        table = Table(title=escape(report.instrument.title), title_justify="left", show_edge=False)
        table.add_column("Scale")
        for name in names:
            table.add_column(Text(name), justify="right")
            table.add_column("")
        table.add_column("Gap", justify="right")
        colours = ("cyan", "magenta")
        for row in report.scales:
            cells = [row.first, row.second]
            table.add_row(
                Text(row.scale.name),
                *[
                    x
                    for s, c in zip(cells, colours, strict=True)
                    for x in (_score_text(s), bar(s, c))
                ],
                _gap_text(row.first, row.second),
            )
        console.print(table)
        if report.instrument.bands:
            console.print(Text(PROVISIONAL, style="dim"))
        about = (report.instrument, names)
        _items("Strengths you share", report.strengths, "green", about)
        _items("Growth areas you share", report.growth_areas, "yellow", about)
        _items(
            "Worth talking about: you answered these differently", report.talk_about, "cyan", about
        )
        if held_back:
            console.print(Text(HELD_BACK, style="dim"))
        console.print()


def _items(
    title: str,
    items: Sequence[ItemComparison],
    style: str,
    about: tuple[Instrument, tuple[str, str]],
    limit: int = 5,
) -> None:
    if not items:
        return
    instrument, names = about
    labels = instrument.response.labels
    console.print(Text(title, style=f"bold {style}"))
    for row in items[:limit]:
        answers = (labels.get(row.first, str(row.first)), labels.get(row.second, str(row.second)))
        said = " · ".join(f"{name}: {answer}" for name, answer in zip(names, answers, strict=True))
        console.print(f"  • {escape(row.item.text)} [dim]({escape(said)})[/]")


def ranked_causes(
    causes: Sequence[RankedCause], show_evidence: bool, held_back: bool = False, limit: int = 3
) -> None:
    likely = [c for c in causes if c.likely][:limit]
    found = outlook(causes)
    if found == "unmeasured":
        return
    console.print(Text("What may be holding closeness back", style="bold"))
    console.print(Text(NOT_A_VERDICT, style="dim"))
    if not likely:
        console.print(Text(f"  {none_shown(found, held_back)}\n"))
        return
    for ranked in likely:
        name = escape(ranked.cause.name)
        console.print(f"\n  [bold]{name}[/] ({_score_text(ranked.score)}/100)")
        console.print(Text(f"  {ranked.cause.summary}"))
        if show_evidence and ranked.evidence:
            example, count = escape(ranked.evidence[0].item.text), len(ranked.evidence)
            console.print(f'  [dim]Pointing to it: {count} of your answers, e.g. "{example}"[/]')
        if ranked.practices:
            helps = escape("; ".join(p.title for p in ranked.practices[:3]))  # titles hold commas
            console.print(f"  [dim]What can help: {helps}[/]")
    console.print()


def week_plan(plan: WeekPlan) -> None:
    console.print(Panel(f"Week of {plan.week_start:%A %d %B %Y}", title="Your plan", expand=False))
    depth = DEPTH_NAMES[plan.depth]
    console.print(
        Text(f"Daily question ({depth}; questions deepen as both of you feel ready)", style="bold")
    )
    for daily in plan.questions:
        console.print(Text(f"  {daily.day:%a}  {daily.question.text}"))
    console.print()
    console.print(Text("Practices this week", style="bold"))
    for planned in plan.practices:
        p = planned.practice
        cadence = escape(p.cadence.replace("_", " "))
        console.print(f"\n  [bold]{escape(p.title)}[/] · {p.minutes} min · {cadence}")
        console.print(Text(f"  {p.why}"))
        for number, step in enumerate(p.steps, start=1):
            console.print(Text(f"    {number}. {step}"))
        if p.contraindications:
            console.print("    Not for every moment:")
        for warning in p.contraindications:
            console.print(Text(f"    – {warning}"))
    minutes = f"About {plan.practice_minutes} of your {plan.minutes_per_week} minutes a week."
    if plan.over_budget:
        minutes = (
            f"About {plan.practice_minutes} minutes a week: more than the "
            f"{plan.minutes_per_week} you set, so pick what fits."
        )
    console.print(f"\n{minutes}")
    resources_footer()


def content_check(report: CheckReport) -> None:
    table = Table(show_edge=False)
    table.add_column("Content")
    table.add_column("Count", justify="right")
    for name, count in report.counts.items():
        table.add_row(Text(name.replace("_", " ")), str(count))
    console.print(table)
    for problem in report.problems:
        console.print(Text(str(problem), style="red"))
    console.print("Content is valid." if report.ok else f"{len(report.problems)} problem(s) found.")


def items_table(items: Sequence[Mapping[str, object]]) -> None:
    table = Table(show_edge=False)
    for column in ("id", "instrument", "scale", "reverse", "min", "max"):
        table.add_column(column)
    for item in items:
        table.add_row(
            *(Text(str(item[c])) for c in ("id", "instrument", "scale", "reverse", "min", "max"))
        )
    print_whole(table)


def print_whole(table: Table) -> None:
    """Print `table` at its full width, wider than the terminal if need be (the terminal wraps
    its lines): fitted to the terminal, Rich would cut ids to "pro…", and an id is what a person
    copies from it."""
    needed = console.measure(table, options=console.options.update_width(UNBOUNDED)).maximum
    if needed <= console.width:
        console.print(table)
        return
    wide = _Console(highlight=False, emoji=False, file=console.file, width=needed)
    wide.print(table, crop=False)
