"""Meta's strings: UTF-8 bytes stored one character each ("CafÃ©"), repaired run by run.

A run of U+0080–U+00FF characters is re-read as UTF-8 only when it decodes cleanly, so clean
text such as "“quoted”" or a real "é" passes through untouched.
"""

from __future__ import annotations

import re
import unicodedata

from nearer.chat.sender_names import sender_name

_MOJIBAKE_RUN = re.compile("[\x80-\xff]+")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def fix(value: object) -> str:
    """The string with Meta's mojibake undone where it round-trips, in NFC; "" if not a string."""
    if not isinstance(value, str):
        return ""
    if value.isascii():
        return value
    value = _MOJIBAKE_RUN.sub(_unmojibake, value)
    return unicodedata.normalize("NFC", _LONE_SURROGATE.sub("\ufffd", value))


def name(value: object) -> str:
    """A person's name as Meta writes it (a sender, a reactor, a participant): `fix`ed, without
    invisible characters or spaces at its edges (sender_names); "" if not a string."""
    return sender_name(fix(value))


def _unmojibake(run: re.Match[str]) -> str:
    try:
        return run.group().encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return run.group()
