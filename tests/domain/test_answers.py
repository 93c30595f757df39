from __future__ import annotations

from nearer.domain.answers import answer_problems
from nearer.domain.model import Content


def test_valid_answers_have_no_problems(content: Content, alice: dict[str, int]) -> None:
    assert answer_problems(content, alice) == []


def test_an_unknown_item_is_named(content: Content) -> None:
    [problem] = answer_problems(content, {"profile.nope.01": 3})
    assert str(problem) == "item 'profile.nope.01': unknown item id"


def test_values_outside_the_range_or_not_integers_are_named(content: Content) -> None:
    item = content.instruments["profile"].items[0].id
    for bad in (0, 8, 3.5, "4", True, None):
        [problem] = answer_problems(content, {item: bad})
        assert problem.item_id == item
        assert "from 1 to 7" in problem.message
