from __future__ import annotations

from datetime import date, datetime

from nearer.chat.findings import LINKS
from nearer.chat.parsers import REGISTRY
from nearer.chat.weekly import METRICS
from nearer.chat.wording import CHANGES, SOURCES, change, counted, days_between, source


def test_every_linked_metric_has_words_for_both_directions() -> None:
    assert set(LINKS) <= set(CHANGES)
    trended = {m.name for m in METRICS if m.trend}
    assert trended <= set(CHANGES)
    assert change("gratitude_per_100", "higher") != change("gratitude_per_100", "lower")


def test_every_parser_is_named_as_its_app() -> None:
    assert {parser.NAME for parser in REGISTRY} <= set(SOURCES)
    assert source("whatsapp_zip") == "WhatsApp" and source("new") == "new"


def test_research_context_never_sets_the_couple_beside_couples_who_parted() -> None:
    outcomes = ("%", "stayed together", "divorc", "split up", "broke up", "separated")
    for name, words in CHANGES.items():
        said = words.context.lower()
        assert not [o for o in outcomes if o in said], name  # a figure to compare: a verdict


def test_fewer_bids_met_names_a_sharp_answer_as_well_as_none() -> None:
    # toward_share falls when bids go unanswered (away) and when they are met with hostility
    # (against): the words must not say only one of them happened.
    said = change("toward_share", "lower").lower()
    assert "unanswered" in said and "sharp" in said


def test_a_count_of_one_takes_the_singular() -> None:
    assert counted(1, "conversation") == "1 conversation"
    assert counted(0, "message") == "0 messages" and counted(1250, "message") == "1,250 messages"
    assert counted(1, "person", "people") == "1 person" and counted(3, "person", "people") == (
        "3 people"
    )


def test_a_span_of_one_day_is_said_as_that_day() -> None:
    morning, evening = datetime(2026, 1, 5, 8, 0), datetime(2026, 1, 5, 22, 30)  # noqa: DTZ001
    assert days_between(morning, evening) == "on 5 January 2026"
    assert (
        days_between(date(2026, 1, 5), date(2026, 2, 1)) == "from 5 January 2026 to 1 February 2026"
    )
