from __future__ import annotations

from nearer.chat.findings import LINKS
from nearer.chat.metrics import Metric
from nearer.chat.parsers import REGISTRY
from nearer.chat.weekly import METRICS
from nearer.chat.wording import CHANGES, SOURCES, change, source, value


def test_every_linked_metric_has_words_for_both_directions() -> None:
    assert set(LINKS) <= set(CHANGES)
    trended = {m.name for m in METRICS if m.trend}
    assert trended <= set(CHANGES)
    assert change("gratitude_per_100", "higher") != change("gratitude_per_100", "lower")


def test_values_are_shown_in_their_unit() -> None:
    assert value(Metric("a", "A", "%"), 61.6) == "62%"
    assert value(Metric("a", "A", "minutes"), 7.2) == "7 min"
    assert value(Metric("a", "A", "ratio"), 4.96) == "5.0 : 1"


def test_small_rates_and_counts_keep_a_decimal_and_never_read_as_zero() -> None:
    per_day, count = Metric("a", "A", "per day"), Metric("b", "B", "count")
    assert value(per_day, 0.3571) == "0.4 a day"
    assert value(per_day, 2.0) == "2 a day"
    assert value(per_day, 14.6) == "15 a day"
    assert value(per_day, 0.01) == "under 0.1 a day"
    assert value(count, 0.375) == "0.4" and value(count, 0.0) == "0"
    assert value(Metric("a", "A", "per 100 messages"), 3.14) == "3.1 per 100 messages"
    assert value(Metric("a", "A", "%"), None) == "–"


def test_every_parser_is_named_as_its_app() -> None:
    assert {parser.NAME for parser in REGISTRY} <= set(SOURCES)
    assert source("whatsapp_zip") == "WhatsApp" and source("new") == "new"


def test_research_context_never_sets_the_couple_beside_couples_who_parted() -> None:
    outcomes = ("%", "stayed together", "divorc", "split up", "broke up", "separated")
    for name, words in CHANGES.items():
        said = words.context.lower()
        assert not [o for o in outcomes if o in said], name  # a figure to compare: a verdict
