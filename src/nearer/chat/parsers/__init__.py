"""Parsers, one module per source, each exposing `NAME`, `sniff(files)` and `parse(files)`.

`detect(files)` asks each parser in `REGISTRY` order whether it recognises the files; the first
that does parses them. Add a format: write `parsers/<format>.py` with the three names, add it to
`REGISTRY` (more specific formats before more general ones), add fixtures and tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType
from typing import Protocol, cast

from nearer.chat.records import ChatFile, ChatParseError, ParsedChat, files_named


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
    ChatParseError."""
    for parser in REGISTRY:
        if parser.sniff(files):
            return parser
    for parser in REGISTRY:
        refusal = getattr(parser, "refusal", None)
        reason = refusal(files) if refusal else None
        if reason is not None:
            raise reason
    raise ChatParseError(files_named(files), "not a chat export nearer recognises")


def parse(
    files: Sequence[ChatFile], format: str | None = None, chat: str | None = None
) -> ParsedChat:
    """Parse an export, detecting its format unless `format` names it. `chat` picks one chat of
    an export that holds several (a full Telegram export); other formats hold one and refuse it."""
    parser = by_name(format) if format else detect(files)
    if chat is None:
        return parser.parse(files)
    if not getattr(parser, "HOLDS_SEVERAL_CHATS", False):
        raise ChatParseError(
            files_named(files), f"a {parser.NAME} export holds one chat, so there is none to choose"
        )
    return parser.parse(files, chat=chat)  # type: ignore[call-arg]
