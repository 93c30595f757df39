"""Reading the content files into validated domain values.

`load_content()` returns the `Content` or raises `ContentError` listing every problem;
`check_content()` returns a `CheckReport` for `nearer content check` and the Django system check.
Both read the same files through the same validator.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from nearer.content import problems as p
from nearer.content import schema
from nearer.content.problems import ContentError, Problem
from nearer.content.rules import content_problems, counts
from nearer.domain.model import (
    Bands,
    Cause,
    Content,
    Dimension,
    Instrument,
    Item,
    Practice,
    Question,
    Reference,
    Resource,
    ResponseRange,
    Scale,
)

DATA_DIR = Path(__file__).parent / "data"
INSTRUMENT_IDS = ("profile", "signs", "causes", "safety")

T = TypeVar("T")


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    counts: dict[str, int]
    problems: list[Problem]


@cache
def default_content() -> Content:
    """The installed content, loaded once per process."""
    return load_content(DATA_DIR)


def load_content(data_dir: Path = DATA_DIR) -> Content:
    content, found = _read_all(data_dir)
    if found:
        raise ContentError(found)
    return content


def check_content(data_dir: Path = DATA_DIR) -> CheckReport:
    content, found = _read_all(data_dir)
    return CheckReport(ok=not found, counts=counts(content), problems=found)


def _read_all(data_dir: Path) -> tuple[Content, list[Problem]]:
    reader = _Reader(data_dir)
    dimensions = reader.records("dimensions.yaml", "dimensions", schema.DIMENSION, _dimension)
    causes = reader.records("causes.yaml", "causes", schema.CAUSE, _cause)
    scales_from = {
        "dimensions": tuple(Scale(d.id, d.name, d.description) for d in dimensions),
        "causes": tuple(Scale(c.id, c.name, c.summary, "distance") for c in causes),
    }
    instruments = {}
    for instrument_id in INSTRUMENT_IDS:
        instrument = reader.instrument(f"instruments/{instrument_id}.yaml", scales_from)
        if instrument is not None:
            instruments[instrument.id] = instrument
    default, by_country = reader.resources("resources.yaml")
    content = Content(
        references=reader.references("references.yaml"),
        dimensions=tuple(dimensions),
        instruments=instruments,
        causes=tuple(causes),
        questions=tuple(reader.folder("questions", "questions", schema.QUESTION, _question)),
        practices=tuple(reader.folder("practices", "practices", schema.PRACTICE, _practice)),
        resources=default,
        resources_by_country=by_country,
    )
    return content, reader.problems + content_problems(content, reader.sources)


class _Reader:
    """Reads files under one folder, keeping every problem and where each record came from."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self.sources: dict[str, str] = {}  # record id -> file, for rule messages

    def yaml(self, name: str) -> dict[str, Any]:
        path = self.data_dir / name
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            self.problems.append(Problem(p.UNREADABLE, name, "", "", _reason(error)))
            return {}
        except RecursionError:  # PyYAML composes nested collections recursively
            self.problems.append(Problem(p.UNREADABLE, name, "", "", "nested too deeply to read"))
            return {}
        if not isinstance(data, dict):
            self.problems.append(Problem(p.WRONG_TYPE, name, "", "", "must be a YAML mapping"))
            return {}
        return data

    def records(
        self, name: str, key: str, spec: schema.Spec, build: Callable[[Mapping[str, Any]], T]
    ) -> list[T]:
        data = self.yaml(name)
        if not data:
            return []
        return self.build_all(name, data.get(key), key, spec, build)

    def build_all(
        self,
        name: str,
        raw: object,
        key: str,
        spec: schema.Spec,
        build: Callable[[Mapping[str, Any]], T],
    ) -> list[T]:
        if not isinstance(raw, list):
            self.problems.append(Problem(p.MISSING_FIELD, name, "", key, "must be a list"))
            return []
        built = []
        for index, record in enumerate(raw, start=1):
            found = schema.check_record(record, spec, name, f"{key} #{index}")
            self.problems += found
            # An unknown field is reported but does not stop the record from being built, so
            # one typo does not cascade into "no such cause" problems elsewhere.
            if isinstance(record, Mapping) and not _blocking(found):
                record = {field: value for field, value in record.items() if field in spec}
                built.append(build(record))
                self.sources.setdefault(schema.record_id(record, f"{key} #{index}"), name)
        return built

    def folder(
        self, folder: str, key: str, spec: schema.Spec, build: Callable[[Mapping[str, Any]], T]
    ) -> list[T]:
        files = sorted((self.data_dir / folder).glob("*.yaml"))
        if not files:
            self.problems.append(Problem(p.UNREADABLE, folder, "", "", "no .yaml files found"))
        names = [f"{folder}/{path.name}" for path in files]
        return [record for name in names for record in self.records(name, key, spec, build)]

    def references(self, name: str) -> dict[str, Reference]:
        raw = self.yaml(name).get("references")
        if not isinstance(raw, dict):
            self.problems.append(
                Problem(p.MISSING_FIELD, name, "", "references", "must be a mapping")
            )
            return {}
        found = {}
        for key, record in raw.items():
            problems = schema.check_record(record, schema.REFERENCE, name, str(key))
            self.problems += problems
            if not problems:
                found[str(key)] = Reference(str(key), record["citation"], record["topic"])
        return found

    def resources(self, name: str) -> tuple[tuple[Resource, ...], dict[str, tuple[Resource, ...]]]:
        data = self.yaml(name)
        if not data:
            return (), {}
        default = tuple(
            self.build_all(name, data.get("default"), "default", schema.RESOURCE, _resource)
        )
        countries = data.get("countries") or {}
        by_country = {
            str(code).upper(): tuple(
                self.build_all(name, entries, f"countries.{code}", schema.RESOURCE, _resource)
            )
            for code, entries in (countries.items() if isinstance(countries, dict) else ())
        }
        return default, by_country

    def instrument(
        self, name: str, scales_from: Mapping[str, tuple[Scale, ...]]
    ) -> Instrument | None:
        data = self.yaml(name)
        if not data:
            return None
        found = schema.check_record(data, schema.INSTRUMENT, name, "")
        response = self._response(name, data.get("response"))
        scales = self._scales(name, data, scales_from)
        self.problems += found
        if _blocking(found) or response is None or scales is None:
            return None
        instrument_id = str(data["id"])
        items = self.build_all(
            name, data["items"], "items", schema.ITEM, lambda r: _item(r, instrument_id)
        )
        return Instrument(
            id=instrument_id,
            title=data["title"],
            intro=data["intro"],
            response=response,
            scales=scales,
            items=tuple(items),
            bands=self._bands(name, data.get("bands")),
            private=bool(data.get("private", False)),
            summary=str(data.get("summary", "")),
        )

    def _response(self, name: str, raw: object) -> ResponseRange | None:
        found = schema.check_record(raw, schema.RESPONSE, name, "response")
        self.problems += found
        if found or not isinstance(raw, Mapping):
            return None
        labels = raw.get("labels") or {}
        return ResponseRange(raw["min"], raw["max"], {int(k): str(v) for k, v in labels.items()})

    def _scales(
        self, name: str, data: Mapping[str, Any], scales_from: Mapping[str, tuple[Scale, ...]]
    ) -> tuple[Scale, ...] | None:
        if "scales_from" in data:
            return scales_from.get(str(data["scales_from"]))
        raw = data.get("scales")
        if not isinstance(raw, list):
            self.problems.append(
                Problem(p.MISSING_FIELD, name, "", "scales", "give `scales` or `scales_from`")
            )
            return None
        return tuple(self.build_all(name, raw, "scales", schema.SCALE, _scale))

    def _bands(self, name: str, raw: object) -> Bands | None:
        if raw is None:
            return None
        if isinstance(raw, Mapping) and all(_number(raw.get(k)) for k in ("moderate", "strong")):
            return Bands(float(raw["moderate"]), float(raw["strong"]))
        self.problems.append(
            Problem(p.WRONG_TYPE, name, "", "bands", "must give numbers `moderate` and `strong`")
        )
        return None


def _blocking(found: list[Problem]) -> bool:
    """Whether these problems keep a record from being built (an unknown field does not)."""
    return any(problem.code != p.UNKNOWN_FIELD for problem in found)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _reason(error: Exception) -> str:
    if isinstance(error, FileNotFoundError):
        return "file not found"
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        return f"not valid YAML (line {mark.line + 1}, column {mark.column + 1}: {error.problem})"
    return f"cannot be read ({error})"


def _dimension(r: Mapping[str, Any]) -> Dimension:
    return Dimension(r["id"], r["kind"], r["name"], r["description"], r["basis"])


def _scale(r: Mapping[str, Any]) -> Scale:
    return Scale(r["id"], r["name"], r["description"], r.get("polarity") or "closer")


def _item(r: Mapping[str, Any], instrument: str) -> Item:
    return Item(
        id=r["id"],
        instrument=instrument,
        scale=r["scale"],
        text=r["text"],
        reverse=r["reverse"],
        basis=r["basis"],
        label=r.get("label"),
        concern_at=r.get("concern_at"),
    )


def _cause(r: Mapping[str, Any]) -> Cause:
    return Cause(
        id=r["id"],
        name=r["name"],
        summary=r["summary"],
        explanation=r["explanation"],
        basis=r["basis"],
        related_dimensions=tuple(r.get("related_dimensions") or ()),
        related_signs=tuple(r.get("related_signs") or ()),
    )


def _question(r: Mapping[str, Any]) -> Question:
    return Question(r["id"], r["form"], r["depth"], r["needs_safety"], r["text"], r["basis"])


def _practice(r: Mapping[str, Any]) -> Practice:
    fields = dict(r)
    for name in ("steps", "forms", "causes", "ways", "contraindications"):
        fields[name] = tuple(fields[name])
    return Practice(**fields)


def _resource(r: Mapping[str, Any]) -> Resource:
    return Resource(r["name"], r["what"], r.get("contact") or "", r.get("url") or "")
