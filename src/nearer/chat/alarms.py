"""Words in a chat that may mean one partner fears the other, or threatens or controls them.

Where they appear, nearer offers each of the two people its private safety check again (a screen
can go stale; science.md: "repeat periodically and after alarming chat signals"). Nothing else
follows from them: no count is shown or stored, nobody is named, and the chat's report does not
change. This is a word list, so it is approximate both ways: "I'll kill you 😂" over the last
slice of cake is found, and coercion in other words, or in another language, is not. A needless
offer costs a person a moment; a missed one is why the check is also offered every few weeks.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.records import SENT_KINDS

_THREATS = (
    r"i(?:'ll| will) (?:kill|hurt|destroy|ruin|find) you",
    r"you(?:'ll| will) regret (?:it|this)",
    r"i(?:'ll| will) make you pay",
    r"watch your back",
    r"you(?:'ll| will) never see (?:the|our) (?:kids|children|baby)",
    r"i(?:'ll| will) take (?:the|our) (?:kids|children|baby)",
    r"if you leave(?: me)?,? i(?:'ll| will)",
)
_CONTROL = (
    r"(?:give|send|tell) me your (?:password|passcode|pin)",
    r"(?:show|give) me your phone",
    r"unlock your phone",
    r"you(?:'re| are) not allowed to",
    r"i (?:forbid|won't allow|will not allow|don't allow) you",
    r"you need my permission",
    r"you can(?:'t|not) see your (?:friends|family|sister|brother|mum|mom|parents)",
)
_FEAR = (
    r"(?:scared|afraid|frightened|terrified) of you",
    r"(?:scared|afraid|frightened|terrified) to (?:come|go) home",
    r"(?:please )?(?:don't|do not|stop) (?:hurt(?:ing)?|hit(?:ting)?) me",
    r"you (?:hit|pushed|choked|slapped|kicked|strangled) me",
    r"you threatened me",
)
_PATTERN = r"(?i)\b(?:" + "|".join(_THREATS + _CONTROL + _FEAR) + r")\b"


def alarming(messages: pl.DataFrame, pair: tuple[str, str] | None = None) -> bool:
    """Whether any message sent in the chat (by either of `pair`, when given) holds such words.
    `messages` is a parsed chat's table (chat.records.SCHEMA)."""
    sent = pl.col("kind").is_in(SENT_KINDS) & pl.col("text").is_not_null()
    if pair is not None:
        sent &= pl.col("author").is_in(list(pair))
    texts = (
        messages.lazy()
        .filter(sent)
        .select(pl.col("text").str.replace_all("[’‘`´]", "'").str.contains(_PATTERN).any())
    )
    return bool(texts.collect().item())
