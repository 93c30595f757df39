from __future__ import annotations

from nearer.chat.findings import LINKS
from nearer.chat.parsers import REGISTRY
from nearer.chat.weekly import METRICS
from nearer.chat.wording import CHANGES, SOURCES, change, source


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
