"""Walking a big JSON export member by member, so its messages are decoded one at a time.

`json.loads` on a 300 MB export builds every message at once: gigabytes of dicts, which the
garbage collector then rescans again and again (a million Telegram messages took 14 s). A cursor
decodes one value at a time with the standard decoder's C scanner instead, so only the message in
hand and the columns built from it are alive. Malformed JSON raises `json.JSONDecodeError`, whose
`lineno` the parsers report; `strict=False` lets raw control characters through inside strings.

The text walked is the file's bytes one character each (`byte_text`): decoded as UTF-8, a 300 MB
export with a single emoji in it would become a 1.2 GB str (four bytes per character). Strings
decoded from it hold UTF-8 bytes as characters until `utf8_restored` reads them back. Telegram
Desktop and DiscordChatExporter write non-ASCII text as raw UTF-8; a file saved again by a tool
that escapes it (Python's `json.dump`: "Zo\u00eb") has its `\u0080`–`\u00ff` escapes rewritten
as the UTF-8 bytes they stand for, so they read back the same way.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any, NoReturn

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder(strict=False)
_BYTE_RUN = re.compile("[\x80-\xff]+")
# `\u0080`-`\u00ff`, not itself escaped: an odd number of backslashes before the `u`.
_LATIN_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u00([89a-fA-F][0-9a-fA-F])")
_CHUNK = 1 << 20


def byte_text(data: bytes) -> str:
    """The bytes as text of one character per byte, for a `JsonCursor` (see the module's note)."""
    text = data.decode("latin-1")
    if "\\u00" in text:
        text = _LATIN_ESCAPE.sub(_escape_as_bytes, text)
    return text


def utf8_restored(text: str) -> str:
    """A string decoded from `byte_text` with its UTF-8 read back; bad bytes become U+FFFD."""
    if text.isascii():
        return text
    return _BYTE_RUN.sub(_as_utf8, text)


def is_utf8(data: bytes) -> bool:
    """True when the bytes are valid UTF-8; checked a megabyte at a time, to stay small."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(data), _CHUNK):
            decoder.decode(data[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _escape_as_bytes(escape: re.Match[str]) -> str:
    """`\\u00eb` as the two characters of its UTF-8 bytes, as `byte_text` holds raw text."""
    return escape.group(1) + chr(int(escape.group(2), 16)).encode().decode("latin-1")


def _as_utf8(run: re.Match[str]) -> str:
    return run.group().encode("latin-1").decode("utf-8", errors="replace")


class JsonCursor:
    """A position in a JSON text; `members()` and `items()` step into objects and arrays.

    Each member or item is yielded with the cursor on its value; whatever the caller does not
    consume itself (with `value()`, `members()` or `items()`) is decoded and dropped.
    """

    def __init__(self, text: str, at: int = 0) -> None:
        self.text = text
        for mark in ("\xef\xbb\xbf", "\ufeff"):  # a byte-order mark, as bytes or as a character
            if text.startswith(mark, at):
                at += len(mark)
        self.at = _past_space(text, at)

    def value(self) -> Any:
        """The JSON value under the cursor, decoded; the cursor moves past it."""
        value, end = _DECODER.raw_decode(self.text, self.at)
        self.at = _past_space(self.text, end)
        return value

    def peek(self) -> str:
        """The next character ("" at the end): `{` for an object, `[` for an array."""
        return self.text[self.at : self.at + 1]

    def members(self) -> Iterator[str]:
        """Steps into the object under the cursor, yielding each key, the cursor on its value."""
        self._expect("{")
        if self._closes("}"):
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                self._fail("expected a key")
            self._expect(":")
            start = self.at
            yield key
            self._finish(start)
            if self._closes("}"):
                return
            self._expect(",")

    def items(self) -> Iterator[int]:
        """Steps into the array under the cursor, yielding each item's 0-based position."""
        self._expect("[")
        if self._closes("]"):
            return
        position = 0
        while True:
            start = self.at
            yield position
            self._finish(start)
            if self._closes("]"):
                return
            self._expect(",")
            position += 1

    def _finish(self, start: int) -> None:
        if self.at == start:  # the caller left the value alone
            self.value()

    def _closes(self, bracket: str) -> bool:
        if self.text.startswith(bracket, self.at):
            self.at = _past_space(self.text, self.at + 1)
            return True
        return False

    def _expect(self, char: str) -> None:
        if not self.text.startswith(char, self.at):
            self._fail(f"expected {char!r}")
        self.at = _past_space(self.text, self.at + 1)

    def _fail(self, message: str) -> NoReturn:
        raise json.JSONDecodeError(message, self.text, self.at)


def _past_space(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    return match.end() if match else at
