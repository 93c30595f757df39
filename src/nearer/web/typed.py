"""What a person typed into a form that was not saved, to show back to them (the 503 of
failures.py, the refused form of errorpages.csrf_failure): never the CSRF token, never a
secret (a password, a recovery code)."""

from __future__ import annotations

from django.http import HttpRequest

#: Names of fields that say little on their own ("text"), as the form labels them.
LABELS = {"text": "your answer", "note": "private note"}
#: A field whose name holds one of these is a secret, never shown back.
SECRETS = ("password", "recovery")
#: Fields nobody types: what a page sends along (the check-in's revision it was opened on, the
#: day, where to go next), the button that sent it, and choices made by picking (the check-in's
#: emotion words, a chat's people, a time zone). They take a moment to make again.
NOT_TYPED = frozenset(
    {"action", "opened", "day", "next", "chat", "partner", "me", "emotion_words", "time_zone"}
)


def posted_fields(request: HttpRequest) -> list[tuple[str, str]]:
    """What was posted, field by field, without the CSRF token and without any secret."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        for value in values
        if name != "csrfmiddlewaretoken" and not any(s in name.lower() for s in SECRETS)
    ]


def typed_words(request: HttpRequest) -> list[tuple[str, str]]:
    """The posted fields that hold words, each with a name to show: not the choices a form
    makes by ticking or picking (a number on a scale, a box ticked "on", NOT_TYPED)."""
    return [
        (LABELS.get(name, name.replace("_", " ")), value)
        for name, value in posted_fields(request)
        if value.strip() and not value.strip().isdigit() and value != "on" and name not in NOT_TYPED
    ]
