"""Words in a chat that may mean one partner fears the other, or threatens or controls them.

Where they appear, nearer offers each of the two people its private safety check again (a screen
can go stale; science.md: "repeat periodically and after alarming chat signals"). Nothing else
follows from them: no count is shown or stored, nobody is named, and the chat's report does not
change. This is a word list, in English and, shorter, in Spanish, Portuguese, French, German,
Italian and Dutch (the other languages nearer reads chats in), so it is approximate both ways:
"I'll kill you 😂" over the last slice of cake is found, and coercion in other words, or in
another language, is not. A needless
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
# The same, shorter, in the other languages; accents are optional ("contrase[ñn]a").
_OTHER_LANGUAGES = (
    # Spanish
    r"te (?:voy a matar|matar[ée])",
    r"te vas a arrepentir",
    r"me las vas a pagar",
    r"no (?:vas a )?ver[áa]s? (?:a )?(?:los|tus|nuestros) (?:niños|ninos|hijos)",
    r"dame tu (?:contrase[ñn]a|clave|tel[ée]fono|m[óo]vil)",
    r"tengo miedo de ti",
    r"me das miedo",
    r"no me (?:pegues|golpees)",
    r"me (?:pegaste|golpeaste|empujaste|amenazaste)",
    # Portuguese
    r"(?:vou te|eu te) mat(?:ar|o)",
    r"(?:voc[êe] )?vai se arrepender",
    r"(?:me (?:d[áa]|passa)) (?:a )?(?:sua )?senha",
    r"tenho medo de (?:voc[êe]|ti)",
    r"(?:n[ãa]o me bate|voc[êe] me bateu)",
    # French
    r"je (?:vais te tuer|te tue)",
    r"tu vas (?:le regretter|me le payer)",
    r"donne[- ]moi ton (?:mot de passe|code|t[ée]l[ée]phone)",
    r"je t'interdis de",
    r"j'ai peur de toi",
    r"tu me fais peur",
    r"(?:ne me frappe pas|tu m'as (?:frapp[ée]e?|pouss[ée]e?))",
    # German
    r"ich bring(?:e)? dich um",
    r"das wirst du bereuen",
    r"gib mir dein (?:passwort|handy)",
    r"ich verbiete dir",
    r"ich habe angst vor dir",
    r"du machst mir angst",
    r"(?:schlag mich nicht|du hast mich (?:geschlagen|geschubst))",
    # Italian
    r"ti (?:ammazzo|uccido)",
    r"te ne pentirai",
    r"dammi la (?:tua )?password",
    r"ti proibisco di",
    r"(?:ho paura di te|mi fai paura)",
    r"(?:non picchiarmi|mi hai picchiat[oa])",
    # Dutch
    r"ik (?:maak je af|vermoord je)",
    r"daar krijg je spijt van",
    r"geef me je wachtwoord",
    r"(?:ik ben bang voor jou|je maakt me bang)",
    r"(?:sla me niet|je hebt me geslagen)",
)
_PATTERN = r"(?i)\b(?:" + "|".join(_THREATS + _CONTROL + _FEAR + _OTHER_LANGUAGES) + r")\b"


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
