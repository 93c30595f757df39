"""Who wrote a WhatsApp line and what it is: the author split and the kind of each message.

After the header comes `Author: body`, or, for a system line, just the system text (Android,
old iOS). Recent iOS exports put a name in front of system text as well, so a body is always
checked against the phrase catalogue (`whatsapp_phrases`) before it counts as words someone
wrote. Everything here works on whole columns: one Rust regex (polars) first picks the few rows
that can be anything but plain text, and only those are examined further.

An action such as "Boris created group" under Boris's name is a system line of Boris's; the same
sentence under someone else's name is taken as their words unless the line carries iOS's
system mark (U+200E before the bracket or the body). Fixed notices (encryption, security code)
are system lines whoever they are attributed to.

Files exported with the chat are media in any language: WhatsApp names them itself
(`00000042-PHOTO-….jpg`, `IMG-…-WA0001.jpg`), so a whole tag or file line of that shape is media
whatever the words around the name (`<вложение: …>`, `(файл прикреплён)`). The rest of an
uncatalogued language cannot be read, and iOS's mark alone does not make a line WhatsApp's:
people's own messages start with it too (WhatsR's English and German samples have four each).
So a marked line no phrase explains stays text, and `unexplained_marks` warns when such lines
outnumber the ones the catalogue's wording did explain: the sign of an export in a language
nearer does not know, whose notices, media, deletions and calls were all counted as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from re import Pattern

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.parsers.whatsapp_header import MARK_CHARS, MARKS
from nearer.chat.parsers.whatsapp_phrases import (
    ACTOR,
    ANY_ATTACHED,
    ANY_TAG,
    CATALOGUE,
    DOCUMENT,
    PLACEHOLDER,
    VENUE,
)
from nearer.chat.sender_names import sender_names

_QUOTES = '"“”„«»'
_BLANK = MARK_CHARS + " \t\n"  # trimmed off a caption written before iOS's tag
#: Every word that names the exporting person as an actor ("You added Ana").
YOU = sorted({word for phrases in CATALOGUE for word in phrases.you})


def _union(groups: Iterable[tuple[Pattern[str], ...]]) -> str:
    return "|".join(pattern.pattern for group in groups for pattern in group)


def _whole(field: str) -> str:
    return f"^{MARKS}*(?:{_union(getattr(p, field) for p in CATALOGUE)})$"


def _acted(field: str) -> str:
    """One pattern for every action of a field, whose only group (1) is the actor."""
    verbs = []
    for phrases in CATALOGUE:
        for pattern in getattr(phrases, field):
            if not pattern.pattern.startswith(ACTOR + " "):
                raise ValueError(f"an action must start with ACTOR: {pattern.pattern}")
            verbs.append(pattern.pattern.removeprefix(ACTOR + " "))
    return f"^{MARKS}*{ACTOR} (?:{'|'.join(verbs)})$"


DELETED, CALLS, MISSED = map(_whole, ("deleted", "calls", "missed"))
OMITTED = f"^{MARKS}*(?:{_union(p.omitted for p in CATALOGUE)}|{PLACEHOLDER}|{VENUE})$"
NOTICES, OWN_ACTIONS = _whole("notices"), _whole("own_actions")
ACTIONS, CALL_ACTIONS = _acted("actions"), _acted("call_actions")
_WORDED_TAG = _union(p.tags for p in CATALOGUE)
_WORDED_ATTACHED = _union(p.attached for p in CATALOGUE)
TAG = f"(?:{_WORDED_TAG}|{ANY_TAG})"
#: A body that starts by naming its media file; its caption, if any, follows.
ATTACHED = f"^{MARKS}*(?:{_WORDED_ATTACHED}|{ANY_ATTACHED}|{TAG})"
#: Media told by the catalogue's wording, not by a shape every language shares (file names,
#: `PLACEHOLDER`): a sign that the export's language is one nearer knows.
WORDED_MEDIA = "|".join(
    (
        f"^{MARKS}*(?:{_union(p.omitted for p in CATALOGUE)})$",
        f"^{MARKS}*(?:{_WORDED_ATTACHED}|{_WORDED_TAG})",
        f"{MARKS}*(?:{_WORDED_TAG})$",
    )
)
#: A body that ends with iOS's tag (`Happy Easter <attached: …>`): its caption comes first...
TAGGED = f"{MARKS}*{TAG}$"
#: ...unless that is iOS's description of a document (`Report.pdf • 2 pages`), marks removed.
DESCRIBED = f"^(?:{DOCUMENT}) ?{TAG}$"
EDITED = f"[ \u200e]*<\u200e*(?:{_union(p.edited for p in CATALOGUE)})>$"
#: System text that has no author even when it holds ": " ('… to "Trip: Rome"').
SYSTEM_LINE = "|".join((NOTICES, ACTIONS, CALL_ACTIONS, OWN_ACTIONS))
#: Bodies that may be more than text start like this (each pattern cut loose from its end).
#: Actions are left out: they count only under the actor's own name or with the system mark,
#: and `classify` picks those rows by that instead.
MAYBE_SPECIAL = "|".join(p.removesuffix("$") for p in (DELETED, OMITTED, CALLS, NOTICES, ATTACHED))


def split_rest(heads: pl.DataFrame) -> pl.DataFrame:
    """Replace `rest` (each message line's text after its header) by `head`, `body`, `bare`.

    A message line is `Name: body`, `Name:` or `Name:.` (empty bodies: WhatsApp's trace of
    view-once or disappearing media). For those, `head` is the text before ": " (the whole
    `Name:` or `Name:.` when `bare`) and `body` what follows ("" when bare). Lines without a
    name, and known system sentences that happen to hold ": ", get a null `head` and their
    whole text as `body`.
    """
    c = pl.col
    # One column per step: polars would otherwise evaluate shared sub-expressions again. Split
    # at the first ": ": `_head` is the whole text and `_tail` null where there is none.
    parts = c("rest").str.splitn(": ", 2).struct
    steps = heads.with_columns(_head=parts.field("field_0"), _tail=parts.field("field_1"))
    bare = c("_tail").is_null() & (c("_head").str.ends_with(":") | c("_head").str.ends_with(":."))
    steps = steps.with_columns(_bare=bare).with_columns(_name=author_name(c("_head"), c("_bare")))
    steps = steps.with_columns(
        _named=(c("_tail").is_not_null() | c("_bare"))
        & _is_name(c("_name"))
        & ~c("rest").str.contains(SYSTEM_LINE)
    )
    named = c("_named")
    return steps.with_columns(
        head=pl.when(named).then(c("_head")),
        body=pl.when(named & c("_bare"))
        .then(pl.lit(""))
        .when(named)
        .then(c("_tail"))
        .otherwise(c("rest")),
        bare=named & c("_bare"),
    ).drop("_head", "_tail", "_bare", "_name", "_named", "rest")


def author_name(head: pl.Expr, bare: pl.Expr) -> pl.Expr:
    """The name in a line's head: without the colon of an empty body, and without the
    invisible characters and spaces at its edges (sender_names)."""
    name = pl.when(bare).then(head.str.strip_suffix(":.").str.strip_suffix(":")).otherwise(head)
    return sender_names(name)


def name_authors(messages: pl.DataFrame) -> pl.DataFrame:
    """Replace `head` and `bare` by `author` and `saved_contact`.

    `~ Name` (someone not in the exporter's contacts) loses the `~` and gets saved_contact
    False; a message without a name has a null author.
    """
    c = pl.col
    named = messages.with_columns(_name=author_name(c("head"), c("bare")))
    return named.with_columns(
        author=sender_names(c("_name").str.strip_prefix("~")),
        saved_contact=~c("_name").str.starts_with("~").fill_null(False),
    ).drop("_name", "head", "bare")


def _is_name(name: pl.Expr) -> pl.Expr:
    # Names hold no colon, and quotes only in pairs (`Robert "Bob" Smith`, `Mamá “Lola”`); the
    # start of a system sentence quoting a group name with a colon in it (`… to "Plans: final"`)
    # ends inside its quotes.
    size = name.str.len_bytes()
    paired = name.str.count_matches(f"[{_QUOTES}]") % 2 == 0
    return (size > 0) & (size <= 400) & ~name.str.contains(":") & paired


def classify(messages: pl.DataFrame) -> pl.DataFrame:
    """Add `kind`, `text` and `missed`, and settle `author`, for every message.

    Needs `author` (null for lines without one), `body` and `hinted` (the line carries iOS's
    system mark); rows stay in their order. Most rows are plain text: only the rows the
    prefilter picks are examined, and their results written back in place. Also adds, for
    `unexplained_marks`, `unexplained` (the line carries the mark yet reads as text) and
    `worded` (the catalogue's wording made it something other than text).
    """
    c = pl.col
    maybe = (
        c("author").is_null()
        | c("hinted")
        | (c("body") == "")
        | c("body").str.ends_with(">")  # the edited marker, iOS's tag after a caption
        | c("body").str.starts_with(c("author"))  # "Boris created group…" from Boris
        | c("body").str.contains(MAYBE_SPECIAL)
    )
    rows = messages.select(maybe.arg_true().alias("row"))["row"]
    special = _read_special(messages.select(pl.all().gather(rows)))
    kind = pl.repeat("text", messages.height, eager=True, dtype=pl.String).alias("kind")
    return messages.with_columns(
        kind.scatter(rows, special["kind"]),
        messages["body"].clone().scatter(rows, special["text"]).alias("text"),
        messages["author"].clone().scatter(rows, special["author"]),
        *(
            pl.repeat(False, messages.height, eager=True).alias(name).scatter(rows, special[name])
            for name in ("missed", "unexplained", "worded")
        ),
    )


def unexplained_marks(messages: pl.DataFrame) -> list[Caveat]:
    """A warning when more lines carry iOS's system mark yet read as text than lines the
    catalogue's wording explained (module docstring), naming the first; none otherwise.

    Needs `classify`'s `unexplained` and `worded`, and `line`. An English chat's few messages
    that start with the mark are outnumbered by its media and notices; an export in another
    language has no worded lines at all, and its encryption notice, media left out and calls
    are all marked."""
    unexplained = messages["unexplained"]
    count = int(unexplained.sum())
    if count == 0 or count <= messages["worded"].sum():
        return []
    first = messages["line"].filter(unexplained)[0]
    text = (
        f"{count} line(s) look like WhatsApp's own notices in a language nearer does not know "
        f"(they start with its mark U+200E but match no sentence it knows; first: line {first}):"
        " they were counted as text, so the counts of text, media, deleted messages and calls"
        " may be off"
    )
    return [Caveat(Kind.UNKNOWN_NOTICES, text, count)]


def _read_special(rows: pl.DataFrame) -> pl.DataFrame:
    # Marks are dropped wherever they are: iOS also puts one inside ("Voice call, \u200e4 min").
    probe = pl.col("body").str.replace_all(MARKS, "")
    rows = rows.with_columns(_probe=probe).with_columns(
        _actor=pl.col("_probe").str.extract(ACTIONS, 1),
        _caller=pl.col("_probe").str.extract(CALL_ACTIONS, 1),
        **{
            f"_{name}": pl.col("_probe").str.contains(pattern)
            for name, pattern in (
                ("deleted", DELETED),
                ("omitted", OMITTED),
                ("attached", ATTACHED),
                ("tagged", TAGGED),
                ("described", DESCRIBED),
                ("call", CALLS),
                ("missed", MISSED),
                ("notice", NOTICES),
                ("own", OWN_ACTIONS),
                ("edited", EDITED),
                ("worded", WORDED_MEDIA),
            )
        },
    )
    c, hinted = pl.col, pl.col("hinted")
    rows = rows.with_columns(
        # An action counts when its actor is the line's author, or the line has the system mark.
        _by_author=c("_actor").is_not_null() & ((c("_actor") == c("author")) | hinted),
        _called_by_author=c("_caller").is_not_null() & ((c("_caller") == c("author")) | hinted),
    )
    helpers = [name for name in rows.columns if name.startswith("_") and name != "_maybe"]
    return rows.with_columns(kind=_kind()).with_columns(*_verdict(), *_tallies()).drop(helpers)


def _kind() -> pl.Expr:
    c = pl.col
    no_author, hinted = c("author").is_null(), c("hinted")
    by_author, called_by_author = c("_by_author"), c("_called_by_author")
    return (
        pl.when(no_author & (c("_caller").is_not_null() | c("_call")))
        .then(pl.lit("call"))
        .when(no_author)
        .then(pl.lit("system"))
        .when(c("_deleted"))
        .then(pl.lit("deleted"))
        .when((c("body") == "") | (c("_omitted") & ~c("_edited")) | c("_attached") | c("_tagged"))
        .then(pl.lit("media"))
        .when(c("_call"))
        .then(pl.lit("call"))
        .when(c("_notice") | by_author | (c("_own") & hinted))
        .then(pl.lit("system"))
        .when(called_by_author)
        .then(pl.lit("call"))
        .when(c("_edited"))
        .then(pl.lit("edited"))
        .otherwise(pl.lit("text"))
    )


def _verdict() -> list[pl.Expr]:
    c, kind = pl.col, pl.col("kind")
    actor = pl.when(~c("_actor").is_in(YOU)).then(c("_actor"))
    caller = pl.when(~c("_caller").is_in(YOU)).then(c("_caller"))
    # The caption as written: after the file's name, or before iOS's tag ending the body.
    after, before = c("body").str.replace(ATTACHED, ""), c("body").str.replace(TAGGED, "")
    caption = (
        pl.when(c("_attached"))
        .then(after.str.strip_chars())
        .when(c("_tagged") & ~c("_described"))
        .then(before.str.strip_chars(_BLANK))
        .otherwise(pl.lit(""))
    )
    named_actor = c("author").is_null() | c("_by_author")
    return [
        pl.when((kind == "call") & c("_caller").is_not_null())
        .then(caller)
        .when((kind == "system") & c("_actor").is_not_null() & named_actor)
        .then(actor)
        .when(kind == "system")
        .then(pl.lit(None, dtype=pl.String))
        .otherwise(c("author"))
        .alias("author"),
        pl.when(kind.is_in(["deleted", "call"]))
        .then(pl.lit(""))
        .when(kind == "media")
        .then(caption)
        .when(kind == "system")
        .then(c("_probe"))
        .when(kind == "edited")
        .then(c("body").str.replace(EDITED, ""))
        .otherwise(c("body"))
        .alias("text"),
        ((kind == "call") & c("_missed")).alias("missed"),
    ]


def _tallies() -> list[pl.Expr]:
    """`unexplained` and `worded` (classify) of each row, once its kind is known."""
    c, kind = pl.col, pl.col("kind")
    worded = (
        c("_deleted")
        | c("_call")
        | c("_notice")
        | c("_own")
        | c("_edited")
        | c("_worded")
        | c("_actor").is_not_null()
        | c("_caller").is_not_null()
    )
    return [
        (c("hinted") & (kind == "text")).alias("unexplained"),
        ((kind != "text") & worded).alias("worded"),
    ]
