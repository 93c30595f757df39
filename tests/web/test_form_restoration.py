"""Chromium puts what was typed or ticked back into a form when Back fetches its page again, even
a no-store page, even after a sign-out and someone else's sign-in in that tab: unless the form says
autocomplete="off". Every form a person fills in says it, so Back never shows one person's safety
answers, check-in or notes to the next (docs/security.md; tests/browser/test_quick_exit.py drives
it in Chromium)."""

from __future__ import annotations

import re
from pathlib import Path

import nearer.web

PACKAGE = Path(nearer.web.__file__).parent
FORM = re.compile(r"(<form\b[^>]*>)(.*?)</form>", flags=re.S)
# A field a person fills in: anything but hidden inputs and buttons, or fields a form renders.
FILLED_IN = re.compile(
    r"<textarea\b|<select\b|<input\b(?![^>]*type=\"(?:hidden|submit|button)\")"
    r"|\{\{\s*(?:form|field|words)\b|\{%\s*include\b",
    flags=re.S,
)


def forms_filled_in() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(PACKAGE)), tag)
        for path in sorted(PACKAGE.rglob("*.html"))
        for tag, body in FORM.findall(path.read_text())
        if FILLED_IN.search(body)
    ]


def test_every_form_a_person_fills_in_is_never_restored_by_the_browser() -> None:
    forms = forms_filled_in()
    assert len(forms) > 15  # the walk found the forms at all
    assert [f for f in forms if 'autocomplete="off"' not in f[1]] == []


def test_the_private_forms_are_among_those_walked() -> None:
    walked = {name for name, _ in forms_filled_in()}
    for private in (
        "assessments/templates/assessments/take.html",
        "daily/templates/daily/checkin.html",
        "daily/templates/daily/today.html",
    ):
        assert private in walked
