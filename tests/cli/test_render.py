"""The Rich rendering: text from people and from files is shown as written, never as markup."""

from __future__ import annotations

from nearer.cli import render
from nearer.domain.model import Resource


def test_a_resource_with_square_brackets_is_shown_as_written() -> None:
    odd = Resource(
        name="Line [24/7]", what="talk [/b] to someone", contact="call [b]123", url="x.org/[a]"
    )
    with render.console.capture() as captured:
        render.resources([odd])
    shown = captured.get()
    for text in ("Line [24/7]", "talk [/b] to someone", "call [b]123", "x.org/[a]"):
        assert text in shown
