"""An uploaded chat export, from the request's body to a started analysis: the steps the import
page and the API share, so that what one refuses the other refuses with the same sentence.

The body must not be read before `private_upload` has put its handler in place: the files then
stream into private files (chats.uploads), never into the system's shared temporary folder. So a
caller checks CSRF inside the `with` block, once the handler is there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.http import HttpRequest

from nearer.chat.clock import localised
from nearer.chat.pair import ChatChoiceError, sent_by, told_apart
from nearer.chat.parsers import archive, parse
from nearer.chat.records import ChatChoiceNeeded, ChatParseError, ParsedChat
from nearer.web.accounts.models import User
from nearer.web.chats import analysis, asked, participants, services, uploads
from nearer.web.chats.models import ChatImport
from nearer.web.couples.services import partner_of

#: The form field of the export's files; `me`, `partner` and `chat` are the other fields read.
FIELD = "export"
#: Room for the form's other fields and the multipart framing, on top of the files' limit.
FRAMING = 64 * 1024

BUSY = (
    "The server is busy analysing other chats. Nothing of this one was kept: please import it "
    "again in a few minutes."
)
TOO_MANY = (
    "That is more files than one import takes. Choose only the chat: the .txt file, or the .zip "
    "just as WhatsApp made it. Nothing of it was kept."
)


@dataclass(frozen=True)
class Answers:
    """What the person answered so far, sent with the export ("" for no answer): the page carries
    every one into its next form, so that choosing the file again with the last answer finishes
    the import."""

    chat: str = ""
    me: str = ""
    partner: str = ""

    @classmethod
    def of(cls, request: HttpRequest) -> Answers:
        """The request's answers. Reads the body: only inside `private_upload`'s block."""
        return cls(*(request.POST.get(name, "") for name in ("chat", "me", "partner")))


class Refused(Exception):
    """The export was not taken, and nothing of it was kept. The message is a sentence for the
    person; `status` is 400, or 413 when the export is too large; `field` names the form field at
    fault, if one is; `choices` lists what it may be when the person must choose (the chats of a
    full Telegram export for `chat`, the chat's names for `me` and `partner`); `choice` is who
    is known to be who, when a name given was wrong; `given`, the answers sent with the export
    (none when the body was not read)."""

    def __init__(
        self,
        problem: str,
        *,
        status: int = 400,
        field: str | None = None,
        choices: tuple[str, ...] = (),
        choice: participants.Choice | None = None,
    ) -> None:
        super().__init__(problem)
        self.status, self.field, self.choices, self.choice = status, field, choices, choice
        self.given = Answers()


def limit_mb() -> int:
    return int(settings.CHAT_UPLOAD_MAX_BYTES) // (1024 * 1024)


def too_large() -> Refused:
    problem = (
        f"This export is larger than {limit_mb()} MB, the most this server accepts (a zip counts "
        "as the chat inside it, unpacked). Nothing of it was kept. A WhatsApp export without "
        "media is much smaller: choose “Without media”."
    )
    return Refused(problem, status=413, field=FIELD)


def too_long() -> Refused:
    """Form fields past Django's DATA_UPLOAD_MAX_MEMORY_SIZE together. Django does not say which
    field passed it, so neither can this."""
    kb = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) // 1024
    return Refused(
        f"A form field is too long: the form's fields take at most {kb} KB together (a name, "
        "say, is a line). Nothing of it was kept."
    )


@contextmanager
def private_upload(request: HttpRequest) -> Iterator[uploads.PrivateUpload]:
    """Put the private upload handler in place for the body read inside the block, and delete
    every file it wrote when the block ends, whatever happened. Refused (413) before a byte is
    read when the request says it is over the limit, (400) for more files than one import takes,
    and (400) for form fields too long."""
    limit = int(settings.CHAT_UPLOAD_MAX_BYTES)
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit + FRAMING:
        raise too_large()
    handler = uploads.PrivateUpload(request, limit)
    request.upload_handlers = [handler]
    try:
        yield handler
    except TooManyFilesSent:
        raise Refused(TOO_MANY, field=FIELD) from None
    except RequestDataTooBig:
        raise too_long() from None
    finally:
        handler.discard()  # the file is gone before the response leaves


def take(
    request: HttpRequest, user: User, handler: uploads.PrivateUpload
) -> ChatImport | participants.Choice:
    """Read the export of the request's body and start its analysis: the new import, or the
    Choice of people to ask about when it is not yet known who of the chat is who (nothing is
    kept meanwhile; the export is sent again with `me` and `partner`). Raises Refused, carrying
    the answers given."""
    given = Answers.of(request)
    try:
        return start(given, user, parsed(request, user, handler))
    except Refused as refusal:
        refusal.given = given
        raise


def parsed(request: HttpRequest, user: User, handler: uploads.PrivateUpload) -> ParsedChat:
    """The chat of the uploaded files, which are deleted at once: the analysis works on the
    parsed table in memory. Raises Refused: no couple space for two, closed to chat analysis, no
    file, too large (unpacked too), earlier imports still analysed (429) or a full queue (503),
    unreadable (naming the file and line), or an export of several chats (a full Telegram
    export, Discord channels…) whose chat must be chosen."""
    uploads.sweep_files()
    analysis.fail_stale()
    received = request.FILES.getlist(FIELD)
    try:
        if handler.too_large:
            raise too_large()
        services.space_for(user)
        services.ensure_room(user)
        if analysis.busy():
            raise Refused(BUSY, status=503)
        if not received:
            raise Refused("Choose your chat export first.", field=FIELD)
        files = uploads.read(received)
        if archive.unpacked_size(files) > int(settings.CHAT_UPLOAD_MAX_BYTES):
            raise too_large()
        return parse(files, chat=request.POST.get("chat") or None)
    except services.ChatImportError as refusal:
        raise _refused(refusal) from None
    except ChatChoiceNeeded as several:
        raise Refused(str(several), field="chat", choices=several.choices) from None
    except ChatParseError as unreadable:
        raise Refused(_unreadable(unreadable), field=FIELD) from None
    finally:
        handler.discard()


def start(given: Answers, user: User, chat: ParsedChat) -> ChatImport | participants.Choice:
    """Create the import and start its analysis once the two people are known (`me` and
    `partner` given, else the uploader's display name); the Choice to ask about otherwise.
    Raises Refused when the chat is not two people's, when one of the two is a name of several
    people the export writes alike (pair.told_apart: before the choice when the chat has at
    most two names), and when a name given is not one of the chat's or both are the same, naming the
    field to send again with its choices."""
    # what namesakes sent, as the CLI lists them: the export's ids, first and last days on her clock
    sent = sent_by(localised(chat, user.time_zone)[0].messages, chat.ids)
    people = chat.participants
    try:
        told_apart(people if len(people) <= 2 else (), chat.alike, people)
        partner = partner_of(user)
        choice = participants.choose(
            people, given.me, given.partner, user.display_name, sent, partner_name=_name(partner)
        )
        told_apart(choice.pair or (), chat.alike, people)
    except participants.WrongName as wrong:
        choices = wrong.choice.choices_for(wrong.field)
        problem = _sentence(str(wrong))
        raise Refused(problem, field=wrong.field, choices=choices, choice=wrong.choice) from None
    except ChatChoiceError as problem:
        raise Refused(_sentence(str(problem))) from None
    if choice.pair is None:
        return choice
    try:
        created: ChatImport = services.create(user, asked.of(chat, choice.pair, user.time_zone))
    except services.ChatImportError as refusal:  # changed while the export was read
        raise _refused(refusal) from None
    analysis.start(created.pk, chat, choice.pair, user.time_zone)
    return created


def _name(someone: User | None) -> str:
    return someone.display_name if someone is not None else ""


def _refused(refusal: services.ChatImportError) -> Refused:
    pending = isinstance(refusal, services.ChatImportsPending)
    return Refused(str(refusal), status=429 if pending else 400)


def _unreadable(error: ChatParseError) -> str:
    return f"nearer could not read this export ({error}). Nothing of it was kept."


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
