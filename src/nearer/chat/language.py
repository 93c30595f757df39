"""Is this chat English enough for the English word lists?

Many short English function words are everyday words in other languages too: Spanish and
Portuguese "no", "me", "a"; German "in", "so", "was"; Dutch "is", "we"; French "on". Counted as
English, they let a plain Spanish chat pass for English. So the check counts two kinds of words,
and words of both English and another language for neither:

- `ENGLISH_WORDS`: nearer's English function words (`FUNCTION_WORDS`, which other modules use as
  they are) without `SHARED_WORDS`, plus their chat spellings ("dont", "wanna"). "I" and "of"
  stay although Italian ("i") and Dutch ("of") have them too: they are too common in English to
  lose, and the comparison below settles those chats.
- `OTHER_WORDS`: everyday function words of the other languages nearer meets most (Spanish que,
  el; Portuguese não, você; French je, c'est; Italian che, non; German ich, nicht; Dutch ik,
  niet; Indonesian yang, aku; Turkish ve, bir...), none of them on the English list.

English words are about 25–60 % of the words of English chats, short and casual ones included
(nearer's demo chat: 43 %), and a few percent at most in other languages. Rule: the chat is
English when at least `MIN_WORDS` words were written, at least `MIN_SHARE` (15 %) of them are
English words, and English words are at least `LEAD` (3) times as many as other languages' words.
So a chat in another language, or a third of it in another language, is not English; one with
about three quarters of its text in English is. Signals built on English word lists are then
reported as unavailable, with the reason, never computed on the wrong language.

Each person is also judged on their own, once they wrote at least `PERSON_WORDS` words: a couple
where one writes English and the other Polish passes the rule as a whole (the English half alone
gives 30 % English words), yet every word-list signal would read the Polish half as saying
nothing warm, no thanks, no disclosure, and so would the answers to the English half. Such a chat
is not English for these signals either, and the reason names who writes in another language.
(Weeks already found in another language, below, are left out of this: a couple who moved to
Spanish together is not one partner writing Spanish.)

A couple can also change language part way (a move, a new job, a partner learning the other's
language). So in an English chat each week with at least `WEEK_WORDS` words read is judged by the
same rule on its own; the weeks that fail it (`other_weeks`) are left out of every English
word-list signal, weekly and over the whole chat, rather than read as weeks of silence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import polars as pl

from nearer.chat.tokens import count_words

MIN_SHARE = 0.15
MIN_WORDS = 20
LEAD = 3
#: A week is judged on its own with at least this many words read; a quieter week follows the
#: chat (a few dozen words can hold too few function words to tell).
WEEK_WORDS = 200
#: A person is judged on their own with at least this many words read (LanguageCheck's reason).
PERSON_WORDS = 200
#: The shares are read on at most this many messages: plenty to tell the language, and a chat
#: of millions of messages is checked as fast as one of a hundred thousand.
SAMPLE = 100_000

#: Common English function words (our own list): pronouns, articles, auxiliaries, prepositions,
#: conjunctions, negations and a few high-frequency adverbs and quantifiers.
FUNCTION_WORDS = frozenset(
    """
    i me my mine myself we us our ours you your yours he him his she her hers it its they them
    their this that these those what which who whom whose
    a an the
    am is are was were be been being have has had do does did will would shall should can could
    may might must i'm i've i'll i'd you're you've you'll we're we've it's that's don't doesn't
    didn't can't won't isn't aren't wasn't haven't
    to of in on at by for with about from into over after before under up down out off than
    and but or so if because as while when where then
    not no never nothing
    just very too also only really still even now here there all some any much many more most
    how why yes yeah ok okay
    """.split()
)
#: Function words that are English and everyday words of another language too (Spanish,
#: Portuguese, French, Italian, German, Dutch), and "ok", which everyone writes: the language
#: check counts them for no language.
SHARED_WORDS = frozenset(
    "a also am an as do even had he her in is me no ok okay on over so was we will".split()
)
#: English function words as chats spell them: without the apostrophe, run together or cut
#: short ("u", "r", "cuz"). Without them a chat in text-speak ("r u ok", "c u l8r") reads as
#: too little English. None is an everyday word of the languages below ("im", German, and
#: "ya", Spanish, are left out).
CHAT_SPELLINGS = frozenset(
    """dont cant didnt doesnt isnt wasnt wont thats youre wanna gonna gotta ur u r urs ive youve
    youll theyre hes shes whats hows arent havent hasnt wouldnt couldnt shouldnt aint cuz coz bc
    tho thru abt lemme gimme kinda sorta dunno yall""".split()
)
#: The words the language check counts as English.
ENGLISH_WORDS = (FUNCTION_WORDS - SHARED_WORDS) | CHAT_SPELLINGS
#: Everyday function words (and a few chat staples) of the other languages nearer meets most,
#: none of them on the English lists; a word of several languages ("je", "di") counts once.
OTHER_WORDS = {
    "Spanish": """que de la el en y los las del se por con una un es lo para te mi tu tú pero
        más mas como cómo está esta estoy eso esto muy sí qué también bien nos le les hay
        pues porque yo al cuando todo nada""",
    "Portuguese": """não nao você voce vc eu é o um uma os da em pra mais isso ele ela minha
        meu seu sua aqui então entao vou já tá tô muito tudo também""",
    "French": """je il elle nous vous les des et est une pas ce ça ca c'est qui dans pour
        avec mais du au très tres oui moi toi suis j'ai sur aussi tout rien quoi""",
    "Italian": """che di il non e per sono ti ci si gli della anche cosa questo quello sei hai
        ho più piu molto io perché perche ma""",
    "German": """ich du und der die das nicht ist ein eine zu mit sich auf den dem wir mir
        dich dir mich auch noch schon aber wie ja nein gut heute sehr oder wenn dann habe hab
        hast haben kann sind bist jetzt nur doch mal""",
    "Dutch": """ik je jij het een van niet dat ook maar met voor naar heb hebt wat nog wel dan
        zijn ze mij mijn jou jouw hoe waar goed heel echt zo kan nee op om""",
    "Indonesian": """yang dan di ke dari ini itu aku kamu kau dia kita kami tidak gak ga nggak
        udah sudah belum ada apa sama juga lagi mau bisa aja banget dong sih kok tapi buat
        deh""",
    "Turkish": """ve bir bu ne sen için çok var yok ama gibi daha şey evet mı mi seni beni
        bana sana tamam değil nasıl ki""",
}
OTHER_FUNCTION_WORDS = frozenset(word for words in OTHER_WORDS.values() for word in words.split())


@dataclass(frozen=True)
class LanguageCheck:
    """`english` decides whether English word-list signals are computed.

    `share` is the fraction (0–1) of words that are English words (`ENGLISH_WORDS`); `words`
    counts the chat's words; `reason` says, when `english` is False, why the lexicon signals are
    unavailable. `other_weeks` (Mondays, oldest first) are the weeks of an English chat that look
    like another language, which the lexicon signals leave out.
    """

    english: bool
    share: float
    words: int
    reason: str | None
    other_weeks: tuple[date, ...] = ()


def check(messages: pl.DataFrame) -> LanguageCheck:
    """Decide from the `lower`, `words` and `timestamp` columns of the pair's messages
    (pair.PAIR_COLUMNS).

    `words` is the whole chat's; the shares are read on at most `SAMPLE` messages, evenly spread
    over the chat (every message of a shorter chat)."""
    words = int(messages["words"].sum() or 0)
    sample = _sample(messages)
    read, english, other = _counts(sample)
    share = english / read if read else 0.0
    if words < MIN_WORDS:
        reason = f"too little text to tell the language ({words} words; {MIN_WORDS} needed)"
        return LanguageCheck(False, share, words, reason)
    if share < MIN_SHARE:
        reason = (
            f"the chat does not look like English ({share:.0%} of its words are common English "
            f"words; {MIN_SHARE:.0%} needed), and these signals use English word lists"
        )
        return LanguageCheck(False, share, words, reason)
    if english < LEAD * other:
        reason = (
            f"the chat is not clearly English ({other / read:.0%} of its words are common words of "
            f"other languages and {share:.0%} common English words; English needs {LEAD} times "
            f"as many), and these signals use English word lists"
        )
        return LanguageCheck(False, share, words, reason)
    other_weeks = _other_weeks(sample)
    elsewhere = _writing_elsewhere(_without(sample, other_weeks))
    if elsewhere is not None:
        name, theirs = elsewhere
        reason = (
            f"{name} does not write in English ({theirs:.0%} of their words are common English "
            f"words; {MIN_SHARE:.0%} needed), and these signals use English word lists"
        )
        return LanguageCheck(False, share, words, reason)
    return LanguageCheck(True, share, words, None, other_weeks)


def _sample(messages: pl.DataFrame) -> pl.DataFrame:
    """Every message of a chat of up to `SAMPLE` messages, else every n-th: at most `SAMPLE`."""
    return messages.gather_every(max(1, math.ceil(messages.height / SAMPLE)))


def _counts(messages: pl.DataFrame) -> tuple[int, int, int]:
    """Words, English words and other languages' words in these messages."""
    totals = messages.select(_COUNTS).row(0)
    words, english, other = (int(total or 0) for total in totals)
    return words, english, other


def _without(messages: pl.DataFrame, weeks: tuple[date, ...]) -> pl.DataFrame:
    """`messages` but those of `weeks`, which the signals leave out already."""
    monday = pl.col("timestamp").dt.truncate("1w").dt.date()
    return messages.filter(~monday.is_in(pl.Series(weeks, dtype=pl.Date).implode()))


def _writing_elsewhere(messages: pl.DataFrame) -> tuple[str, float] | None:
    """The first person (by name) with at least PERSON_WORDS words who fails the rule on their
    own, and their share of English words; None when each writes English, or too little to
    tell (they follow the chat then). Weeks in another language are no longer in `messages`: a
    couple who moved to Spanish together is not a partner writing Spanish."""
    people = messages.group_by("author").agg(_COUNTS).filter(pl.col("words") >= PERSON_WORDS)
    failing = people.filter(_failing(pl.col("english"), pl.col("other"))).sort("author")
    if failing.is_empty():
        return None
    name, read, english = failing.select("author", "words", "english").row(0)
    return str(name), english / read


def _failing(english: pl.Expr, other: pl.Expr) -> pl.Expr:
    """The rule, on the `words`, English and other words of a row: fewer than MIN_SHARE English
    words, or fewer than LEAD times the other languages' words."""
    return (english < MIN_SHARE * pl.col("words")) | (english < LEAD * other)


def _other_weeks(messages: pl.DataFrame) -> tuple[date, ...]:
    """The weeks (their Mondays) with at least WEEK_WORDS words that fail the rule."""
    monday = pl.col("timestamp").dt.truncate("1w").dt.date().alias("week")
    weeks = messages.group_by(monday).agg(_COUNTS).filter(pl.col("words") >= WEEK_WORDS)
    failing = _failing(pl.col("english"), pl.col("other"))
    return tuple(sorted(weeks.filter(failing)["week"].to_list()))


_LOWER = pl.col("lower")
_COUNTS = (
    pl.col("words").sum().alias("words"),
    count_words(_LOWER, ENGLISH_WORDS).sum().alias("english"),
    count_words(_LOWER, OTHER_FUNCTION_WORDS).sum().alias("other"),
)
