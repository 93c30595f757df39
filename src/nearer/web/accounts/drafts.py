"""Whose a form's draft is (static/nearer/form-drafts.js).

A draft of a form sent on an ended session waits in the tab while the sign-in page shows. Partners
often share a device: if someone else signs in in that tab, their page must not get the first
person's words. So every signed-in page names its reader by an opaque mark (`data-draft-owner` on
<body>, a keyed hash of the account, nothing anyone can read an id from), the draft carries the
mark of the page it was typed on, and it is put back only on a page with the same mark.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.crypto import salted_hmac


def owner(request: HttpRequest) -> dict[str, str]:
    """The template's `draft_owner`: the reader's mark, or nothing when no one is signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"draft_owner": salted_hmac("nearer.form-drafts", str(user.pk)).hexdigest()[:32]}
