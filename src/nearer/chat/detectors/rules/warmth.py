"""Phrase rules for warmth: understanding put into words, validation, thanks (and thanks with
tears), social formulas, sympathy and tenderness, and love of things told from love of the
partner."""

from __future__ import annotations

from nearer.chat.detectors.rules.address import YOU, YOU_ARE

# Words of thanks, and the emoji of tears that can say they were felt (see "moved_thanks").
_THANKS = r"thank(?:s| you| u| ya)?|thx|ty|tysm|tyvm|appreciated?|grateful"
_TEARS = "😭🥺🥹🥲😢"
# What sets words apart: spaces, punctuation and emoji, with the marks and the invisible joiner
# that emoji carry (variation selectors "❤️", "❤︎", the keycap of "1️⃣", "❤️‍🔥"), which regex
# counts as word characters, and the digit a keycap sits on.
_APART = r"(?:[\W_\p{M}\x{200D}]|[0-9#*]\x{FE0F}?\x{20E3})"

RULES: dict[str, str] = {
    # "I feel like that too": not "I feel like that's your own fault" (no look-ahead in polars).
    "feels_like_that": (
        r"\bi (?:feel|felt) (?:exactly |just |pretty much )?like that(?:\s*[.!?,]|\s*$| too\b| "
        r"as well\b| before\b| sometimes\b| all the time\b| when\b| every\b)"
    ),
    # Words of understanding that say the opposite: "I understand nothing you say".
    "understands_nothing": r"\bi (?:\w+ )?(?:understand|get) (?:nothing|none|zero)\b",
    # "Me too": the reply shares the same experience or feeling.
    "same_here": (
        r"(?:^|[.!?,]\s*)(?:same|me too|me neither|agreed|yep|yeah|right|totally|exactly)\b|"
        r"\b(?:same (?:here|boat|af|thing|way|feeling|situation|exact|with me)|me too|"
        r"similar (?:situation|experience|boat|feeling)|been there|i relate|relatable|"
        r"know the feeling|story of my life|happens to me|i do (?:it|that) too|in the same)\b|"
        # the same experience told: "I can relate", "I had the same fear", "I used to"
        r"\b(?:i (?:can |totally |really |completely |definitely |do )?relate|relate to (?:this|"
        r"that|it|you|your|what)|(?:have|had|get|got|feel|felt|know) (?:that|the|this) "
        r"(?:exact )?same|same (?:fear|problem|thing|issue|feeling|feelings|struggle)|i (?:used "
        r"to|went through|was close to|had (?:the same|a similar))|(?:happened|happens) to me|"
        r"(?:i'?m|i am) the same|same with me|in my (?:case|experience))\b|"
        r"(?:^|[.!?]\s+)(?:for me|personally)\b"
    ),
    # Understanding put into words: a reflection of what the other person feels, or validation.
    "reflects": (
        r"\b(?:(?:it|that) (?:sounds|seems) like|sounds like (?:you|u)|(?:that|it) must (?:be|have "
        r"been|feel)|you must (?:be|feel|have)|i can (?:see|understand|imagine) (?:why|how|that)|"
        r"(?:that|it) makes (?:total |complete |so much )?sense|no wonder|"
        r"i (?:totally |completely )?(?:get|understand) (?:it|that|why|how|you)|"
        r"i understand|"
        r"i (?:do|really|truly|fully|can|can totally|can really) understand|"
        r"(?:that|it)'?s (?:understandable|valid|normal|natural) to|"
        r"(?:you'?re|you are) (?:feeling|going through)|i know (?:how|what) (?:you|that|it)|"
        # "I know how frustrating it feels", "I know how much this sucks"
        r"i know (?:exactly |just )?how (?:much |\w+ |hard |much it |much that )?(?:it|this|that) "
        r"(?:is|feels|sucks|hurts|can|must|gets)|"
        r"(?:i'?ve|i have) (?:been|felt|had) (?:there|that|the same|similar)|"
        # the same place told: "I've been where you are", "I was in that same place"
        # told by the one answering ("your keys were in the same spot" tells nothing of them)
        r"(?:i'?ve been|i have been|i was|we'?ve been|we were|been) (?:where you are|in (?:that|"
        r"the|this|your|a similar|a) (?:same |exact |very )?(?:place|position|situation|spot|"
        r"boat|shoes|headspace|mindset))|"
        r"i (?:feel|felt) (?:exactly |just |pretty much )?(?:the same|that way))\b"
    ),
    # Validation: the feeling the other person told of is fair, natural, what anyone would feel
    # ("that makes sense", "no wonder you're upset", "of course you're nervous", "I'd be upset
    # too"). It is understanding only as a reply to a disclosure (see written_heads).
    "validates": (
        r"\b(?:(?:that|it|this|which)(?: all| totally| completely)? makes (?:\w+ )?sense|"
        rf"makes (?:total|complete|perfect|so much) sense|i hear {YOU}\b|"
        r"no wonder (?:you|u|ur|ya|it|that|this|they|he|she)|"
        rf"of course {YOU}(?:'re| are|'d| would| feel| felt| were| did)|"
        r"of course (?:it|that) (?:hurts|hurt|stings|stung|got to|upset|bothers|bothered)|"
        r"understandabl[ey]|"
        r"(?:that'?s|it'?s|that is|it is|feelings are|feeling is|reaction is) "
        r"(?:so |totally |completely |perfectly |100% |very )?valid|"
        r"(?:it'?s|that'?s|it is|that is) (?:\w+ )?(?:normal|natural|human) to (?:feel|be)|"
        r"(?:anyone|anybody|everyone|who) would(?:n'?t)? (?:be|feel|have)|"
        r"(?:i'?d|i would) (?:be|feel|have been|have felt) [^.!?]{0,30}\b(?:too|as well|the "
        r"same|also)\b|"
        rf"i don'?t blame {YOU}|(?:can'?t|cannot) blame {YOU}|{YOU} (?:have|had) every right|"
        rf"{YOU}(?:'re| are) allowed to (?:feel|be)|"
        r"i (?:can )?(?:totally |completely |really )?(?:see|get|understand) why|"
        r"that would (?:upset|stress|scare|worry|hurt|annoy|frustrate|get to|make) (?:anyone|"
        r"anybody|me|most people)|"
        r"(?:that|it|this) (?:sounds|seems|must be|must have been) (?:so |really |very |super |"
        r"incredibly |extremely |pretty |genuinely )?(?:stressful|hard|tough|awful|exhausting|"
        r"frustrating|scary|overwhelming|upsetting|horrible|rough|painful|difficult|draining|"
        r"lonely|annoying|infuriating|terrifying|nerve-?wracking|heartbreaking|unfair|hurtful))"
    ),
    # Thanks put into words the learnt gratitude model underrates: "appreciate it", "so grateful
    # for you", "ty for dinner", "cheers for the milk". Appreciating a quality ("I appreciate your
    # honesty") is admiration, not thanks: only help given counts.
    "thanks": (
        r"\b(?:appreciate (?:it|you|u|ya|that|this|everything|all)|appreciate (?:your|ur|the) "
        r"(?:help|support|effort|efforts|time|patience|kindness|advice|offer|lift|hard work)|"
        r"(?:much|greatly|hugely|really|truly|so) appreciated|would be (?:\w+ )?appreciated|"
        r"(?:grateful|thankful) (?:for|to|you|that)|"
        r"(?:i'?m|i am|we'?re|we are|so|really|very|truly|forever|eternally|super|incredibly) "
        r"(?:grateful|thankful)|"
        r"(?:ty|thx|thnx|thanx|tysm|tyvm|cheers|ta) (?:for|so much|babe|love|hun|hon|x|xx|mate|"
        r"sweetie|darling)|"
        rf"{YOU_ARE} (?:a |an absolute |such a |my )?(?:lifesaver|life saver))\b|"
        r"(?:^|[.!?,]\s*)(?:ty|thx|thnx|thanx|tysm|tyvm)\s*(?:[.!x❤]|$)"
    ),
    # Thanks with tears ("thank you 😭", "thanks so much 🥺", "😢 thank you"): the writer is
    # moved, a feeling of their own beyond the formula. Tears alone say no more than that something
    # moved them (as often laughter as sadness), so only beside thanks, even on the next line
    # ("thank you\n😭"), and never with a laugh or mockery (see UNLESS): "thank you lmao 😭" is
    # amused, "thanks for nothing 😭" and "thanks a lot 😭" sarcastic.
    "moved_thanks": rf"(?s)\b(?:{_THANKS})\b.*[{_TEARS}]|[{_TEARS}].*\b(?:{_THANKS})\b",
    "laughs": (
        r"\b(?:ha(?:ha)+h?|he(?:he)+|lo+l+|lmf?a+o+|rofl|i'?m (?:dead|dying|weak)|hilarious|"
        r"crying laughing)\b|[😂🤣💀😆]"
    ),
    # Thanks words that thank no one: a refusal ("no thanks"), sarcasm ("thanks for nothing") and
    # appreciation denied ("I don't appreciate being lied to").
    "unthankful": (
        r"\b(?:(?:don'?t|do not|didn'?t|did not|never|not|doesn'?t|does not|wouldn'?t|won'?t) "
        r"(?:\w+ )?(?:appreciate|thank|grateful|thankful)|no thanks|thanks? (?:for|to) nothing|"
        r"ungrateful)\b"
    ),
    # A message that is nothing but a social formula: thanks, a greeting or goodbye, good wishes,
    # an "ok"/"great" and whom it is addressed to ("thanks!", "great, thanks", "hey everyone,
    # thank you", "morning babe x"). It tells no feeling of the writer's own: emotional
    # disclosure discounts it (gratitude is its own detector). Anything more ("thank you, I feel
    # so much better") is not a formula.
    "social_formula": (
        rf"^{_APART}*(?:(?:thank (?:you|u|ya)|thanks?|thx|thnx|thanx|ty|tysm|tyvm|cheers|ta|"
        r"(?:much |greatly |really )?appreciated|(?:so|very) much|a lot|a bunch|a million|again|"
        r"for (?:everything|that|this|it|the (?:help|lift|invite|tip|update|reminder))|"
        r"hi|hey|hello|hiya|heya|yo|howdy|(?:good )?(?:morning|afternoon|evening|night)|gm|gn|"
        r"nighty? night|bye|goodbye|bye bye|see (?:you|ya)(?: (?:later|soon|tomorrow))?|cya|"
        r"later|take care|congrats|congratulations|well done|happy birthday|happy new year|"
        r"merry (?:christmas|xmas)|happy holidays|you'?re welcome|welcome|no worries|"
        r"no problem|np|ok|okay|k|kk|great|cool|nice|perfect|awesome|lovely|brilliant|sure|"
        r"alright|sounds good|all|everyone|everybody|guys|folks|y'?all|babe|baby|hun|hon|love|"
        r"mate|dear|darling|sweetie|x+|xo+|lo+l+|lmf?a+o+|rofl|haha+|(?:ha)+h?|(?:he)+)\b"
        rf"{_APART}*)+$"
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
        r"beautiful|amazing|doing great)|(?:that|this)'?s (?:terrible|awful|great|awesome|amazing)|"
        r"(?:i'?m|i am) sorry|need (?:someone|somebody|a friend) to talk|(?:wanna|want to) (?:chat|"
        r"vent)|(?:your|ur) (?:feelings|life) (?:are|is|matter)|"
        r"(?:it'?s|that'?s|you'?re) (?:ok|okay|normal|valid|understandable)|"
        r"you'?re (?:not|never) (?:worthless|a burden|a failure|broken)|"
        r"i know (?:it|you) hurts?|be (?:gentle|kind|patient) with yourself|i'?m (?:so )?glad you|"
        r"you (?:can|could) (?:message|talk to|reach) me|hunny|huge hug)"
        r"|[:;]-?\)|<3|❤|🤗"
    ),
    # Longing and tenderness aimed at the partner, which single words cannot tell apart from
    # "can't wait for the match" or "thinking about work".
    "tender": (
        rf"\b(?:thinking (?:about|of) {YOU}|can'?t wait to (?:see|hug|kiss|hold|cuddle) {YOU}|"
        rf"wish {YOU} (?:were|was) here|come home soon|counting (?:down )?the (?:days|hours|"
        rf"minutes)|(?:sleep|night) (?:tight|well),? (?:love|babe|gorgeous|beautiful)|dream of me|"
        rf"{YOU} make me (?:so )?happy|lucky to have {YOU}|(?:my|the) (?:favourite|favorite) "
        r"person|can'?t stop (?:thinking about|smiling))"
    ),
    # Love said of something ("I love the park", "love that idea"), which the learnt love model
    # reads as affection, and love that reaches the partner all the same ("I love you", "love
    # how you laugh", "love spending time with you", "I love my wife"): see written_heads.
    "loves_something": (
        r"\b(?:i|we|i'?d|we'?d|i'?ll)\s+(?:(?:really|just|absolutely|totally|so|do|would|still|"
        r"also|kinda|lowkey|honestly|actually)\s+)*(?:love|loved|adore|adored)\s+\w|"
        r"(?:^|[.!?,]\s*)(?:love|loving|loved)\s+(?:the|this|that|these|those|it|my)\b"
    ),
    "loves_partner": (
        rf"\b(?:love|loved|adore|adored|loving)\s+(?:{YOU}|ya|us|our)\b|"
        rf"\b(?:love|loved|adore|adored|loving)\s+[^.!?,]{{0,40}}?\b(?:{YOU}|ya|us|our)\b|"
        r"\b(?:love|loved|adore|adored|loving)\s+my\s+(?:boyfriend|girlfriend|husband|wife|"
        r"partner|bf|gf|hubby|wifey|man|girl|boy|babe|baby|fiance|fiancee|fiancé|fiancée|person)\b"
    ),
}
