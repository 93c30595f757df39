"""Lone misdated lines: a message dated far outside the moments of the two around it.

A phone whose clock was wrong for one message (a year ahead, or at the Unix epoch) writes one
line whose date belongs nowhere near its neighbours. Read as written, that one line stretches the
chat over empty months: the weekly table gains a year of silent weeks and "the last eight weeks"
become weeks nobody wrote in. Messages are exported in the order they were sent, so such a line
is read at the nearer end of the span its two neighbours mark (where they are in order), and the
analysis says so. A line at the epoch itself (a clock at zero) is a placeholder wherever it is,
the first or last line too: it takes the time of the line beside it. Smaller steps out of order
(a message sent offline, minutes or hours late) stay as written: conversations.py keeps them from
opening or holding shut a silence. Reactions are left out of it all: Telegram writes one after
the message it answers, dated when it was made, days later as often as not.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.records import ParsedChat

#: The column marking a line read at its neighbours' time: its real time is unknown, so the
#: reply times it starts or answers are too (conversations.py).
MISDATED = "misdated"
#: How far outside its neighbours' span a line must be dated to be read at their time.
FAR = timedelta(days=1)
#: A clock at zero (the Unix epoch, shifted by the phone's offset) is a placeholder, not a date.
EPOCH_FROM, EPOCH_TO = datetime(1969, 12, 31), datetime(1970, 1, 2)  # noqa: DTZ001 - naive table


def redated(parsed: ParsedChat) -> ParsedChat:
    """`parsed` with each lone misdated line read at its neighbours' time and marked `MISDATED`,
    and a warning saying how many there were and the first one's date as written; `parsed`
    itself when there are none."""
    time = pl.col("timestamp")
    # A reaction sits after the message it answers but is dated when it was made, days later as
    # often as not: it is no neighbour of the messages around it, nor misdated among them.
    reaction = pl.col("kind") == "reaction"
    before, after = time.shift(1).over(reaction), time.shift(-1).over(reaction)
    nearest = pl.min_horizontal(pl.max_horizontal(time, before), after)
    far = ((before <= after) & ((time - nearest).abs() > FAR) & ~reaction).fill_null(False)
    # A line between two misdated ones looks out of step with both: it is the one in its place.
    between = far.shift(1).over(reaction).fill_null(False) & far.shift(-1).over(reaction).fill_null(
        False
    )
    # A placeholder at the epoch, first or last line too, takes the time of the line beside it.
    beside = time.shift(1).fill_null(time.shift(-1))
    epoch = (time.is_between(EPOCH_FROM, EPOCH_TO) & ((beside - time).abs() > FAR)).fill_null(False)
    marked = parsed.messages.with_columns(
        ((far & ~between) | epoch).alias("_far"),
        pl.when(epoch).then(beside).otherwise(nearest).alias("_at"),
    )
    lone = marked.filter("_far")
    if lone.is_empty():
        return parsed
    fixed = marked.with_columns(
        pl.when("_far").then("_at").otherwise(time).alias("timestamp"),
        pl.col("_far").alias(MISDATED),
    ).drop("_far", "_at")
    return replace(parsed, messages=fixed, warnings=(*parsed.warnings, _warning(lone)))


def _warning(lone: pl.DataFrame) -> Caveat:
    written = f"{lone['timestamp'][0]:%Y-%m-%d %H:%M}"
    if len(lone) == 1:
        text = (
            f"1 message written as {written}, over a day outside the time of the messages "
            "around it, was read at their time"
        )
    else:
        text = (
            f"{len(lone):,} messages dated over a day outside the time of the messages around "
            f"them (the first written as {written}) were read at their time"
        )
    return Caveat(Kind.MISDATED, text, len(lone))
