"""What a content text speaks of, read from its words: danger between partners, or touch.

The content check holds the safety flags to the content's own wording with these: a practice
whose contraindications warn of threats is not for someone afraid of their partner, and a question
that asks about hugs is a question of touch. They read words, not meaning, and lean towards
catching: a word caught in another sense costs a flag that withholds a little too much, a word
missed would let danger or touch through. Where a word means something harmless in the content
("a film that touched you"), say it otherwise rather than teach the list an exception.
"""

from __future__ import annotations

import re

# Stems and whole phrases, matched on word boundaries, case-insensitively. Keep them as the
# content's own ways of speaking of danger: fear, threats, violence, abuse, control, harm.
_DANGER = re.compile(
    r"""\b(?:
        afraid | fear\w* | frighten\w* | scare[sdy]? | terrif(?:ied|ying) | intimidat\w*
      | threat\w* | danger\w* | unsafe | not\ safe | safety
      | violen\w* | abus\w* | harm(?:s|ed|ful|ing)? | hurting | hurt\ (?:you|me|them|him|her)
      | coerc\w* | controlling | control\ over | punish\w* | check(?:ed|ing)?\ up\ on
      | monitor(?:ed|ing)? | interrogat\w*
      | shov\w* | hit(?:s|ting)? | slap\w* | punch\w* | kick(?:ed|ing)? | chok(?:e|ed|es|ing)
      | strangl\w* | (?:turn|turns|turned|get|gets|got)\ physical
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)

# Harm a person may do to themselves is a crisis-line matter, not a sign of danger between the
# partners, so it is left out before `_DANGER` reads a text.
_SELF_HARM = re.compile(
    r"\bself-harm\w*|\b(?:harm|harming|hurt|hurting)\s+(?:yourself|myself|themselves|oneself)\b",
    re.IGNORECASE,
)

_TOUCH = re.compile(
    r"""\b(?:
        touch(?:es|ed|ing)? | contact | physical(?:ly)? | hug(?:s|ged|ging)? | kiss\w*
      | cuddl\w* | snuggl\w* | caress\w* | embrac\w* | massag\w* | nudg\w* | sex(?:ual|ually)?
      | hands? | (?:be|being|been)\ held | held\ (?:me|you|hands|each\ other)
      | hold(?:s|ing)?\ (?:hands?|each\ other|(?:me|you)(?!\ back))
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


_NEARNESS = re.compile(
    r"""\b(?:
        close(?:r|st|ness)? | near(?:er|est|ness)? | next\ to | side\ by\ side
      | shoulder\ to\ shoulder | face\ to\ face | lean\w* | greet\w* | reach(?:es|ed|ing)?\ for
      | personal\ space | in\ the\ same\ room | affection\w*
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


def speaks_of_nearness(text: str) -> bool:
    """Whether `text` speaks of bodies being near each other (sitting close, side by side,
    leaning, a greeting, personal space): for the physical form, as much a question of touch."""
    return _NEARNESS.search(text) is not None


def speaks_of_danger(text: str) -> bool:
    """Whether `text` speaks of fear or danger between people (threats, violence, abuse, control,
    harm, feeling unsafe); harm to oneself alone does not count."""
    return _DANGER.search(_SELF_HARM.sub(" ", text)) is not None


def speaks_of_touch(text: str) -> bool:
    """Whether `text` speaks of touch or physical contact (a hug, a kiss, holding hands, being
    held); holding a view or holding back does not count."""
    return _TOUCH.search(text) is not None
