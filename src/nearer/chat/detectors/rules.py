"""Phrase rules the word lists cannot express: questions, blame, self-defence, sarcasm.

Each rule is one compiled alternation applied to all texts at once; "r:<rule>" is 1.0 where the
text matches and 0.0 elsewhere. They were written by reading how people phrase these acts, and
checked against the evaluation sets' errors (never fitted to them).
"""

from __future__ import annotations

import polars as pl

_CASED = {"shouts"}  # rules that look at letter case
_YOU = r"(?:you|your|u|ya|yours|yourself)"

RULES: dict[str, str] = {
    "question_mark": r"\?",
    # A question put to the other person ("how are you feeling?"), not about oneself.
    "you_question": rf"\b{_YOU}\b[^.!?]*\?",
    # A question written without its mark: "how did it end", "what help are you looking for".
    "asks_without_mark": (
        r"(?:^|[.!]\s+)(?:(?:what|why|how|when|where|who|which)\s+(?:do|did|does|are|is|was|were|"
        r"have|has|can|could|would|will|should|help|kind|made|makes|happened)|(?:do|did|are|have|"
        rf"can|could|would|will|wanna|want)\s+{_YOU})\b[^.!?]*(?:$|[.!])"
    ),
    "invites_more": (
        r"\b(?:tell (?:me|us) (?:more|about)|(?:want|wanna|like|care) to (?:talk|share|vent)|"
        r"what happened|what'?s (?:going on|wrong|up)|how (?:are|r) (?:you|u)|how (?:do|did) "
        r"(?:you|u) feel|how (?:are|r) (?:you|u) (?:feeling|doing|holding)|talk about it|"
        r"what do you mean|how come|and then\?|then what|is everything ok|are you ok(?:ay)?|"
        r"you ok\b|how was (?:it|your)|what did (?:he|she|they) say)\b"
    ),
    # Tag and rhetorical questions do not ask for anything.
    "tag_question": (
        r"\b(?:right|huh|eh|y'?know|ya know|isn'?t it|aren'?t (?:they|we)|don'?t you think|"
        r"who knew|who cares|what'?s the point|why bother|am i right)\s*\?"
    ),
    "self_question": r"\b(?:i|me|my|am i|do i|should i|will i|can i)\b[^.!?]*\?",
    "opens_question": (
        r"^\s*(?:what|why|how|when|where|who|which|whats|what's|do|did|does|are|is|was|were|have|"
        r"has|can|could|would|will|should|shall|may|wanna|anyone|any)\b"
    ),
    "always_never": (
        rf"\b{_YOU}(?:'re| are)? (?:always|never|constantly|keep|just don'?t|don'?t ever|can'?t "
        r"even)\b|\b(?:why (?:do|don'?t|can'?t|won'?t|would|did|didn'?t) (?:you|u))\b|"
        r"\bwhat'?s wrong with (?:you|u)\b|\byour (?:fault|problem)\b|"
        rf"\b(?:you|u)(?:'re| are) so (?:selfish|lazy|useless|annoying|stupid|mean|rude|"
        r"inconsiderate|immature|difficult|dramatic|controlling|negative)\b"
    ),
    "defends": (
        r"\b(?:(?:it'?s|that'?s|its|thats|it is|that is) not (?:my fault|true|fair|what i "
        r"(?:said|meant))|"
        r"not my (?:fault|problem)|i (?:didn'?t|never) (?:say|said|do|did|mean|meant)|"
        r"i was (?:just|only)|i only (?:said|did|wanted)|what about (?:you|u)|you(?:'re| are) "
        r"(?:overreacting|too sensitive|being dramatic|exaggerating)|calm down|don'?t blame me|"
        r"(?:stop|quit) (?:blaming|attacking)|why (?:are|r) (?:you|u) (?:blaming|attacking|"
        r"accusing)|(?:i|we) (?:always|already) (?:do|did)|but (?:you|u) (?:also|too|did|do|"
        r"never|always)|you (?:did|do) it too|that'?s not how it)\b"
    ),
    "scorns": (
        r"\b(?:whatever|yeah,? right|oh please|give me a break|grow up|get over (?:it|yourself)|"
        r"get a (?:life|clue|grip)|nice try|big deal|so what|who cares|how pathetic|"
        r"you(?:'re| are) (?:pathetic|ridiculous|a joke|a child|delusional|clueless|an idiot|"
        r"so stupid|unbelievable)|are you (?:serious|kidding|stupid|really)|"
        r"(?:typical|classic) (?:you|of you)|of course (?:you|he|she) (?:did|would|do)|"
        r"try (?:reading|thinking)|learn to read|do (?:some|your) research|educate yourself|"
        r"good (?:for|luck with) that|thanks for nothing|bless your heart|"
        r"do you even|did you even|can you even|"
        r"seriously\?|really\?|wow\.|sure,? (?:jan|buddy|pal)|okay,? (?:buddy|pal|sweetie))\b|"
        r"🙄|😒|/s\b"
    ),
    # "Me too": the reply shares the same experience or feeling.
    "same_here": (
        r"(?:^|[.!?,]\s*)(?:same|me too|me neither|agreed|yep|yeah|right|totally|exactly)\b|"
        r"\b(?:same (?:here|boat|af|thing|way|feeling|situation|exact|with me)|me too|"
        r"similar (?:situation|experience|boat|feeling)|been there|i relate|relatable|"
        r"know the feeling|story of my life|happens to me|i do (?:it|that) too|in the same)\b"
    ),
    # Warmth towards the other person: sympathy, encouragement, an open door.
    "warmth": (
        r"\b(?:(?:you'?re|you are|ur) not alone|it (?:gets|will get) better|you(?:'ve)? got this|"
        r"(?:i'?m|i am|always) here (?:for|if)|feel free to|(?:pm|dm|message|text|call) me|"
        r"reach out|i hear (?:you|ya)|i feel (?:you|ya|for you)|same boat|i (?:can|totally) relate|"
        r"(?:good|best of) luck|keep (?:going|fighting|pushing|your chin up)|chin up|"
        r"(?:stay|be) (?:strong|safe|positive|kind to yourself)|hang (?:in|on) there|"
        r"proud of (?:you|u)|(?:so|really|very|truly|deeply) sorry|"
        r"sorry (?:to hear|to read|for your|about (?:that|your)|that|you)|"
        r"hope (?:you|it|this|things|tomorrow|everything)|hopefully|you deserve|take care|"
        r"sending (?:love|hugs|you)|hugs?\b|it'?s (?:ok|okay) to|don'?t (?:give up|beat yourself)|"
        r"you (?:matter|are (?:loved|important|worth|strong|enough))|that (?:sucks|must)|"
        r"(?:that|it)'?s (?:really |so )?(?:hard|tough|awful|rough)|congrat|well done|"
        r"happy (?:birthday|for you)|i'?m glad|love you|thinking of you|you can do (?:it|this)|"
        r"feel the same|know (?:the|that) feeling|know (?:exactly )?(?:what|how) you|i agree|"
        r"(?:want|wanna|like) to talk|i'?m listening|god bless|you'?re (?:so )?(?:strong|brave|"
        r"beautiful|amazing|doing great)|(?:that|this)'?s (?:terrible|awful|great|awesome|amazing))"
        r"|[:;]-?\)|<3|❤|🤗"
    ),
    "shouts": r"\b[A-Z]{4,}\b.*\b[A-Z]{4,}\b|[!?]{3,}",
}


def rule_signals(texts: pl.Series) -> pl.DataFrame:
    """One row per text, in order: an "r:<rule>" Float64 column (0/1) per rule in RULES."""
    text = texts.cast(pl.String).fill_null("").str.replace_all("[’‘`´]", "'")
    # Matching lower-cased text is much faster than case-insensitive matching.
    frame = pl.DataFrame({"text": text, "lower": text.str.to_lowercase()})
    return frame.select(
        pl.col("text" if name in _CASED else "lower")
        .str.contains(pattern)
        .cast(pl.Float64)
        .alias(f"r:{name}")
        for name, pattern in RULES.items()
    )
