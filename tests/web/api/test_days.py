"""The API reads a day as the pages do (nearer.days): YYYY-MM-DD and nothing else. pydantic's date
alone would take a number of seconds since 1970, or 20261127 without its hyphens, and answer for
a day nobody named."""

from __future__ import annotations

import pytest

from nearer.web.accounts.models import User
from tests.web.api.conftest import call

NOT_DAYS = ["0", "1795737600", "20261127", "2026-W48-5", "2026-02-30", "27.11.2026"]


@pytest.mark.parametrize("raw", NOT_DAYS)
def test_a_day_in_a_query_that_is_not_yyyy_mm_dd_is_a_422_naming_it(
    couple: tuple[User, User], raw: str
) -> None:
    alice, _ = couple
    for path in (f"/daily/history?before={raw}", f"/checkins?before={raw}"):
        answer = call(alice, "GET", path)
        assert answer.status_code == 422, (path, answer.content)
        assert "before" in answer.content.decode()


@pytest.mark.parametrize("raw", NOT_DAYS)
def test_a_day_in_a_path_that_is_not_yyyy_mm_dd_is_refused(
    couple: tuple[User, User], raw: str
) -> None:
    alice, _ = couple
    for path in (f"/daily/{raw}", f"/checkins/{raw}"):
        assert call(alice, "GET", path).status_code in (404, 422), path


def test_a_day_written_as_yyyy_mm_dd_is_read(couple: tuple[User, User]) -> None:
    alice, _ = couple
    assert call(alice, "GET", "/daily/history?before=2026-11-27").status_code == 200
    assert call(alice, "GET", "/checkins?before=2026-11-27").status_code == 200
