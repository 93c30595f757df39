"""Guesses sent at once get no more checks than guesses sent one by one (throttle.reserve).

Each attempt used to read the count before its password was checked (~200 ms of Argon2) and
write it after, so 16 wrong passwords sent together all read "under the limit" and 11 or 12
were checked where 5 should be. Tested on every engine by sending a guess while the 5th is being
checked, and on PostgreSQL, where requests truly run side by side, by threads (test_races.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.audit.models import Event
from nearer.web.security.models import Throttle
from tests.web.conftest import PASSWORD, client_for, make_user
from tests.web.security.helpers import browser, sign_in
from tests.web.test_races import on_postgresql, together

WRONG = "not the right passphrase"


def confirm(client: Client, password: str) -> int:
    return client.post("/accounts/confirm/", {"password": password, "next": "/"}).status_code


def meanwhile(monkeypatch: pytest.MonkeyPatch, guess: Callable[[], int]) -> list[int]:
    """`guess()` sent while the next password is being checked; the statuses it got."""
    check, statuses = User.check_password, []

    def checking(user: User, raw: str) -> bool:
        if not statuses:
            statuses.append(guess())
        return check(user, raw)

    monkeypatch.setattr(User, "check_password", checking)
    return statuses


def test_a_sign_in_guess_sent_while_the_fifth_is_checked_is_refused_unheard(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = browser()
    assert [sign_in(client, alice.email, WRONG) for _ in range(4)] == [400] * 4
    sixth = meanwhile(monkeypatch, lambda: sign_in(browser("198.51.100.9"), alice.email, WRONG))
    assert sign_in(client, alice.email, WRONG) == 429  # the fifth, checked: wrong, now paused
    assert sixth == [429]
    assert Event.objects.filter(user=alice, kind="login_failed").count() == 5


def test_a_prompt_guess_sent_while_the_fifth_is_checked_is_refused_unheard(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, other_session = client_for(alice), client_for(alice)
    assert [confirm(client, WRONG) for _ in range(4)] == [400] * 4
    sixth = meanwhile(monkeypatch, lambda: confirm(other_session, WRONG))
    assert confirm(client, WRONG) == 429
    assert sixth == [429]


def test_a_right_password_gives_its_count_back(alice: User) -> None:
    client = browser()
    assert [sign_in(client, alice.email, WRONG) for _ in range(3)] == [400] * 3
    assert sign_in(client, alice.email) == 302
    [address] = Throttle.objects.all()  # the account's count cleared, the address's kept
    assert address.failures == 3 and address.locked_until is None
    assert confirm(client, PASSWORD) == 302
    assert [row.failures for row in Throttle.objects.all()] == [3]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_sixteen_wrong_passwords_at_once_get_at_most_five_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alice, checked, lock = make_user("alice"), [], threading.Lock()
    check = User.check_password

    def slow(user: User, raw: str) -> bool:
        with lock:
            checked.append(raw)
        time.sleep(0.2)  # as long as Argon2 takes: the window the count must close
        return check(user, raw)

    monkeypatch.setattr(User, "check_password", slow)
    statuses = together(16, lambda i: sign_in(browser("203.0.113.7"), alice.email, WRONG))
    assert len(checked) == 5, statuses
    # A wrong one answered after the fifth was reserved already says the pause: 400 or 429.
    assert set(statuses) <= {400, 429} and statuses.count(429) >= 11, statuses
