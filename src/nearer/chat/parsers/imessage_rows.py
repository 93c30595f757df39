"""The raw rows of a Messages database (parsers/imessage.py): one SELECT over the message
table, asking only for the columns and tables this database's version has (NULL, or false, for
the others), fetched into a polars frame in batches. Yes/no facts come packed as bits into one
`flags` column, read back by `flag`.
"""

from __future__ import annotations

import sqlite3

import polars as pl

#: Above this a date is in nanoseconds: 1e11 seconds would be the year 5170.
_DATE = "CAST(m.date AS INTEGER)"
_MICROS = (
    f"CASE WHEN {_DATE} NOT BETWEEN -99999999999 AND 99999999999"
    f" THEN {_DATE} / 1000 ELSE {_DATE} * 1000000 END"
)
_BATCH = 20_000
#: (name, dtype, SQL over message m, the message column it needs: NULL when that is absent)
_FIELDS: tuple[tuple[str, pl.DataType, str, str], ...] = (
    ("rowid", pl.Int64(), "m.ROWID", "rowid"),
    ("guid", pl.String(), "CAST(m.guid AS TEXT)", "guid"),
    ("text", pl.String(), "CAST(m.text AS TEXT)", "text"),
    (
        "body",
        pl.Binary(),
        "IIF(m.text IS NULL, CAST(m.attributedBody AS BLOB), NULL)",
        "attributedbody",
    ),
    ("micros", pl.Int64(), _MICROS, "date"),
    ("item", pl.Int64(), "CAST(m.item_type AS INTEGER)", "item_type"),
    ("action", pl.Int64(), "CAST(m.group_action_type AS INTEGER)", "group_action_type"),
    ("title", pl.String(), "CAST(m.group_title AS TEXT)", "group_title"),
    (
        "tapback",
        pl.Int64(),
        "CAST(m.associated_message_type AS INTEGER)",
        "associated_message_type",
    ),
    ("target", pl.String(), "CAST(m.associated_message_guid AS TEXT)", "associated_message_guid"),
    ("emoji", pl.String(), "CAST(m.associated_message_emoji AS TEXT)", "associated_message_emoji"),
    ("reply_to", pl.String(), "CAST(m.thread_originator_guid AS TEXT)", "thread_originator_guid"),
    ("author", pl.String(), "CAST(h.id AS TEXT)", "handle_id"),  # phone number or e-mail
    ("other", pl.String(), "CAST(o.id AS TEXT)", "other_handle"),  # whom a group action names
)
#: A link sent with a rich preview: Messages draws it as this balloon and keeps the preview as
#: an attachment named "<UUID>.pluginPayloadAttachment" (as it keeps an app balloon's data), so
#: the message's attachments, its cache flag included, say nothing about a file the person sent.
_LINK_BALLOON = "com.apple.messages.URLBalloonProvider"
_PAYLOAD_NAME = "'%.pluginPayloadAttachment'"  # SQLite's LIKE ignores ASCII case
#: Yes/no facts, packed as bits into one `flags` column: fewer Python objects per row.
#: (name, SQL over message m, the message column or table it needs: false when absent).
#: `{payload}` stands for whether attachment join row a is a plugin payload (`_payload`).
_FLAGS = (
    ("from_me", "CAST(m.is_from_me AS INTEGER) != 0", "is_from_me"),
    ("edited", "CAST(m.date_edited AS INTEGER) != 0", "date_edited"),
    ("retracted", "CAST(m.date_retracted AS INTEGER) != 0", "date_retracted"),
    ("balloon", "m.balloon_bundle_id IS NOT NULL", "balloon_bundle_id"),
    ("link", f"m.balloon_bundle_id = '{_LINK_BALLOON}'", "balloon_bundle_id"),
    ("cached", "CAST(m.cache_has_attachments AS INTEGER) != 0", "cache_has_attachments"),
    (
        "joined",
        "EXISTS (SELECT 1 FROM message_attachment_join a WHERE a.message_id = m.ROWID)",
        "message_attachment_join",
    ),
    (
        "file",  # an attachment that is not a plugin payload: a photo, a voice note, a file
        "EXISTS (SELECT 1 FROM message_attachment_join a WHERE a.message_id = m.ROWID"
        " AND NOT {payload})",
        "message_attachment_join",
    ),
)


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def select(present: set[str]) -> str:
    """The SELECT of `_FIELDS` and `flags`; `present` names the columns and tables there are
    (an attachment column as "attachment.<name>")."""
    fields = [sql if needed in present else "NULL" for _, _, sql, needed in _FIELDS]
    payload = _payload(present)
    bits = [
        f"(COALESCE({sql.format(payload=payload)}, 0) << {bit})"
        for bit, (_, sql, needed) in enumerate(_FLAGS)
        if needed in present
    ]
    sql = f"SELECT {', '.join(fields)}, {' | '.join(bits) or '0'} FROM message m"
    if "handle_id" in present:
        sql += " LEFT JOIN handle h ON h.ROWID = m.handle_id"
    if "other_handle" in present:
        sql += " LEFT JOIN handle o ON o.ROWID = m.other_handle"
    return sql


def _payload(present: set[str]) -> str:
    """SQL: whether attachment join row `a` points at a plugin payload, by its file name or
    transfer name; never, when the attachment table names no files."""
    names = [
        f"t.{column} LIKE {_PAYLOAD_NAME}"
        for column in ("filename", "transfer_name")
        if f"attachment.{column}" in present
    ]
    if not names:
        return "0"
    where = " OR ".join(names)
    return f"EXISTS (SELECT 1 FROM attachment t WHERE t.ROWID = a.attachment_id AND ({where}))"


def fetch(db: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> pl.DataFrame:
    """The selected rows as a frame; text is decoded strictly, and leniently if that fails."""
    try:
        return _frame(db.execute(sql, params))
    except sqlite3.OperationalError:  # invalid UTF-8 somewhere: decode all text leniently
        db.text_factory = _text
        return _frame(db.execute(sql, params))


def _frame(cursor: sqlite3.Cursor) -> pl.DataFrame:
    schema = {name: dtype for name, dtype, _, _ in _FIELDS} | {"flags": pl.Int64()}
    frames = [pl.DataFrame(schema=schema)]
    while batch := cursor.fetchmany(_BATCH):  # batches bound the Python objects alive at once
        frames.append(pl.DataFrame(batch, schema=schema, orient="row"))
    return pl.concat(frames, rechunk=False)


def flag(name: str) -> pl.Expr:
    bit = next(bit for bit, (flag, _, _) in enumerate(_FLAGS) if flag == name)
    return (pl.col("flags") & (1 << bit)) != 0
