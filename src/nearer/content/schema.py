"""The shape of every content record, checked at the boundary before anything is built.

A spec maps each field to what it must be. `check_record` returns every problem in a record
(missing, mistyped, not allowed, unknown fields), each naming the file, the record id and the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from nearer.content import problems as p
from nearer.content.problems import Problem
from nearer.domain.model import DEPTHS, FORMS, SESSIONS_PER_WEEK, WAYS


@dataclass(frozen=True)
class Field:
    kind: type  # str, int, bool, list or dict
    required: bool = True
    choices: frozenset[object] | None = None
    each: type | None = None  # the type of a list's elements
    each_choices: frozenset[object] | None = None
    minimum: int | None = None
    maximum: int | None = None


Spec = Mapping[str, Field]

TEXT = Field(str)
FLAG = Field(bool)
OPTIONAL_TEXT = Field(str, required=False)
TEXTS = Field(list, each=str)

DIMENSION: Spec = {
    "id": TEXT,
    "kind": Field(str, choices=frozenset({"form", "process"})),
    "name": TEXT,
    "description": TEXT,
    "basis": TEXT,
}
SCALE: Spec = {
    "id": TEXT,
    "name": TEXT,
    "description": TEXT,
    "polarity": Field(str, required=False, choices=frozenset({"closer", "distance"})),
}
ITEM: Spec = {
    "id": TEXT,
    "scale": TEXT,
    "reverse": FLAG,
    "text": TEXT,
    "basis": TEXT,
    "label": OPTIONAL_TEXT,
    "concern_at": Field(int, required=False),
}
CAUSE: Spec = {
    "id": TEXT,
    "name": TEXT,
    "summary": TEXT,
    "explanation": TEXT,
    "basis": TEXT,
    "related_dimensions": Field(list, required=False, each=str),
    "related_signs": Field(list, required=False, each=str),
}
QUESTION: Spec = {
    "id": TEXT,
    "form": Field(str, choices=frozenset(FORMS)),
    "depth": Field(int, choices=frozenset(DEPTHS)),
    "needs_safety": FLAG,
    "text": TEXT,
    "basis": TEXT,
}
PRACTICE: Spec = {
    "id": TEXT,
    "title": TEXT,
    "why": TEXT,
    "basis": TEXT,
    "steps": TEXTS,
    "minutes": Field(int, minimum=1, maximum=180),
    "cadence": Field(str, choices=frozenset(SESSIONS_PER_WEEK)),
    "participants": Field(str, choices=frozenset({"both", "one"})),
    "depth": Field(int, choices=frozenset(DEPTHS)),
    "forms": Field(list, each=str, each_choices=frozenset(FORMS)),
    "causes": Field(list, each=str),
    "ways": Field(list, each=str, each_choices=frozenset(WAYS)),
    "needs_vulnerability": FLAG,
    "touches_conflict": FLAG,
    "needs_safety": FLAG,
    "contraindications": TEXTS,
}
RESOURCE: Spec = {"name": TEXT, "what": TEXT, "contact": OPTIONAL_TEXT, "url": OPTIONAL_TEXT}
REFERENCE: Spec = {"citation": TEXT, "topic": TEXT}
RESPONSE: Spec = {"min": Field(int), "max": Field(int), "labels": Field(dict, required=False)}
INSTRUMENT: Spec = {
    "id": TEXT,
    "title": TEXT,
    "intro": TEXT,
    "summary": OPTIONAL_TEXT,
    "response": Field(dict),
    "scales_from": Field(str, required=False, choices=frozenset({"dimensions", "causes"})),
    "scales": Field(list, required=False, each=dict),
    "bands": Field(dict, required=False),
    "private": Field(bool, required=False),
    "items": Field(list, each=dict),
}


def record_id(record: object, fallback: str) -> str:
    """The record's id for messages, or `fallback` (such as "item 3") when it has none."""
    if isinstance(record, Mapping) and isinstance(record.get("id"), str):
        return str(record["id"])
    return fallback


def check_record(record: object, spec: Spec, file: str, where: str) -> list[Problem]:
    """Every problem with one record's shape; an empty list means it can be built."""
    if not isinstance(record, Mapping):
        return [Problem(p.WRONG_TYPE, file, where, "", "must be a mapping of fields")]
    rid = record_id(record, where)
    found = [
        Problem(p.UNKNOWN_FIELD, file, rid, str(name), "unknown field (a typo?)")
        for name in record
        if name not in spec
    ]
    for name, rule in spec.items():
        if name not in record or record[name] is None:
            if rule.required:
                found.append(Problem(p.MISSING_FIELD, file, rid, name, "is required"))
            continue
        message = _field_problem(record[name], rule)
        if message:
            found.append(Problem(_code(message), file, rid, name, message))
    return found


def _is(value: object, kind: type) -> bool:
    # bool is a subclass of int in Python; content never means one as the other.
    return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))


def _field_problem(value: object, rule: Field) -> str:
    if not _is(value, rule.kind):
        return f"must be {_kind_name(rule.kind)}, got {type(value).__name__}"
    if rule.choices is not None and value not in rule.choices:
        return f"{value!r} is not allowed (allowed: {_listed(rule.choices)})"
    if isinstance(value, int) and not _in_range(value, rule):
        return f"{value} is outside {rule.minimum}..{rule.maximum}"
    if isinstance(value, str) and not value.strip():
        return "must not be empty"
    if isinstance(value, list):
        return _list_problem(value, rule)
    return ""


def _list_problem(value: list[object], rule: Field) -> str:
    if not value:
        return "must not be empty"
    for element in value:
        if rule.each is not None and not _is(element, rule.each):
            return f"every element must be {_kind_name(rule.each)}, got {element!r}"
        if rule.each_choices is not None and element not in rule.each_choices:
            return f"{element!r} is not allowed (allowed: {_listed(rule.each_choices)})"
    return ""


def _in_range(value: int, rule: Field) -> bool:
    low_ok = rule.minimum is None or value >= rule.minimum
    return low_ok and (rule.maximum is None or value <= rule.maximum)


def _code(message: str) -> str:
    return (
        p.WRONG_TYPE if message.startswith(("must be", "every element must be")) else p.NOT_ALLOWED
    )


def _kind_name(kind: type) -> str:
    names = {str: "text", int: "a whole number", bool: "true or false", list: "a list"}
    return names.get(kind, "a mapping")


def _listed(choices: frozenset[object]) -> str:
    return ", ".join(sorted(str(c) for c in choices))
