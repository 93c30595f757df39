"""The plain text of a Messages `attributedBody`: an NSAttributedString archived by NSArchiver
as a typedstream. Recent macOS leaves `message.text` NULL and keeps the words only there; this
reads just enough of the format to find the plain string (imessage.py)."""

from __future__ import annotations

_STRING_CLASS = b"NSString"
_STRING_TYPE = b"\x01+"  # a one-byte type encoding "+": the UTF-8 bytes follow
_SEARCH = 32  # how far after the class name the string's type tag may sit


def decode_body(body: bytes | None) -> str | None:
    """The plain string of an `attributedBody`, or None when it holds none.

    The string is the NSString object's payload: after the "NSString" class name (with its
    version and superclass reference) comes the type tag 0x01 '+', then the byte length
    (one byte below 0x80, or 0x81 and two bytes little-endian, or 0x82 and four), then UTF-8.
    """
    if not body:
        return None
    marker = body.find(_STRING_CLASS)
    if marker < 0:
        return None
    start = body.find(_STRING_TYPE, marker + len(_STRING_CLASS))
    if start < 0 or start > marker + _SEARCH:
        return None
    size, offset = _length(body, start + len(_STRING_TYPE))
    if size is None or offset + size > len(body):
        return None
    return body[offset : offset + size].decode("utf-8", "replace")


def _length(data: bytes, at: int) -> tuple[int | None, int]:
    """(length, offset of the first byte after it) of a typedstream integer at `at`."""
    if at >= len(data):
        return None, at
    tag = data[at]
    if tag < 0x80:
        return tag, at + 1
    width = {0x81: 2, 0x82: 4}.get(tag)
    if width is None or at + 1 + width > len(data):
        return None, at
    return int.from_bytes(data[at + 1 : at + 1 + width], "little"), at + 1 + width
