"""The gentle pointer to support after crisis language in what someone writes: a check-in, the
day's answer, a one-line reply to the partner's answer.

All of the writer's own text is read: the note, and the appreciation and the need whether kept
private or shared (someone who writes "I want to kill myself" as a need for their partner to
read needs the pointer no less), and the day's answer and reply, which are written for the
partner. In the browser the pointer is shown where the writer is: a one-time message on the page
a form sends them to, or in the fragment that answers an htmx request (a message would wait
there for some later, unrelated page). In the API it is the `support` field of the answer to
their own save, and nowhere else. The private safety check is then offered again to its writer
at once (safety.reminders.offer_again, as after an imported chat's alarming words: a time, no
reason), so what the text says can reach the plan through the person's own answers; nothing else
is stored about it: no flag, no log line, nothing in the export; the partner's pages are never
touched. The pointer carries no words of the text."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.utils import timezone

from nearer.domain.crisis import mentions_crisis
from nearer.web.daily.models import CheckIn
from nearer.web.safety.reminders import offer_again

POINTER = (
    "Thank you for writing that down. If any of it is weighing on you, you don't have to hold "
    "it alone: people are there to listen, any time, in confidence."
)


def pointer_for(checkin: CheckIn) -> str | None:
    """The pointer when the check-in's text, shared or not, reads like a crisis: as
    pointer_for_text."""
    return pointer_for_text(checkin.user_id, checkin.note, checkin.appreciation, checkin.need)


def pointer_for_text(writer_id: int, *written: str) -> str | None:
    """The pointer when any of `written`, saved just now by the person `writer_id`, reads like a
    crisis (nearer.domain.crisis, approximate by design), with the private check offered again
    to that writer; None otherwise. Only the writer is told; the partner's pages are never
    touched."""
    if not any(text and mentions_crisis(text) for text in written):
        return None
    offer_again([writer_id], timezone.now())
    return POINTER


def point_to_support_if_needed(request: HttpRequest, checkin: CheckIn) -> None:
    """After a check-in is saved: the pointer, as a one-time message for its writer, if due."""
    say_on_next_page(request, pointer_for(checkin))


def say_on_next_page(request: HttpRequest, pointer: str | None) -> None:
    """`pointer` (pointer_for_text), if any, as a one-time message on the page the writer is
    sent to next: only before a redirect (for htmx too, whose page then goes there whole:
    htmx_redirects), never beside a fragment, which must show it itself."""
    if pointer:
        messages.info(request, pointer, extra_tags="support")
