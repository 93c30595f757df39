"""Every export on the couple's own clock.

WhatsApp, Discord's CSV, older Telegram exports and CSVs without offsets write the wall-clock time
the phone or computer showed: nearer keeps it as written. Telegram's `date_unixtime`, Messenger,
Instagram, iMessage, Discord's JSON and CSVs with offsets store instants, which the parsers read as
naive UTC (`tz_hint` "utc"). Left so, a couple in Berlin would seem to talk an hour earlier than
they did, weeks would turn at 1 a.m., and `first` and `last` would not be the times on their
phones. So instants are turned into wall-clock time in one time zone, which the caller names:
`nearer analyze --tz`, else the computer's own (nearer.local_zone); in the couple space, the time
zone of the account that imports the chat.

Wall-clock time skips an hour when the clocks go forward and repeats one when they go back, so
the pair's messages of an export of instants keep the instants too, as `elapsed` (`timed`):
conversations.py measures gaps and reply times on them, in real time, while hours of the day,
days and weeks stay on the wall clock. A wall-clock export's instants are unknown: its gaps are
measured on its own clock, where a reply across a change looks an hour longer or shorter, and a
backward jump gives no reply time rather than a negative one (conversations.py).

The conversions never overflow: a table's times lie from 1900 to 2099 (records.EARLIEST to
LATEST, which `parsers.parse` enforces), far from the calendar's ends in years 1 and 9999 that a
zone's offset of up to 14 hours could cross.
"""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import replace
from datetime import UTC, datetime

import polars as pl

from nearer.chat.records import ParsedChat


class UnknownTimeZone(ValueError):
    """A time zone name that is not in the IANA database ("Europe/Berlin", "UTC"...)."""


def check_zone(name: str) -> str:
    """`name` when it is an IANA time zone; UnknownTimeZone naming it otherwise."""
    if not known(name):
        raise UnknownTimeZone(f"unknown time zone {name!r} (use a name such as Europe/Berlin)")
    return name


def localised(parsed: ParsedChat, zone: str) -> tuple[ParsedChat, str | None]:
    """`parsed` with its instants as wall-clock time in `zone`, and the zone used; an export
    already in wall-clock time comes back as it is, with None."""
    if parsed.tz_hint != "utc":
        return parsed, None
    messages = parsed.messages.with_columns(_wall_clock(zone))
    return replace(parsed, messages=messages, tz_hint="local"), zone


def timed(messages: pl.DataFrame, zone: str | None) -> pl.DataFrame:
    """The pair's messages (pair.PAIR_COLUMNS) of an export of instants (naive UTC), with
    `elapsed` keeping the instants and `timestamp` as wall-clock time in `zone`; with `zone` None
    (an export already in wall-clock time, as `localised` says), the messages as they are."""
    if zone is None:
        return messages
    return messages.with_columns(pl.col("timestamp").alias("elapsed"), _wall_clock(zone))


def wall_clock(instant: datetime, zone: str) -> datetime:
    """One naive UTC instant, in the table's range (records.EARLIEST to LATEST), as naive
    wall-clock time in `zone`."""
    shown = instant.replace(tzinfo=UTC).astimezone(zoneinfo.ZoneInfo(zone))
    return shown.replace(tzinfo=None)


def _wall_clock(zone: str) -> pl.Expr:
    """`timestamp` (naive UTC) as naive wall-clock time in `zone`."""
    return (
        pl.col("timestamp")
        .dt.replace_time_zone("UTC")
        .dt.convert_time_zone(zone)
        .dt.replace_time_zone(None)
        .dt.cast_time_unit("us")
    )


@functools.cache
def known(name: str) -> bool:
    """Whether `name` is an IANA time zone both the system's database and polars (which converts
    the times, with its own list) know: not the system's aliases `localtime`, `Factory`, `posix/…`
    or `right/…`."""
    try:
        zoneinfo.ZoneInfo(name)
        pl.Series([0], dtype=pl.Datetime("us")).dt.replace_time_zone(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, pl.exceptions.PolarsError):
        return False
    return True
