"""Chat imports: the list, one import's state and (once both have agreed) its result, agreeing,
withdrawing and importing an export. The rules are in chats.services and the upload's steps in
chats.receive, both shared with the pages under /chats/; nothing here sees a message's text."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status

from nearer.chat.render_json import render_json
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.api.access import user_of
from nearer.web.api.auth import AUTH_CSRF_IN_OPERATION, require_csrf
from nearer.web.api.errors import ERRORS, ApiError, Error, refuse
from nearer.web.chats import analysis, participants, receive, services, stored
from nearer.web.chats.models import ChatImport

router = Router(tags=["chats"])

UPLOAD_ERRORS = ERRORS | {413, 429, 503}
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [receive.FIELD],
                    "properties": {
                        receive.FIELD: {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "the export: one file, a WhatsApp .zip, or the few "
                            "files of an export that comes as several",
                        },
                        "me": {"type": "string", "description": "your name as the chat writes it"},
                        "partner": {"type": "string", "description": "your partner's, likewise"},
                        "chat": {"type": "string", "description": "a full Telegram export's chat"},
                    },
                }
            }
        },
    }
}


class AskedOut(Schema):
    """What the partner is asked to agree to (chats.asked): the names the chat gives the two."""

    uploader_as: str  # the uploader as the chat names them
    partner_as: str  # the person taken to be the partner, as the chat names them
    uploader_messages: int
    partner_messages: int
    first: date | None  # the first and last day of their messages, on the uploader's clock
    last: date | None
    people: int  # who wrote in the chat: more than 2 in a group chat


class ChatOut(Schema):
    id: int
    status: Literal["queued", "analysing", "ready", "failed", "withdrawn"]
    created_at: datetime
    mine: bool  # you imported it; otherwise your partner did
    other: str  # the other person's display name
    may_agree: bool  # it waits for your agreement
    asked: AskedOut | None  # until the partner answers: which chat it is; null after
    both_agreed: bool
    together: bool  # both of you are still in the couple space it was imported into
    closed: bool  # chat analysis is closed to you for now (services.CLOSED)
    visible: bool  # the result is shown to you (GET /chats/{pk} has it)
    problem: str | None  # failed: why, in nearer's words
    withdrawn_by_you: bool | None  # withdrawn: by you, or by the other; null otherwise


class ChatDetailOut(ChatOut):
    # The aggregates as `nearer analyze --format json` writes them (docs/chat/json.md), the two
    # people as "You" and the other's display name; null unless `visible`. Never a message.
    # Each person's own value of a signal only for the rhythm (stored.PER_PERSON).
    result: dict[str, Any] | None
    reading: str | None  # with a result: how to read it (approximate, never a verdict)


class ChatsOut(Schema):
    imports: list[ChatOut]  # newest first
    waiting: list[ChatOut]  # those that wait for your agreement, as the page's notice
    cannot_import: str | None  # why a new import would be refused now; null when it would not


def state(user: User, chat: ChatImport) -> dict[str, Any]:
    """What `user` may know of `chat`, as the import page shows it, without its result."""
    mine = user.pk == chat.uploader_id
    withdrawn = chat.status == ChatImport.WITHDRAWN
    return {
        "id": chat.pk,
        "status": chat.status,
        "created_at": chat.created_at,
        "mine": mine,
        "other": str(chat.partner if mine else chat.uploader),
        "may_agree": services.may_agree(user, chat),
        "asked": _asked(user, chat),
        "both_agreed": services.both_agreed(chat),
        "together": services.still_together(chat),
        "closed": not services.is_open_for(user, chat),
        "visible": services.visible_to(user, chat),
        "problem": chat.problem or None,
        "withdrawn_by_you": chat.withdrawn_by_id == user.pk if withdrawn else None,
    }


def _asked(user: User, chat: ChatImport) -> dict[str, Any] | None:
    found = services.asked_of(user, chat)
    return None if found is None else vars(found)


def detail(user: User, chat: ChatImport) -> dict[str, Any]:
    """The state and, only when `services.visible_to` them, the result as `user` sees it."""
    report = services.report_for(user, chat)
    result = None if report is None else json.loads(render_json(report, stored.suggestions()))
    reading = None if result is None else services.READING
    return state(user, chat) | {"result": result, "reading": reading}


@router.get("", response={200: ChatsOut, ERRORS: Error})
def list_chats(request: HttpRequest) -> dict[str, object]:
    """The chat imports you are one of the two people of, newest first, and those that wait for
    your agreement; `cannot_import` says why a new import would be refused, if it would."""
    user = user_of(request)
    analysis.fail_stale()
    try:
        services.space_for(user)
        cannot_import = None
    except services.ChatImportError as refusal:
        cannot_import = str(refusal)
    return {
        "imports": [state(user, chat) for chat in services.imports_for(user)],
        "waiting": [state(user, chat) for chat in services.waiting_for(user)],
        "cannot_import": cannot_import,
    }


@router.get("/{pk}", response={200: ChatDetailOut, ERRORS: Error})
def get_chat(request: HttpRequest, pk: int) -> dict[str, Any]:
    """One chat import: its state, and its result once both of you have agreed (while you are
    both in the couple space it was imported into, and it is open to chat analysis)."""
    user = user_of(request)
    chat = access.chat_import_for(user, pk)
    analysis.fail_stale()
    chat.refresh_from_db()
    return detail(user, chat)


@router.post("/{pk}/agree", response={200: ChatDetailOut, ERRORS: Error})
def agree(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Agree to see the result of an import your partner made, and let them see it: both of you
    see it from then on. Only the partner of an import waiting for them can agree."""
    return _change(request, pk, services.agree)


@router.post("/{pk}/withdraw", response={200: ChatDetailOut, ERRORS: Error})
def withdraw(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Withdraw an import, before or after agreeing: what nearer kept of it is deleted, for
    both of you."""
    return _change(request, pk, services.withdraw)


def _change(
    request: HttpRequest, pk: int, change: Callable[[User, ChatImport], None]
) -> dict[str, Any]:
    """Agree or withdraw, as on the import page: a refusal is a 400 with its sentence."""
    user = user_of(request)
    chat = access.chat_import_for(user, pk)
    try:
        change(user, chat)
    except services.ChatImportError as refusal:
        raise refuse(str(refusal)) from None
    chat.refresh_from_db()
    return detail(user, chat)


@router.post(
    "",
    response={201: ChatDetailOut, UPLOAD_ERRORS: Error},
    auth=AUTH_CSRF_IN_OPERATION,
    openapi_extra=UPLOAD_BODY,
)
def create_chat(request: HttpRequest) -> Status[dict[str, Any]]:
    """Import a chat export (multipart: `export`, and `me`, `partner`, `chat` when asked for), as
    on the page: read, deleted at once, and analysed in the background; poll GET /chats/{pk}.
    A 400 with `choices` asks for the field it names; send the export again with it."""
    user = user_of(request)
    # No parameters: ninja must not read the body before private_upload's handler is in place.
    try:
        with receive.private_upload(request) as handler:
            require_csrf(request)  # by session; it reads the body, so only now
            taken = receive.take(request, user, handler)
    except receive.Refused as refusal:
        choices = refusal.choices or None
        raise refuse(str(refusal), refusal.field, refusal.status, choices) from None
    if isinstance(taken, participants.Choice):
        raise _ask(taken)
    return Status(201, detail(user, taken))


def _ask(choice: participants.Choice) -> ApiError:
    """Who of the chat is who, as a 400 a program can ask the person about: `field` is the name
    to send with the export again, `choices` the names of the chat it may be."""
    again = "Nothing of it was kept meanwhile."
    if choice.me is None and not choice.group:
        ask = "Which of the two names in this chat is yours? Send the export again with it."
        return refuse(f"{ask} {again}", "me", choices=choice.choices_for("me"))
    count = f"{len(choice.people)} people wrote in this chat"
    if choice.me is None:
        ask = f"{count}. Send the export again with `me`, yours, and `partner`, your partner's."
        return refuse(f"{ask} {again}", "me", choices=choice.choices_for("me"))
    ask = f"{count}, you as {choice.me}. Send the export again with `partner`, your partner's."
    return refuse(f"{ask} {again}", "partner", choices=choice.choices_for("partner"))
