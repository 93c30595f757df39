"""pg_restore's output, line by line: the tables its --list names, what a data-only script
holds, and the --clean script as nearer runs it (postgres.py runs the tools).

In COPY's text format one row is one line (newlines inside values are escaped) and a block ends
with a line holding only `\\.`, so no SQL parser is needed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from nearer.web.backups import access
from nearer.web.backups.contents import server_key_of

TOC_ENTRY = re.compile(rb"^\d+; ")
TOC_TABLE = re.compile(rb"^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) ")
COPY = re.compile(rb"^COPY (\S+) \((.*)\) FROM stdin;$")
END_OF_DATA = b"\\."
#: The line pg_restore's script starts with, which would let a restore wait for ever.
NO_LOCK_TIMEOUT = b"SET lock_timeout = 0;"


def tables_listed(lines: Iterable[bytes]) -> list[str]:
    """The table names in `pg_restore --list` output."""
    return [match[2].decode() for line in lines if (match := TOC_TABLE.match(line))]


@dataclass
class Scanned:
    """What a data-only script holds: rows per table, django_migrations' (app, name) rows, and
    how many values are sealed under each server key id."""

    rows: dict[str, int] = field(default_factory=dict)
    migrations: set[tuple[str, str]] = field(default_factory=set)
    sealed: Counter[str] = field(default_factory=Counter)
    columns: dict[str, frozenset[str]] = field(default_factory=dict)


def scan(lines: Iterable[bytes], sealed_in: Mapping[str, Collection[str]]) -> Scanned:
    """What the data-only script `lines` holds; sealed values are counted in `sealed_in`'s
    columns (by table) only."""
    found = Scanned()
    table: str | None = None
    columns: list[str] = []
    for line in lines:
        line = line.rstrip(b"\r\n")
        if table is None:
            if match := COPY.match(line):
                table = table_of(match[1])
                columns = [column.strip().strip('"') for column in match[2].decode().split(",")]
                found.rows[table] = 0
                found.columns[table] = frozenset(columns)
        elif line == END_OF_DATA:
            table = None
        else:
            found.rows[table] += 1
            if table == "django_migrations" or table in sealed_in:
                fields = dict(zip(columns, line.decode(errors="replace").split("\t"), strict=False))
                note_row(found, table, fields, sealed_in.get(table, ()))
    return found


def note_row(
    found: Scanned, table: str, fields: Mapping[str, str], sealed: Collection[str]
) -> None:
    """Note a migration row, and the server keys of the row's sealed values."""
    if table == "django_migrations":
        found.migrations.add((fields.get("app", ""), fields.get("name", "")))
    for column in sealed:
        key_id = server_key_of(fields.get(column, ""))
        if key_id is not None:
            found.sealed[key_id] += 1


def restoring(lines: Iterable[bytes], limit: bytes) -> Iterator[bytes]:
    """pg_restore's script `lines` as nearer runs it: the lock timeout line `limit` in place of
    the one turning it off, and no rows for the sign-ins and tokens a restore ends (access.py),
    so they are never written, whatever happens after."""
    emptied, skipping, replaced = access.emptied_tables(), False, False
    for line in lines:
        bare = line.rstrip(b"\r\n")
        if skipping:
            skipping = bare != END_OF_DATA
            continue
        if (copy := COPY.match(bare)) and table_of(copy[1]) in emptied:
            skipping = True
            continue
        if not replaced and bare == NO_LOCK_TIMEOUT:
            line, replaced = limit + b"\n", True
        yield line


def table_of(qualified: bytes) -> str:
    """The table name of COPY's `schema.table` (either part may be quoted)."""
    return qualified.decode().rsplit(".", 1)[-1].strip('"')
