"""Passwords sent all at once get no more checks than the same sent one by one.

Each attempt used to read the count before its password was checked (~200 ms of Argon2) and
write it after, so 16 wrong passwords sent together all read "under the limit" and 11 or 12
were checked where 5 should be. Each is now counted before its check (throttle.reserve) and
given back when it is right. Tested with real threads against the real database, on SQLite and
on PostgreSQL, by counting the passwords checked.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection, connections
from django.http import HttpResponse
from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.audit.models import Event
from nearer.web.security import throttle
from nearer.web.security.models import Throttle
from tests.web.conftest import PASSWORD, client_for, make_user
from tests.web.security.helpers import browser, end_pauses, sign_in
from tests.web.test_races import together

WRONG = "not the right passphrase"
ARGON2 = 0.2  # seconds a check takes in production: the window the count must close


def confirm(client: Client, password: str) -> int:
    """Post the password prompt; its status (302 right, 400 wrong, 429 paused)."""
    return client.post("/accounts/confirm/", {"password": password, "next": "/"}).status_code


def slow_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password checked from now on, each check taking as long as Argon2 does."""
    check, checked, lock = User.check_password, [], threading.Lock()

    def slow(user: User, raw: str) -> bool:
        with lock:
            checked.append(raw)
        time.sleep(ARGON2)
        return check(user, raw)

    monkeypatch.setattr(User, "check_password", slow)
    return checked


@pytest.fixture
def shared_db(transactional_db: None, tmp_path: Path) -> Iterator[None]:
    """The test database as the server has it, for threads that write side by side.

    PostgreSQL is used as it is. The suite's SQLite is in memory with a shared cache, which
    answers a second writer "table is locked" at once where the server's file (WAL, IMMEDIATE
    transactions, a busy timeout: env.sqlite) makes it queue: so the test's rows are copied to
    a file, and every thread's connection opens that file until the test ends."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    memory, settings = connection.connection, connection.settings_dict
    name, path = settings["NAME"], tmp_path / "nearer.sqlite3"
    with sqlite3.connect(path) as copy:
        memory.backup(copy)
    connection.connection, settings["NAME"] = None, str(path)  # the memory one is kept open
    try:
        yield
    finally:
        connections.close_all()
        connection.connection, settings["NAME"] = memory, name


def at_once(count: int, request: Callable[[int], int]) -> list[str]:
    """`request(i)` in `count` threads released together; the statuses (or errors), sorted."""
    return sorted(map(str, together(count, request)))


def second_while_first_is_checked(
    monkeypatch: pytest.MonkeyPatch, request: Callable[[int], HttpResponse]
) -> tuple[list[HttpResponse], list[str]]:
    """`request(0)`, and `request(1)` sent while the first password is being checked: the first
    check is held (at most 10 s) until the second request has found the count busy (told to wait
    for the first, or BUSY), so they overlap however the threads are scheduled; the responses in
    that order, and the passwords checked."""
    check, reserve_once = User.check_password, throttle._reserve_once
    checking, found_busy, checked = threading.Event(), threading.Event(), []

    def held(user: User, raw: str) -> bool:
        checked.append(raw)
        if not checking.is_set():  # the first check: the second request waits for this
            checking.set()
            found_busy.wait(timeout=10)
        return check(user, raw)

    def watched(buckets: list[throttle.Bucket], now: datetime) -> tuple[timedelta | None, bool]:
        pause, final = reserve_once(buckets, now)
        if not final:
            found_busy.set()
        return pause, final

    monkeypatch.setattr(User, "check_password", held)
    monkeypatch.setattr(throttle, "_reserve_once", watched)

    def send(i: int) -> HttpResponse:
        if i == 1:
            checking.wait(timeout=10)
        return request(i)

    responses = together(2, send)
    assert found_busy.is_set(), responses  # the second came while the first was checked
    assert all(isinstance(response, HttpResponse) for response in responses), responses
    return [response for response in responses if isinstance(response, HttpResponse)], checked


def post_sign_in(client: Client, email: str, password: str = PASSWORD) -> HttpResponse:
    response: HttpResponse = client.post(
        "/accounts/login/", {"username": email, "password": password}
    )
    return response


def post_confirm(client: Client, password: str) -> HttpResponse:
    response: HttpResponse = client.post("/accounts/confirm/", {"password": password, "next": "/"})
    return response


def is_pause_of_one_minute(response: HttpResponse) -> bool:
    """A 429 for the 5th wrong password's pause (Retry-After: the minute, rounded up, less the
    moments since it started), not BUSY."""
    return (
        response.status_code == 429
        and response["Retry-After"] in {"60", "61"}
        and b"please wait 1 minute, then try again" in response.content
        and b"a few seconds" not in response.content
    )


def test_sixteen_wrong_passwords_at_once_at_sign_in_get_five_checked(
    shared_db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = make_user("alice")
    checked = slow_checks(monkeypatch)
    statuses = at_once(16, lambda i: sign_in(browser("203.0.113.7"), alice.email, WRONG))
    assert len(checked) == 5, statuses
    assert statuses == ["400"] * 4 + ["429"] * 12  # the 5th wrong one answers with the pause
    assert Event.objects.filter(user=alice, kind="login_failed").count() == 5


def test_a_right_password_sent_beside_the_fifth_guess_waits_for_it_and_is_refused(
    shared_db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = make_user("alice")
    client = browser("198.51.100.9")
    assert [sign_in(client, alice.email, WRONG) for _ in range(4)] == [400] * 4
    passwords = [WRONG, PASSWORD]  # the 5th guess, then the owner while it is checked
    responses, checked = second_while_first_is_checked(
        monkeypatch, lambda i: post_sign_in(browser(f"203.0.113.{i}"), alice.email, passwords[i])
    )
    assert checked == [WRONG]  # the owner's was not checked: as if sent one after the other
    assert [is_pause_of_one_minute(response) for response in responses] == [True, True]


def test_two_right_passwords_at_once_after_four_wrong_are_both_heard_at_sign_in(
    shared_db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = make_user("alice")
    elsewhere = browser("198.51.100.9")
    assert [sign_in(elsewhere, alice.email, WRONG) for _ in range(4)] == [400] * 4
    responses, checked = second_while_first_is_checked(
        monkeypatch, lambda i: post_sign_in(browser(f"203.0.113.{i}"), alice.email)
    )
    assert [(r.status_code, r["Location"]) for r in responses] == [(302, "/home/")] * 2
    assert checked == [PASSWORD, PASSWORD]
    assert not Throttle.objects.filter(key=throttle.account_bucket(alice.email).key).exists()


def test_two_right_passwords_at_once_after_four_wrong_are_both_heard_at_the_prompt(
    shared_db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = make_user("alice")
    sessions = [client_for(alice) for _ in range(2)]
    assert [confirm(sessions[0], WRONG) for _ in range(4)] == [400] * 4
    responses, checked = second_while_first_is_checked(
        monkeypatch, lambda i: post_confirm(sessions[i], PASSWORD)
    )
    assert [(r.status_code, r["Location"]) for r in responses] == [(302, "/")] * 2
    assert checked == [PASSWORD, PASSWORD]
    assert [(row.failures, row.pending) for row in Throttle.objects.all()] == [(4, 0)]


def prompt_count() -> tuple[int, datetime | None, datetime]:
    """The account's prompt count as stored: wrong passwords, pause, when the last came."""
    row = Throttle.objects.get()
    return row.failures, row.locked_until, row.last_failure_at


def test_a_right_password_after_a_pause_ends_starts_no_new_pause(alice: User) -> None:
    client = client_for(alice)
    assert [confirm(client, WRONG) for _ in range(5)][-1] == 429
    end_pauses()
    before = prompt_count()
    assert [confirm(client, PASSWORD) for _ in range(2)] == [302, 302]
    assert prompt_count() == before  # not the 6th wrong one's 2-minute pause


def test_a_right_password_after_an_address_pause_ends_starts_no_new_one(alice: User) -> None:
    client = browser("192.0.2.50")
    assert [sign_in(client, f"guess{n}@example.org", WRONG) for n in range(20)][-1] == 429
    end_pauses()
    assert sign_in(client, alice.email) == 302
    client.post("/accounts/logout/")
    assert sign_in(browser("192.0.2.50"), make_user("bob").email) == 302


def test_a_right_password_leaves_old_wrong_ones_to_be_forgotten_on_time(alice: User) -> None:
    client = client_for(alice)
    assert [confirm(client, WRONG) for _ in range(4)] == [400] * 4
    age_counts(timedelta(hours=23))
    before = prompt_count()
    assert confirm(client, PASSWORD) == 302
    assert prompt_count() == before  # the right one did not refresh when the last wrong came
    age_counts(timedelta(hours=2))  # the four wrong ones are now over a day old
    assert confirm(client, WRONG) == 400
    assert prompt_count()[0] == 1


def age_counts(ago: timedelta) -> None:
    for row in Throttle.objects.all():
        row.last_failure_at -= ago
        row.save()


NEW = "another long passphrase"


def change_password(client: Client, old: str) -> int:
    """Post the password change form; its status (302 changed, 400 wrong, 429 paused)."""
    form = {"old_password": old, "new_password1": NEW, "new_password2": NEW}
    return client.post("/accounts/password/", form).status_code


def make_token(client: Client, password: str) -> int:
    """Ask the API for a new token; its status (201 made, 400 wrong, 429 paused)."""
    body = json.dumps({"name": "script", "password": password})
    return client.post("/api/v1/tokens", body, content_type="application/json").status_code


@pytest.mark.parametrize(
    "send",
    [confirm, change_password, make_token],
    ids=["the prompt", "the password change", "a new API token"],
)
def test_sixteen_wrong_passwords_at_once_for_the_account_get_five_checked(
    shared_db: None, monkeypatch: pytest.MonkeyPatch, send: Callable[[Client, str], int]
) -> None:
    alice = make_user("alice")
    sessions = [client_for(alice) for _ in range(16)]
    checked = slow_checks(monkeypatch)
    statuses = at_once(16, lambda i: send(sessions[i], WRONG))
    assert len(checked) == 5, statuses
    assert statuses == ["400"] * 4 + ["429"] * 12  # the 5th wrong one answers with the pause


def test_right_passwords_at_once_from_an_address_at_nineteen_wrong_are_all_heard(
    shared_db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = browser("192.0.2.60")
    assert [sign_in(client, f"guess{n}@example.org", WRONG) for n in range(19)] == [400] * 19
    people = [make_user(name) for name in ("alice", "bob", "carol", "dana")]
    checked, most_at_once = slow_checks(monkeypatch), checks_side_by_side(monkeypatch)
    statuses = at_once(4, lambda i: sign_in(browser("192.0.2.60"), people[i].email))
    assert statuses == ["302"] * 4 and len(checked) == 4  # no made-up pause
    assert most_at_once() >= 2  # side by side, not one at a time behind the address count


def checks_side_by_side(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """From now on each password check waits (at most 10 s) for another to be checked beside
    it, so that checks made one at a time never overlap however fast the machine; returns a
    function telling the most checks that were under way at once."""
    check, lock, beside = User.check_password, threading.Lock(), threading.Event()
    under_way, most = [0], [0]

    def waiting(user: User, raw: str) -> bool:
        with lock:
            under_way[0] += 1
            most[0] = max(most[0], under_way[0])
            if under_way[0] >= 2:
                beside.set()
        beside.wait(timeout=10)
        try:
            return check(user, raw)
        finally:
            with lock:
                under_way[0] -= 1

    monkeypatch.setattr(User, "check_password", waiting)
    return lambda: most[0]


def test_a_right_password_is_never_refused_with_a_pause_that_has_not_started(
    shared_db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(throttle, "WAIT_AT_MOST", timedelta(0))  # BUSY without waiting
    alice = make_user("alice")
    elsewhere = browser("198.51.100.9")
    assert [sign_in(elsewhere, alice.email, WRONG) for _ in range(4)] == [400] * 4
    passwords = [WRONG, PASSWORD]  # the 5th guess, then the owner while it is checked
    (guess, busy), checked = second_while_first_is_checked(
        monkeypatch, lambda i: post_sign_in(browser(f"203.0.113.{i}"), alice.email, passwords[i])
    )
    assert checked == [WRONG] and is_pause_of_one_minute(guess)
    assert busy.status_code == 429 and busy["Retry-After"] == "2"
    assert busy.context["busy_text"] == throttle.refusal(throttle.BUSY)
    assert b"a few seconds" in busy.content and b"Too many" not in busy.content
