"""UTF-16 text, as some tools write it: WhatsApp on some phones, and Excel's and LibreOffice's
"Unicode text" (tab-separated), most with a byte order mark, some scripts and tools without one.

The mark, FF FE (little-endian) or FE FF (big-endian), tells it first. Without one, the first
KB tells it: an export's header, times and names are mostly ASCII, and an ASCII character in
UTF-16 is its byte and a NUL, so NULs fill every other byte (the odd ones little-endian, the
even ones big-endian) and hardly any other. UTF-8 and Windows-1252 text has no NUL at all, and
binary files (zip, SQLite) have them at both places, so neither is taken for UTF-16.
"""

from __future__ import annotations

import codecs

from nearer.chat.records import ChatParseError

_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: Bytes looked at to tell UTF-16 without a mark, and the fewest characters that can tell it.
SNIFF_BYTES = 1024
SNIFF_LEAST = 8
#: Without a mark, at least this share of the characters looked at has a NUL byte on the one
#: side; on the other side, at most 1 in this many has (U+0100, U+3000, an emoji's second half).
NUL_SHARE = 0.3
OTHER_SIDE = 8


def encoding_of(data: bytes) -> str | None:
    """Python's codec for UTF-16 `data` ("utf-16" with a mark, which it removes; "utf-16-le" or
    "utf-16-be" without), or None when `data` is not taken for UTF-16."""
    if data.startswith(_BOMS):
        return "utf-16"
    head = data[:SNIFF_BYTES]
    characters = len(head) // 2
    if characters < SNIFF_LEAST:
        return None
    first, second = head[0 : characters * 2 : 2].count(0), head[1 : characters * 2 : 2].count(0)
    if second >= characters * NUL_SHARE and first * OTHER_SIDE <= second:
        return "utf-16-le"  # ASCII's NUL is the second byte of a character
    if first >= characters * NUL_SHARE and second * OTHER_SIDE <= first:
        return "utf-16-be"
    return None


def is_utf16(data: bytes) -> bool:
    """True when `data` starts with a UTF-16 byte order mark, or its first KB is UTF-16 without
    one (`encoding_of`)."""
    return encoding_of(data) is not None


def utf16_text(data: bytes, name: str) -> str:
    """The text of UTF-16 `data` (`is_utf16`), in the byte order its mark gives, the mark removed,
    or in the order its first KB shows; ChatParseError naming the file `name` when the bytes are
    not UTF-16."""
    try:
        return data.decode(encoding_of(data) or "utf-16")
    except UnicodeDecodeError as error:
        raise ChatParseError(name, f"not valid UTF-16 text ({error.reason})") from None


def utf16_head(head: bytes) -> str:
    """The text of the first bytes of UTF-16 data, cut anywhere, for sniffing: what does not
    decode (a character cut at the end) is left out. Never raises."""
    return head.decode(encoding_of(head) or "utf-16", "ignore")
