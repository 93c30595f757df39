"""`nearer content`: check and export the content."""

from __future__ import annotations

import json

import typer

from nearer.cli import render
from nearer.cli.inputs import fails_cleanly, load_content
from nearer.cli.streams import printing, write_stdout
from nearer.content.loader import check_content

app = typer.Typer(help="Check and export nearer's content.", no_args_is_help=True)


@app.command("check")
@fails_cleanly
def check(
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Validate all content: schema, unique ids, references, counts and near-duplicates.

    Exits 1 when there is any problem, naming the file, the id and the field.
    """
    report = check_content()
    if as_json:
        document = {
            "ok": report.ok,
            "counts": report.counts,
            "problems": [problem.as_dict() for problem in report.problems],
        }
        write_stdout(json.dumps(document, indent=2) + "\n")
    else:
        with printing():
            render.content_check(report)
    if not report.ok:
        raise typer.Exit(1)


@app.command("export")
@fails_cleanly
def export(
    as_json: bool = typer.Option(False, "--json", help="Print the items as JSON."),
) -> None:
    """List every item of every instrument with its scale, direction and answer range."""
    content = load_content()
    items = [
        {
            "id": item.id,
            "instrument": instrument.id,
            "scale": item.scale,
            "reverse": item.reverse,
            "min": instrument.response.min,
            "max": instrument.response.max,
        }
        for instrument in content.instruments.values()
        for item in instrument.items
    ]
    if as_json:
        write_stdout(json.dumps({"items": items}, indent=2) + "\n")
    else:
        with printing():
            render.items_table(items)
