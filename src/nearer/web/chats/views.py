"""The chat import pages. Each reads top to bottom: fetch with permission, guard, change, respond.
Who may see what is decided in chats.services; the file's life on disk in chats.uploads."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from nearer.chat.pair import ChatChoiceError
from nearer.chat.parsers import parse, whatsapp_zip
from nearer.chat.parsers.telegram import ChatChoiceNeeded
from nearer.chat.records import ChatParseError, ParsedChat
from nearer.chat.render_html import render_sections
from nearer.content.loader import default_content
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.chats import analysis, participants, services, stored, uploads
from nearer.web.chats.models import ChatImport
from nearer.web.rendering import page

FIELD = "export"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _limit_mb() -> int:
    return int(settings.CHAT_UPLOAD_MAX_BYTES) // (1024 * 1024)


@login_required
def chats(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    analysis.fail_stale()
    return _chats_page(request, user)


def _chats_page(
    request: HttpRequest,
    user: User,
    *,
    problem: str | None = None,
    choice: participants.Choice | None = None,
    telegram_chats: tuple[str, ...] = (),
    status: int = 200,
) -> HttpResponse:
    try:
        services.space_for(user)
        missing, closed = None, False
    except services.ChatImportError as refusal:
        missing, closed = str(refusal), isinstance(refusal, services.ChatImportClosed)
    context = {
        "imports": services.imports_for(user),
        "waiting": services.waiting_for(user),
        "missing": missing,
        "closed": closed,
        "problem": problem,
        "choice": choice,
        "telegram_chats": telegram_chats,
        "limit_mb": _limit_mb(),
    }
    return page(request, "chats/chats.html", context, status=status)


@login_required
@csrf_exempt  # the CSRF check runs in _receive, after our upload handler is in place
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    limit = int(settings.CHAT_UPLOAD_MAX_BYTES)
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit + 64 * 1024:
        return _too_large(request, user)  # refused before a byte of it is read
    handler = uploads.PrivateUpload(request, limit)
    request.upload_handlers = [handler]
    try:
        return _receive(request, user, handler)
    except (TooManyFilesSent, RequestDataTooBig):
        return _chats_page(request, user, problem=_TOO_MANY, status=400)
    finally:
        handler.discard()  # the file is gone before the response leaves, whatever happened


@csrf_protect
def _receive(request: HttpRequest, user: User, handler: uploads.PrivateUpload) -> HttpResponse:
    uploads.sweep_files()
    analysis.fail_stale()
    received = request.FILES.getlist(FIELD)
    if handler.too_large:
        return _too_large(request, user)
    try:
        services.space_for(user)
        if not received:
            raise services.ChatImportError("Choose your chat export first.")
        files = uploads.read(received)
        if whatsapp_zip.unpacked_size(files) > int(settings.CHAT_UPLOAD_MAX_BYTES):
            return _too_large(request, user)
        parsed = parse(files, chat=request.POST.get("chat") or None)
    except services.ChatImportError as refusal:
        return _chats_page(request, user, problem=str(refusal), status=400)
    except ChatChoiceNeeded as several:
        return _chats_page(
            request, user, problem=str(several), telegram_chats=several.choices, status=400
        )
    except ChatParseError as unreadable:
        return _chats_page(request, user, problem=_unreadable(unreadable), status=400)
    finally:
        handler.discard()  # deleted at once: the analysis works on the parsed table in memory
    return _start(request, user, parsed)


def _start(request: HttpRequest, user: User, parsed: ParsedChat) -> HttpResponse:
    try:
        choice = participants.choose(
            parsed.participants,
            request.POST.get("me", ""),
            request.POST.get("partner", ""),
            user.display_name,
        )
    except ChatChoiceError as problem:
        return _chats_page(request, user, problem=f"{_sentence(str(problem))}", status=400)
    if choice.pair is None:
        return _chats_page(request, user, choice=choice)
    chat = services.create(user)
    analysis.start(chat.pk, parsed, choice.pair, user.time_zone)
    return redirect("chat_import", pk=chat.pk)


_TOO_MANY = (
    "That is more files than one import takes. Choose only the chat: the .txt file, or the .zip "
    "just as WhatsApp made it. Nothing of it was kept."
)


def _too_large(request: HttpRequest, user: User) -> HttpResponse:
    problem = (
        f"This export is larger than {_limit_mb()} MB, the most this server accepts (a zip counts "
        "as the chat inside it, unpacked). Nothing of it was kept. A WhatsApp export without "
        "media is much smaller: choose “Without media”."
    )
    return _chats_page(request, user, problem=problem, status=413)


def _unreadable(error: ChatParseError) -> str:
    return f"nearer could not read this export ({error}). Nothing of it was kept."


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


@login_required
def chat_import(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    chat = access.chat_import_for(user, pk)
    analysis.fail_stale()
    chat.refresh_from_db()
    report_html, summary, time_zone = None, None, None
    if services.visible(chat):
        report = stored.load(chat.report or {}, services.labels(user, chat), _role(user, chat))
        # render_html escapes every piece of text; the labels are account names, not chat text.
        report_html = mark_safe(render_sections(report, default_content()))
        summary, time_zone = report.summary, report.time_zone
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponseClientRefresh()  # the poll found the result: show the whole page
    context = {
        "chat": chat,
        "mine": user.pk == chat.uploader_id,
        "other": chat.partner if user.pk == chat.uploader_id else chat.uploader,
        "may_agree": services.may_agree(user, chat),
        "both_agreed": services.both_agreed(chat),
        "together": services.still_together(chat),
        "closed": services.CLOSED if not services.is_open(chat) else None,
        "working": chat.status in (ChatImport.QUEUED, ChatImport.ANALYSING),
        "report_html": report_html,
        "summary": summary,
        "time_zone": time_zone,
    }
    return page(request, "chats/import.html", context, fragment="state")


def _role(user: User, chat: ChatImport) -> str:
    return stored.UPLOADER if user.pk == chat.uploader_id else stored.PARTNER


@login_required
@require_POST
def agree(request: HttpRequest, pk: int) -> HttpResponse:
    thanks = "Thank you. The result is shared between the two of you now."
    return _change(request, pk, services.agree, thanks, redirect("chat_import", pk=pk))


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    done = "Withdrawn. What nearer had kept of this chat is deleted."
    return _change(request, pk, services.withdraw, done, redirect("chats"))


def _change(
    request: HttpRequest,
    pk: int,
    change: Callable[[User, ChatImport], object],
    done: str,
    then: HttpResponse,
) -> HttpResponse:
    """Agree or withdraw: a refusal goes back to the import page with its reason."""
    user = _user(request)
    chat = access.chat_import_for(user, pk)
    try:
        change(user, chat)
    except services.ChatImportError as refusal:
        messages.error(request, str(refusal))
        return redirect("chat_import", pk=pk)
    messages.success(request, done)
    return then
