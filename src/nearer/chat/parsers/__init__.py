"""Parsers, one module per source, each exposing `NAME`, `sniff(files)` and `parse(files)`.

`detect(files)` asks each parser in `REGISTRY` order whether it recognises the files; the first
that does parses them. Add a format: write `parsers/<format>.py` with the three names, add it to
`REGISTRY` (more specific formats before more general ones), add fixtures and tests.

A parser of a format that writes one chat in more than one form may also expose
`one_export(files)`: True when the files are those forms of one chat, one of them read. One whose
files may hold several conversations may expose `thread_marks(file)` (threads.Marks): files of
several threads are then never read as one chat; `chat` picks a thread, or ChatChoiceNeeded,
naming the zip or the files given, lists them. One that reads a whole file to mark it may also
expose `thread_read(file, wants)`: the marks, and its reading of the file when `wants(marks)`,
which `parse(files, read=…)` then takes (threads.Kept) instead of reading the file again, and
`LONE_JOINS` or `LONE_WRITER_JOINS` to allow the looser ways a file joins a thread
(threads.Joins).

`parse` reads an export inside a zip (one zip given) as if its files had been given one by one
(`archive`): the zip's files that some parser recognises on its own, all of one folder, or in
several folders when they are threads of one parser with `thread_marks` (a whole Messenger
download, a folder a thread), listed and chosen as files of several threads are. A WhatsApp
zip, or one holding nothing but text no parser knows, is left to `whatsapp_zip`.

`parse` holds every parser to the table's range of times (records.EARLIEST to LATEST): a time
outside it is refused with the file and line, as an impossible date is, whichever parser read it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from types import ModuleType
from typing import Protocol, cast

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.pair import folded, numbered_apart
from nearer.chat.parsers import archive, threads, whatsapp_zip
from nearer.chat.records import (
    ChatFile,
    ChatParseError,
    ParsedChat,
    files_named,
    first_out_of_range,
    out_of_range,
)
from nearer.chat.wording import a_source, source

NOT_RECOGNISED = "not a chat export nearer recognises"
#: Formats whose export may span several files, every one of them read: a Messenger or
#: Instagram thread's message_N.json, DiscordChatExporter's parts, CSV files one after another.
#: Any other format reads one file, so a second one is refused rather than left unread.
MERGES_FILES = frozenset({"meta", "discord", "csv"})


class Parser(Protocol):
    NAME: str

    def sniff(self, files: Sequence[ChatFile]) -> bool:
        """True when these files look like this format; cheap, never raises."""

    def parse(self, files: Sequence[ChatFile]) -> ParsedChat:
        """The messages, or ChatParseError naming the file and line."""


def _load() -> list[Parser]:
    from importlib import import_module

    names = ("whatsapp_zip", "imessage", "telegram", "meta", "discord", "signal", "csv", "whatsapp")
    modules: list[ModuleType] = []
    for name in names:
        try:
            modules.append(import_module(f"nearer.chat.parsers.{name}"))
        except ModuleNotFoundError as error:  # a parser not written yet
            if error.name != f"nearer.chat.parsers.{name}":
                raise
    return [cast(Parser, module) for module in modules]


REGISTRY: list[Parser] = _load()


def by_name(name: str) -> Parser:
    for parser in REGISTRY:
        if name == parser.NAME:
            return parser
    known = ", ".join(p.NAME for p in REGISTRY)
    raise ChatParseError(name, f"unknown format (known: {known})")


def detect(files: Sequence[ChatFile]) -> Parser:
    """The first parser that recognises `files`. Failing that, raises the first reason a parser
    gives for refusing them (`refusal`, optional: "no chat text in this zip"), or a general
    ChatParseError; files with nothing but blank space in them are refused as empty."""
    if not any(file.data.strip() for file in files):
        raise ChatParseError(
            files_named(files), "the file is empty" if len(files) == 1 else "the files are empty"
        )
    for parser in REGISTRY:
        if parser.sniff(files):
            return parser
    for parser in REGISTRY:
        refusal = getattr(parser, "refusal", None)
        reason = refusal(files) if refusal else None
        if reason is not None:
            raise reason
    raise ChatParseError(files_named(files), NOT_RECOGNISED)


def parse(
    files: Sequence[ChatFile], format: str | None = None, chat: str | None = None
) -> ParsedChat:
    """Parse an export, detecting its format unless `format` names it. `chat` picks one chat of
    an export that holds several (a full Telegram export, a Messages database); an export of one
    chat accepts only that chat's own title (case and spacing aside), so a script may pass
    `chat` whatever the export, and refuses any other name, naming the chat it holds; an
    untitled one read without its name (`ChatFile.nameless`) takes `chat` as its title. Files
    of several threads of a format that merges its files (Messenger threads, Discord channels)
    are read only as the one `chat` names (its name, id or title): ChatChoiceNeeded lists
    them. Of one such thread, its name or id is accepted, and its name is the title a parser
    gives none.
    A time outside the table's range is refused like an unreadable one (module docstring). The
    first of people who go by one name is labelled as it is chosen, "Alex (1)" beside "Alex (2)"
    (pair.numbered_apart)."""
    given = files_named(files)  # the zip's name, when the export is inside one
    unzipped, known = (files, None) if format == "whatsapp_zip" else _unzipped(files)
    in_zip = unzipped is not files  # the zip's members: their folders are the export's own
    files, repeated = _once_each(unzipped)
    for file in files:
        archive.other_archive(file)
    parser = by_name(format) if format else known or detect(files)
    _none_left_unread(parser, files)
    files, thread, read = _one_thread(parser, files, chat, given, in_zip)
    if chat is not None and getattr(parser, "HOLDS_SEVERAL_CHATS", False):
        parsed = parser.parse(files, chat=chat)  # type: ignore[call-arg]
    elif read is not None:  # what the parser read of the files while marking them
        parsed = parser.parse(files, read=read)  # type: ignore[call-arg]
    else:
        parsed = parser.parse(files)
    if chat is not None and thread is not None and parsed.title is None and thread.title:
        parsed = replace(parsed, title=thread.title)  # the parser has none: a CSV's file name
    named = thread is not None and chat is not None and thread.is_called(chat)
    if chat is not None and not named and not getattr(parser, "HOLDS_SEVERAL_CHATS", False):
        parsed = _is_the_one_chat(parsed, chat, files)
    if len(files) > 1 and not _one_export(parser, files):  # after parse: its own reason first
        raise ChatParseError(
            files_named(files),
            f"{len(files)} {source(parser.NAME)} exports; nearer reads one at a time",
        )
    if repeated:
        parsed = replace(parsed, warnings=(*parsed.warnings, *repeated))
    return _in_range(numbered_apart(parsed), files)


def _unzipped(files: Sequence[ChatFile]) -> tuple[Sequence[ChatFile], Parser | None]:
    """`files`, or the export inside the one zip they are: its files that a parser other than
    WhatsApp's recognises on its own; and the parser of `files` when it is known already
    (`whatsapp_zip`, for a WhatsApp zip). The zip is listed once (a zip of 300,000 members
    takes seconds to list). Raises ChatParseError naming the zip when it is damaged, holds no
    chat at all (saying what it holds), holds text only that is no WhatsApp chat (in
    `whatsapp_zip`'s words: several chat texts…), or chats in several folders that are several
    exports (`_of_one_folder`)."""
    zipped = archive.the_zip(files)
    if zipped is None or len(files) > 1:
        return files, None
    with archive.listed(zipped) as listing:
        if whatsapp_zip.holds_a_chat(listing):
            return files, cast(Parser, whatsapp_zip)
        found = _recognised(zipped, listing.members())
        if not any(parser.NAME != "whatsapp" for _, parser in found):
            if any(info.filename.lower().endswith(".txt") for info in listing.texts):
                whatsapp_zip.chat_text(listing)  # none or several: refused in its words
                raise ChatParseError(zipped.name, NOT_RECOGNISED)
            if inner := listing.zips():
                raise ChatParseError(
                    zipped.name, f"holds a zip inside it ({inner[0]}); unzip that first"
                )
            raise ChatParseError(
                zipped.name,
                f"no chat export nearer reads in this zip (it holds {listing.holds()})",
            )
    _of_one_folder(zipped, found)
    return [member for member, _ in found], None


def _recognised(zipped: ChatFile, unpacked: list[ChatFile]) -> list[tuple[ChatFile, Parser]]:
    """The members a parser recognises on their own, each with its parser. Raises
    ChatParseError for a zip inside the zip."""
    inner = next((member for member in unpacked if member.data.startswith(archive.ZIP)), None)
    if inner is not None:  # its size is not the one a server checked (archive.unpacked_size)
        raise ChatParseError(zipped.name, f"holds a zip inside it ({inner.name}); unzip that first")
    chats = [(member, _parser_of([member])) for member in unpacked]
    return [(member, parser) for member, parser in chats if parser is not None]


def _one_thread(
    parser: Parser, files: Sequence[ChatFile], chat: str | None, where: str, in_zip: bool
) -> tuple[Sequence[ChatFile], threads.Thread | None, threads.Kept[object] | None]:
    """`files`, or when they hold several threads (a parser's `thread_marks`, threads.py) the
    files of the one `chat` names; and that thread, or the only one there is (None: the parser
    tells no threads apart, or neither `chat` nor a second file asked); and for a parser with
    `thread_read`, what it read of files while marking them (threads.Kept; None: no such
    parser). Files in several folders are told apart by their folders too (threads.Joins) when
    they are a zip's (`in_zip`) or a file's path names its thread (`Marks.folder`: Meta's
    `inbox/bob_42/message_1.json`, given as paths). Raises ChatChoiceNeeded naming `where` and
    listing the threads when `chat` names none of them, or several."""
    marks = getattr(parser, "thread_marks", None)
    if marks is None or (len(files) < 2 and chat is None):
        return files, None, None
    reads = getattr(parser, "thread_read", None)
    kept = threads.Kept[object](chat, files)
    reading = reads or threads.without_reading(marks)
    found_marks = [kept.marked(file, reading) for file in files]
    joins = threads.Joins(
        lone_thread=getattr(parser, "LONE_JOINS", False),
        lone_writer=getattr(parser, "LONE_WRITER_JOINS", False),
        folders=(in_zip or any(mark.folder for mark in found_marks))
        and len({threads.folder_of(file.name) for file in files}) > 1,
    )
    found = threads.grouped(files, found_marks, joins)
    thread = threads.chosen(found, chat, where) or found[0]  # None: there is only one
    return thread.files, thread, kept if reads is not None else None


def _parser_of(files: Sequence[ChatFile]) -> Parser | None:
    """The first parser that recognises `files`, or None."""
    return next((parser for parser in REGISTRY if parser.sniff(files)), None)


def _of_one_folder(zipped: ChatFile, found: Sequence[tuple[ChatFile, Parser]]) -> None:
    """Refuse chats in several folders of a zip unless they are threads of one format that
    tells its threads apart (`thread_marks`: a Messenger or Instagram download, a folder a
    thread; DiscordChatExporter's channels), which `_one_thread` lists and chooses among. Each
    folder of any other format is an export of its own (signal-export writes one a chat), and
    folders of two formats are two exports, named so."""
    folders = _folders(zipped, [member for member, _ in found])
    if len(folders) < 2:
        return
    formats = {parser.NAME: parser for _, parser in found}
    if len(formats) == 1 and hasattr(next(iter(formats.values())), "thread_marks"):
        return
    if len(formats) > 1:
        by_format = "; ".join(
            f"{source(name)} in {_shown(_folders(zipped, [m for m, p in found if p is parser]))}"
            for name, parser in formats.items()
        )
        raise ChatParseError(
            zipped.name,
            f"holds exports of {len(formats)} formats in its folders ({by_format}); nearer "
            "reads one export at a time: take the folder you mean out of the zip and give "
            "nearer its files",
        )
    raise ChatParseError(
        zipped.name,
        f"holds {len(folders)} chats in their own folders ({_shown(folders)}); nearer reads one "
        "at a time: take the folder you mean out of the zip and give nearer its files",
    )


def _folders(zipped: ChatFile, members: Sequence[ChatFile]) -> list[str]:
    """The folders of `members` inside the zip, "a/b/" ("" for the zip's top), sorted. The zip's
    name is taken off each folder, not each member's name, so a member named from the root
    ("/x.txt", folder "/") stays apart from one at the top ("x.txt", folder "")."""
    top = zipped.name + "/"
    return sorted({(threads.folder_of(member.name) + "/").removeprefix(top) for member in members})


def _shown(folders: Sequence[str]) -> str:
    """The first few `folders`, "…" after them if there are more; the zip's top named so, apart
    from a folder named from the root ("/")."""
    shown = ", ".join(folder or "the zip's top" for folder in folders[:5])
    return shown + (", …" if len(folders) > 5 else "")


def _is_the_one_chat(parsed: ParsedChat, chat: str, files: Sequence[ChatFile]) -> ParsedChat:
    """`parsed`, when `chat` is the title of the one chat it holds; refused otherwise (worded as
    Telegram's single-chat export refuses one). An untitled chat read without its file's name
    (the standard input, a pipe) takes `chat` as its title: the name that would have told it
    (WhatsApp's "WhatsApp Chat with NAME.txt") is not there to disagree."""
    if parsed.title is not None and folded(parsed.title) == folded(chat):
        return parsed
    if parsed.title is None and chat.strip() and all(file.nameless for file in files):
        return replace(parsed, title=chat.strip())
    held = f'"{parsed.title}"' if parsed.title else "with no name in the export"
    raise ChatParseError(
        files_named(files),
        f'no chat is called "{chat}"; {a_source(parsed.format)} export holds one chat, {held}, '
        "so there is none to choose",
    )


def _one_export(parser: Parser, files: Sequence[ChatFile]) -> bool:
    """Whether several files are one export: a format that merges its files, or one whose
    parser says they are the forms of one chat (`one_export`: Signal's data.json and chat.md)."""
    one_export = getattr(parser, "one_export", None)
    return parser.NAME in MERGES_FILES or bool(one_export and one_export(files))


def _once_each(files: Sequence[ChatFile]) -> tuple[list[ChatFile], list[Caveat]]:
    """`files` without those whose bytes repeat an earlier one (a browser's "chat (1).csv"), and
    a warning for each left out: read twice, every message would count twice."""
    kept: dict[bytes, ChatFile] = {}
    repeated = []
    for file in files:
        digest = hashlib.sha256(file.data).digest()
        if digest in kept:
            text = f"{file.name} is the same file as {kept[digest].name}: read once"
            repeated.append(Caveat(Kind.REPEATED_FILE, text, 1))
        else:
            kept[digest] = file
    return list(kept.values()), repeated


def _in_range(parsed: ParsedChat, files: Sequence[ChatFile]) -> ParsedChat:
    """`parsed`, unless a time lies outside the table's range. Parsers that know the file of
    each row refuse such a time themselves; for the others the line is named with the files."""
    found = first_out_of_range(parsed.messages)
    if found is None:
        return parsed
    line, shown = found
    raise ChatParseError(files_named(files), out_of_range(shown, parsed.tz_hint == "utc"), line)


def _none_left_unread(parser: Parser, files: Sequence[ChatFile]) -> None:
    """Refuse a file among several that the parser would pass over: one it does not recognise
    on its own (another app's export, an answers file), which would otherwise be dropped
    without a word while the report seems to cover it."""
    if len(files) < 2:
        return
    known = [parser.sniff([file]) for file in files]
    read = [file.name for file, sniffed in zip(files, known, strict=True) if sniffed]
    for file, sniffed in zip(files, known, strict=True):
        if not sniffed:
            beside = f" like {read[0]}" if read else ""
            raise ChatParseError(
                file.name,
                f"is not {a_source(parser.NAME)} export{beside}, so it would not be read; "
                "analyse one export at a time",
            )
