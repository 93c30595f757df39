"""`nearer resources`: support resources, always one command away."""

from __future__ import annotations

import sys

import typer

from nearer.cli import render
from nearer.cli.inputs import clipped, load_content, one_line
from nearer.cli.streams import printing
from nearer.domain.model import Content, Resource


def resources(
    country: str = typer.Option(
        None, "--country", metavar="CODE", help="Two-letter country code, e.g. GB."
    ),
) -> None:
    """Show support resources: helplines for anyone afraid of a partner, and crisis lines."""
    found = local_resources(load_content(), country)
    with printing():
        render.resources(found)


def local_resources(content: Content, country: str | None) -> tuple[Resource, ...]:
    """The resources for `country`, then the international ones. A country with no list of its
    own is said in one line on stderr, and the international ones are still shown: support is
    never refused over a code."""
    if country is not None and country.upper() not in content.resources_by_country:
        known = ", ".join(sorted(content.resources_by_country))
        print(
            one_line(
                f"nearer: --country: no list for '{clipped(country)}' yet (lists: {known}); "
                "showing international resources"
            ),
            file=sys.stderr,
        )
    return content.resources_for(country)
