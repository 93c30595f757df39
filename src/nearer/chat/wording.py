"""Plain words for the report pages: what each change means, and how to show a value.

Written for the couple, not for researchers: "you" is the two of them; no verdicts, no scores of
one partner against the other; research appears as context, with its limits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType


@dataclass(frozen=True)
class Words:
    higher: str  # the change, when the recent weeks are higher than usual
    lower: str
    context: str  # what research says, and its limits


CHANGES: Mapping[str, Words] = MappingProxyType(
    {
        "messages_per_day": Words(
            "You have been writing to each other more than usual.",
            "You have been writing to each other less than usual.",
            "How much a couple writes says little on its own: busy weeks, time together and "
            "calls all change it. It is worth a look when it comes with feeling further apart.",
        ),
        "median_reply_minutes": Words(
            "Replies have been taking longer than usual.",
            "Replies have been coming faster than usual.",
            "Slow replies often just mean full days. What matters more is turning toward each "
            "other's small moments when you can, even briefly.",
        ),
        "toward_share": Words(
            "More of your questions, news and requests got a real answer than usual.",
            "Fewer of your questions, news and requests got a real answer than usual: more went "
            "unanswered, or got a sharp one.",
            "Research on couples over the years found that answering each other's small bids, "
            "for attention, news or a laugh, is one of the everyday habits closeness is built "
            'on. Even a short "aw" or "oh no" counts.',
        ),
        "questions_per_100": Words(
            "You have been asking each other more questions than usual.",
            "You have been asking each other fewer questions than usual.",
            "Questions about each other's day and inner world keep your picture of each other up "
            "to date: what Gottman calls love maps.",
        ),
        "emotional_disclosures_per_100": Words(
            "You have been telling each other how you feel more often than usual.",
            "You have been telling each other how you feel less often than usual.",
            "In diary studies where people rated each conversation, sharing feelings went with "
            "feeling closer more than sharing facts did, partly through feeling understood.",
        ),
        "disclosures_met_share": Words(
            "When one of you shared a feeling, the reply more often showed understanding, care "
            "or a question.",
            "When one of you shared a feeling, fewer replies than usual showed understanding, "
            "care or a question.",
            "Feeling understood, accepted and cared for is what turns sharing into closeness.",
        ),
        "gratitude_per_100": Words(
            "You have been thanking each other more than usual.",
            "You have been thanking each other less than usual.",
            "In couples' daily diaries, feeling grateful to a partner went with feeling more "
            "connected the next day, for both partners.",
        ),
        "affection_per_100": Words(
            "More love-yous, hearts and pet names than usual.",
            "Fewer love-yous, hearts and pet names than usual.",
            "Small signs of affection relate to both partners' mood and sense of closeness.",
        ),
        "positive_per_100": Words(
            "Your messages have been warmer and more upbeat than usual.",
            "Your messages have been less warm and upbeat than usual.",
            "In a long study of couples, too few warm moments, in everyday talk as well as in "
            "arguments, mattered for how things went years later. Warmth is built from small "
            "things.",
        ),
        "negative_per_100": Words(
            "More of your messages have sounded upset or low than usual.",
            "Fewer of your messages have sounded upset or low than usual.",
            "Hard feelings are part of life, and often come from outside stress. Saying them is "
            "healthy; what helps is being heard.",
        ),
        "conflict_episodes": Words(
            "There have been more tense stretches in your chat than usual.",
            "There have been fewer tense stretches in your chat than usual.",
            "Most couples' disagreements are about lasting differences and never fully go away. "
            "How a hard talk starts shapes how it goes.",
        ),
        "conflict_ratio": Words(
            "In tense stretches, warm moments have outweighed hard ones more than usual.",
            "In tense stretches, there have been fewer warm moments for each hard one than usual.",
            "Stable couples show around five warm moments for each hard one during conflict: a "
            "reference to aim for, not a pass mark.",
        ),
        "criticism_per_100": Words(
            'More "you always / you never" kind of criticism than usual.',
            'Less "you always / you never" kind of criticism than usual.',
            "Criticism targets the person instead of the problem. Its antidote is a gentle "
            'start: "I feel ... could we ...".',
        ),
        "contempt_per_100": Words(
            "More mocking or put-down words than usual.",
            "Fewer mocking or put-down words than usual.",
            "Contempt is the hardest of the four on closeness. Its antidote is a habit of "
            "noticing and saying what you appreciate.",
        ),
        "defensiveness_per_100": Words(
            "More defending and counter-blaming than usual.",
            "Less defending and counter-blaming than usual.",
            "Defending is natural when you feel attacked. Its antidote is owning even a small "
            "part of the problem.",
        ),
        "stonewalling": Words(
            "More tense moments ended in a long silence than usual.",
            "Fewer tense moments ended in a long silence than usual.",
            "Going quiet often comes from feeling overwhelmed. The antidote is saying you need a "
            "pause, and coming back to it.",
        ),
        "we_per_100": Words(
            'You have been saying "we" and "us" more than usual.',
            'You have been saying "we" and "us" less than usual.',
            'Talking as a "we" has been linked with doing better together, mostly during '
            "disagreements. The link is small.",
        ),
        "you_per_100": Words(
            'Your messages have been more "you"-focused than usual.',
            'Your messages have been less "you"-focused than usual.',
            'A lot of "you" from both sides was a small negative sign in studies of couples '
            "talking, in conflict and in support alike.",
        ),
        "lsm": Words(
            "Your ways of writing have been matching each other more than usual.",
            "Your ways of writing have been matching each other less than usual.",
            "Couples who matched each other's small words more tended to stay together; it "
            "reflects attention to each other, and the effect is small.",
        ),
        "personal_share": Words(
            "More of your chat has been personal than usual.",
            "Less of your chat has been personal than usual.",
            "Talk that stays on logistics is one of the signs of growing distance; busy weeks "
            "often do this without anyone meaning to.",
        ),
        "logistics_share": Words(
            "Errands, times and pick-ups have taken up more of your chat than usual.",
            "Errands, times and pick-ups have taken up less of your chat than usual.",
            "Logistics is how a shared life runs. When it crowds everything else out, a few "
            "minutes a day about how each of you is doing keeps the personal thread going.",
        ),
    }
)


#: How a report is to be read, given with its figures wherever they leave the HTML page (the
#: JSON, the couple space's API).
READING = (
    "Counted by a computer from the words in your chat, with word lists: approximate. It cannot "
    "hear tone or see jokes, it is not a verdict on your relationship, and it never scores one "
    "of you against the other; it compares your recent weeks with your own earlier ones."
)

# The parsers' format names as the couple knows the apps.
SOURCES: Mapping[str, str] = MappingProxyType(
    {
        "whatsapp": "WhatsApp",
        "whatsapp_zip": "WhatsApp",
        "telegram": "Telegram",
        "meta": "Messenger or Instagram",
        "imessage": "iMessage",
        "signal": "Signal",
        "discord": "Discord",
        "csv": "CSV",
    }
)


def source(format_name: str) -> str:
    """The app an export came from, by its parser's format name ("whatsapp" -> "WhatsApp")."""
    return SOURCES.get(format_name, format_name)


def a_source(format_name: str) -> str:
    """`source` with its article: "a WhatsApp", "an iMessage"."""
    name = source(format_name)
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def change(metric: str, direction: str) -> str:
    """The sentence for a metric that is "higher" or "lower" than usual."""
    words = CHANGES[metric]
    return words.higher if direction == "higher" else words.lower


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A whole count with its noun, singular for exactly one ("1 conversation", "1,250
    messages"); `plural` for a noun that takes more than an s ("1 person", "3 people")."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def long_date(day: date) -> str:
    """A day as people write it in a sentence: "5 January 2026"."""
    return f"{day.day} {day:%B %Y}"


def days_between(first: date, last: date) -> str:
    """The days from `first` to `last` (a datetime counts as its day) as a sentence says them:
    "from 4 March 2024 to 17 March 2024", or "on 5 January 2026" when both are the same day."""
    if _day(first) == _day(last):
        return f"on {long_date(first)}"
    return f"from {long_date(first)} to {long_date(last)}"


def _day(moment: date) -> date:
    # A datetime is a date too, but compares unequal to its own day.
    return date(moment.year, moment.month, moment.day)
