"""Text bound for a spreadsheet cell: nothing in it may run as a formula.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (CSV injection): a chat name such as `=HYPERLINK(…)`
or a typed answer would run on the reader's machine. Such text is written with a leading `'`,
which spreadsheets show as text and hide.
"""

from __future__ import annotations

#: The characters a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The same, as a regular expression for a whole column.
FORMULA_START = r"^[=+\-@\t\r]"


def inert(text: str) -> str:
    """`text`, with a `'` in front when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
