"""The chat import pages. Each reads top to bottom: fetch with permission, guard, change, respond.
Who may see what is decided in chats.services; the upload's steps, shared with the API, in
chats.receive; the file's life on disk in chats.uploads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRefresh

from nearer.chat.render_html import render_sections
from nearer.content.loader import default_content
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.chats import analysis, participants, receive, services, stored, uploads
from nearer.web.chats.models import ChatImport
from nearer.web.rendering import page


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_safe
def chats(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    analysis.fail_stale()
    return _chats_page(request, user)


def _chats_page(
    request: HttpRequest,
    user: User,
    *,
    problem: str | None = None,
    problem_field: str | None = None,
    choice: participants.Choice | None = None,
    chats_held: tuple[str, ...] = (),
    given: receive.Answers | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page; after an upload, its form asks what is still missing (`choice`, the chat of
    `chats_held`) and carries the answers `given` so far. `problem_field` ties `problem` to
    the field the form shows for it ("me" or "partner"); otherwise it heads the form."""
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
        "problem_field": problem_field,
        "choice": choice,
        "chats_held": chats_held,
        "given": given or receive.Answers(),
        "limit_mb": receive.limit_mb(),
    }
    return page(request, "chats/chats.html", context, status=status)


@login_required
@csrf_exempt  # the CSRF check runs in _receive, after our upload handler is in place
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    try:
        with receive.private_upload(request) as handler:
            return _receive(request, user, handler)
    except receive.Refused as refusal:
        return _chats_page(
            request,
            user,
            problem=str(refusal),
            problem_field=_shown_field(refusal),
            choice=refusal.choice,
            chats_held=refusal.choices if refusal.field == "chat" else (),
            given=refusal.given,
            status=refusal.status,
        )


@csrf_protect
def _receive(request: HttpRequest, user: User, handler: uploads.PrivateUpload) -> HttpResponse:
    taken = receive.take(request, user, handler)
    if isinstance(taken, participants.Choice):  # asks, then the export comes again
        return _chats_page(request, user, choice=taken, given=receive.Answers.of(request))
    return redirect("chat_import", pk=taken.pk)


def _shown_field(refusal: receive.Refused) -> str | None:
    """The field of the refusal when the page's next form shows it to tie the problem to: `me`
    always (a text box, or the choice), `partner` in the choice."""
    if refusal.field == "me" or (refusal.field == "partner" and refusal.choice is not None):
        return refusal.field
    return None


@login_required
@require_safe
def chat_import(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    chat = access.chat_import_for(user, pk)
    analysis.fail_stale()
    chat.refresh_from_db()
    report_html, summary, time_zone = None, None, None
    report = services.report_for(user, chat)
    if report is not None:
        # render_html escapes every piece of text; the labels are account names, not chat text.
        content = default_content()
        offered = replace(content, practices=tuple(stored.suggestions()))
        report_html = mark_safe(render_sections(report, offered))
        summary, time_zone = report.summary, report.time_zone
        if request.htmx:
            return HttpResponseClientRefresh()  # the poll found the result: show the whole page
    context = {
        "chat": chat,
        "mine": user.pk == chat.uploader_id,
        "other": chat.partner if user.pk == chat.uploader_id else chat.uploader,
        "may_agree": services.may_agree(user, chat),
        "asked": services.asked_of(user, chat),
        "both_agreed": services.both_agreed(chat),
        "together": services.still_together(chat),
        "closed": services.CLOSED if not services.is_open_for(user, chat) else None,
        "working": chat.status in (ChatImport.QUEUED, ChatImport.ANALYSING),
        "report_html": report_html,
        "summary": summary,
        "time_zone": time_zone,
        "warnings": report.warnings if report else (),  # in nearer's own words (stored.load)
    }
    return page(request, "chats/import.html", context, fragment="state")


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
