"""UTF-16 text with a byte order mark, as some tools write it: WhatsApp on some phones, and
Excel's and LibreOffice's "Unicode text" (tab-separated). Without the mark, bytes are not taken
for UTF-16: the mark, FF FE (little-endian) or FE FF (big-endian), is what tells it.
"""

from __future__ import annotations

import codecs

from nearer.chat.records import ChatParseError

_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_utf16(data: bytes) -> bool:
    """True when `data` starts with a UTF-16 byte order mark."""
    return data.startswith(_BOMS)


def utf16_text(data: bytes, name: str) -> str:
    """The text of UTF-16 `data` (`is_utf16`), in the byte order its mark gives, the mark removed;
    ChatParseError naming the file `name` when the bytes are not UTF-16."""
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as error:
        raise ChatParseError(name, f"not valid UTF-16 text ({error.reason})") from None


def utf16_head(head: bytes) -> str:
    """The text of the first bytes of UTF-16 data, cut anywhere, for sniffing: what does not
    decode (a character cut at the end) is left out. Never raises."""
    return head.decode("utf-16", "ignore")
