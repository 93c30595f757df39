"""Phrase rules for asking: questions with and without their mark, asking to hear more, and
the advice and tag questions that only look like asking."""

from __future__ import annotations

from nearer.chat.detectors.rules.address import YOU

# Questions as chats write them without "?": an opening word that only questions start with,
# after an optional greeting or name ("babe, are you home"), then anything to the sentence's end.
LEAD = (
    r"(?:(?:(?:hey|hi|ok|okay|so|and|but|also|btw|oh|anyway|omg|wait|sorry|um|hmm|then)[,!]?|"
    # a pet name or a laugh leads only when set apart: "love how you laugh" tells, not asks
    r"(?:babe|baby|hun|hon|love|lol|haha|hehe)\s*[,!:;-])\s+)*"
)
# Without the comma a pet name or a laugh leads only the verb-first questions and "what time"
# ("babe are you home", "haha did you see that"); "love" not even those ("love is everything").
NAMED = r"(?:(?:babe|baby|hun|hon|lol|haha|hehe)\s+)"
_PEOPLE = r"(?:you|u|ya|y'all|we|i|he|she|they|anyone|anybody|someone|somebody|everyone|everybody)"
_THINGS = r"(?:it|that|this|these|those|there|something|anything|everything)"
_AUX = (
    r"(?:do|does|did|have|has|am|is|are|was|were|can|could|would|will|should|r|don'?t|didn'?t|"
    r"doesn'?t|isn'?t|aren'?t)"
)
# "do it" and "have that" are orders and "did it!" is news, so do, have and did take a person.
_VERB_FIRST = (
    # the verb before its subject: "do you want to talk", "is it raining", "r u ok"
    r"(?:do|does|did|have|has|am|is|are|was|were|can|could|would|will|should|shall|may|might|"
    r"must|r|don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|can'?t|"
    rf"couldn'?t|wouldn'?t|won'?t|shouldn'?t)\s+{_PEOPLE}|"
    rf"(?:does|doesn'?t|is|isn'?t|are|was|were|can|could|would|will|should|has)\s+(?:{_THINGS}|"
    r"your|ur|his|her|their|our)|"
    # a question word before its verb or noun: "what did you do today", "what time is dinner"
    rf"(?:what|why|how|when|where|who|wat|wut)\s+{_AUX}|"
    r"(?:what|which)\s+(?:kind|sort|time|one|ones|way|day|bit|part)"
)
_ASKS = (
    rf"{_VERB_FIRST}|"
    # a question word and what it asks about: "what happened", "how come", "what if"
    r"(?:what|why|how|when|where|who|wat|wut)\s+(?:happened|happens|made|makes|help|else|about|"
    r"if|for|now|exactly|come)|"
    # "how you laugh" tells; "how you feeling" asks
    r"how\s+(?:you|u|ya)\s+(?:doing|doin|feeling|feelin|been|holding|keeping|getting|going|"
    r"goin|coping|finding|liking|enjoying|sleeping|settling|managing)|"
    rf"(?:why|where)\s+(?:you|u|ya)\s|(?:what|wat|wut)\s+(?:you|u|ya)\s+(?:doing|up|want|"
    r"wanna|thinking|think|mean|got|having|after|reckon|fancy)|"
    # "what's special about you is ..." tells, so "what's" asks only of what questions ask about
    r"(?:how|where|who|when|why)'?s|what'?s\s+(?:up|wrong|going|happening|happened|new|the|your|"
    r"ur|for|that|this|it|on|next|he|she|they|his|her|their|good)|"
    # a question in a statement's order, as chats ask it: "you ok", "wanna talk", "any news";
    # "you still owe me" and "you sure know how" tell, "you still there" and "you sure about it" ask
    rf"(?:you|u|ya)\s+(?:ok|okay|alright|good|up|home|there|awake|free|busy|around|back|done|"
    r"ready|coming|going|feeling|doing|want|wanna|fancy|hungry|ok|"
    r"still\s+(?:there|here|up|awake|coming|going|at|in|out|on|around|busy|working|ok|okay|"
    r"alright|mad|angry|upset|cross|annoyed|sad|ill|sick|hungry|free|want|wanna|need|doing|"
    r"feeling|thinking|with|talking)|"
    r"sure\s+(?:about|you|u|ur|that|this|it|we|he|she|they|there))|"
    r"(?:wanna|want to)\s+(?:talk|chat|vent|share|call|ring|facetime|grab|watch|come over|"
    r"come round|meet|hang out|order)|(?:want|need) me to|fancy a|need (?:anything|a hand|help)|"
    r"any (?:news|luck|word|update|updates|plans|ideas)|everything (?:ok|okay|alright)"
)
# "How much I miss you!" exclaims: how much, many or long asks only before a verb, a time word
# or a chat's "you want", never of "I", and never in a sentence ending "!".
_HOW_MUCH = (
    rf"how\s+(?:much|many|long|often|far|old|soon)(?:\s+[a-z']+)?\s+(?:{_AUX}|till|"
    r"until|before|ago|left|now|exactly|roughly|about|for|(?:you|u|ya|we|they)"
    r"\s+(?:want|wanna|need|got|gonna|reckon|think|have|pay|paid|spend|spent|been|staying|stay|"
    r"left|going))"
)
# Whole questions of a word or two: "you sure", "how much", "how long ago".
_SHORT = (
    r"(?:(?:you|u|ya)\s+(?:sure|still)|how\s+(?:much|many|long|often|far|old|soon)"
    r"(?:\s+(?:more|longer|ago|then|now|exactly|roughly))?)\s*"
)
_START = r"(?:^|[.!,\n]\s*)"
_ENDS = r"\b[^.!?]*(?:$|[.!])"

RULES: dict[str, str] = {
    "question_mark": r"\?",
    # A question put to the other person ("how are you feeling?"), not about oneself.
    "you_question": rf"\b{YOU}\b[^.!?]*\?",
    # A question written without its mark: "how did it end", "is it raining there", "you ok".
    "asks_without_mark": (
        rf"{_START}{LEAD}(?:(?:{_ASKS}){_ENDS}|{NAMED}(?:{_VERB_FIRST}){_ENDS}|"
        rf"(?:{_HOW_MUCH})\b[^.!?]*(?:$|\.)|{_SHORT}(?:$|\.))"
    ),
    "invites_more": (
        r"\b(?:tell (?:me|us) (?:more|about)|(?:want|wanna|like|care) to (?:talk|share|vent)|"
        r"what happened|what'?s (?:going on|wrong|up)|how (?:are|r) (?:you|u)|how (?:do|did) "
        r"(?:you|u) feel|how (?:are|r) (?:you|u) (?:feeling|doing|holding)|talk about it|"
        r"what do you mean|how come|and then\?|then what|is everything ok|are you ok(?:ay)?|"
        r"you ok\b|how was (?:it|your)|what did (?:he|she|they) say|"
        # asking without a question: "may I ask", "I wonder if", "I'm curious what"
        r"(?:may|can|could) i ask|mind (?:if i|me) ask(?:ing)?|i'?m (?:just )?curious|curious "
        r"(?:to know|what|how|why|if|whether|about)|i (?:was |am |'?m )?wonder(?:ing)? (?:if|what|"
        r"why|how|whether|about)|i'?d (?:like|love) to (?:know|hear)|let (?:me|us) know (?:what|"
        r"how|if|why|when))\b"
    ),
    # Asking to hear more in an order or a fragment, as a sentence of its own: "tell me more",
    # "go on", "and then what", "what happened next". "Let me tell you", "go on a walk" and
    # "keep going" tell, and "tell me about it" mostly agrees ("ugh, tell me about it").
    "asks_to_hear": (
        r"(?:^|[.!?,]\s*)(?:(?:oh|ok|okay|so|and|please|pls|babe|hun|wait|omg)[,!]?\s+)*(?:"
        # not "tell me what you want for dinner", nor "tell me how it went later, gotta run"
        r"(?:please |pls )?tell (?:me|us) (?:more|everything|all about|what (?:happened|he "
        r"(?:said|did)|she (?:said|did)|they (?:said|did))|how (?:it (?:went|felt|is going)|you "
        r"(?:feel|felt|are feeling|'re feeling))|about (?:him|her|them|that|what))|"
        r"(?:and |so )?then what|what happened (?:then|next|after|later)|go on\s*(?:[.!]|$)|"
        r"keep talking\s*(?:[.!]|$)|"
        r"i'?d (?:like|love) to hear (?:more|about|what|how))"
    ),
    # Advice put as a question ("have you tried...", "how about a walk?") proposes rather than
    # asks about the other person's situation.
    "suggests": (
        r"\b(?:how about|what about (?:trying|going|talking|getting|doing)|why (?:don'?t|not) "
        r"(?:you|u|try|just)|have (?:you|u) (?:ever )?(?:tried|considered|thought about|thought "
        r"of|looked into|heard of)|(?:maybe|perhaps) [^.!?]*\?|would it (?:help|be worth)|"
        r"(?:could|can) (?:you|u) (?:try|maybe)|you (?:should|could|might) (?:try|consider))"
    ),
    # Advice ("try...", "you should", "I'd suggest") tells the other person what to do: it
    # shows no understanding of what they feel.
    "advises": (
        r"(?:^|[.!?]\s+)(?:try|go|take|get|find|talk|stop|do|don'?t|make|keep|spend|give|call|see|"
        r"focus|remember|consider)\b|\b(?:you (?:should|need to|have to|must|gotta)|i(?: would|"
        r"'?d) (?:suggest|recommend|advise)|my advice)\b"
    ),
    # Tag and rhetorical questions do not ask for anything ("you know?", "guess what?").
    "tag_question": (
        r"\b(?:right|huh|eh|y'?know|you know|ya know|you know what|guess what|isn'?t it|aren'?t "
        r"(?:they|we)|don'?t you think|who knew|who cares|what'?s (?:even )?the point|why bother|"
        r"am i right)\s*\?|\bwhy the (?:hell|fuck|heck)\b[^.!?]*\?"
    ),
    "self_question": r"\b(?:i|me|my|am i|do i|should i|will i|can i)\b[^.!?]*\?",
    "opens_question": (
        r"^\s*(?:what|why|how|when|where|who|which|whats|what's|do|did|does|are|is|was|were|have|"
        r"has|can|could|would|will|should|shall|may|wanna|anyone|any)\b"
    ),
    # "Tell me how it went later": asks to hear, but not now, so not about what was just told.
    "tells_later": r"\btell (?:me|us)\b[^.!?]*\b(?:later|tomorrow|tonight)\b",
}
