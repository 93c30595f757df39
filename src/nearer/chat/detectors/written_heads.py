"""Heads written by hand, for detectors no licensed data set can train.

Responsiveness (caring, understanding, asking more) is judged on replies to disclosures; contempt,
criticism and defensiveness on conflict talk; a question is a question. The weights combine the
learnt models' logits ("d:<name>"), word lists ("n:<list>"), phrase rules ("r:<rule>") and, for
replies, how much the message answered was a disclosure ("ctx:disclosure", 0 without one). They
were set by reasoning and by reading errors on half of each evaluation set, never fitted to it.
"""

from __future__ import annotations

from nearer.chat.detectors.model import Head

# A decision is a score of 0.5 or more: each bias was moved so that 0.5 sits where the
# threshold fell on the half of the evaluation data used for writing the rules.
WRITTEN_HEADS: dict[str, Head] = {
    "caring": Head(
        0.2,
        {
            "d:support": 0.5,
            "d:caring_words": 0.3,
            "n:caring": 0.5,
            "r:warmth": 1.5,
            "ctx:disclosure": 1.0,
        },
        0.5,
    ),
    "understanding": Head(
        -2.7,
        {
            "d:factual_disclosure": 0.6,
            "all:n:first": 0.8,
            "all:n:you": -0.3,
            "n:understanding": 0.5,
            "d:curiosity": -0.3,
            "r:same_here": 1.5,
            "ctx:disclosure": 1.0,
        },
        0.5,
    ),
    "asking_more": Head(
        -1.1,
        {
            "r:question_mark": 1.0,
            "r:you_question": 0.5,
            "r:invites_more": 1.0,
            "r:asks_without_mark": 2.0,
            "r:tag_question": -1.0,
            "d:curiosity": 1.0,
            "ctx:disclosure": 1.0,
        },
        0.5,
    ),
    "question": Head(
        -0.4,
        {
            "r:question_mark": 3.0,
            "r:opens_question": 1.5,
            "r:tag_question": -1.0,
            "r:asks_without_mark": 1.0,
            "d:curiosity": 0.5,
        },
        0.5,
    ),
    "contempt": Head(
        -0.5,
        {
            "r:scorns": 1.0,
            "all:n:insult": 1.0,
            "all:n:sarcasm": 0.8,
            "d:conflict": 0.3,
            "all:n:you": 0.5,
            "d:support": 0.3,
            "d:emotion": 0.3,
        },
        0.5,
    ),
    "criticism": Head(
        -0.8,
        {
            "r:always_never": 3.0,
            "all:n:absolute": 0.5,
            "all:n:insult": 0.8,
            "d:conflict": 0.4,
            "all:n:you": 0.5,
        },
        0.5,
    ),
    # No labelled data exists for defensiveness: these weights are judgement alone.
    "defensiveness": Head(
        -4.0,
        {"r:defends": 4.0, "all:n:defensive": 0.6, "all:n:first": 0.3, "d:conflict": 0.3},
        0.5,
    ),
}
