"""Checking an answers set against the content before anything is scored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from nearer.domain.model import Content


@dataclass(frozen=True)
class AnswerProblem:
    """One thing wrong with one answer, worded for the person who gave it."""

    item_id: str
    message: str

    def __str__(self) -> str:
        return f"item '{self.item_id}': {self.message}"


def answer_problems(content: Content, answers: Mapping[str, object]) -> list[AnswerProblem]:
    """Every unknown item id and every value that is not an integer in the item's range."""
    problems = []
    for item_id, value in answers.items():
        item = content.items_by_id.get(item_id)
        if item is None:
            problems.append(AnswerProblem(item_id, "unknown item id"))
            continue
        response = content.instruments[item.instrument].response
        if not response.accepts(value):
            problems.append(
                AnswerProblem(
                    item_id,
                    f"must be a whole number from {response.min} to {response.max}, got {value!r}",
                )
            )
    return problems
