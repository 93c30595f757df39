"""The message stream cut into conversations and turns, with reply times and talking hours.

- A **conversation** starts with the first message and after any silence longer than
  `CONVERSATION_GAP` (3 hours): long enough that a reply is a new exchange rather than an answer,
  short enough that morning and evening talk on the same day stay separate.
- A **turn** is one person's unbroken run of messages inside a conversation.
- A **reply time** runs from the first message of a turn to the first message of the next turn
  (the other person's) in the same conversation. A reply that comes more than the gap after the
  turn's last message starts a new conversation instead; a turn that itself runs for hours can
  still have a reply time longer than the gap.
- Gaps, reply times and turns' `start` and `end` are on the `clock` column: real time where the
  table has an `elapsed` column (clock.py adds it to exports of instants), else the wall-clock
  `timestamp`, with a lone misdated line put in step (below). Days and weeks are always on the
  wall clock, as written.
- Clocks can jump back (exports write some lines out of time order, DST): a backward jump never
  starts a conversation and never gives a reply time (it is null, never negative), and the
  silence before the next line is measured from the latest time seen so far, not from the line
  that jumped back.
- A lone line outside the span of its two neighbours (a phone whose clock was a year ahead for
  one message, a line written hours earlier) is misdated, not a silence: `clock` puts it at the
  nearer end of that span, so it neither holds every later silence shut nor makes one, and the
  reply times it starts or answers are null (its real time is unknown). A jump that lasts, two
  lines or more, is read as written.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TypeVar

import polars as pl

from nearer.chat.detectors.rules import holds
from nearer.chat.misdated import MISDATED

Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)

CONVERSATION_GAP = timedelta(hours=3)

#: Columns `annotate` adds to the pair's messages (pair.PAIR_COLUMNS):
#: conversation (UInt32, 0-based), turn (UInt32, 0-based, across the whole chat),
#: position (UInt32, 0-based place in its conversation), new_conversation and new_turn (Boolean),
#: context (String: the other person's last message just before this turn, passing over the
#: bare social formulas ("x", "lol", "ok"), photos and deleted messages after what they said,
#: back to the turn's first message; null when the turn opens a conversation), day (Date),
#: week (Date, the Monday of its ISO week) and clock (Datetime: the time gaps and durations are
#: measured on, see the module's notes).
ANNOTATIONS = (
    "conversation",
    "turn",
    "position",
    "new_conversation",
    "new_turn",
    "context",
    "day",
    "week",
    "clock",
)


def annotate(messages: pl.DataFrame) -> pl.DataFrame:
    """The messages, same rows and order, with the `ANNOTATIONS` columns."""
    clock = pl.col("clock")
    gap = clock - clock.cum_max().shift()
    new_conversation = (gap.is_null() | (gap > CONVERSATION_GAP)).alias("new_conversation")
    framed = (
        messages.with_columns(in_step(elapsed(messages)).alias("clock"))
        .with_columns(new_conversation)
        .with_columns(
            (pl.col("new_conversation").cum_sum() - 1).cast(pl.UInt32).alias("conversation"),
            (pl.col("new_conversation") | (pl.col("author") != pl.col("author").shift()))
            .fill_null(True)
            .alias("new_turn"),
        )
    )
    # A reply answers what the turn said, not the "x", "lol", photo or deleted message that
    # closed it: each row carries its turn's last message with words that are more than a bare
    # formula (or the turn's first message). Media and deleted messages have empty text.
    formula = holds("social_formula", messages["lower"])
    says = (pl.col("lower").str.strip_chars() != "") & ~pl.lit(formula)
    says_more = pl.col("new_turn") | says
    said = pl.when(says_more).then(pl.col("text")).forward_fill()
    answered = pl.when(pl.col("new_turn") & ~pl.col("new_conversation")).then(said.shift())
    # Conversations and turns are runs of rows: each row reads its run's first row, which is
    # much faster than a window function over hundreds of thousands of groups.
    row = pl.int_range(pl.len(), dtype=pl.UInt32)
    return framed.with_columns(
        (pl.col("new_turn").cum_sum() - 1).cast(pl.UInt32).alias("turn"),
        (row - _first_row(pl.col("new_conversation"))).alias("position"),
        pl.col("timestamp").dt.date().alias("day"),
        pl.col("timestamp").dt.truncate("1w").dt.date().alias("week"),
        answered.alias("context"),  # shifted over the whole table, then spread per turn
    ).with_columns(pl.col("context").gather(_first_row(pl.col("new_turn"))))


def elapsed(frame: pl.DataFrame | pl.LazyFrame) -> pl.Expr:
    """The clock as written: the `elapsed` column (Datetime, real time) when the table has one,
    else the wall-clock `timestamp`. Gaps and durations read `clock` (see `annotate`)."""
    return pl.col("elapsed" if "elapsed" in frame.collect_schema().names() else "timestamp")


def _redated(frame: pl.DataFrame | pl.LazyFrame) -> pl.Expr:
    """Whether a line was read at its neighbours' time by misdated.redated (over a day out)."""
    if MISDATED in frame.collect_schema().names():
        return pl.col(MISDATED).fill_null(False)
    return pl.lit(False)


def in_step(clock: pl.Expr) -> pl.Expr:
    """Each line's time, or, for a lone line outside the span of its two neighbours where they
    are in order, the nearer end of that span: the median of the three. The table's first and
    last lines keep their own; so does a line whose neighbours are out of order themselves."""
    before, after = clock.shift(1), clock.shift(-1)
    inside = pl.min_horizontal(pl.max_horizontal(clock, before), after)
    return pl.when(before <= after).then(inside).otherwise(clock)


def _first_row(starts: pl.Expr) -> pl.Expr:
    """For each row, the row number where its run began (`starts` is True on a run's first
    row, and on the table's first row)."""
    row = pl.int_range(pl.len(), dtype=pl.UInt32)
    return pl.when(starts).then(row).forward_fill()


def turns(
    frame: pl.DataFrame,
    flags: tuple[str, ...] = (),
    carry: tuple[str, ...] = (),
    sums: tuple[str, ...] = (),
) -> pl.DataFrame:
    """One row per turn, in order, from annotated messages (a turn's messages are consecutive).

    Columns: turn, conversation, author, start and end (Datetime: its first and last message, on
    the `clock`), week (Date), messages and words (UInt32); reply_seconds (Float64, from the
    previous turn's start; null for a conversation's first turn, when the turn starts before the
    previous one ends (a backward clock jump), or when either turn starts with a misdated line);
    opens (the conversation's first turn); next_in_conversation (someone answered this turn in its
    conversation); last (the chat's final turn, whose answer the export cannot show); then
    `any()` of each Boolean column in `flags`, the first value of each column in `carry` and the
    sum of each count in `sums` (UInt32).
    """
    grouped = _per_turn(frame, flags, carry, sums)
    same = pl.col("conversation") == pl.col("conversation").shift()
    seconds = (pl.col("start") - pl.col("start").shift()).dt.total_microseconds() / 1e6
    in_order = pl.col("start") >= pl.col("end").shift()
    known = ~(pl.col("_misdated") | pl.col("_misdated").shift().fill_null(False))
    return (
        grouped.with_columns(
            pl.when(same & in_order & known & (seconds >= 0))
            .then(seconds)
            .otherwise(None)
            .alias("reply_seconds"),
            same.not_().fill_null(True).alias("opens"),
            (pl.col("conversation") == pl.col("conversation").shift(-1))
            .fill_null(False)
            .alias("next_in_conversation"),
            (pl.int_range(pl.len()) == pl.len() - 1).alias("last"),
        )
        .drop("_misdated")
        .collect()
    )


def _per_turn(
    frame: pl.DataFrame, flags: tuple[str, ...], carry: tuple[str, ...], sums: tuple[str, ...]
) -> pl.LazyFrame:
    """turn, conversation, author, start, end, week, messages, words, `flags`, `carry`,
    `sums`."""
    # From each turn's first and last rows and running sums, not a group_by: grouping a million
    # messages held several hundred MB more at the analyser's peak. A flag is the turns that
    # have it, rather than a running count per flag over every message.
    rows = frame.lazy()
    heads = rows.filter(opening(pl.col("turn"))).select(
        "turn",
        "conversation",
        "author",
        pl.col("clock").alias("start"),
        ((pl.col("clock") != elapsed(frame)) | _redated(frame)).alias("_misdated"),
        "week",
        *carry,
        *(pl.col("turn").is_in(_turns_with(frame, flag)).alias(flag) for flag in flags),
    )
    tails = (
        rows.with_row_index("_row")
        .select(
            pl.col("_row").cast(pl.Int64),
            pl.col("clock").alias("end"),
            *(pl.col(n).fill_null(0).cast(pl.UInt64).cum_sum() for n in ("words", *sums)),
            closing(pl.col("turn")).alias("_closing"),
        )
        .filter("_closing")
    )
    counted = tails.select(
        "end",
        _in_turn(pl.col("_row"), -1).cast(pl.UInt32).alias("messages"),
        *(_in_turn(pl.col(n), 0).cast(pl.UInt32).alias(n) for n in ("words", *sums)),
    )
    return pl.concat([heads, counted], how="horizontal").select(
        "turn", "conversation", "author", "start", "_misdated", "end", "week", "messages", "words",
        *flags, *carry, *sums,
    )  # fmt: skip


def _turns_with(frame: pl.DataFrame, flag: str) -> pl.Series:
    """The turns with at least one message where the Boolean column `flag` is True."""
    return frame["turn"].filter(frame[flag].fill_null(False)).unique().implode()


def opening(turn: pl.Expr) -> pl.Expr:
    """True on each turn's first message."""
    return (turn != turn.shift()).fill_null(True)


def closing(turn: pl.Expr) -> pl.Expr:
    """True on each turn's last message."""
    return (turn != turn.shift(-1)).fill_null(True)


def _in_turn(running: pl.Expr, before: int) -> pl.Expr:
    """A running total at turns' last rows -> each turn's own part (`before`: the value before
    the first turn)."""
    return running - running.shift().fill_null(before)


def following(turn_table: Frame, columns: tuple[str, ...]) -> Frame:
    """The turn table with `next_<column>` holding the answering turn's value, or null when
    nobody answered in the same conversation."""
    answered = pl.col("next_in_conversation")
    return turn_table.with_columns(
        pl.when(answered).then(pl.col(column).shift(-1)).alias(f"next_{column}")
        for column in columns
    )


def hours(frame: pl.DataFrame, people: tuple[str, str]) -> dict[str, tuple[int, ...]]:
    """Messages sent in each hour of the day (0–23, local time), per person."""
    counts = frame.group_by("author", pl.col("timestamp").dt.hour().alias("hour")).len()
    table = {person: [0] * 24 for person in people}
    for author, hour, count in counts.iter_rows():
        table[author][hour] = count
    return {person: tuple(values) for person, values in table.items()}
