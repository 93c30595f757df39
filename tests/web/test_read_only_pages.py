"""A page to read answers GET and HEAD only: any other method is a 405, never the page again."""

from __future__ import annotations

import pytest
from django.utils import timezone

from nearer.web.accounts.models import User
from tests.web.conftest import client_for

PAGES = (
    *("/home/", "/welcome/", "/couple/", "/daily/today/", "/daily/history/", "/chats/", "/plan/"),
    *("/assessments/", "/assessments/report/", "/assessments/safety/result/"),
)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only_pages_refuse_other_methods_with_a_405(
    couple: tuple[User, User], method: str
) -> None:
    alice, _ = couple
    client = client_for(alice)
    day = f"/daily/day/{timezone.localdate().isoformat()}/"
    for path in (*PAGES, day, "/support/"):
        response = getattr(client, method)(path)
        assert response.status_code == 405, (method, path)
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}, path


def test_read_only_pages_still_answer_get_and_head(couple: tuple[User, User]) -> None:
    alice, _ = couple
    client = client_for(alice)
    for path in (*PAGES, "/support/"):
        assert client.get(path).status_code == 200, path
        assert client.head(path).status_code == 200, path
