"""The main navigation marks its current section on every page of it, not only the page its
link opens."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.chats.models import ChatImport
from nearer.web.couples.services import couple_of
from nearer.web.navigation import section_of
from tests.web.conftest import client_for
from tests.web.seeds import yesterday

CURRENT = re.compile(r'<a [^>]*aria-current="page">([^<]+)')


def current_links(page: str) -> list[str]:
    return [name.strip() for name in CURRENT.findall(page)]


@pytest.mark.parametrize(
    ("path", "link"),
    [
        ("/home/", "Dashboard"),
        ("/daily/today/", "Today"),
        ("/daily/day/{yesterday}/", "Today"),
        ("/daily/history/", "Today"),
        ("/daily/checkin/", "Check-in"),
        ("/daily/checkin/{yesterday}/", "Check-in"),
        ("/plan/", "Plan"),
        ("/assessments/", "Assessments"),
        ("/assessments/report/", "Assessments"),
        ("/assessments/profile/take/", "Assessments"),
        ("/chats/", "Chat"),
        ("/chats/{chat}/", "Chat"),
        ("/couple/", "Couple"),
        ("/accounts/profile/", "Account"),
        ("/accounts/sessions/", "Account"),
        ("/accounts/activity/", "Account"),
        ("/support/", "Support"),
    ],
)
def test_each_page_marks_its_sections_link_and_only_that(
    couple: tuple[User, User], path: str, link: str
) -> None:
    alice, bob = couple
    chat = ChatImport.objects.create(
        couple=couple_of(alice), uploader=alice, partner=bob, status=ChatImport.FAILED
    )
    url = path.format(yesterday=yesterday().isoformat(), chat=chat.pk)
    response = client_for(alice).get(url)
    assert response.status_code == 200, url
    assert current_links(response.content.decode()) == [link]


def test_a_page_of_no_section_marks_nothing() -> None:
    assert section_of("/welcome/") is None and section_of("/weather/") is None
    assert section_of(f"/daily/day/{timezone.localdate()}/answer/") == "today"
