"""A zip around an export: people zip a Telegram folder, a Messenger thread, a Signal or
Discord export as readily as WhatsApp zips its own.

`Listing.members` unpacks, in memory, the files of a zip that could hold chat text (by their ending:
`.json`, `.csv`, `.md`, `.txt`, `.html`, …), leaving out media, folders and the `__MACOSX/`
leftovers a Mac adds; the format detection then reads them as if they had been given one by
one. Every member read is held to the limits of a WhatsApp zip's chat text (`refuse_a_bomb`), and
`unpacked_size` says what a server must hold them to.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from nearer.chat.records import ChatFile, ChatParseError

ZIP = b"PK\x03\x04"
#: The endings of the files of an export that hold its chat; the rest are media and styles.
TEXT_ENDINGS = (".json", ".jsonl", ".csv", ".md", ".txt", ".html", ".htm")
MAX_CHAT_BYTES = 2 << 30  # a declared size beyond this is a broken or hostile archive
#: Chat text packs about 3 to 10 times with deflate; a large one packed 100 times tighter is
#: blank lines or one character repeated, each line costing ~100 bytes of memory once read.
BOMB_RATIO = 100
BOMB_FLOOR = 32 << 20
#: What a damaged, encrypted or exotic archive can raise while it is read.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    OSError,
    EOFError,
    ValueError,
)
#: The packing methods read: deflate's output stops at the declared size, so it bounds memory.
UNPACKED_WITH = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
#: More text files than a whole Messenger download holds, of many thousand threads (a folder
#: each, a message_N.json per 10,000 messages) beside its hundreds of other JSON files: a zip
#: of more is refused before any is read, each being asked of every parser. A download of
#: 50,000 small threads is listed in about 6 s of CPU and 210 MB; every file counts towards
#: MAX_CHAT_BYTES too.
MAX_TEXTS = 50_000
#: The most member names a message lists.
_LISTED = 5


#: Archives nearer does not open, by the bytes they start with.
OTHER_ARCHIVES = (
    ("gzip", b"\x1f\x8b"),
    ("bzip2", b"BZh91AY&SY"),
    ("xz", b"\xfd7zXZ\x00"),
    ("7-Zip", b"7z\xbc\xaf\x27\x1c"),
    ("RAR", b"Rar!\x1a\x07"),
)


def other_archive(file: ChatFile) -> None:
    """Refuse, naming it, an archive of a kind nearer does not open (tar, gzip, 7-Zip, ...):
    its chat must be unpacked first. Read as text, a tar's first member would pass for a chat
    whose first message is the tar's header."""
    kind = next((kind for kind, mark in OTHER_ARCHIVES if file.data.startswith(mark)), None)
    if kind is None and _is_tar(file.data):
        kind = "tar"
    if kind is not None:
        raise ChatParseError(
            file.name,
            f"a {kind} archive, which nearer does not open; unpack it and give nearer the chat "
            "export inside",
        )


def _is_tar(data: bytes) -> bool:
    """A tar's first header: its name padded with NULs, then "ustar" at byte 257 followed by a
    NUL (POSIX) or a space (GNU)."""
    return data[257:262] == b"ustar" and data[262:263] in (b"\x00", b" ") and b"\x00" in data[:257]


def the_zip(files: Sequence[ChatFile]) -> ChatFile | None:
    """The one zip among `files`, or None (none, or several)."""
    archives = [f for f in files if f.data.startswith(ZIP)]
    return archives[0] if len(archives) == 1 else None


def is_ignored(name: str) -> bool:
    """A folder, or a Mac's `__MACOSX/` or `._` leftover: never part of the export."""
    base = name.rsplit("/", 1)[-1]
    return (
        name.endswith("/")
        or name.startswith("__MACOSX/")
        or "/__MACOSX/" in name
        or (base.startswith("._"))
    )


_ENCRYPTED = 0x1  # the zip format's flag bit for an encrypted member


def refuse_a_bomb(info: zipfile.ZipInfo, where: str) -> None:
    """Refuse a member too large to be chat text, packed far tighter than any text packs (a
    zip bomb: a few hundred KB of blank lines unpacking to gigabytes of memory), or packed
    with a method whose unpacking Python does not stop at the declared size (bzip2, LZMA:
    phones and computers zip with deflate, or store). Refuse an encrypted member too: nearer
    asks for no password."""
    if info.flag_bits & _ENCRYPTED:
        raise ChatParseError(
            where,
            f"{info.filename} is encrypted (the zip has a password); export the chat again "
            "without one",
        )
    if info.compress_type not in UNPACKED_WITH:
        raise ChatParseError(
            where,
            f"{info.filename} is packed with a method nearer does not unpack; zip it again with "
            "your system's own zip",
        )
    if info.file_size > MAX_CHAT_BYTES:
        raise ChatParseError(where, f"{info.filename} is too large to be a chat")
    if info.file_size > BOMB_FLOOR and info.file_size > BOMB_RATIO * max(info.compress_size, 1):
        packed, unpacked = info.compress_size // 1024, info.file_size // (1 << 20)
        raise ChatParseError(
            where,
            f"{info.filename} would unpack from {packed:,} KB to {unpacked:,} MB, far tighter "
            "than any chat text packs; refused as a zip bomb",
        )


class Listing:
    """A zip opened and listed once: reading its list of members is most of the cost of
    refusing a zip of 300,000 of them (seconds), so every question asked of one zip while it is
    read (whether it is WhatsApp's, its text files, what it holds) is asked of one Listing.
    `listed(archive)` opens it."""

    def __init__(self, archive: ChatFile, opened: zipfile.ZipFile) -> None:
        self.name, self._opened = archive.name, opened
        self.infos = opened.infolist()
        self.names = [info.filename for info in self.infos]
        self.texts = [
            info
            for info in self.infos
            if not is_ignored(info.filename) and info.filename.lower().endswith(TEXT_ENDINGS)
        ]

    def read(self, name: str) -> bytes:
        """The member `name`, whole, once held to the limits of chat text (`refuse_a_bomb`)."""
        with unpacking(self.name):
            info = self._opened.getinfo(name)
            refuse_a_bomb(info, self.name)
            return self._opened.read(info)

    def head(self, name: str, size: int) -> bytes:
        """The first `size` bytes of the member `name`."""
        with unpacking(self.name), self._opened.open(name) as member:
            return member.read(size)

    def members(self) -> list[ChatFile]:
        """The zip's files that could hold chat text, each named `<zip>/<member>`, in the
        zip's order. Raises ChatParseError (naming the zip) for a member too large to be a
        chat or a zip bomb, more than MAX_CHAT_BYTES in all, or more than MAX_TEXTS files."""
        texts = self.texts
        if len(texts) > MAX_TEXTS:
            raise ChatParseError(
                self.name,
                f"holds {len(texts):,} text files, more than nearer reads from one zip "
                f"({MAX_TEXTS:,}); zip only the folder of the chat you mean (a Messenger "
                "thread's own folder)",
            )
        for info in texts:
            refuse_a_bomb(info, self.name)
        if sum(info.file_size for info in texts) > MAX_CHAT_BYTES:
            raise ChatParseError(self.name, "unpacks to more than any chat export")
        with unpacking(self.name):
            return [ChatFile(f"{self.name}/{i.filename}", self._opened.read(i)) for i in texts]

    def zips(self) -> list[str]:
        """The zips inside the zip, by name (never unpacked: their size is not the one a server
        checked, archive.unpacked_size)."""
        return [n for n in self.names if not is_ignored(n) and n.lower().endswith(".zip")]

    def holds(self) -> str:
        """What the zip holds, for a message: "photo.jpg, notes.pdf and 3 more files", or
        "nothing"."""
        names = [name for name in self.names if not is_ignored(name)]
        if not names:
            return "nothing"
        shown = ", ".join(names[:_LISTED])
        rest = len(names) - _LISTED
        return shown if rest <= 0 else f"{shown} and {rest} more file{'s' if rest > 1 else ''}"


@contextmanager
def listed(archive: ChatFile) -> Iterator[Listing]:
    """The zip `archive` opened and listed once, for the time of a `with`. Raises
    ChatParseError naming the zip when it, or a member read from it, is damaged, encrypted or
    packed in a way Python cannot unpack; what the `with` does with what it read (a parser's
    sniffing) raises as it would outside a zip."""
    with unpacking(archive.name):
        opened = zipfile.ZipFile(io.BytesIO(archive.data))
        listing = Listing(archive, opened)
    with opened:
        yield listing


@contextmanager
def unpacking(name: str) -> Iterator[None]:
    """Unpacking the zip `name`: what a damaged or exotic zip raises becomes ChatParseError
    naming it."""
    try:
        yield
    except ChatParseError:
        raise
    except ZIP_ERRORS as error:
        raise ChatParseError(name, f"cannot read this zip ({error})") from None


def unpacked_size(files: Sequence[ChatFile]) -> int:
    """How many bytes the files `Listing.members` would read from the zip among `files` declare they
    unpack to (0 without a readable zip): a server holds it to the same limit as an upload,
    since a few megabytes of zip can unpack to gigabytes."""
    archive = the_zip(files)
    if archive is None:
        return 0
    try:
        with listed(archive) as listing:
            return sum(info.file_size for info in listing.texts)
    except ChatParseError:  # parse will say what is wrong
        return 0
