"""A WhatsApp export as a `.zip`: iOS always zips it, Android does when media are included.

The archive holds the chat text (`_chat.txt` on iOS, `WhatsApp Chat with <name>.txt` on
Android) beside photos, voice notes and, when zipped on a Mac, `__MACOSX/` resource forks. Only
the chat text is read, in memory, and handed to the text parser.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nearer.chat.parsers.archive import ZIP, ZIP_ERRORS, Listing, listed, the_zip
from nearer.chat.parsers.whatsapp import chat_name, looks_like_chat, parse_export, title_of
from nearer.chat.records import ChatFile, ChatParseError, ParsedChat, files_named

NAME = "whatsapp_zip"

_SNIFF_BYTES = 1 << 16


def sniff(files: Sequence[ChatFile]) -> bool:
    """True for one zip whose chat text starts like WhatsApp messages. Never raises."""
    archive = the_zip(files)
    if archive is None:
        return False
    try:
        with listed(archive) as listing:
            return holds_a_chat(listing)
    except ChatParseError:
        return False


def holds_a_chat(listing: Listing) -> bool:
    """Whether the zip listed holds one chat text that starts like WhatsApp messages. Never
    raises."""
    try:
        return looks_like_chat(listing.head(chat_name(listing.names, listing.name), _SNIFF_BYTES))
    except ZIP_ERRORS:  # ChatParseError is a ValueError
        return False


def refusal(files: Sequence[ChatFile]) -> ChatParseError | None:
    """Why a zip among `files` is no export nearer can read (damaged, no chat text, several
    chats, several zips), or None when that is not the trouble."""
    archives = [f for f in files if f.data.startswith(ZIP)]
    if len(archives) > 1:
        return ChatParseError(files_named(archives), "nearer reads one zip export at a time")
    if not archives:
        return None
    try:
        with listed(archives[0]) as listing:
            chat_text(listing)
    except ChatParseError as error:
        return error
    return None


def parse(files: Sequence[ChatFile]) -> ParsedChat:
    """The messages of the chat text inside the one zip among `files`.

    Raises ChatParseError for a damaged archive, one without chat text, or one with several
    candidate chats (naming them).
    """
    archive = the_zip(files)
    if archive is None:
        raise ChatParseError(files_named(files), "expected one .zip export")
    with listed(archive) as listing:
        chosen, data = chat_text(listing)
    chat = parse_export(f"{archive.name}/{chosen}", data)
    return replace(chat, format=NAME, title=title_of(chosen) or title_of(archive.name))


def chat_text(listing: Listing) -> tuple[str, bytes]:
    """The name and bytes of the zip's chat text. Raises ChatParseError (naming the zip) when
    it holds none or several, or the one is too large to be chat text."""
    chosen = chat_name(listing.names, listing.name)
    return chosen, listing.read(chosen)
