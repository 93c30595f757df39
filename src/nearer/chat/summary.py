"""What the export holds, before any analysis: counts a person can check against their phone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import polars as pl

from nearer.chat.clock import wall_clock
from nearer.chat.records import SENT_KINDS, ParsedChat


@dataclass(frozen=True)
class Summary:
    """Counts over the whole export, every participant included.

    `messages` counts what people sent (kinds text, media, deleted, edited; an edited message is
    one message) and never system lines; `participants` is the same count per person, most first.
    `first` and `last` are the naive local times of the first and last sent message (None when
    nobody sent anything): the earliest and latest clock reading of an export in wall-clock
    time, which in the hour the clocks repeat may not be the last message's own. `media` counts
    sent media; `system` counts system lines.
    """

    format: str
    messages: int
    participants: Mapping[str, int]
    first: datetime | None
    last: datetime | None
    media: int
    system: int


def summarize(parsed: ParsedChat, zone: str | None = None) -> Summary:
    """The summary of the export as parsed. For an export of instants (naive UTC), `zone` is the
    time zone `first` and `last` are shown in: they are the earliest and latest instants, so an
    hour the clocks repeat cannot swap them."""
    table = parsed.messages
    sent = table.filter(pl.col("kind").is_in(SENT_KINDS) & pl.col("author").is_not_null())
    counts = sent.group_by("author").len().sort(["len", "author"], descending=[True, False])
    span = sent.select(
        pl.col("timestamp").min().alias("first"), pl.col("timestamp").max().alias("last")
    ).row(0)
    if zone is not None:
        span = tuple(None if when is None else wall_clock(when, zone) for when in span)
    return Summary(
        format=parsed.format,
        messages=sent.height,
        participants=dict(zip(counts["author"].to_list(), counts["len"].to_list(), strict=True)),
        first=span[0],
        last=span[1],
        media=sent.filter(pl.col("kind") == "media").height,
        system=table.filter(pl.col("kind") == "system").height,
    )
