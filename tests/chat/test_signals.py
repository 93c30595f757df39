from __future__ import annotations

import re
from pathlib import Path

from nearer.chat import signals
from nearer.chat.signals import METRICS, TURN_FLAGS
from nearer.chat.weekly import METRICS as WEEKLY_METRICS
from tests.chat.conftest import ALEX, SAM, exchange, measure

GERMAN = exchange(
    0,
    (SAM, "Danke für alles, ich liebe dich"),
    (ALEX, "Du hörst nie zu, das ist lächerlich"),
    (SAM, "Wollen wir morgen zusammen frühstücken?"),
)


def test_a_non_english_chat_marks_every_lexicon_signal_unavailable() -> None:
    found = measure(GERMAN, english=False)
    for metric in METRICS:
        if metric.lexicon:
            assert found[None][metric.name] is None, metric.name
            assert found[SAM][metric.name] is None, metric.name


def test_language_free_signals_are_still_computed_for_other_languages() -> None:
    found = measure(GERMAN, english=False)
    assert found[None]["messages"] == 3
    assert found[SAM]["conversations_started"] == 1
    assert found[ALEX]["message_share"] is not None


def test_counts_are_zero_not_missing_when_nothing_happened() -> None:
    found = measure(exchange(0, (SAM, "see you at six"), (ALEX, "ok")))
    assert found[SAM]["gratitude"] == 0 and found[None]["conflict_episodes"] == 0


def test_every_metric_has_a_unique_name_and_a_known_unit() -> None:
    names = [metric.name for metric in METRICS]
    assert len(names) == len(set(names))
    assert {metric.unit for metric in METRICS} <= {
        "count", "per day", "per 100 messages", "per 100 words", "%", "minutes", "ratio", "0-1",
    }  # fmt: skip


def test_turn_flags_are_unique() -> None:
    assert len(TURN_FLAGS) == len(set(TURN_FLAGS))
    assert signals.FAMILIES


def test_every_metric_is_documented() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "chat" / "signals.md").read_text()
    missing = [m.name for m in WEEKLY_METRICS if f"| `{m.name}` |" not in text]
    assert not missing, missing


def test_the_documented_minimum_spreads_are_those_trends_use() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "chat" / "signals.md").read_text()
    section = text.split("### Minimum spreads\n", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([\d.]+) \|$", section, flags=re.MULTILINE)
    documented = [(name, unit, float(spread)) for name, unit, spread in rows]
    assert documented == [(m.name, m.unit, m.min_spread) for m in WEEKLY_METRICS if m.trend]
