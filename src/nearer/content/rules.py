"""Rules across records: references resolve, ids are unique and well-formed, the counts the
product promises are met, and no two questions say the same thing."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from itertools import product

from nearer.content import problems as p
from nearer.content.problems import Problem
from nearer.content.similarity import near_duplicates
from nearer.content.wording import speaks_of_danger, speaks_of_nearness, speaks_of_touch
from nearer.domain.model import (
    DEPTHS,
    FORMS,
    PROCESS_SCALES,
    WAYS,
    Cause,
    Content,
    Dimension,
    Instrument,
    Item,
    Practice,
    Question,
)

Sources = Mapping[str, str]  # record id -> the file it came from
Rule = Callable[[Content, Sources], Iterator[Problem]]

MIN_PROFILE_ITEMS, MIN_PER_PROFILE_SCALE = 48, 6
REVERSE_SHARE = (0.15, 0.35)
MIN_CAUSES, MIN_ITEMS_PER_CAUSE = 9, 3
MIN_QUESTIONS, MIN_PER_CELL = 240, 12
MIN_PRACTICES = 36
REQUIRED_SIGNS = (
    "open_talk",
    "support_hard_times",
    "deep_conversations",
    "feeling_safe",
    "respected",
    "trust_in_disagreement",
    "comfortable_silence",
    "surface_talk",
    "emotional_distance",
    "no_vulnerability",
    "misunderstandings",
    "withdrawal",
    "not_understood",
    "conflict",
    "resentment",
    "exhaustion",
)
SLUG = r"[a-z0-9_]+"
ID_PATTERNS = {
    "profile": re.compile(rf"profile\.(?P<scale>{SLUG})\.\d{{2}}"),
    "signs": re.compile(rf"signs\.{SLUG}"),
    "causes": re.compile(rf"causes\.(?P<scale>{SLUG})\.\d{{2}}"),
    "safety": re.compile(rf"safety\.(?P<scale>{SLUG})\.\d{{2}}"),
}
QUESTION_ID = re.compile(rf"q\.(?P<form>{SLUG})\.(?P<depth>\d)\.\d{{2}}")
PRACTICE_ID = re.compile(rf"practice\.{SLUG}")
CAUSE_ID = re.compile(SLUG)


def counts(content: Content) -> dict[str, int]:
    """The sizes `nearer content check --json` reports."""
    return {
        "profile_items": len(_items(content, "profile")),
        "signs": len(_items(content, "signs")),
        "causes": len(content.causes),
        "cause_items": len(_items(content, "causes")),
        "questions": len(content.questions),
        "practices": len(content.practices),
        "safety_items": len(_items(content, "safety")),
    }


def content_problems(content: Content, sources: Sources) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(content, sources)]


def _items(content: Content, instrument_id: str) -> tuple[Item, ...]:
    instrument = content.instruments.get(instrument_id)
    return instrument.items if instrument else ()


def _where(sources: Sources, record_id: str) -> str:
    return sources.get(record_id, "?")


def references_resolve(content: Content, sources: Sources) -> Iterator[Problem]:
    records: list[Dimension | Item | Cause | Question | Practice] = [
        *content.dimensions,
        *(item for i in content.instruments.values() for item in i.items),
        *content.causes,
        *content.questions,
        *content.practices,
    ]
    for record in records:
        if record.basis not in content.references:
            where = _where(sources, record.id)
            yield Problem(
                p.UNKNOWN_REFERENCE, where, record.id, "basis", f"no reference '{record.basis}'"
            )


def ids_unique(content: Content, sources: Sources) -> Iterator[Problem]:
    ids = [
        *(d.id for d in content.dimensions),
        *(c.id for c in content.causes),
        *(item.id for i in content.instruments.values() for item in i.items),
        *(q.id for q in content.questions),
        *(pr.id for pr in content.practices),
    ]
    for record_id, n in Counter(ids).items():
        if n > 1:
            yield Problem(
                p.DUPLICATE_ID, _where(sources, record_id), record_id, "id", f"used {n} times"
            )


def dimensions_complete(content: Content, sources: Sources) -> Iterator[Problem]:
    expected = {**{f: "form" for f in FORMS}, **{s: "process" for s in PROCESS_SCALES}}
    found = {d.id: d.kind for d in content.dimensions}
    if found != expected:
        wanted = ", ".join(f"{k} ({v})" for k, v in expected.items())
        yield Problem(p.RULE, "dimensions.yaml", "", "dimensions", f"must be exactly: {wanted}")


def instruments_well_formed(content: Content, sources: Sources) -> Iterator[Problem]:
    for instrument_id in ID_PATTERNS:
        if instrument_id not in content.instruments:
            yield Problem(
                p.UNREADABLE, f"instruments/{instrument_id}.yaml", "", "", "instrument missing"
            )
    for instrument in content.instruments.values():
        yield from _instrument_problems(instrument)


def _instrument_problems(instrument: Instrument) -> Iterator[Problem]:
    name = f"instruments/{instrument.id}.yaml"
    response = instrument.response
    if response.span <= 0 or response.span % 2:
        yield Problem(
            p.RULE, name, instrument.id, "response", "needs min < max and an odd number of points"
        )
    pattern = ID_PATTERNS.get(instrument.id)
    scale_ids = {s.id for s in instrument.scales}
    for item in instrument.items:
        match = pattern.fullmatch(item.id) if pattern else None
        if match is None or match.groupdict().get("scale", item.scale) != item.scale:
            yield Problem(
                p.BAD_ID, name, item.id, "id", f"must look like {_example(instrument.id)}"
            )
        if item.scale not in scale_ids:
            yield Problem(p.UNKNOWN_ID, name, item.id, "scale", f"no scale '{item.scale}'")
    for scale in instrument.scales:
        if not instrument.items_of(scale.id):
            yield Problem(p.TOO_FEW, name, scale.id, "items", "scale has no items")


def _example(instrument_id: str) -> str:
    return {
        "profile": "profile.<dimension>.<two digits>",
        "signs": "signs.<slug>",
        "causes": "causes.<cause id>.<two digits>",
        "safety": "safety.<scale>.<two digits>",
    }.get(instrument_id, "<instrument>.<slug>")


def profile_rules(content: Content, sources: Sources) -> Iterator[Problem]:
    profile = content.instruments.get("profile")
    if profile is None:
        return
    name = "instruments/profile.yaml"
    if len(profile.items) < MIN_PROFILE_ITEMS:
        yield Problem(
            p.TOO_FEW, name, "profile", "items", f"needs at least {MIN_PROFILE_ITEMS} items"
        )
    for scale in profile.scales:
        if len(profile.items_of(scale.id)) < MIN_PER_PROFILE_SCALE:
            yield Problem(
                p.TOO_FEW, name, scale.id, "items", f"needs at least {MIN_PER_PROFILE_SCALE} items"
            )
    share = sum(i.reverse for i in profile.items) / max(len(profile.items), 1)
    low, high = REVERSE_SHARE
    if not low <= share <= high:
        yield Problem(
            p.RULE, name, "profile", "reverse", f"{share:.0%} reverse-keyed; keep it near a quarter"
        )


def signs_rules(content: Content, sources: Sources) -> Iterator[Problem]:
    signs = content.instruments.get("signs")
    if signs is None:
        return
    name = "instruments/signs.yaml"
    present = {item.id for item in signs.items}
    for slug in REQUIRED_SIGNS:
        if f"signs.{slug}" not in present:
            yield Problem(
                p.TOO_FEW, name, f"signs.{slug}", "items", "a sign the article names is missing"
            )
    for item in signs.items:
        if not item.label:
            yield Problem(p.MISSING_FIELD, name, item.id, "label", "signs need a short label")


def causes_rules(content: Content, sources: Sources) -> Iterator[Problem]:
    if len(content.causes) < MIN_CAUSES:
        yield Problem(p.TOO_FEW, "causes.yaml", "", "causes", f"needs at least {MIN_CAUSES} causes")
    dimensions = {d.id for d in content.dimensions}
    signs = {item.id for item in _items(content, "signs")}
    finder = content.instruments.get("causes")
    for cause in content.causes:
        if not CAUSE_ID.fullmatch(cause.id):
            yield Problem(p.BAD_ID, "causes.yaml", cause.id, "id", "must be a lowercase slug")
        for dim in cause.related_dimensions:
            if dim not in dimensions:
                yield Problem(
                    p.UNKNOWN_ID,
                    "causes.yaml",
                    cause.id,
                    "related_dimensions",
                    f"no dimension '{dim}'",
                )
        for sign in cause.related_signs:
            if sign not in signs:
                yield Problem(
                    p.UNKNOWN_ID, "causes.yaml", cause.id, "related_signs", f"no sign '{sign}'"
                )
        if finder is not None and len(finder.items_of(cause.id)) < MIN_ITEMS_PER_CAUSE:
            yield Problem(
                p.TOO_FEW,
                "instruments/causes.yaml",
                cause.id,
                "items",
                f"needs at least {MIN_ITEMS_PER_CAUSE} items",
            )


def safety_rules(content: Content, sources: Sources) -> Iterator[Problem]:
    safety = content.instruments.get("safety")
    if safety is None:
        return
    name = "instruments/safety.yaml"
    if not safety.private:
        yield Problem(p.RULE, name, "safety", "private", "the safety screen must be private: true")
    for item in safety.items:
        if item.concern_at is None or not safety.response.accepts(item.concern_at):
            yield Problem(
                p.RULE,
                name,
                item.id,
                "concern_at",
                "needs an answer value within the response range",
            )
    if not content.resources:
        yield Problem(p.TOO_FEW, "resources.yaml", "", "default", "needs international resources")


def questions_rules(content: Content, sources: Sources) -> Iterator[Problem]:
    if len(content.questions) < MIN_QUESTIONS:
        yield Problem(p.TOO_FEW, "questions", "", "", f"needs at least {MIN_QUESTIONS} questions")
    cells = Counter((q.form, q.depth) for q in content.questions)
    for form, depth in product(FORMS, DEPTHS):
        if cells[form, depth] < MIN_PER_CELL:
            where = f"questions/{form}.yaml"
            yield Problem(
                p.TOO_FEW,
                where,
                "",
                "",
                f"needs at least {MIN_PER_CELL} questions at depth {depth}",
            )
    for q in content.questions:
        match = QUESTION_ID.fullmatch(q.id)
        if match is None or (match["form"], int(match["depth"])) != (q.form, q.depth):
            yield Problem(
                p.BAD_ID, _where(sources, q.id), q.id, "id", "must be q.<form>.<depth>.<two digits>"
            )
        if q.depth == 3 and not q.needs_safety:
            yield Problem(
                p.RULE, _where(sources, q.id), q.id, "needs_safety", "depth-3 questions need safety"
            )
        if _of_touch(q) and not q.needs_safety:
            yield Problem(p.RULE, _where(sources, q.id), q.id, "needs_safety", TOUCH_QUESTION)
    texts = ((q.id, q.text) for q in content.questions)
    for first, second, score in near_duplicates(texts):
        message = f"near-duplicate of {second} (word-set similarity {score:.2f})"
        yield Problem(p.NEAR_DUPLICATE, _where(sources, first), first, "text", message)


def practices_rules(content: Content, sources: Sources) -> Iterator[Problem]:
    if len(content.practices) < MIN_PRACTICES:
        yield Problem(p.TOO_FEW, "practices", "", "", f"needs at least {MIN_PRACTICES} practices")
    causes = {c.id for c in content.causes}
    for practice in content.practices:
        where = _where(sources, practice.id)
        if not PRACTICE_ID.fullmatch(practice.id):
            yield Problem(p.BAD_ID, where, practice.id, "id", "must be practice.<slug>")
        for cause in practice.causes:
            if cause not in causes:
                yield Problem(p.UNKNOWN_ID, where, practice.id, "causes", f"no cause '{cause}'")
        if _vulnerable(practice) and not practice.needs_vulnerability:
            yield Problem(p.RULE, where, practice.id, "needs_vulnerability", VULNERABLE_PRACTICE)
        if _unsafe_when_afraid(practice) and not practice.needs_safety:
            yield Problem(p.RULE, where, practice.id, "needs_safety", UNSAFE_PRACTICE)
    covered = {way for practice in content.practices for way in practice.ways}
    for way in WAYS:
        if way not in covered:
            yield Problem(p.TOO_FEW, "practices", "", "ways", f"no practice builds '{way}'")


VULNERABLE_PRACTICE = "must be true for a depth-3 practice or one building 'vulnerability'"


UNSAFE_PRACTICE = (
    "must be true for a practice of touch (its form, or its steps speaking of touch), or one whose "
    "contraindications speak of fear or danger"
)
TOUCH_QUESTION = (
    "must be true for a question that speaks of touch, or of the physical form and of being near "
    "each other"
)


def _unsafe_when_afraid(practice: Practice) -> bool:
    """Whether a practice is not for someone afraid of their partner by what it is: touch (of
    the physical form, or a step that speaks of touch: "a hug"), or its own contraindications
    warn of fear or danger (threats, violence, harm, feeling unsafe). Its `needs_safety` flag
    must then say so too, for the flag is what the safety gate reads
    (`domain.safety.withholds_practice`)."""
    return (
        "physical" in practice.forms
        or any(speaks_of_touch(step) for step in practice.steps)
        or any(speaks_of_danger(c) for c in practice.contraindications)
    )


def _of_touch(question: Question) -> bool:
    """Whether a question is about touch: its words speak of touch or contact, or, of the physical
    form, of bodies near each other. Touch is not for someone afraid of their partner, and the
    question's `needs_safety` flag is all the safety gate reads (`domain.safety.allowed_questions`).
    A physical question of the body's own comforts (rest, a smell, a food) is for anyone."""
    return speaks_of_touch(question.text) or (
        question.form == "physical" and speaks_of_nearness(question.text)
    )


def _vulnerable(practice: Practice) -> bool:
    """Whether a practice asks for vulnerability by what it is: vulnerable depth, or building
    the `vulnerability` way. Its flag must then say so, for the flag is all the safety gate reads
    (`domain.safety.withholds_practice`): content that asks to be vulnerable must never reach
    someone whose safety screen raised a concern."""
    return practice.depth == 3 or "vulnerability" in practice.ways


RULES: tuple[Rule, ...] = (
    references_resolve,
    ids_unique,
    dimensions_complete,
    instruments_well_formed,
    profile_rules,
    signs_rules,
    causes_rules,
    safety_rules,
    questions_rules,
    practices_rules,
)
