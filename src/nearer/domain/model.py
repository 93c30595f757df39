"""The intimacy model as typed values: what the content loader builds and the rules read."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

#: About how long one rating item takes to read and answer: what `Instrument.minutes` counts.
SECONDS_PER_ITEM = 8

FORMS = ("emotional", "intellectual", "experiential", "spiritual", "physical")
PROCESS_SCALES = ("disclosure", "responsiveness", "trust")
DEPTHS = (1, 2, 3)
DEPTH_NAMES = MappingProxyType({1: "light", 2: "personal", 3: "vulnerable"})

#: How many sessions a week each cadence asks for; `when_needed` is budgeted as one.
SESSIONS_PER_WEEK = MappingProxyType(
    {
        "daily": 7,
        "three_times_weekly": 3,
        "twice_weekly": 2,
        "weekly": 1,
        "once": 1,
        "when_needed": 1,
    }
)
#: How each cadence reads in a sentence.
CADENCE_WORDS = MappingProxyType(
    {
        "daily": "daily",
        "three_times_weekly": "three times a week",
        "twice_weekly": "twice a week",
        "weekly": "weekly",
        "once": "once",
        "when_needed": "when needed",
    }
)

WAYS = (
    "honest_conversation",
    "empathic_listening",
    "quality_time",
    "vulnerability",
    "deep_questions",
    "appreciation",
    "check_in",
    "affection",
    "consistency",
    "repair",
    "stress_conversation",
    "good_news",
    "solo",
)

#: An answers set: item id -> the integer the person chose.
Answers = Mapping[str, int]


@dataclass(frozen=True)
class Reference:
    key: str
    citation: str
    topic: str


@dataclass(frozen=True)
class Dimension:
    """One of the eight Intimacy Profile scales: a form or a process scale."""

    id: str
    kind: str  # "form" or "process"
    name: str
    description: str
    basis: str


@dataclass(frozen=True)
class ResponseRange:
    """The integer answers an item accepts, inclusive, with labels for some of them."""

    min: int
    max: int
    labels: Mapping[int, str] = field(default_factory=dict)

    @property
    def span(self) -> int:
        return self.max - self.min

    @property
    def midpoint(self) -> float:
        return (self.min + self.max) / 2

    def accepts(self, value: object) -> bool:
        return type(value) is int and self.min <= value <= self.max


@dataclass(frozen=True)
class Scale:
    id: str
    name: str
    description: str
    #: "closer": a higher score means more closeness; "distance": more of what holds it back.
    polarity: str = "closer"


@dataclass(frozen=True)
class Bands:
    """Provisional project norms on a 0–100 score: below `moderate` is low, from `strong` strong."""

    moderate: float
    strong: float


@dataclass(frozen=True)
class Item:
    id: str
    instrument: str
    scale: str
    text: str
    reverse: bool
    basis: str
    label: str | None = None  # signs: the short name of the sign
    concern_at: int | None = None  # safety: the lowest answer that counts as a concern


@dataclass(frozen=True)
class Instrument:
    id: str
    title: str
    intro: str
    response: ResponseRange
    scales: tuple[Scale, ...]
    items: tuple[Item, ...]
    bands: Bands | None = None
    private: bool = False
    summary: str = ""  # what it asks about, for the page that lists the instruments

    @property
    def minutes(self) -> int:
        """About how long answering every item takes, in whole minutes (at least one)."""
        return max(1, math.ceil(len(self.items) * SECONDS_PER_ITEM / 60))

    def items_of(self, scale_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scale == scale_id)

    def scale(self, scale_id: str) -> Scale:
        return next(scale for scale in self.scales if scale.id == scale_id)


@dataclass(frozen=True)
class Cause:
    """A likely driver of low intimacy; never a diagnosis."""

    id: str
    name: str
    summary: str
    explanation: str
    basis: str
    related_dimensions: tuple[str, ...] = ()
    related_signs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    form: str
    depth: int
    needs_safety: bool
    text: str
    basis: str


@dataclass(frozen=True)
class Practice:
    id: str
    title: str
    why: str
    basis: str
    steps: tuple[str, ...]
    minutes: int
    cadence: str
    participants: str  # "both" or "one"
    depth: int
    forms: tuple[str, ...]
    causes: tuple[str, ...]
    ways: tuple[str, ...]
    needs_vulnerability: bool
    touches_conflict: bool
    needs_safety: bool  # not for someone afraid of their partner, even when it asks little
    contraindications: tuple[str, ...]

    @property
    def sessions_per_week(self) -> int:
        return SESSIONS_PER_WEEK[self.cadence]

    @property
    def cadence_words(self) -> str:
        return CADENCE_WORDS[self.cadence]

    @property
    def weekly_minutes(self) -> int:
        return self.minutes * self.sessions_per_week


@dataclass(frozen=True)
class Resource:
    name: str
    what: str
    contact: str = ""
    url: str = ""


@dataclass(frozen=True)
class Content:
    """Everything nearer knows, as loaded and validated from the content files."""

    references: Mapping[str, Reference]
    dimensions: tuple[Dimension, ...]
    instruments: Mapping[str, Instrument]
    causes: tuple[Cause, ...]
    questions: tuple[Question, ...]
    practices: tuple[Practice, ...]
    resources: tuple[Resource, ...]
    resources_by_country: Mapping[str, tuple[Resource, ...]]

    @cached_property
    def items_by_id(self) -> Mapping[str, Item]:
        """Every item of every instrument by its id (ids are unique across instruments)."""
        return {item.id: item for inst in self.instruments.values() for item in inst.items}

    def resources_for(self, country: str | None) -> tuple[Resource, ...]:
        """Resources for an ISO 3166 alpha-2 country code, then the international ones, less any
        the country's own list already names ("Emergency services" once, with its number)."""
        local = self.resources_by_country.get((country or "").upper(), ())
        named = {resource.name for resource in local}
        return local + tuple(r for r in self.resources if r.name not in named)

    def cause(self, cause_id: str) -> Cause:
        return next(cause for cause in self.causes if cause.id == cause_id)

    def in_a_sentence(self, record_id: str) -> str:
        """A dimension's or a cause's name as a sentence uses it ("physical (nonsexual)",
        "unresolved conflict"); "" for an id that is neither."""
        names = {d.id: d.name for d in self.dimensions} | {c.id: c.name for c in self.causes}
        name = names.get(record_id, "")
        return f"{name[:1].lower()}{name[1:]}"
