"""The gentle pointer to support after crisis language in a private note.

Shown once, to the writer alone, as a one-time message on the next page they see. Nothing is
stored about it: no field, no flag, no log line, nothing in the API or the export; the partner's
pages are never touched. The message carries no words of the note."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest

from nearer.domain.crisis import mentions_crisis

POINTER = (
    "Thank you for writing that down. If any of it is weighing on you, you don't have to hold "
    "it alone: people are there to listen, any time, in confidence."
)


def point_to_support_if_needed(request: HttpRequest, private_text: str) -> None:
    """After a private note is saved: the pointer, for the person who wrote it, if it reads like
    a crisis (nearer.domain.crisis, approximate by design)."""
    if mentions_crisis(private_text):
        messages.info(request, POINTER, extra_tags="support")
