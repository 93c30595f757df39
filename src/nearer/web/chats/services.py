"""The rules of a chat import: who may start one, who may see what, agreeing and withdrawing.

Consent: uploading is the uploader's agreement; the partner agrees on the import page. Nobody,
the uploader included, sees the result before both have agreed: the chat is both of theirs. Only
while both are still partners in the couple space it was imported into is it shown. Either may
withdraw at any time, before or after agreeing; withdrawing deletes the stored aggregates and
leaves a note saying who withdrew it.

Safety: chat analysis is open to a person while their own private safety check is clear and
their partner has taken theirs (`open_for`). What the partner's check said never changes what a
person sees: when one of them raises a concern, everything closes for that person alone (no
importing, agreeing or result; the same neutral sentence, CLOSED), while the other's pages stay
as they were, an import of theirs waiting for an agreement that is not asked for. A result or an
import page that closed for the other partner the moment a concern was raised would tell them
that their partner's check had changed.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from nearer.chat import wording
from nearer.chat.report import Report
from nearer.web.accounts.models import User
from nearer.web.assessments.services import has_screened, own_gate
from nearer.web.audit.events import record
from nearer.web.chats import analysis, stored
from nearer.web.chats.asked import Asked
from nearer.web.chats.models import ChatImport
from nearer.web.couples.models import Couple
from nearer.web.couples.services import couple_of, partner_of
from nearer.web.vault.fields import is_locked

CLOSED = (
    "Chat import is closed in this couple space for now. It opens once each of you has taken the "
    "private safety check, and only while it suits you both; nearer never says more than this "
    "about anyone's check."
)

#: How a result is to be read, given with it wherever it leaves the page (the API).
READING = wording.READING


#: Imports one person may have waiting for analysis at once (each holds its chat in memory).
PENDING_PER_PERSON = 2
STILL_ANALYSING = (
    "Your last chat imports are still being analysed. Nothing of this one was kept: import it "
    "again once they are ready, in a minute or two."
)


class ChatImportError(Exception):
    """A rule stopped the change; the message is shown to the person as is."""


class ChatImportsPending(ChatImportError):
    """`user` has PENDING_PER_PERSON imports queued or analysing already (STILL_ANALYSING)."""

    def __init__(self) -> None:
        super().__init__(STILL_ANALYSING)


class ChatImportClosed(ChatImportError):
    """The couple's safety gate is closed (CLOSED)."""

    def __init__(self) -> None:
        super().__init__(CLOSED)


def space_for(user: User) -> tuple[Couple, User]:
    """The couple space and partner an import by `user` is for; both partners must be there."""
    couple = couple_of(user)
    if couple is None:
        raise ChatImportError("Create your couple space first: a chat import is for two.")
    partner = partner_of(user)
    if partner is None:
        raise ChatImportError(
            "Invite your partner first: the result is shown only once you have both agreed."
        )
    if not open_for(user, couple):
        raise ChatImportClosed
    return couple, partner


def open_for(user: User, couple: Couple) -> bool:
    """Chat analysis is open to `user` in `couple`: their own check is clear and every other
    partner has finished theirs, whatever it said (see the module's Safety paragraph)."""
    others = [m.user for m in couple.active_members() if m.user_id != user.pk]
    return own_gate(user).clear and all(has_screened(other) for other in others)


def ensure_room(user: User) -> None:
    """Raise ChatImportsPending when `user`'s earlier imports fill their share of the queue:
    those queued or analysing, and those withdrawn whose thread here has not yet let go."""
    waiting = Q(status__in=(ChatImport.QUEUED, ChatImport.ANALYSING)) | Q(pk__in=analysis.held())
    if ChatImport.objects.filter(waiting, uploader=user).count() >= PENDING_PER_PERSON:
        raise ChatImportsPending


@transaction.atomic
def create(user: User, asked: Asked | None = None) -> ChatImport:
    """A new import by `user` for their couple space; uploading is their agreement. `asked` is
    what the partner is asked to agree to (chats.asked)."""
    couple, partner = space_for(user)
    User.objects.select_for_update().filter(pk=user.pk).first()  # one import at a time each
    ensure_room(user)
    chat: ChatImport = ChatImport.objects.create(
        couple=couple, uploader=user, partner=partner, asked=asked.kept() if asked else None
    )
    record(user, "sharing_changed", chat_import=chat.pk, change="chat imported")
    return chat


def imports_for(user: User) -> QuerySet[ChatImport]:
    """Every import `user` is one of the two people of, newest first."""
    return ChatImport.objects.filter(Q(uploader=user) | Q(partner=user)).select_related(
        "uploader", "partner", "withdrawn_by"
    )


def waiting_for(user: User) -> QuerySet[ChatImport]:
    """Imports that wait for `user`'s agreement (the neutral notice on their pages): imported
    into the couple space they are in now, by someone still in it; none while that space is
    closed to them. While one of the two is away from the space, their import asks nothing of
    anyone; should they rejoin it, it waits again (as its result shows again once both agreed)."""
    couple = couple_of(user)
    if couple is None or not open_for(user, couple):
        return ChatImport.objects.none()
    members = [member.user_id for member in couple.active_members()]
    return (
        imports_for(user)
        .filter(partner=user, partner_agreed_at__isnull=True, couple=couple)
        .filter(uploader_id__in=members)
        .exclude(status__in=(ChatImport.WITHDRAWN, ChatImport.FAILED))
    )


def both_agreed(chat: ChatImport) -> bool:
    return chat.partner_agreed_at is not None and chat.status != ChatImport.WITHDRAWN


def still_together(chat: ChatImport) -> bool:
    """Both people are still active partners in the couple space it was imported into."""
    members = {m.user_id for m in chat.couple.active_members()}
    return {chat.uploader_id, chat.partner_id} <= members


def is_open_for(viewer: User, chat: ChatImport) -> bool:
    """Its couple space is open to chat analysis for `viewer` (see `open_for`). Once one of the
    two has left it, only the viewer's own check counts: who is in the space now, and whether
    they have taken their check, is none of an earlier partner's business. Apart, nothing of the
    result is shown anyway, only that it is not: closed only by a concern raised since."""
    if not still_together(chat):
        return not own_gate(viewer).concern
    return open_for(viewer, chat.couple)


def visible_to(viewer: User, chat: ChatImport) -> bool:
    """The result may be shown to `viewer`, one of the two: analysed, both agreed, still
    together, and open to them."""
    return (
        chat.status == ChatImport.READY
        and both_agreed(chat)
        and still_together(chat)
        and is_open_for(viewer, chat)
    )


def report_for(viewer: User, chat: ChatImport) -> Report | None:
    """The result as `viewer` sees it, themselves as "You" and first; None unless visible to
    them."""
    if not visible_to(viewer, chat):
        return None
    role = stored.UPLOADER if viewer.pk == chat.uploader_id else stored.PARTNER
    return stored.load(chat.report or {}, labels(viewer, chat), role)


def may_agree(user: User, chat: ChatImport) -> bool:
    return (
        user.pk == chat.partner_id
        and chat.partner_agreed_at is None
        and chat.status in (ChatImport.QUEUED, ChatImport.ANALYSING, ChatImport.READY)
        and still_together(chat)
        and is_open_for(user, chat)
    )


@transaction.atomic
def agree(user: User, chat: ChatImport) -> None:
    if not is_open_for(user, chat):
        raise ChatImportClosed
    if not may_agree(user, chat):
        raise ChatImportError("There is nothing here for you to agree to.")
    agreed = ChatImport.objects.filter(pk=chat.pk, partner_agreed_at__isnull=True).update(
        partner_agreed_at=timezone.now(), asked=None
    )
    if agreed:  # a second press (two tabs, a double submit) changes nothing and says nothing
        record(user, "sharing_changed", chat_import=chat.pk, change="chat result shared")


@transaction.atomic
def withdraw(user: User, chat: ChatImport) -> None:
    """Withdraw the import: its aggregates are deleted at once; a note says who withdrew it."""
    if chat.status == ChatImport.WITHDRAWN:
        raise ChatImportError("This chat import was already withdrawn.")
    ChatImport.objects.filter(pk=chat.pk).update(
        status=ChatImport.WITHDRAWN,
        report=None,
        asked=None,
        problem="",
        withdrawn_by=user,
        updated_at=timezone.now(),
    )
    record(user, "sharing_changed", chat_import=chat.pk, change="chat withdrawn")


def asked_of(viewer: User, chat: ChatImport) -> Asked | None:
    """What the partner is asked to agree to, for either of the two while it waits for the
    partner's answer (the uploader sees what they chose), as the import page shows it: not once
    answered, failed or withdrawn, nor while the two are apart or it is closed to `viewer`.
    None too for an import from before nearer kept it, or one the server's key cannot open."""
    waiting = chat.status in (ChatImport.QUEUED, ChatImport.ANALYSING, ChatImport.READY)
    if not waiting or chat.partner_agreed_at is not None or not chat.asked:
        return None
    if is_locked(chat.asked) or not still_together(chat) or not is_open_for(viewer, chat):
        return None
    return Asked.from_kept(chat.asked)


def labels(viewer: User, chat: ChatImport) -> dict[str, str]:
    """How the two roles are named for `viewer`: "You" and the other person's display name."""
    other = chat.partner if viewer.pk == chat.uploader_id else chat.uploader
    mine = "uploader" if viewer.pk == chat.uploader_id else "partner"
    theirs = "partner" if mine == "uploader" else "uploader"
    return {mine: "You", theirs: str(other.display_name or "Your partner")}


def for_export(user: User) -> list[dict[str, object]]:
    """`user`'s chat imports for "export my data": when, which side they were on, agreement and
    status; the aggregates only where the result is visible (both agreed, still together), as
    the page would show them — never the partner's view before they agreed, never names."""
    rows: list[dict[str, object]] = []
    for chat in imports_for(user).select_related("couple"):
        rows.append(
            {
                "id": chat.pk,
                "role": "uploader" if chat.uploader_id == user.pk else "partner",
                "status": chat.status,
                "created_at": chat.created_at.isoformat(),
                "uploader_agreed_at": chat.uploader_agreed_at.isoformat(),
                "partner_agreed_at": chat.partner_agreed_at.isoformat()
                if chat.partner_agreed_at
                else None,
                "withdrawn_by_you": chat.withdrawn_by_id == user.pk
                if chat.status == ChatImport.WITHDRAWN
                else None,
                "report": stored.as_kept_now(chat.report or {}) if visible_to(user, chat) else None,
            }
        )
    return rows
