"""Every export on the couple's own clock.

WhatsApp, Discord's CSV, older Telegram exports and CSVs without offsets write the wall-clock time
the phone or computer showed: nearer keeps it as written. Telegram's `date_unixtime`, Messenger,
Instagram, iMessage, Discord's JSON and CSVs with offsets store instants, which the parsers read as
naive UTC (`tz_hint` "utc"). Left so, a couple in Berlin would seem to talk an hour earlier than
they did, weeks would turn at 1 a.m., and `first` and `last` would not be the times on their
phones. So instants are turned into wall-clock time in one time zone, which the caller names:
`nearer analyze --tz`, else the computer's own (nearer.local_zone); in the couple space, the time
zone of the account that imports the chat.

Wall-clock time repeats an hour when the clocks go back; the rows keep their order, and a reply
across that hour gets no reply time rather than a negative one (conversations.py).
"""

from __future__ import annotations

import zoneinfo
from dataclasses import replace

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
    wall = (
        pl.col("timestamp")
        .dt.replace_time_zone("UTC")
        .dt.convert_time_zone(zone)
        .dt.replace_time_zone(None)
        .dt.cast_time_unit("us")
    )
    messages = parsed.messages.with_columns(wall)
    return replace(parsed, messages=messages, tz_hint="local"), zone


def known(name: str) -> bool:
    """Whether `name` is in the IANA time zone database."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True
