"""From an export's bytes to its lines, and text to NFC, fast enough for millions of messages.

The bytes are split in Python (`bytes.split` is fast and lets the pieces go as soon as polars
has copied them), so that the whole export never exists as one Python `str`: with a single
emoji in it, CPython would store every character in four bytes.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.parsers.utf16 import is_utf16, utf16_text

_CHUNK = 1 << 22  # bytes split per step: small enough to bound memory, big enough to be fast
_AHEAD = 2  # chunks split and waiting for their scan, at most


def read_lines(
    data: bytes, name: str, scan: Callable[[pl.Series], pl.DataFrame]
) -> tuple[pl.DataFrame, tuple[Caveat, ...]]:
    """`scan` applied to the export's lines a few MB at a time, the results stacked in order.

    Lines end at `\\r\\n`, `\\r` or `\\n`. Scanning in chunks keeps memory low: only what `scan`
    keeps of each line lives on. Raises ChatParseError for UTF-16 that does not decode;
    invalid UTF-8 bytes are replaced by U+FFFD and reported in the returned warnings.
    """
    if is_utf16(data):
        data = utf16_text(data, name).encode("utf-8")
    has_cr = b"\r" in data
    frames: list[pl.DataFrame] = []
    scanning: deque[Future[pl.DataFrame]] = deque()
    replaced = False
    # Python splits a chunk while polars, which lets go of the GIL, scans the one before.
    with ThreadPoolExecutor(1) as pool:
        for chunk in _chunks(data):
            lines, bad = _decode((_unify_line_ends(chunk) if has_cr else chunk).split(b"\n"))
            scanning.append(pool.submit(scan, lines))
            replaced |= bad
            if len(scanning) > _AHEAD:
                frames.append(scanning.popleft().result())
        frames += [future.result() for future in scanning]
    frame = pl.concat(frames) if frames else scan(pl.Series([], dtype=pl.String))
    replaced_text = "invalid UTF-8 bytes were replaced by U+FFFD"
    warnings = (Caveat(Kind.ENCODING, replaced_text),) if replaced else ()
    return frame, warnings


def _chunks(data: bytes) -> Iterator[bytes]:
    """Slices of about `_CHUNK` bytes, each cut just before a newline (which is dropped)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start + _CHUNK)
        end = len(data) if end < 0 else end
        yield data[start:end]
        start = end + 1


def _unify_line_ends(chunk: bytes) -> bytes:
    # A chunk ends just before a "\n", so a final "\r" is the first half of "\r\n".
    chunk = chunk.replace(b"\r\n", b"\n")
    if chunk.endswith(b"\r"):
        chunk = chunk[:-1]
    return chunk.replace(b"\r", b"\n")


def _decode(parts: list[bytes]) -> tuple[pl.Series, bool]:
    raw = pl.Series(parts, dtype=pl.Binary)
    try:
        return raw.cast(pl.String), False
    except pl.exceptions.PolarsError:
        fixed = [part.decode("utf-8", "replace").encode("utf-8") for part in parts]
        return pl.Series(fixed, dtype=pl.Binary).cast(pl.String), True


@cache
def _unstable_under_nfc() -> str:
    """A regex class of every character that NFC may change, reorder or compose with.

    Built once from the running Python's Unicode tables (about 0.2 s): combining marks,
    characters NFC replaces (singletons, exclusions) and the second halves of compositions.
    A string with none of them is already in NFC.
    """
    found: set[int] = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))  # Hangul V, T
    for code in range(0x30000):  # nothing above the CJK compatibility supplement decomposes
        char = chr(code)
        if unicodedata.combining(char):
            found.add(code)
        decomposition = unicodedata.decomposition(char)
        if decomposition and not decomposition.startswith("<"):
            found.update(int(part, 16) for part in decomposition.split()[1:])
            if unicodedata.normalize("NFC", char) != char:
                found.add(code)
    ranges: list[list[int]] = []
    for code in sorted(found):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\x{{{low:X}}}-\\x{{{high:X}}}" for low, high in ranges) + "]"


def to_nfc(column: pl.Series) -> pl.Series:
    """The column in NFC; only rows that could change are converted (the rest are as given)."""
    # ASCII text is already in NFC, and telling it apart is much faster than the regex.
    beyond_ascii = (column.str.len_bytes() != column.str.len_chars()).fill_null(False)
    if not beyond_ascii.any():
        return column
    candidates = beyond_ascii.arg_true()
    suspects = column.gather(candidates).str.contains(_unstable_under_nfc())
    rows = candidates.filter(suspects)
    if rows.len() == 0:
        return column
    fixed = [unicodedata.normalize("NFC", text) for text in column.gather(rows).to_list()]
    return column.scatter(rows, fixed)
