"""The analyser end to end: export bytes -> messages -> signals -> weeks -> trends -> report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from nearer.chat import signals
from nearer.chat.caveats import Caveat, Kind
from nearer.chat.clock import localised, timed
from nearer.chat.conversations import annotate, hours
from nearer.chat.detectors import detect
from nearer.chat.findings import findings
from nearer.chat.language import check
from nearer.chat.misdated import redated
from nearer.chat.pair import (
    ChatChoiceError,
    alike_outside,
    choose_pair,
    only_pair,
    pair_messages,
    sent_by,
    told_apart,
)
from nearer.chat.parsers import parse
from nearer.chat.pseudonyms import pseudonymised
from nearer.chat.records import ChatFile, ParsedChat
from nearer.chat.report import Report, Stages, build
from nearer.chat.summary import summarize
from nearer.chat.trends import trends
from nearer.chat.weekly import METRICS, totals, weekly

__all__ = ["ChatChoiceError", "analyze", "analyze_parsed"]

Progress = Callable[[str, float], None]


def analyze(
    files: Sequence[ChatFile],
    me: str | None = None,
    pair: tuple[str, str] | None = None,
    progress: Progress | None = None,
    chat: str | None = None,
    zone: str = "UTC",
    pseudonyms: bool = False,
) -> Report:
    """Analyse one chat export. Raises ChatParseError (unreadable export, or one that holds
    several chats when `chat` names none of them) or ChatChoiceError (not two people, a group
    chat without `pair`, a `me` that several people of the chat go by, listed with what each
    sent, or a pair with a name of several people the export writes alike: pair.AlikeError).
    `progress(stage, fraction)` hears each stage finish, fraction 0–1.
    `zone` is the IANA time zone that exports of instants are shown in (clock.py; the edges pass
    the couple's: the CLI nearer.local_zone or --tz, the couple space the uploader's account's).
    `pseudonyms` names the people "Person A", "Person B", … throughout (pseudonyms.py)."""
    tell = progress or _silent
    parsed = _read(files, chat, tell)
    return analyze_parsed(parsed, me, pair, tell, zone=zone, pseudonyms=pseudonyms)  # handed on


def analyze_parsed(
    parsed: ParsedChat,
    me: str | None = None,
    pair: tuple[str, str] | None = None,
    progress: Progress | None = None,
    detector: signals.Detector = detect,
    zone: str = "UTC",
    pseudonyms: bool = False,
) -> Report:
    """`analyze` from an already parsed chat; `detector` replaces the message detectors (for
    research on other detectors, and for tests)."""
    tell = progress or _silent
    parsed = redated(parsed)
    local, converted = localised(parsed, zone)
    named = me is not None or pair is not None
    sent = sent_by(local.messages, local.ids) if named else None  # for namesakes (pair.py)
    people = local.participants
    told_apart(people if len(people) <= 2 else (), parsed.alike, people)  # before "one person"
    chosen = choose_pair(people, pair, me, sent)
    told_apart(chosen.names, parsed.alike, people)
    outside = alike_outside(parsed.alike, chosen.names, people)
    parsed = replace(parsed, warnings=(*parsed.warnings, *outside))
    if pseudonyms:
        parsed, chosen = pseudonymised(parsed, chosen)
    summary, title, warnings = summarize(parsed, converted), parsed.title, _warnings(parsed)
    group = len(summary.participants) > 2
    pair_summary = summarize(only_pair(parsed, chosen.names), converted) if group else None
    # From the export's own times: instants stay beside the wall clock, for real gaps (clock.py)
    messages = annotate(timed(pair_messages(parsed.messages, chosen), converted))
    del parsed, local  # the export's table goes as soon as the pair's messages are out (unless
    # the caller keeps it): the peak comes later
    language = check(messages)
    marked = signals.mark(messages, chosen, language.english, detector)
    del messages  # their text, lowercased text and contexts are read; marked keeps the rest
    tell("signals", 0.7)
    week_table = weekly(marked, chosen, language.english, language.other_weeks)
    found = trends(week_table, METRICS, language.english)
    tell("weeks", 0.9)
    stages = Stages(
        summary=summary,
        pair=chosen,
        me=None if me is None else chosen.first,  # as the chat writes it ("alex " -> "Alex")
        title=title,
        language=language,
        conversations=marked.messages["conversation"].n_unique(),
        hours=hours(marked.messages, chosen.names),
        totals=totals(marked, chosen, language.english, language.other_weeks),
        weekly=week_table,
        trends=found,
        findings=findings(found),
        warnings=warnings,
        time_zone=converted,
        pair_summary=pair_summary,
    )
    report = build(stages, METRICS)
    tell("done", 1.0)
    return report


def _read(files: Sequence[ChatFile], chat: str | None, tell: Progress) -> ParsedChat:
    parsed = parse(files, chat=chat)
    tell("read", 0.3)
    return parsed


def _warnings(parsed: ParsedChat) -> tuple[Caveat, ...]:
    """The parser's warnings, and how many sent messages name no sender (left out of counts)."""
    orphans = parsed.unattributed
    if not orphans:
        return parsed.warnings
    said = "1 message names" if orphans == 1 else f"{orphans:,} messages name"
    text = f"{said} no sender; left out of every count"
    return (*parsed.warnings, Caveat(Kind.NO_SENDER, text, orphans))


def _silent(stage: str, fraction: float) -> None:
    """No one is listening."""
