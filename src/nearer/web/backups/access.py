"""What a restore does to the ways into accounts: it never silently gives back access.

A backup holds the sign-ins, API tokens and password hashes of its day. Ending a session,
revoking a token or changing a password after it (docs/security.md's advice when a partner has
unwanted access) would be undone by restoring it, so after every restore nearer ends every
sign-in (their rows and Django's session data) and revokes every API token (with its wrap of
its owner's key). Everyone signs in again with a password.

Passwords are the backup's: each account's data key is wrapped under its password
(vault/models.py), so keeping a newer password hash would lock its owner out of their private
text. The restore counts the accounts whose password changed since the backup instead, so the
person restoring can tell them to change it again; never which accounts, in any output or log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction

from nearer.web.api.models import Token
from nearer.web.security.models import SignIn
from nearer.web.vault.models import TokenWrap

#: Emptied after a restore, in this order (a token's wrap points at the token).
WAYS_IN = (TokenWrap, Token, SignIn, Session)


@dataclass(frozen=True)
class Ended:
    """What a restore took back: sign-ins ended, API tokens revoked, and accounts whose password
    is the backup's again (changed since the backup)."""

    sign_ins: int = 0
    tokens: int = 0
    passwords: int = 0


def passwords(connection: Any) -> dict[int, str]:
    """Each account's password hash, by id; none where the database has no accounts table yet."""
    table = get_user_model()._meta.db_table
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return {}
        cursor.execute(f"SELECT id, password FROM {connection.ops.quote_name(table)}")
        return {int(pk): str(hashed) for pk, hashed in cursor.fetchall()}


def emptied_tables() -> frozenset[str]:
    """The tables of WAYS_IN, which a restore loads empty: their rows in a backup are never
    written (postgres.py and sqlite.py leave them out of the load), so no failure after the load
    can leave a revoked token working."""
    return frozenset(model._meta.db_table for model in WAYS_IN)


def end_access(connection: Any, before: Mapping[int, str], backed_up: Mapping[str, int]) -> Ended:
    """End every sign-in and revoke every API token in the restored database, in one
    transaction (the load has left them out already; this also empties what it could not
    see); count the sign-ins and tokens `backed_up` (rows by table) held, and the accounts
    whose password hash differs from `before`'s. The passwords are read in the same
    transaction: a lock that holds that read up past a timeout leaves every sign-in as it was,
    which is what the restore then says, and a second try counts them all again."""
    counts: dict[type, int] = {}
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in WAYS_IN:
            if model._meta.db_table in tables:  # a backup of an older nearer may lack one
                name = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {name}")
                counts[model] = max(cursor.rowcount, 0)
        after = passwords(connection)
    changed = sum(1 for pk, hashed in after.items() if pk in before and before[pk] != hashed)
    sign_ins = max(counts.get(SignIn, 0), backed_up.get(SignIn._meta.db_table, 0))
    tokens = max(counts.get(Token, 0), backed_up.get(Token._meta.db_table, 0))
    return Ended(sign_ins, tokens, changed)
