"""From unusual trends to findings: each tied to the sign of intimacy it reflects and to a
practice that addresses it.

The links are the project's reading of the research (science.md §3–4 and docs/chat/signals.md):
which sign on the Signs checklist a chat signal can show, and which practice helps. A practice is
chosen by id, or failing that by the ways and causes it serves; practices that need
vulnerability are never chosen, and practices that touch conflict only for conflict findings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from nearer.chat.trends import Trend
from nearer.domain.model import Practice


@dataclass(frozen=True)
class Link:
    sign: str  # an item id of the Signs checklist
    practice: str  # the preferred practice id
    ways: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    conflict: bool = False  # a conflict finding: practices that touch conflict may be offered


LINKS: Mapping[str, Link] = MappingProxyType(
    {
        "messages_per_day": Link("signs.emotional_distance", "practice.undistracted_time",
                                 ("quality_time",), ("stress_pace",)),
        "median_reply_minutes": Link("signs.withdrawal", "practice.turning_toward_bids",
                                     ("consistency",), ("stress_pace",)),
        "toward_share": Link("signs.emotional_distance", "practice.turning_toward_bids",
                             ("consistency", "quality_time"), ("rejection_worry",)),
        "questions_per_100": Link("signs.deep_conversations", "practice.love_map_update",
                                  ("deep_questions",), ("avoided_conversations",)),
        "emotional_disclosures_per_100": Link("signs.open_talk",
                                              "practice.daily_emotional_check_in",
                                              ("check_in",), ("naming_feelings",)),
        "disclosures_met_share": Link("signs.not_understood", "practice.reflect_validate_care",
                                      ("empathic_listening",), ("rejection_worry",)),
        "gratitude_per_100": Link("signs.appreciation_shown", "practice.daily_appreciation",
                                  ("appreciation",)),
        "affection_per_100": Link("signs.emotional_distance", "practice.six_second_greeting",
                                  ("affection",), ("closeness_discomfort",)),
        "positive_per_100": Link("signs.emotional_distance", "practice.good_news_ritual",
                                 ("good_news",), ("stress_pace",)),
        "negative_per_100": Link("signs.exhaustion", "practice.stress_reducing_conversation",
                                 ("stress_conversation",), ("stress_pace",)),
        "conflict_episodes": Link("signs.conflict", "practice.softened_start_up",
                                  ("repair",), ("unresolved_conflict",), conflict=True),
        "conflict_ratio": Link("signs.trust_in_disagreement",
                               "practice.fondness_and_admiration_list", ("appreciation",),
                               ("unresolved_conflict",)),
        "criticism_per_100": Link("signs.conflict", "practice.softened_start_up",
                                  ("repair",), ("unresolved_conflict",), conflict=True),
        "contempt_per_100": Link("signs.respected", "practice.fondness_and_admiration_list",
                                 ("appreciation",), ("unresolved_conflict",)),
        "defensiveness_per_100": Link("signs.misunderstandings", "practice.speaker_listener",
                                      ("empathic_listening",), ("unresolved_conflict",),
                                      conflict=True),
        "stonewalling": Link("signs.withdrawal", "practice.time_out_and_self_soothing",
                             ("repair",), ("unresolved_conflict",), conflict=True),
        "we_per_100": Link("signs.emotional_distance", "practice.rituals_of_connection",
                           ("consistency", "quality_time")),
        # Overall you-talk is not a conflict sign (it counts "thank you" too; Meier et al. found
        # it negative in conflict and support alike): how the two speak to each other.
        "you_per_100": Link("signs.respected", "practice.reflect_validate_care",
                            ("empathic_listening",)),
        "lsm": Link("signs.misunderstandings", "practice.reflect_validate_care",
                    ("empathic_listening",)),
        "personal_share": Link("signs.surface_talk", "practice.love_map_update",
                               ("deep_questions",), ("avoided_conversations",)),
        "logistics_share": Link("signs.surface_talk", "practice.stress_reducing_conversation",
                                ("stress_conversation",), ("stress_pace",)),
    }
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """An unusual change with its links. `toward_closeness` is True when the change goes the way
    research ties to closeness, False when away, None when the metric has no such direction."""

    trend: Trend
    link: Link
    toward_closeness: bool | None


def findings(trends: Sequence[Trend]) -> tuple[Finding, ...]:
    """One finding per unusual trend that has a link; changes away from closeness first."""
    found = [
        Finding(t, LINKS[t.metric.name], _toward(t))
        for t in trends
        if t.unusual and t.metric.name in LINKS
    ]
    return tuple(sorted(found, key=lambda f: {False: 0, None: 1, True: 2}[f.toward_closeness]))


def _toward(trend: Trend) -> bool | None:
    if trend.metric.closer is None:
        return None
    return trend.status == trend.metric.closer


def suggested(
    link: Link, toward_closeness: bool | None, practices: Sequence[Practice]
) -> Practice | None:
    """The practice a finding suggests from `practices` (the report's and the JSON's one rule):
    none for a change in neither direction (writing more is no problem), else `choose_practice`."""
    return None if toward_closeness is None else choose_practice(link, practices)


def choose_practice(link: Link, practices: Sequence[Practice]) -> Practice | None:
    """The linked practice if the content has it and it is gentle enough, else the gentlest
    practice serving the link's ways or causes; None when nothing fits."""
    allowed = [
        p
        for p in practices
        if not p.needs_vulnerability and (link.conflict or not p.touches_conflict)
    ]
    preferred = [p for p in allowed if p.id == link.practice]
    if preferred:
        return preferred[0]

    def fit(practice: Practice) -> tuple[int, int, bool]:
        matches = len(set(practice.ways) & set(link.ways)) + len(
            set(practice.causes) & set(link.causes)
        )
        return (-matches, practice.depth, practice.touches_conflict)

    ranked = sorted((p for p in allowed if fit(p)[0] < 0), key=fit)
    return ranked[0] if ranked else None
