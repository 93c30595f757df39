from __future__ import annotations

import pytest

from nearer.chat import language
from nearer.chat.language import (
    ENGLISH_WORDS,
    FUNCTION_WORDS,
    MIN_SHARE,
    OTHER_FUNCTION_WORDS,
    SHARED_WORDS,
    check,
)
from nearer.chat.pair import choose_pair, pair_messages
from tests.chat.conftest import ALEX, SAM, Row, daily, demo_table, make_messages

ENGLISH = [
    (0, SAM, "I think we should go to the lake this weekend, if you are free"),
    (2, ALEX, "Yes! I would love that. Can we leave early in the morning?"),
    (4, SAM, "Sure, I will pack the food and you can drive"),
]
GERMAN = [
    (0, SAM, "Ich glaube, wir sollten dieses Wochenende zum See fahren, wenn du Zeit hast"),
    (2, ALEX, "Ja! Das fände ich schön. Können wir früh am Morgen losfahren?"),
    (4, SAM, "Klar, ich packe das Essen ein und du fährst"),
]
#: A plain Spanish chat full of "no", "me" and "a", which are English words too.
SPANISH = [
    "Hola, ¿me llamas a las ocho?",
    "No, no puedo, estoy en el trabajo",
    "Vale, no pasa nada. ¿Me avisas cuando salgas?",
    "Sí, te aviso. No me esperes para cenar",
    "A mí no me importa esperar",
    "No, de verdad, come tú. Voy a llegar tarde",
    "Bueno, me voy a duchar. Te quiero",
    "Yo también te quiero, no me olvides",
    "Nunca. ¿Me traes pan?",
    "Sí, a la vuelta paso por la panadería",
]
EVERYDAY = {
    "Portuguese": ["Oi amor, me liga quando sair do trabalho", "Tá bom, saio às seis",
                   "Compra o pão e a manteiga, por favor", "Claro. Me manda a lista",
                   "Já mandei. Te amo muito", "Também te amo. Chego no fim da tarde"],
    "French": ["Coucou, bien dormi ?", "Oui très bien et toi ? J'ai une grosse journée",
               "Bon courage ! Tu me racontes ce soir", "On prend quelque chose pour le dîner ?",
               "Oui je passe au supermarché", "Je t'aime fort, à ce soir"],
    "Italian": ["Buongiorno amore, hai dormito bene?", "Sì, e tu? Oggi ho una giornata pesante",
                "In bocca al lupo! Poi mi racconti", "Prendiamo qualcosa per cena?",
                "Sì passo io al supermercato. Vuoi la pasta o il riso?", "Ti amo tanto"],
    "German": ["Guten Morgen Schatz, gut geschlafen?", "Ja super, und du? Ich hab so viel zu tun",
               "Viel Glück! Erzähl mir nachher wie es war", "Sollen wir was fürs Essen holen?",
               "Ja ich geh noch in den Supermarkt", "Ich hab dich lieb, bis gleich"],
    "Dutch": ["Goedemorgen schat, goed geslapen?", "Ja heel goed, en jij? Ik heb een drukke dag",
              "Succes! Vertel me straks hoe het was", "Zullen we iets halen voor het eten?",
              "Ja ik ga nog even naar de supermarkt", "Ik hou van je, tot straks"],
    "Indonesian": ["Pagi sayang, tidurnya nyenyak?", "Iya, kamu gimana? Hari ini aku sibuk banget",
                   "Semangat ya! Nanti cerita ya", "Mau beli apa buat makan malam?",
                   "Aku mampir ke supermarket dulu", "Aku sayang kamu, ketemu di rumah ya"],
    "Turkish": ["Günaydın aşkım, iyi uyudun mu?", "Evet çok iyi, sen? Bugün çok yoğunum",
                "Kolay gelsin! Sonra nasıl geçti anlatırsın", "Akşam için bir şey alalım mı?",
                "Evet ben markete uğrarım", "Seni çok seviyorum, evde görüşürüz"],
}  # fmt: skip
#: Short, casual English: "ok", "lol", emoji and names, few function words.
CASUAL = [
    "ok", "lol 😂", "Morning! Did you sleep ok?", "yeah not bad, Max woke me up at 6 😩",
    "omg that dog", "Are we still going to Priya's tonight?", "yes! 7ish", "ok cool",
    "can you grab wine on the way", "sure, red or white?", "red 🍷", "love you ❤️",
    "lol Jamie just sent me the video", "😂😂😂", "haha he's so dumb", "ok I'm leaving work now",
]  # fmt: skip

#: English in text-speak: "u", "r", "gr8", "l8r", and hardly a function word spelt in full.
TEXTSPEAK = [
    "hey u ok?", "ya, u?", "gr8 day, c u l8r", "r u home yet", "nt yet, omw", "k cool, luv u",
    "wat u want 4 dinner", "idk, pizza?", "gr8 idea", "ur the best", "cant w8 2 c u", "u2 xx",
    "r u still up", "ya, cant sleep", "aw, u want me 2 call",
]  # fmt: skip


def chat(texts: list[str]) -> list[Row]:
    """The texts as a conversation, Sam and Alex taking turns a minute apart."""
    return [(minute, (SAM, ALEX)[minute % 2], text) for minute, text in enumerate(texts)]


def test_an_english_chat_is_english() -> None:
    found = check(make_messages(ENGLISH))
    assert found.english and found.reason is None
    assert found.share >= MIN_SHARE


def test_a_german_chat_is_not_english_and_says_why() -> None:
    found = check(make_messages(GERMAN))
    assert not found.english
    assert found.reason is not None and "English" in found.reason


def test_too_little_text_is_not_called_english() -> None:
    found = check(make_messages([(0, SAM, "ok"), (1, ALEX, "yes")]))
    assert not found.english
    assert found.reason is not None and "too little" in found.reason


def test_a_plain_spanish_chat_is_not_english_for_its_no_me_and_a() -> None:
    found = check(make_messages(chat(SPANISH)))
    assert not found.english and found.share < MIN_SHARE


@pytest.mark.parametrize("name", sorted(EVERYDAY))
def test_everyday_chats_in_other_languages_are_not_english(name: str) -> None:
    assert not check(make_messages(chat(EVERYDAY[name] * 2))).english


def test_a_chat_half_in_spanish_is_not_english_and_says_why() -> None:
    english = [text for _, _, text in ENGLISH] + ["Great, see you at home then", "Love you"]
    found = check(make_messages(chat([*english, *SPANISH[:5]])))
    assert not found.english and found.share >= MIN_SHARE
    assert found.reason is not None and "other languages" in found.reason


def test_an_english_chat_with_a_little_spanish_is_english() -> None:
    mixed = [text for _, _, text in ENGLISH * 3] + ["Te quiero mucho, nos vemos en la casa"]
    assert check(make_messages(chat(mixed))).english


def test_a_short_casual_english_chat_is_english() -> None:
    found = check(make_messages(chat(CASUAL)))
    assert found.english and found.words < 100


def test_an_english_chat_in_text_speak_is_english() -> None:
    found = check(make_messages(chat(TEXTSPEAK)))
    assert found.english, found.reason


def test_the_demo_chat_is_english_with_a_wide_margin() -> None:
    table = demo_table()
    found = check(pair_messages(table, choose_pair([SAM, ALEX])))
    assert found.english and found.share >= 2.5 * MIN_SHARE


def switching_chat(english_days: int, spanish_days: int) -> list[Row]:
    """Every day the same English talk, then every day the same Spanish talk."""
    english = [(author, text) for _, author, text in ENGLISH]
    spanish = [((SAM, ALEX)[i % 2], text) for i, text in enumerate(SPANISH)]
    return daily(english_days, english) + daily(spanish_days, spanish, first_day=english_days)


def test_weeks_in_another_language_of_an_english_chat_are_named() -> None:
    messages = make_messages(switching_chat(70, 21))
    found = check(messages)
    assert found.english  # 10 weeks of English against 3 of Spanish
    weeks = sorted(set(messages["week"].to_list()))
    assert found.other_weeks == tuple(weeks[-3:])


def test_an_english_chat_has_no_weeks_in_another_language() -> None:
    table = demo_table()
    assert check(pair_messages(table, choose_pair([SAM, ALEX]))).other_weeks == ()


def test_no_word_counts_for_english_and_another_language() -> None:
    assert not ENGLISH_WORDS & OTHER_FUNCTION_WORDS
    assert SHARED_WORDS <= FUNCTION_WORDS and not SHARED_WORDS & ENGLISH_WORDS


def test_a_long_chat_counts_every_word_and_reads_the_shares_on_a_sample(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    messages = make_messages(chat([text for _, _, text in ENGLISH] * 2 + SPANISH[:6]))
    whole = check(messages)
    monkeypatch.setattr(language, "SAMPLE", 4)
    sampled = check(messages)
    assert sampled.words == whole.words
    assert sampled.share == check(messages.gather_every(3)).share  # spread over the whole chat


#: Everyday Polish and Russian: languages whose words the check does not list as "other".
ELSEWHERE = {
    "Polish": ["Bardzo za tobą tęsknię, jak minął ci dzień?", "Dziękuję za kolację, było super",
               "Jestem zmęczony, ale kocham cię", "Dzwoniłaś dziś do mamy?",
               "Smutno mi, że nie rozmawialiśmy rano", "Możesz odebrać dzieci o piątej?"],
    "Russian": ["Я очень скучаю, как прошёл твой день?", "Спасибо за ужин, было здорово",
                "Я устал, но я тебя люблю", "Ты звонила сегодня маме?",
                "Мне грустно, что мы не поговорили утром", "Можешь забрать детей в пять?"],
}  # fmt: skip


@pytest.mark.parametrize("other", sorted(ELSEWHERE))
def test_a_chat_where_one_partner_writes_another_language_is_not_english(other: str) -> None:
    """As a whole it passed for English (the English half alone gives about 30 % English
    words), and every word-list signal read the other half as saying nothing warm at all."""
    english = [
        "I miss you so much, how was your day?",
        "Thank you for the lovely dinner",
        "I am so tired but I love you",
        "Did you call your mother today?",
        "I feel sad that we did not talk this morning",
        "Can you pick up the kids at five?",
    ]
    rows = [
        (minute, (SAM, ALEX)[minute % 2], (english, ELSEWHERE[other])[minute % 2][minute // 2 % 6])
        for minute in range(240)
    ]
    found = check(make_messages(rows))
    assert not found.english and found.share >= MIN_SHARE
    assert found.reason is not None
    assert found.reason.startswith("Alex does not write in English (")


def test_a_partner_who_writes_little_follows_the_chat() -> None:
    """Too few words of theirs to tell: a few Polish words in an English chat change nothing."""
    english = [text for _, _, text in ENGLISH] * 30
    rows = [(minute, SAM, text) for minute, text in enumerate(english)]
    rows += [(1_000 + n, ALEX, ELSEWHERE["Polish"][n % 6]) for n in range(10)]
    assert check(make_messages(rows)).english
