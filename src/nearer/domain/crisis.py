"""Crisis language in a private note: words about self-harm or suicide, or about being hurt or
threatened by a partner, after which nearer shows the writer alone a gentle pointer to support.

This is approximate by design: a short, conservative list of phrases in English and, shorter
still, in Spanish, Portuguese, French, German, Italian and Dutch (the other languages nearer
reads chats in), matched after the text is lower-cased, its accents dropped and its apostrophes
and spaces evened out. It will miss much that a person in trouble might write, and it cannot
understand context. Its one job is to decide whether a
quiet "support is here if you want it" line appears; nothing is stored, flagged or told anyone.

Negation is not parsed: "I'm not going to hurt myself" counts, like "I want to hurt myself".
Someone writing those words is near the subject either way, the pointer is gentle and private,
and a wrongly missed pointer costs more than a needless one. Idioms that merely sound violent
("this traffic is killing me", "I'm dying to see it", "it hit me that…") are left out on purpose.
"""

from __future__ import annotations

import re
import unicodedata

# Self-harm and suicide. Whole words; "…" stands for a short gap of any words.
_SELF_HARM = (
    r"suicid\w*",
    r"kill(?:ing)? my ?self",
    r"(?:hurt|hurting|harm|harming|cut|cutting) my ?self",
    r"self[- ]?harm\w*",
    r"end(?:ing)? (?:my life|it all)",
    r"take my (?:own )?life",
    r"(?:want|wanted|wanting|wanna) to die",
    r"wish i (?:was|were) dead",
    r"better off dead",
    r"better off without me",
    r"no reason to (?:live|go on)",
    r"(?:don t|do not|dont) want to (?:live|be alive|be here any ?more|wake up)",
    r"can t go on",
    r"overdos\w*",
)

# Being hurt, threatened or controlled by a partner.
_PARTNER = r"(?:he|she|they|my partner|my husband|my wife|my boyfriend|my girlfriend)"
_HARMED = (
    rf"{_PARTNER} (?:hit|hits|punched|punches|slapped|slaps|kicked|kicks|choked|chokes|"
    r"strangled|strangles|shoved|shoves|beat|beats|hurt|hurts|raped|rapes) me",
    rf"{_PARTNER} (?:threatened|threatens|threatening|said he would|said she would|"
    r"said they would) to (?:kill|hurt|harm)",
    rf"{_PARTNER} (?:is |are )?(?:going to|gonna|will|would|might) kill me",
    r"(?:said|says|told me) (?:he|she|they) (?:would|d|will|ll|is going to) kill me",
    r"(?:afraid|scared|frightened|terrified) of (?:him|her|them|my partner|my husband|my wife|"
    r"my boyfriend|my girlfriend)",
    r"(?:afraid|scared|frightened) to go home",
    r"(?:not|don t feel|do not feel) safe (?:at home|with (?:him|her|them))",
    r"won t let me (?:leave|see|go out|have money|talk to)",
)

# The same two kinds of words in the other languages, written as normalise() leaves them
# (lower case, no accents: "não" is "nao", "schlägt" is "schlagt"). "suicid…" above already
# covers suicidio, suicidarme, suicide, se suicider.
_OTHER_LANGUAGES = (
    # Spanish
    r"(?:me )?quiero (?:morir(?:me)?|matarme|desaparecer)",
    r"me (?:voy|quiero) (?:a )?matar",
    r"no quiero (?:vivir|seguir viviendo)",
    r"quitarme la vida",
    r"hacerme dano",
    r"mi (?:pareja|marido|esposo|novio|novia) me (?:pega|pego|golpea|golpeo)",
    r"(?:el|ella) me (?:golpea|golpeo)",
    r"(?:el|ella|mi (?:pareja|marido|esposo|novio|novia)) me va a matar",
    r"(?:tengo )?miedo de (?:el|ella|mi pareja|mi marido|mi esposo|mi novio|mi novia)",
    # Portuguese
    r"quero morrer",
    r"(?:vou|quero) me matar",
    r"nao quero (?:mais )?viver",
    r"tirar (?:a )?minha (?:propria )?vida",
    r"(?:ele|ela) me (?:bate|bateu|agride|agrediu)",
    r"(?:ele|ela|meu marido|meu namorado) vai me matar",
    r"(?:tenho )?medo (?:dele|dela|do meu marido|do meu namorado|da minha mulher)",
    # French
    r"(?:je veux|envie de) mourir",
    r"(?:je vais|je veux|envie de) me tuer",
    r"en finir avec la vie",
    r"me faire du mal",
    r"(?:il|elle) me (?:frappe|frappait|bat|battait)",
    r"(?:il|elle|mon mari|mon copain) va me tuer",
    r"(?:j ai )?peur de (?:lui|mon mari|mon copain|mon conjoint|ma femme|ma copine)",
    # German
    r"ich (?:will|mochte) (?:nicht mehr leben|sterben|tot sein)",
    r"mich (?:umbringen|ritzen)",
    r"mir (?:etwas|was) antun",
    r"selbstmord\w*",
    r"suizid\w*",
    r"(?:er|sie) (?:schlagt|schlug|verprugelt) mich",
    r"(?:er|sie|mein mann|meine frau|mein freund|meine freundin) bringt mich um",
    r"angst vor (?:ihm|ihr|meinem mann|meinem freund|meiner frau|meiner freundin)",
    # Italian
    r"voglio morire",
    r"(?:uccidermi|ammazzarmi|togliermi la vita|farmi del male)",
    r"mi picchia(?:va)?",
    r"(?:lui|lei|mio marito|il mio ragazzo) mi (?:uccidera|ammazzera)",
    r"(?:ho )?paura di (?:lui|mio marito|il mio ragazzo|mia moglie)",
    # Dutch
    r"ik wil (?:dood|niet meer leven)",
    r"zelfmoord\w*",
    r"mezelf (?:van kant maken|iets aandoen|pijn doen)",
    r"(?:hij|zij) slaat me",
    r"(?:hij|zij|mijn man|mijn vriend) (?:vermoordt me|gaat me vermoorden)",
    r"bang voor (?:hem|haar|mijn man|mijn vriend|mijn vrouw|mijn vriendin)",
)

_PATTERN = re.compile(r"\b(?:" + "|".join(_SELF_HARM + _HARMED + _OTHER_LANGUAGES) + r")\b")
_APOSTROPHES = re.compile(r"[’'`´]")
_NOT_LETTERS = re.compile(r"[^a-z0-9-]+")


def mentions_crisis(text: str) -> bool:
    """True when `text` holds one of the crisis phrases above (see the module docstring for what
    that does and does not mean). Empty text is False."""
    return bool(_PATTERN.search(normalise(text)))


def normalise(text: str) -> str:
    """Lower case without accents ("é" → "e", "ß" → "ss"); apostrophes become a space ("don't"
    → "don t"); any run of other punctuation or white space becomes one space."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    lowered = _APOSTROPHES.sub(" ", plain)
    return " ".join(_NOT_LETTERS.sub(" ", lowered).split())
