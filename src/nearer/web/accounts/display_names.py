"""What a display name may hold: one line of visible text. A partner sees it in pages, emails
and exports, so a line break, a zero-width character or a bidi control (which can turn the text
after it around: "\u202eevil") is refused, as a reply refuses a line break. The joiners that
scripts and emoji need between visible characters (ZWNJ in Persian, ZWJ in 👩‍💻) stay."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError

ONE_LINE = (
    "Keep your name to one line of visible characters: no line breaks, and no invisible or "
    "direction-changing characters."
)
# Format characters (Cf) a name may carry: they join the visible characters beside them.
JOINERS = frozenset({"\u200c", "\u200d"})
# Controls (tab, line breaks), line and paragraph separators, and the other format characters:
# zero-width spaces, bidi marks and isolates, the word joiner, the byte-order mark.
REFUSED = frozenset({"Cc", "Zl", "Zp", "Cf"})


def validate_display_name(name: str) -> None:
    """Raise ValidationError(ONE_LINE) unless `name` is one line with something visible in it."""
    refused = any(unicodedata.category(ch) in REFUSED and ch not in JOINERS for ch in name)
    visible = any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in name)
    if refused or not visible:
        raise ValidationError(ONE_LINE, code="display_name")
