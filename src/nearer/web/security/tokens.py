"""Ending access by personal API token: one token, or every token of a person at once.

A token outlives every session and the password it was made behind, so it is the way someone
who once knew the password could go on reading. Changing the password, resetting it by email and
"sign out everywhere else" therefore revoke all of a person's tokens (`revoke_all`), and the
sessions page lists them with a button each (`revoke`). Deleting a token deletes its wrap of the
data key with it (the wrap's foreign key cascades), so nothing it unlocked outlives it. Making
and checking tokens is the API's business (`nearer.web.api.tokens`); this module is below it, so
the browser's pages need not import the API.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet

from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.api.models import Token
from nearer.web.audit.events import record


def tokens_of(user: AbstractBaseUser) -> QuerySet[Token]:
    """`user`'s live tokens, newest first."""
    return Token.objects.filter(user_id=user.pk)


@transaction.atomic
def revoke(user: User, token_id: int) -> None:
    """Delete one of `user`'s own tokens and log it; anyone else's, or none, is a 404."""
    access.token_for(user, token_id).delete()
    record(user, "token_revoked", token=token_id)


@transaction.atomic
def revoke_all(user: AbstractBaseUser) -> list[int]:
    """Delete every token of `user`, each logged as `token_revoked`; the ids revoked."""
    revoked = list(tokens_of(user).order_by("pk").values_list("pk", flat=True))
    Token.objects.filter(pk__in=revoked).delete()
    for token_id in revoked:
        record(user, "token_revoked", token=token_id)
    return revoked
