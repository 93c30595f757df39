"""Phrase rules the word lists cannot express: questions, blame, self-defence and counter-blame,
scorn, insults, mock praise, reflection, validation, thanks (and thanks with tears), tenderness,
the praise that borrows blame's words and the markers of sarcasm and talking down.

Each rule is one compiled alternation applied to all texts at once; "r:<rule>" is 1.0 where the
text matches and 0.0 elsewhere. They were written by reading how people phrase these acts, and
checked against the evaluation sets' errors (never fitted to them).
"""

from __future__ import annotations

import polars as pl

_CASED = {"shouts"}  # rules that look at letter case
_YOU = r"(?:you|your|u|ya|yours|yourself)"

_YOU_ARE = r"(?:you(?:'re| are|re| r)|u(?:'re| are| r)|ur)"
# Names people call a partner in contempt, the words that intensify them, and verdicts on a
# partner's worth (see "insults").
_SO = (
    r"(?:such|so|just|really|fucking|absolute|absolutely|complete|completely|total|totally|utter|"
    r"utterly|stupid|little|lazy|useless|pathetic|big|biggest|a|an|the|being|acting like|"
    r"behaving like)"
)
_INSULTS = (
    r"idiot|moron|imbecile|dumbass|dumb ass|dipshit|dickhead|dick|asshole|arsehole|jerk|loser|fool|"
    r"clown|prick|twat|bitch|bastard|douche|douchebag|tosser|wanker|slob|failure|disappointment|"
    r"embarrassment|disgrace|joke|coward|liar|hypocrite|psycho|lunatic|nutcase|halfwit|nitwit|"
    r"dimwit|numbskull|airhead|knobhead|bellend|muppet|pillock|prat|waste of (?:space|air|oxygen)|"
    r"piece of (?:shit|crap|work|garbage|trash)"
)
# Traits a partner is attacked for as a whole person ("you're so selfish", "why are you so
# lazy?"); moods, looks and feeling cold ("quiet", "sad", "cute", "cold? want my jacket") are not
# here: asking after them is care, and "awful at mario kart" is teasing. Nor is "negative",
# mostly said of how the partner treats themselves: "why are you so negative about yourself?"
_TRAITS = (
    r"selfish|lazy|useless|annoying|stupid|mean|rude|inconsiderate|immature|difficult|dramatic|"
    r"controlling|careless|unreliable|ungrateful|childish|stubborn|insensitive|"
    r"self-?cent(?:er|re)d|arrogant|thoughtless|irresponsible|petty|cruel|nasty|heartless|"
    r"pathetic|clingy|needy|jealous|paranoid|bitter|toxic|hurtful"
)
_UNWORTHY = (
    r"stupid|dumb|thick|useless|worthless|pathetic|disgusting|repulsive|vile|clueless|brainless|"
    r"spineless|gutless|incompetent|insufferable|unbearable|an embarrassment|embarrassing|"
    r"a disgrace|trash|garbage|scum|waste of time"
)

# Questions as chats write them without "?": an opening word that only questions start with,
# after an optional greeting or name ("babe, are you home"), then anything to the sentence's end.
_LEAD = (
    r"(?:(?:(?:hey|hi|ok|okay|so|and|but|also|btw|oh|anyway|omg|wait|sorry|um|hmm|then)[,!]?|"
    # a pet name or a laugh leads only when set apart: "love how you laugh" tells, not asks
    r"(?:babe|baby|hun|hon|love|lol|haha|hehe)\s*[,!:;-])\s+)*"
)
# Without the comma a pet name or a laugh leads only the verb-first questions and "what time"
# ("babe are you home", "haha did you see that"); "love" not even those ("love is everything").
_NAMED = r"(?:(?:babe|baby|hun|hon|lol|haha|hehe)\s+)"
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
# Words of thanks, and the emoji of tears that can say they were felt (see "moved_thanks").
_THANKS = r"thank(?:s| you| u| ya)?|thx|ty|tysm|tyvm|appreciated?|grateful"
_TEARS = "😭🥺🥹🥲😢"
# What sets words apart: spaces, punctuation and emoji, with the invisible joiner and variation
# selector that emoji carry ("❤️", "❤️‍🔥"), which regex counts as word characters.
_APART = r"[\W_\x{FE0F}\x{200D}]"
_START = r"(?:^|[.!,\n]\s*)"
_ENDS = r"\b[^.!?]*(?:$|[.!])"

RULES: dict[str, str] = {
    "question_mark": r"\?",
    # A question put to the other person ("how are you feeling?"), not about oneself.
    "you_question": rf"\b{_YOU}\b[^.!?]*\?",
    # A question written without its mark: "how did it end", "is it raining there", "you ok".
    "asks_without_mark": (
        rf"{_START}{_LEAD}(?:(?:{_ASKS}){_ENDS}|{_NAMED}(?:{_VERB_FIRST}){_ENDS}|"
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
    # "I feel like that too": not "I feel like that's your own fault" (no look-ahead in polars).
    "feels_like_that": (
        r"\bi (?:feel|felt) (?:exactly |just |pretty much )?like that(?:\s*[.!?,]|\s*$| too\b| "
        r"as well\b| before\b| sometimes\b| all the time\b| when\b| every\b)"
    ),
    # Words of understanding that say the opposite: "I understand nothing you say".
    "understands_nothing": r"\bi (?:\w+ )?(?:understand|get) (?:nothing|none|zero)\b",
    # "Tell me how it went later": asks to hear, but not now, so not about what was just told.
    "tells_later": r"\btell (?:me|us)\b[^.!?]*\b(?:later|tomorrow|tonight)\b",
    # An attack put as a question, for asking more: "why can't you listen?", "why do you never
    # call?", "what is wrong with you?", "why are you so selfish?". Not "do you always get
    # nervous?", "why do you still feel guilty?" or "why would you want that?": they ask.
    "attack_question": (
        r"\bwhy (?:can'?t|won'?t) (?:you|u)\b|\bwhy (?:do|don'?t|did|didn'?t) (?:you|u) "
        r"(?:always|never|ever|even|keep|bother|insist)\b|"
        r"\bwhat(?:'?s| is)?(?: the (?:hell|fuck|heck)| on earth)?(?:'?s| is)? wrong with "
        r"(?:you|u)\b|"
        rf"\bwhy (?:are|r) (?:you|u) (?:being |always |so |such an? |this )*(?:{_TRAITS})\b|"
        r"\bwhy (?:are|r) (?:you|u) (?:always )?(?:like this|like that|such a pain)\b"
    ),
    "always_never": (
        rf"\b{_YOU}(?:'re| are)? (?:always|never|constantly|keep|just don'?t|don'?t ever|can'?t "
        r"even|didn'?t even|don'?t even|only care|only ever)\b|"
        # "why can't you..." blames; "why do you think so?" and "why did you pick it?" are
        # curious, and blame only with "always", "never", "even" or "keep"
        r"\bwhy (?:can'?t|won'?t|would) (?:you|u)\b|\bwhy (?:do|don'?t|did|didn'?t) (?:you|u) "
        r"(?:always|never|ever|even|keep|still|have to|insist|bother)\b|"
        # a global attack put as a question: "what is wrong with you?", "what the hell's wrong
        # with you", "why are you so selfish?", "why are you like this?"
        r"\bwhat(?:'?s| is)?(?: the (?:hell|fuck|heck)| on earth)?(?:'?s| is)? wrong with "
        r"(?:you|u)\b|\byour (?:fault|problem)\b|"
        rf"\bwhy (?:are|r) (?:you|u) (?:being |always |so |such an? |this )*(?:{_TRAITS})\b|"
        r"\bwhy (?:are|r) (?:you|u) (?:always )?(?:like this|like that|such a pain)\b|"
        r"\bevery (?:single )?time (?:i|we)\b|\bhow many times (?:do|have|did) i\b|"
        r"\bwould it kill (?:you|u)\b|\bis it (?:so hard|too much) to\b|"
        r"\bcan'?t (?:you|u) (?:ever|even|just)\b|\b(?:you|u) (?:just )?don'?t care\b|"
        rf"\b(?:you|u)(?:'re| are) so (?:{_TRAITS})\b"
    ),
    # A curious yes/no question about a habit ("do you always sing in the shower?", "are you
    # ever bored?", "do you never get tired of it?"): "always" and "never" there ask, they do not
    # blame, so it excuses always_never (see UNLESS) unless habit_blame finds blame in it.
    "asks_habit": (
        rf"(?:^|[.!?,\n]\s*){_LEAD}{_NAMED}?(?:do|does|did|are|were|have|would|will|can|could) "
        r"(?:you|u|ya) (?:always|never|ever|usually|normally)\b"
    ),
    # The blame a habit question carries all the same: a duty or a need to win ("do you always
    # have to be so loud?"), a trait ("are you always this selfish?"), the partner neglected ("do
    # you ever listen to me?") or the chores and slights couples fight over.
    "habit_blame": (
        r"\b(?:do|does|did|are|were|have|would|will|can|could) (?:you|u|ya) (?:always|never|ever|"
        r"usually|normally)\b(?: (?:so |this )?(?:late|on (?:your|that|the) phone)\b|[^.!?]*\b"
        r"(?:(?:have|has|got|need) to (?:be|make|say|do (?:that|this)|"
        r"ruin|start|bring|argue|turn|act|win|correct|have the last word|interrupt|criticis|"
        r"criticiz|complain|control)|gotta|insist|bother|"
        rf"(?:be|being|this|so|such an?) (?:so |this |such an? )*(?:{_TRAITS}|{_INSULTS}|"
        rf"{_UNWORTHY}|loud|messy|late)|"
        r"listen(?: to (?:me|us|anyone|anybody|a word|what i))?\s*(?:[.!?]|$)|"
        r"care (?:about (?:me|us|anyone|anybody|anything|how)|what i)|"
        r"think (?:about|of) (?:anyone|anybody|anything|someone) (?:but|except|else|other than)|"
        r"think before|make (?:it|everything|this) about|pay attention|lift a finger|"
        r"pull your weight|help (?:out|around|me)|(?:clean|tidy|wash|pick) up|do (?:the|your) "
        r"(?:dishes|washing|laundry|cleaning|share)|do anything (?:around|to help|right|useful)|"
        r"everywhere|lying around|on the floor|in the sink|lights on|(?:a|such a|this) mess|"
        r"(?:text|call|message|ring) (?:me|us) back|reply|answer (?:me|my)|"
        r"interrupt|complain|whine|whinge|moan|nag|criticis|criticiz|judge|ignore|blame|yell|"
        r"shout|sulk|lie to|lying|stop (?:talking|complaining|moaning|whining|nagging|shouting|"
        r"yelling|lying)))"
    ),
    # Praise that borrows blame's words: "you always make me laugh", "you never fail to".
    "praises": (
        rf"\b{_YOU}(?:'re| are)? (?:always|never (?:fail|cease) to|constantly) (?:make me "
        r"(?:smile|laugh|happy|feel (?:better|good|loved|safe|special))|"
        r"know (?:how|what|just|exactly)|cheer me|"
        r"look (?:good|great|amazing|gorgeous|beautiful|lovely|cute)|(?:so |such a )?(?:kind|sweet|"
        r"thoughtful|lovely|good to me|there for me|patient)|(?:have|had) my back|amaze me|"
        r"surprise me|do (?:the|such) (?:sweetest|nicest|kindest|cutest|loveliest|best)|"
        r"take (?:such )?(?:good )?care of me|look after me|believe in me|know what to say)|"
        rf"\b{_YOU}(?:'re| are) (?:a |an |such a |my )?(?:star|legend|hero|champ|rock|gem|"
        r"lifesaver)\b|\b(?:so |really |seriously |very )?impressed\b|\bproud of (?:you|u)\b"
    ),
    # Comfort that borrows blame's words: taking the blame off the partner ("it's not your
    # fault", "you did nothing wrong"), denying what they say of themselves ("you're not a
    # failure", "that's not true, you look beautiful"), "you never have to apologise".
    "reassures": (
        r"\b(?:not|isn'?t|wasn'?t|never) (?:your|ur) fault\b|"
        rf"\b{_YOU}(?:'re| are| were) not (?:a |an |being )?(?:failure|stupid|dumb|useless|idiot|"
        r"crazy|alone|burden|weak|ugly|fat|bad|selfish|lazy|too much|overreacting|boring|"
        r"annoying|a disappointment|worthless|silly)\b|"
        rf"\b{_YOU} (?:did|do|have done|'ve done)(?:n'?t do anything| nothing) wrong\b|"
        rf"\b{_YOU} (?:never|don'?t) (?:let me down|have to (?:apologi[sz]e|say sorry|explain|"
        r"thank me|be sorry|be perfect))\b|"
        r"\bdon'?t be (?:so )?(?:hard on yourself|sorry)\b|"
        rf"\b(?:that'?s|it'?s|thats|its) not true,? {_YOU}(?:'re| are)? "
        r"(?:look|so|really|not|the|a good|amazing|beautiful|wonderful|enough)\b"
    ),
    # Sympathy that says "sorry" without owning anything: condolence is care, not an apology.
    "condoles": (
        r"\bsorry (?:to hear|for your loss|(?:that )?(?:you(?:'re| are| were| had| have)|that "
        r"happened|it happened))\b|\bsorry,? (?:that|it) (?:sounds|must (?:be|have been))\b|"
        r"\bsorry about your (?:grandma|grandpa|gran|nan|mum|mom|dad|mother|father|sister|brother|"
        r"aunt|uncle|friend|dog|cat|job|day|week|loss|news|results|scan|test|exam|interview|back|"
        r"knee|head|cold|flu)\b"
    ),
    # An apology that owns something: "sorry I snapped", "sorry for being late", "my fault".
    "owns": (
        r"\bsorry (?:i|for (?:being|what i|my|not|snapping|yelling|shouting|forgetting)|that i|"
        r"about (?:earlier|last night|that|what i))\b|\bmy (?:bad|fault|mistake)\b|"
        r"\bi apologi[sz]e\b|\bi was wrong\b"
    ),
    # Self-defence: denying, excusing, counter-blaming, playing the innocent victim. "What about
    # you" counts only as a counter-complaint ("what about you? you forgot", "what about when
    # you..."): between partners it is mostly a question back ("what about you? how was it?").
    "defends": (
        r"\b(?:(?:it'?s|that'?s|its|thats|it is|that is) not (?:my fault|true|fair|what i "
        r"(?:said|meant))|not my (?:fault|problem)|"
        r"i (?:didn'?t|never) (?:say|said|do|did|mean|meant) (?:that|it|anything|a thing)\b|"
        r"i was (?:just|only) (?:trying|saying|asking|being|busy|tired|joking)|"
        r"i only (?:said|did|asked)|you(?:'re| are) (?:overreacting|too sensitive|being dramatic|"
        r"exaggerating)|calm down|don'?t blame me|(?:stop|quit) (?:blaming|attacking|nagging|"
        r"going on)|why (?:are|r) (?:you|u) (?:blaming|attacking|accusing|having a go)|"
        r"(?:i|we) (?:always|already) (?:do|did|said|told) (?:it|that|this|so|you)\b|"
        r"but (?:you|u) (?:also|too|did|do|never|always)|you (?:did|do) it too|"
        r"that'?s not how it|how (?:was|am|were) i (?:supposed|meant) to|you (?:never|didn'?t) "
        r"(?:told|tell|said|say) (?:me|that)|i'?m (?:doing|trying) my best|"
        r"what (?:more|else) do you want|(?:so )?now it'?s my fault|i had no choice|"
        r"what about (?:when (?:you|u)|(?:you|u)\??,? (?:you|u)))\b"
    ),
    # Counter-blame: turning the complaint back on the partner or disowning it ("you're the one
    # who forgot", "it's not like you're perfect", "how is that my fault?", "I can't win").
    "counter_blames": (
        rf"\b(?:{_YOU}(?:'re| are| were) the one (?:who|that) (?:forgot|didn'?t|did|wanted|said|"
        r"started|insisted|chose|agreed|suggested|lost|broke|can'?t|won'?t|messed|screwed|ruined|"
        rf"yelled|shouted|left)|it was {_YOU} (?:who|that)|i'?m not the one|i (?:am|was)(?:n'?t| "
        rf"not) the one|it (?:wasn'?t|was not) me|not like {_YOU}(?:'re| are| were| ever| even| "
        rf"never| always| do| did| help| care| listen| know| try)|(?:yeah,? |oh,? |and )?well,? "
        rf"{_YOU} (?:never|didn'?t|don'?t|started|said|told|forgot|wanted|chose|agreed|"
        rf"should(?:n'?t)? have|could have|asked for)|{_YOU} started (?:it|this|that)|"
        rf"{_YOU}(?:'re| are) no better|{_YOU}(?:'re| are)(?:n'?t| not) (?:perfect|innocent|an "
        r"angel) either|look who'?s talking|(?:how|why) (?:is|was|'s) (?:that|this|it|everything) "
        r"(?:always )?(?:my (?:fault|problem|responsibility)|on me)|(?:so )?(?:it'?s|everything'?s|"
        r"everything is) (?:all |always )?my fault|how (?:would|could|should|was|am) i (?:have |"
        r"be )?(?:known|know|meant|supposed)|(?:nobody|no one|you never|you didn'?t) (?:told|tell|"
        r"asked|ask|reminded|remind|mentioned|mention) me|you do (?:it|that|the same)(?: all the "
        r"time)? (?:too|as well)|don'?t (?:turn|twist|flip) (?:this|it|that|things) (?:around|"
        r"on me)|don'?t (?:put|pin|blame) (?:this|it|that) on me|twisting my words|putting words "
        r"in my mouth|that'?s not what happened|at least i (?:try|tried|bother|made an effort)|"
        r"i can'?t (?:win|do anything right)|what (?:did|have) i (?:even )?(?:do|done) (?:wrong|"
        r"now))\b|\b(?:you can talk|says you)\s*(?:[.!?]|$)"
    ),
    # Open scorn. Bare "really?" and "seriously?" are not here: partners use them for delight
    # ("Really?? That's so cool!") as often as for scorn.
    "scorns": (
        r"\bwhatever\s*(?:[.,!?]|$)|\b(?:yeah,? right|oh please|give me a break|grow up|"
        r"get over (?:it|yourself)|get a (?:life|clue|grip)|nice try|big deal|so what|who cares|"
        r"how pathetic|spare me|"
        r"cry me a river|boo hoo|you wish|nobody asked|no one asked|who asked|"
        r"you(?:'re| are) (?:such |so |just )?(?:pathetic|ridiculous|a joke|a child|a baby|"
        r"delusional|clueless|an idiot|a clown|a loser|stupid|useless|unbelievable|embarrassing)|"
        r"are you (?:stupid|really this|even listening)|"
        r"typical (?:you|of you)|of course (?:you|he|she) (?:did|would|do)|"
        r"try (?:reading|thinking)|learn to read|do (?:some|your) research|educate yourself|"
        r"good (?:luck with that)|thanks for nothing|bless your heart|"
        r"do you even|did you even|can you even|"
        r"wow\.|sure,? (?:jan|buddy|pal)|okay,? (?:buddy|pal|sweetie))\b|"
        r"🙄|😒|/s\b"
    ),
    # Insults aimed at the partner: name-calling ("you moron", "what an idiot"), a verdict on
    # their worth ("you're worthless", "you're a waste of space") and disgust ("you make me sick").
    "insults": (
        rf"\b(?:you|u|ya)(?: {_SO})* (?:{_INSULTS})(?:\s*[^\sa-z0-9']|$)|"
        rf"\b{_YOU_ARE}(?: {_SO})* (?:{_INSULTS}|{_UNWORTHY})(?:[^a-z0-9'-]|$)|"
        rf"(?:^|[.!?,]\s*)what an?(?: {_SO})* (?:{_INSULTS})\b|"
        # the same scorn put as a question: "why are you such an idiot?", "why are you so stupid"
        rf"\bwhy (?:are|r) (?:you|u)(?: {_SO})* (?:{_INSULTS}|{_UNWORTHY})\b|"
        rf"\b(?:{_YOU} (?:make|made) me (?:sick|want to (?:puke|vomit|throw up))|{_YOU} (?:disgust|"
        rf"repulse|sicken) me|(?:i'?m|i am) (?:so )?(?:ashamed|disgusted) (?:of|by) {_YOU})\b"
    ),
    # Mock praise and mock surprise: praise words turned against the other person.
    "mocks": (
        r"\b(?:oh|wow|gee|well),? (?:great|brilliant|wonderful|fantastic|genius|super|"
        r"terrific|marvellous|marvelous)\b|\bfor once\b|\b(?:a|another) (?:brilliant|"
        r"genius|great) (?:idea|plan|move) from you\b|\b(?:medal|gold star|parade|a party)\?|"
        r"\b(?:sure|yeah|oh yes|right),? because (?:you|u)\b|\b(?:like|as if) (?:you|u)(?:'d| "
        r"would| could| ever| even| care)\b|\byou actually (?:did|managed|remembered|listened|"
        r"noticed|bothered)\b|\bwhat a (?:surprise|shock)\b|\bhow (?:original|mature|"
        r"thoughtful of you|nice of you)\b|\b(?:real|very|so) mature\b|\bmust be nice\b|"
        r"\bnot that (?:you|u) care\b|\bthanks a lot\b|\bnice (?:job|going|work|one),? "
        r"(?:genius|einstein|sherlock)\b|\bmanaged to (?:screw|mess|ruin|break|lose|forget)\b"
    ),
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
        rf"makes (?:total|complete|perfect|so much) sense|i hear {_YOU}\b|"
        r"no wonder (?:you|u|ur|ya|it|that|this|they|he|she)|"
        rf"of course {_YOU}(?:'re| are|'d| would| feel| felt| were| did)|"
        r"of course (?:it|that) (?:hurts|hurt|stings|stung|got to|upset|bothers|bothered)|"
        r"understandabl[ey]|"
        r"(?:that'?s|it'?s|that is|it is|feelings are|feeling is|reaction is) "
        r"(?:so |totally |completely |perfectly |100% |very )?valid|"
        r"(?:it'?s|that'?s|it is|that is) (?:\w+ )?(?:normal|natural|human) to (?:feel|be)|"
        r"(?:anyone|anybody|everyone|who) would(?:n'?t)? (?:be|feel|have)|"
        r"(?:i'?d|i would) (?:be|feel|have been|have felt) [^.!?]{0,30}\b(?:too|as well|the "
        r"same|also)\b|"
        rf"i don'?t blame {_YOU}|(?:can'?t|cannot) blame {_YOU}|{_YOU} (?:have|had) every right|"
        rf"{_YOU}(?:'re| are) allowed to (?:feel|be)|"
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
        rf"{_YOU_ARE} (?:a |an absolute |such a |my )?(?:lifesaver|life saver))\b|"
        r"(?:^|[.!?,]\s*)(?:ty|thx|thnx|thanx|tysm|tyvm)\s*(?:[.!x❤]|$)"
    ),
    # Thanks with tears ("thank you 😭", "thanks so much 🥺", "😢 thank you"): the writer is
    # moved, a feeling of their own beyond the formula. Tears alone say no more than that something
    # moved them (as often laughter as sadness), so only beside thanks, and never with a laugh
    # (see UNLESS): "thank you lmao 😭" is amused, "thanks for nothing 😭" sarcastic.
    "moved_thanks": rf"\b(?:{_THANKS})\b.*[{_TEARS}]|[{_TEARS}].*\b(?:{_THANKS})\b",
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
        rf"\b(?:thinking (?:about|of) {_YOU}|can'?t wait to (?:see|hug|kiss|hold|cuddle) {_YOU}|"
        rf"wish {_YOU} (?:were|was) here|come home soon|counting (?:down )?the (?:days|hours|"
        rf"minutes)|(?:sleep|night) (?:tight|well),? (?:love|babe|gorgeous|beautiful)|dream of me|"
        rf"{_YOU} make me (?:so )?happy|lucky to have {_YOU}|(?:my|the) (?:favourite|favorite) "
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
        rf"\b(?:love|loved|adore|adored|loving)\s+(?:{_YOU}|ya|us|our)\b|"
        rf"\b(?:love|loved|adore|adored|loving)\s+[^.!?,]{{0,40}}?\b(?:{_YOU}|ya|us|our)\b|"
        r"\b(?:love|loved|adore|adored|loving)\s+my\s+(?:boyfriend|girlfriend|husband|wife|"
        r"partner|bf|gf|hubby|wifey|man|girl|boy|babe|baby|fiance|fiancee|fiancé|fiancée|person)\b"
    ),
    "shouts": r"\b[A-Z]{4,}\b.*\b[A-Z]{4,}\b|[!?]{3,}",
    # Markers of sarcasm and talking down in comment threads. They only order contempt's scores
    # below its threshold (written_heads.CONTEMPT_NUDGE): between partners "!", "so..." and a
    # quick "really?" are mostly sincere, so none of them ever decides contempt.
    "exclaims": r"!",
    "scare_quotes": r"(?:^|[\s(])['\"][^'\"\s][^'\"]{0,30}[^'\"\s]['\"](?:[\s.,!?;:)]|$)",
    # A reply that opens by pushing back or feigning assent: "Oh, ...", "Yes, and ...", "So ...".
    "retorts": r"^\W*(?:oh|ah|aw|wow|gee|well|yes|yeah|yep|sure|right|so|hey|and|but|ok|okay)\b",
    # A rhetorical question in a few words: "Really?", "Oxygen?", "And then what?".
    "short_question": r"(?:^|[.!?]\s+)[^.!?]{1,25}\?",
    "talks_down": (
        r"\b(?:obviously|clearly|apparently|evidently|of course|surely|learn (?:to|how)|try "
        r"(?:reading|thinking)|do (?:some|your) (?:research|homework)|educate yourself|get a clue|"
        r"grow up|wake up|sweetie|sweetheart|honey|buddy|pal|kiddo|bless (?:your|his|her|their) "
        r"heart|(?:do|did|can) (?:you|u) even|are (?:you|u) (?:serious|kidding)|just wow|genius|"
        r"einstein|sherlock|news ?flash|who knew|go figure|how (?:touching|convenient|original|"
        r"shocking|predictable)|(?:you|u) (?:should|need to|must|might want to|ought to|better))\b|"
        r"\b(?:really|seriously)\s*\?"
    ),
}


# A rule that holds unless one of its exceptions matches, as polars regexes have no look-around:
# applied in order, so an exception may have its own ("do you ever listen to me?" blames after
# all).
UNLESS: dict[str, tuple[str, ...]] = {
    "asks_habit": ("habit_blame",),
    "always_never": ("asks_habit",),
    "moved_thanks": ("laughs", "unthankful"),
    "social_formula": ("moved_thanks",),
}


def rule_signals(texts: pl.Series) -> pl.DataFrame:
    """One row per text, in order: an "r:<rule>" Float64 column (0/1) per rule in RULES, each
    rule in UNLESS 0.0 where its exception matches."""
    text = texts.cast(pl.String).fill_null("").str.replace_all("[’‘`´]", "'")
    # Matching lower-cased text is much faster than case-insensitive matching.
    frame = pl.DataFrame({"text": text, "lower": text.str.to_lowercase()})
    frame = frame.select(
        pl.col("text" if name in _CASED else "lower")
        .str.contains(pattern)
        .cast(pl.Float64)
        .alias(f"r:{name}")
        for name, pattern in RULES.items()
    )
    for rule, exceptions in UNLESS.items():
        excused = pl.max_horizontal(pl.col(f"r:{name}") for name in exceptions)
        frame = frame.with_columns(pl.col(f"r:{rule}") * (1.0 - excused))
    return frame
