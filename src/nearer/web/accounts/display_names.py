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


# Letters that draw nothing: the Hangul fillers and the blank braille pattern.
BLANK_LETTERS = frozenset({"\u3164", "\u115f", "\u1160", "\uffa0", "\u2800"})
# Tag characters spell a subdivision flag after U+1F3F4 (England's, Scotland's, Wales's).
TAGS = range(0xE0020, 0xE0080)
FLAG = "\U0001f3f4"


def validate_display_name(name: str) -> None:
    """Raise ValidationError(ONE_LINE) unless `name` is one line with something visible in it:
    a letter, number, symbol or punctuation mark that draws (not a combining mark or a variation
    selector alone, not a filler that draws nothing)."""
    refused = any(_refused(name, index) for index in range(len(name)))
    if refused or not any(_drawn(ch) for ch in name):
        raise ValidationError(ONE_LINE, code="display_name")


def _refused(name: str, index: int) -> bool:
    ch = name[index]
    if ord(ch) in TAGS:  # only within a flag's sequence
        return FLAG not in name[:index]
    return unicodedata.category(ch) in REFUSED and ch not in JOINERS


def _drawn(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LNSP" and ch not in BLANK_LETTERS
