"""Phrase rules for conflict: blame, self-defence and counter-blame, scorn, insults and mock
praise, the markers of sarcasm and talking down, and the praise, comfort and apologies that
borrow their words."""

from __future__ import annotations

from nearer.chat.detectors.rules.address import YOU, YOU_ARE
from nearer.chat.detectors.rules.asking import LEAD, NAMED

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

# A yes/no question about a habit, up to its adverb (see "asks_habit", "habit_blame").
_HABIT = (
    r"\b(?:do|does|did|are|were|have|would|will|can|could) (?:you|u|ya) (?:always|never|ever|"
    r"usually|normally)\b"
)
# A duty or need that blames: "have to be so loud", "need to be right", "have to be late",
# "gotta ruin everything"; not "have to be at the office by 8" or "have to make presentations".
_DUTY = (
    r"(?:(?:have|has|got|need) to (?:be (?:so|such|this|that|like|right|late|the one|"
    r"the cent(?:re|er))|make (?:it|everything|this|that|a (?:scene|fuss|big deal)|me)|"
    r"say (?:that|something|it|things)|do (?:that|this)|ruin|start (?:something|a fight|"
    r"an argument|it|this)|bring (?:it|that|this|\w+ up)|argue|turn (?:it|this|everything)|"
    r"act like|win|correct (?:me|everyone|everybody|people)|have the last word|interrupt|"
    r"critici[sz]e|complain|control)|gotta|insist|bother)"
)
# Traits, and the partner neglected or wronged: "are you always this selfish?", "do you ever
# listen to me?", "do you always twist my words", "do you never say sorry". A verb a caring
# question shares blames only with its object aimed at the partner: not "do you ever feel like
# that too?", "do you always forget to eat?", "do you ever lie awake?", "do you ever treat
# yourself?".
_WRONGS = (
    rf"(?:(?:be|being|this|so|such an?) (?:so |this |such an? )*(?:{_TRAITS}|{_INSULTS}|"
    rf"{_UNWORTHY}|loud|messy|moody|grumpy)(?:\s*(?:[.!?,]|$)| (?:to|with|towards|around)\b)|"
    r"(?:be|being|act|acting|behave|behaving|talk|talking|treat me|treat us) like (?:this|that|"
    r"a child|a baby|an idiot)|make (?:everything|it|this) (?:a|such a) drama|"
    r"shut up|disappear|go (?:quiet|silent)|walk (?:off|away|out)|flirt|get drunk|"
    r"spend (?:all )?(?:our|my|the) money|ignor\w* (?:me|us|my|what i)|"
    r"(?:do|say) (?:that|this)\s*(?:[.!?]|$)|"
    r"listen(?: to (?:me|us|anyone|anybody|a word|what i))?\s*(?:[.!?]|$)|"
    r"care (?:about (?:me|us|anyone|anybody|anything|how)|what i)|"
    r"think (?:about|of) (?:anyone|anybody|anything|someone) (?:but|except|else|other than)|"
    r"think before (?:you|u) (?:speak|talk|act|say|open)|think\s*(?:[.!?]|$)|"
    r"make (?:it|everything|this) about|pay attention|remember (?:anything|what i|my)|"
    r"forget (?:my|our|about (?:me|us)|what i|to (?:call|text|tell) (?:me|us))|"
    r"lie to|lying to|(?:lie|lying)\s*(?:[.!?]|$)|"
    r"twist (?:my|what i|everything|things)|ruin (?:everything|this|my|our|things)|"
    r"mess (?:it|everything|this|things) up|mess up\s*(?:[.!?]|$)|exaggerate|overreact|"
    r"embarrass (?:me|us)|talk over|learn\s*(?:[.!?]|$)|"
    r"keep (?:a|your|any) promises?(?: (?:to|you make to) (?:me|us))?\s*(?:[.!?]|$)|"
    r"have an excuse|leave me hanging|waste (?:my|our) time|(?:so |this )?cold (?:to|with) me|"
    r"put yourself first|take (?:\w+ |\w+'s )?side|say sorry|apologi[sz]e|stop\s*(?:[.!?]|$)|"
    r"make me (?:wait|feel|look|beg|ask|chase|repeat|do|pay)|cancel on|"
    r"treat (?:me|us)|"
    r"(?:text|call|message|ring) (?:me|us)(?: back)?|(?:text|call) back|call\s*(?:[.!?]|$)|"
    r"(?:reply|answer)(?: (?:to )?(?:me|us|my \w+|anyone|anybody)| back)?\s*(?:[.!?]|$)|"
    r"(?:reply|answer) (?:to )?(?:me|us|my)|blame (?:me|us|everyone|others)|"
    r"judge (?:me|us|my|everyone|everybody|people)|(?:yell|shout|scream)\w* at (?:me|us|"
    r"the kids|the children)|"
    r"(?:yell|shout|scream)\s*(?:[.!?]|$)|interrupt\w*|complain\w*|whine|whinge|moan\w*|"
    r"nag\w*|critici[sz]\w*|sulk\w*|stop (?:talking|complaining|moaning|whining|nagging|"
    r"shouting|yelling|lying))"
)
# Chores aimed at the home or the partner: "do you ever help around the house?", "do you always
# leave your socks on the floor?"; not "do you ever pick up extra shifts?".
_CHORES = (
    r"(?:lift a finger|pull your weight|help (?:me|us|around|out (?:around|at home|with "
    r"(?:anything|the (?:house|kids|chores))))|(?:clean|tidy|wash|pick) up"
    r"(?: after (?:yourself|you)|\s*(?:[.!?]|$)| (?:your|the|this) mess)|clean\s*(?:[.!?]|$)|"
    r"wash up|do (?:the|your) (?:dishes|washing|laundry|cleaning|share)|do anything (?:around|"
    r"to help|right|useful)|leave [^.!?]*(?:everywhere|lying around|on the floor|in the sink|"
    r"lights on|for me|mess|open|up)|(?:make|leave) (?:a|such a|this) mess)"
)

RULES: dict[str, str] = {
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
        rf"\b{YOU}(?:'re| are)? (?:always|never|constantly|keep|just don'?t|don'?t ever|can'?t "
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
    # blame, so always_never counts only outside it (see OUTSIDE) unless habit_blame finds blame
    # in it: "you never listen. do you always sing in the shower?" still blames. An emoji or a
    # dash may open it: "😂 do you always sing in the shower?".
    "asks_habit": (
        rf"(?:^|[.!?,\n])\W*{LEAD}{NAMED}?(?:do|does|did|are|were|have|would|will|can|could) "
        r"(?:you|u|ya) (?:always|never|ever|usually|normally)\b"
    ),
    # The blame a habit question carries all the same: a duty or a need to win ("do you always
    # have to be so loud?"), a trait ("are you always this selfish?", "are you always like
    # this?"), the partner neglected or wronged ("do you ever listen to me?", "do you always twist
    # my words") or the chores and slights couples fight over. Chores, replies and lateness blame
    # only aimed at the partner or the home: "do you ever help out at the food bank?", "are you
    # ever late for work?", "do you never go home for christmas?" and "do you always wear
    # yellow?" are curious.
    "habit_blame": (
        r"\b(?:do|are|have) (?:you|u|ya) never\b[^.!?]*\b(?:(?:come|get) home (?:on time|early)|"
        r"help (?:me|us|around|out\s*(?:[.!?]|$))|(?:call|text) (?:me|us)|"
        r"clean (?:up|the (?:kitchen|bathroom|house|flat|toilet|dishes)|anything)|"
        r"clean\s*(?:[.!?]|$)|"
        r"(?:come|get) home(?: (?:anymore|at all))?\s*(?:[.!?]|$)|"
        r"think (?:of|about) (?:me|us)(?: at all| anymore)?\s*(?:[.!?]|$))|"
        r"\b(?:are|r) (?:you|u) never (?:at )?home\b|"
        rf"{_HABIT} (?:even |just )?help(?: out)?\s*(?:[.!?]|$)|"
        r"\b(?:do|does|did|will|would) (?:you|u|ya) (?:always|never) (?:just )?"
        r"(?:forget\s*(?:[.!?]|$)|ruin it\b)|"
        rf"{_HABIT} (?:just )?(?:yell|shout|scream)\w* at "
        r"(?:people|everyone|everybody|him|her|them)\b|"
        rf"{_HABIT}(?: (?:so |this )?like (?:this|that)(?: with (?:people|me|us|everyone))?"
        r"\s*(?:[.!?]|$)| (?:so |this )?late(?:"
        r"\s*(?:[.!?]|$)| (?:for|to) (?:everything|anything|us|me|dinner))|"
        r"(?: (?:so |this )?on (?:your|that|the) phone)\b|[^.!?]*\b"
        rf"(?:{_DUTY}|{_WRONGS}|{_CHORES}))(?:\W|$)|"
        # opened in anger: "😡 do you never learn?"
        r"[😡🤬😠👿😤]\W*(?:do|does|did|are|were|have|would|will|can|could) (?:you|u|ya) "
        r"(?:always|never|ever|usually|normally)(?:\W|$)"
    ),
    # Praise that borrows blame's words: "you always make me laugh", "you never fail to".
    "praises": (
        rf"\b{YOU}(?:'re| are)? (?:always|never (?:fail|cease) to|constantly) (?:make me "
        r"(?:smile|laugh|happy|feel (?:better|good|loved|safe|special))|"
        r"know (?:how|what|just|exactly)|cheer me|"
        r"look (?:good|great|amazing|gorgeous|beautiful|lovely|cute)|(?:so |such a )?(?:kind|sweet|"
        r"thoughtful|lovely|good to me|there for me|patient)|(?:have|had) my back|amaze me|"
        r"surprise me|do (?:the|such) (?:sweetest|nicest|kindest|cutest|loveliest|best)|"
        r"take (?:such )?(?:good )?care of me|look after me|believe in me|know what to say)|"
        rf"\b{YOU}(?:'re| are) (?:a |an |such a |my )?(?:star|legend|hero|champ|rock|gem|"
        r"lifesaver)\b|\b(?:so |really |seriously |very )?impressed\b|\bproud of (?:you|u)\b"
    ),
    # Comfort that borrows blame's words: taking the blame off the partner ("it's not your
    # fault", "you did nothing wrong"), denying what they say of themselves ("you're not a
    # failure", "that's not true, you look beautiful"), "you never have to apologise".
    "reassures": (
        r"\b(?:not|isn'?t|wasn'?t|never) (?:your|ur) fault\b|"
        rf"\b{YOU}(?:'re| are| were) not (?:a |an |being )?(?:failure|stupid|dumb|useless|idiot|"
        r"crazy|alone|burden|weak|ugly|fat|bad|selfish|lazy|too much|overreacting|boring|"
        r"annoying|a disappointment|worthless|silly)\b|"
        rf"\b{YOU} (?:did|do|have done|'ve done)(?:n'?t do anything| nothing) wrong\b|"
        rf"\b{YOU} (?:never|don'?t) (?:let me down|have to (?:apologi[sz]e|say sorry|explain|"
        r"thank me|be sorry|be perfect))\b|"
        r"\bdon'?t be (?:so )?(?:hard on yourself|sorry)\b|"
        rf"\b(?:that'?s|it'?s|thats|its) not true,? {YOU}(?:'re| are)? "
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
        rf"\b(?:{YOU}(?:'re| are| were) the one (?:who|that) (?:forgot|didn'?t|did|wanted|said|"
        r"started|insisted|chose|agreed|suggested|lost|broke|can'?t|won'?t|messed|screwed|ruined|"
        rf"yelled|shouted|left)|it was {YOU} (?:who|that)|i'?m not the one|i (?:am|was)(?:n'?t| "
        rf"not) the one|it (?:wasn'?t|was not) me|not like {YOU}(?:'re| are| were| ever| even| "
        rf"never| always| do| did| help| care| listen| know| try)|(?:yeah,? |oh,? |and )?well,? "
        rf"{YOU} (?:never|didn'?t|don'?t|started|said|told|forgot|wanted|chose|agreed|"
        rf"should(?:n'?t)? have|could have|asked for)|{YOU} started (?:it|this|that)|"
        rf"{YOU}(?:'re| are) no better|{YOU}(?:'re| are)(?:n'?t| not) (?:perfect|innocent|an "
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
        rf"\b{YOU_ARE}(?: {_SO})* (?:{_INSULTS}|{_UNWORTHY})(?:[^a-z0-9'-]|$)|"
        rf"(?:^|[.!?,]\s*)what an?(?: {_SO})* (?:{_INSULTS})\b|"
        # the same scorn put as a question: "why are you such an idiot?", "why are you so stupid"
        rf"\bwhy (?:are|r) (?:you|u)(?: {_SO})* (?:{_INSULTS}|{_UNWORTHY})\b|"
        rf"\b(?:{YOU} (?:make|made) me (?:sick|want to (?:puke|vomit|throw up))|{YOU} (?:disgust|"
        rf"repulse|sicken) me|(?:i'?m|i am) (?:so )?(?:ashamed|disgusted) (?:of|by) {YOU})\b"
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
        # "thanks a lot" mocks at the end or before emoji or punctuation, not "thanks a lot
        # for everything today 😭"
        r"\bnot that (?:you|u) care\b|\bthanks a lot(?:\s*[^\w\s]|\s*$|,? for (?:nothing|"
        r"ruining|wasting|ignoring|leaving|ditching|forgetting|embarrassing|making me))|"
        r"\bnice (?:job|going|work|one),? "
        r"(?:genius|einstein|sherlock)\b|\bmanaged to (?:screw|mess|ruin|break|lose|forget)\b"
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
