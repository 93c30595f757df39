"""Language style matching (LSM): how alike two people's use of function words is.

Formula (Gonzales, Hancock & Pennebaker 2010; Ireland et al. 2011): for each of nine categories,
with p the percentage of a person's words in the category,
    LSM_c = 1 - |p1 - p2| / (p1 + p2 + 0.0001)
and LSM is the mean over the nine; 1 is identical style, 0 none shared. The word lists are our
own, open approximations of the categories (LIWC's dictionaries are proprietary), so values are
comparable within nearer and over a couple's own history, not with published LIWC figures.

Two readings, each only over enough words to mean something:
- `lsm`: per day, both people's words that day (each at least `MIN_DAY_WORDS`); a week's value
  is the mean over its days. Symmetric: a couple-level measure.
- `lsm_reply` (the "both directions" reading): per conversation, one person's replies against
  the partner turns they answered (each side at least `MIN_REPLY_WORDS`), averaged per replier.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.metrics import Metric
from nearer.chat.periods import by_person_and_couple, couple_only
from nearer.chat.tokens import count_words

MIN_DAY_WORDS = 50
MIN_REPLY_WORDS = 25
SMOOTHING = 0.0001

CATEGORIES: dict[str, tuple[str, ...]] = {
    "personal_pronouns": tuple(
        """i me my mine myself we us our ours ourselves you your yours yourself yourselves he him
        his himself she her hers herself they them their theirs themselves i'm i've i'll i'd
        you're you've you'll you'd we're we've we'll we'd he's she's they're they've they'll
        they'd u ur""".split()
    ),
    "impersonal_pronouns": tuple(
        """it its itself it's this that these those something anything everything nothing
        someone anyone everyone somebody anybody everybody nobody what whatever which whichever
        who whoever whom whose that's what's""".split()
    ),
    "articles": ("a", "an", "the"),
    "auxiliary_verbs": tuple(
        """am is are was were be been being have has had having do does did doing will would
        shall should can could may might must 'm 're 've 'll 'd don't doesn't didn't can't
        won't wouldn't shouldn't couldn't isn't aren't wasn't weren't haven't hasn't
        hadn't""".split()
    ),
    "adverbs": tuple(
        """just really very so too now then here there also even still only always never ever
        already again maybe probably actually quite almost soon often sometimes usually well
        totally""".split()
    ),
    "prepositions": tuple(
        """to of in on at by for with about from into onto over under after before between
        through during without within around against among upon across behind beyond like near
        off out up down since until toward towards via per""".split()
    ),
    "conjunctions": tuple(
        """and but or because cause cuz if while although though unless whereas nor yet whether
        than as""".split()
    ),
    "negations": tuple(
        """no not never none nobody nothing nowhere neither nor cannot nope nah don't doesn't
        didn't can't won't wouldn't shouldn't couldn't isn't aren't wasn't weren't haven't
        hasn't hadn't ain't dont cant wont didnt doesnt isnt""".split()
    ),
    "quantifiers": tuple(
        """all some any many much more most few lot lots several every each both enough less
        least little whole half plenty""".split()
    ),
}
COUNTS = tuple(f"lsm_{name}" for name in CATEGORIES)

METRICS = (
    Metric("lsm", "Matching each other's way of writing", "0-1", scopes=("couple",),
           closer="higher", trend=True, min_spread=0.03),
    Metric("lsm_days", "Days with enough words for style matching", "count", count=True,
           scopes=("couple",)),
    Metric("lsm_reply", "Matching the other's style when replying", "0-1", closer="higher",
           min_spread=0.03),
)  # fmt: skip
TURN_FLAGS: tuple[str, ...] = ()


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Adds one UInt32 count per category, named in `COUNTS`."""
    return frame.with_columns(
        count_words(pl.col("lower"), words).alias(f"lsm_{name}")
        for name, words in CATEGORIES.items()
    )


def style_matching(left: str, right: str) -> pl.Expr:
    """LSM (Float64, 0–1) between two sets of columns: `<left>words`, `<left>lsm_<category>`
    and the same with `right`; null when either side has no words."""
    parts = []
    for count in COUNTS:
        mine = pl.col(f"{left}{count}") * 100.0 / pl.col(f"{left}words")
        theirs = pl.col(f"{right}{count}") * 100.0 / pl.col(f"{right}words")
        parts.append(1.0 - (mine - theirs).abs() / (mine + theirs + SMOOTHING))
    enough = (pl.col(f"{left}words") > 0) & (pl.col(f"{right}words") > 0)
    return pl.when(enough).then(pl.mean_horizontal(parts))


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    days = _daily(frame)
    daily = couple_only(
        days,
        [pl.col("lsm").mean().alias("lsm"), pl.len().cast(pl.UInt32).alias("lsm_days")],
    )
    replies = by_person_and_couple(_replies(turns), [pl.col("lsm").mean().alias("lsm_reply")])
    return replies.join(daily, on=["period", "scope", "person"], how="full", coalesce=True,
                        nulls_equal=True)  # fmt: skip


def _sums(keys: list[str]) -> list[pl.Expr]:
    return [pl.col("words", *COUNTS).sum(), *(pl.col(k).first() for k in keys)]


def _daily(frame: pl.LazyFrame) -> pl.LazyFrame:
    """One row per day on which both wrote at least MIN_DAY_WORDS, with its `lsm`."""
    per_person = frame.group_by("day", "author").agg(_sums(["period", "partner"]))
    enough = per_person.filter(pl.col("words") >= MIN_DAY_WORDS)
    theirs = enough.select(
        "day", pl.col("author").alias("partner"), pl.col("words", *COUNTS).name.prefix("p_")
    )
    both = enough.join(theirs, on=["day", "partner"]).filter(
        pl.col("author") < pl.col("partner")  # each day once
    )
    return both.select("period", "day", style_matching("", "p_").alias("lsm"))


def _replies(turns: pl.LazyFrame) -> pl.LazyFrame:
    """One row per (conversation, replier) with enough words on both sides, with its `lsm`;
    `turns` sum `words` and `COUNTS` per turn (signals.Marked)."""
    answered = pl.col("conversation") == pl.col("conversation").shift()
    pairs = turns.with_columns(
        pl.when(answered).then(pl.col(c).shift()).alias(f"p_{c}") for c in ("words", *COUNTS)
    ).filter(pl.col("p_words").is_not_null())
    pooled = pairs.group_by("conversation", "author").agg(
        pl.col("period").first(),
        pl.col("words", *COUNTS, "p_words", *(f"p_{c}" for c in COUNTS)).sum(),
    )
    enough = (pl.col("words") >= MIN_REPLY_WORDS) & (pl.col("p_words") >= MIN_REPLY_WORDS)
    return pooled.filter(enough).select("period", "author", style_matching("", "p_").alias("lsm"))
