from __future__ import annotations

import pytest

from nearer.domain.spreadsheet import inert


@pytest.mark.parametrize("text", ["=1+1", "+44 7700 900123", "-x", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_run_gets_a_quote_in_front(text: str) -> None:
    assert inert(text) == "'" + text


@pytest.mark.parametrize("text", ["Ana", "", "a=b", "'already"])
def test_other_text_is_unchanged(text: str) -> None:
    assert inert(text) == text
