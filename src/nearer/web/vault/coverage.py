"""Whether the key file holds every server key that the database's sealed values are under.

A key file that is missing, or that another file has replaced, must not be answered with a fresh
key: the values sealed under the old key would stay unreadable, new ones would go under a key the
person's copy of the file does not hold, and `nearer keys rotate` could never finish. So the
commands that would make the file (`nearer serve`, `nearer keys rotate`) check first, and stop with
one line naming the file and the key it lacks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections

from nearer.web.vault import crypto, keyfile, services


class KeysMissing(ImproperlyConfigured):
    """Values are sealed under server keys the key file does not hold; nothing was changed."""


def unheld(held: Collection[str], using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Server key ids that sealed values are under but `held` lacks, with how many values each.

    Tables and columns that migrations have not made yet hold nothing and are skipped, so this
    works on a new or an older database before `migrate`.
    """
    prefix = f"{crypto.PREFIX}{crypto.SERVER}:"
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        columns = {
            table: {
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            }
            for table in {model._meta.db_table for model, _ in services.sealed_fields()}
            if table in tables
        }
    found: Counter[str] = Counter()
    for model, field in services.sealed_fields():
        if field.column not in columns.get(model._meta.db_table, ()):
            continue
        rows = model._default_manager.using(using).filter(**{f"{field.name}__startswith": prefix})
        for key_id in held:
            rows = rows.exclude(**{f"{field.name}__startswith": f"{prefix}{key_id}:"})
        for value in rows.values_list(field.name, flat=True).iterator(chunk_size=2000):
            found[str(value).split(":", 3)[2]] += 1
    return dict(found)


def check(using: str = DEFAULT_DB_ALIAS) -> None:
    """KeysMissing, in one line, when the key file is missing while values are sealed under a
    server key, or does not hold every key they are under."""
    keys = keyfile.existing()
    lacking = unheld(keys.keys if keys else (), using)
    if not lacking:
        return
    count = sum(lacking.values())
    ids = ", ".join(sorted(lacking, key=lambda key_id: (-lacking[key_id], key_id)))
    key = f"key {ids}" if len(lacking) == 1 else f"keys {ids}"
    values = "1 value is" if count == 1 else f"{count:,} values are"
    where = keyfile.path()
    if keys is None:
        raise KeysMissing(
            f"the key file {where} is missing, and {values} sealed under {key}; put your copy "
            "of the key file back (or set NEARER_KEY_FILE to where it is); nothing was changed"
        )
    raise KeysMissing(
        f"the key file {where} does not hold {key}, under which {values} sealed; put back the "
        "key file that does (or set NEARER_KEY_FILE to it); nothing was changed"
    )
