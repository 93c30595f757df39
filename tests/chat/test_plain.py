from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat.detectors.rules import RULES
from nearer.chat.plain import ascii_boundaries, branches, contains, plain, reads_plain

# Characters outside ASCII of every kind the stand-ins must keep apart: letters (precomposed and
# decomposed, other scripts), marks, digits of other scripts, spaces and line separators, emoji
# with their joiners and selectors, typographic punctuation.
GLUE = [
    "é", "e\u0301", "\u0301", "ñ", "ü", "日本", "я", "٣", "\u00a0", "\u2028", "\u3000", "😂", "❤",
    "\ufe0f", "\u200d", "🙄", "…", "“", "—", "_", "\x0b", "\x7f", "1", " ", ".", "?", "!", "\n",
]  # fmt: skip
WORDS = [
    "you", "always", "never", "thank", "thanks", "so", "sorry", "love", "my", "fiancé", "are",
    "do", "i", "feel", "r", "u", "ok", "why", "can't", "tell", "me", "more", "wow", "sure", "jan",
    "it", "gets", "better", "not", "alone", "hug", "?", "!", "<3", ":)", "ty", "x", "lol",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(WORDS + GLUE), max_size=12).map("".join) | st.lists(
    st.sampled_from(WORDS), max_size=10
).map(" ".join)


def matches_of(pattern: str, texts: list[str]) -> tuple[list[bool | None], list[bool | None]]:
    """Where `pattern` matches the texts itself, and where `contains` says it does."""
    frame = pl.DataFrame({"lower": texts}, schema={"lower": pl.String})
    frame = frame.with_columns(plain(pl.col("lower")).alias("plain"))
    expected = frame.select(pl.col("lower").str.contains(pattern))["lower"].to_list()
    found = frame.select(contains(pattern, pl.col("lower"), pl.col("plain")).alias("x"))["x"]
    return expected, found.to_list()


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=40))
def test_every_phrase_rule_reads_plain_text_exactly_as_it_reads_the_text(texts: list[str]) -> None:
    for name, pattern in RULES.items():
        if name == "shouts":  # reads letter case, so the detectors give it the text as written
            continue
        expected, found = matches_of(pattern, texts)
        assert found == expected, name


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("résumé", r"\br\b"),  # ASCII boundaries alone would see a word "r" before "é"
        ("naïve", r"\bve\b"),
        ("cafe\u0301", r"\bcafe\b"),  # a decomposed accent continues the word
        ("日本you日本", r"\byou\b"),
        ("do\u00a0you", r"do you"),  # a no-break space is a space, not the space character
        ("do\u00a0you", r"do\s+you"),
        ("you\u2028always", r"you.always"),
        ("٣ pm", r"\d pm"),  # digits of other scripts are left to the text itself
        ("you_always", r"\byou\b"),
        ("wow 🙄", r"\bwow\b|🙄"),
    ],
)
def test_plain_text_matches_what_the_text_matches_at_the_edges(text: str, pattern: str) -> None:
    expected, found = matches_of(pattern, [text])
    assert found == expected


def test_null_text_gives_null() -> None:
    assert matches_of(r"\byou\b|🙄", [None])[1] == [None]  # type: ignore[list-item]


def test_plain_keeps_each_character_s_kind_in_one_ascii_character() -> None:
    got = pl.select(plain(pl.lit("é e\u0301\u00a0😂a٣"))).item()
    assert got == "_ e_\x0b\x7fa_"


@pytest.mark.parametrize(
    "pattern",
    [
        r"caf[ée]",
        r"\p{L}+",
        r"\x{FE0F}",
        r"\d+",
        r"(?i)you",
        r"[[:word:]]",
        r"a_b",
        r"\\b",
        r"\v",
        r"[\t-\r]",
        r"[ -~]",
        r"[A-z]",
        r"[^ -~]",
        r"[^[:word:]]",
        r"[a[:space:]]",
        r"(?-u:\w)",
        r"(?Ui)s",
        r"(?Ri)k",
        "(?x) é # note|y\n| b",
        r"\b{start}foo",
    ],
)
def test_patterns_plain_text_would_read_differently_are_left_to_the_text(pattern: str) -> None:
    assert not reads_plain(pattern)
    with pytest.raises(ValueError, match="cannot read plain text"):
        ascii_boundaries(pattern)


@pytest.mark.parametrize("pattern", [r"[a-z0-9'-]", r"[:;]-?\)", r"well-being", r"[A-Z]{4,}"])
def test_ascii_ranges_and_plain_hyphens_read_plain_text(pattern: str) -> None:
    assert reads_plain(pattern)


def test_branches_are_cut_only_at_the_top_level() -> None:
    assert branches(r"a|(?:b|c)|[|]|\||[]|]|d") == ["a", "(?:b|c)", "[|]", r"\|", "[]|]", "d"]
    assert branches(r"[^]|]x|y") == ["[^]|]x", "y"]
    assert branches(r"[a[b|c]]|z") == ["[a[b|c]]", "z"]


def test_opening_flags_go_with_every_branch_and_flags_elsewhere_leave_it_whole() -> None:
    assert branches(r"(?s)a.b|c") == ["(?s)a.b", "(?s)c"]
    assert branches(r"a|(?s)b") == [r"a|(?s)b"]
