from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client, override_settings
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.audit.models import Event
from nearer.web.security import throttle
from nearer.web.security.models import Throttle
from nearer.web.vault import services as vault
from tests.web.conftest import PASSWORD, client_for
from tests.web.security.helpers import browser, end_pauses, sign_in

WRONG = "not the right passphrase"


def test_five_wrong_passwords_pause_the_account_with_a_429_that_says_how_long(
    alice: User,
) -> None:
    client = browser()
    assert [sign_in(client, alice.email, WRONG) for _ in range(4)] == [400] * 4
    response = client.post("/accounts/login/", {"username": alice.email, "password": WRONG})
    assert response.status_code == 429
    assert response["Retry-After"] == "61"
    assert "please wait 1 minute, then try again" in response.content.decode()


def test_a_pause_refuses_even_the_right_password_until_it_ends(alice: User) -> None:
    client = browser()
    for _ in range(5):
        sign_in(client, alice.email, WRONG)
    assert sign_in(client, alice.email) == 429
    end_pauses()
    assert sign_in(client, alice.email) == 302
    assert not Throttle.objects.filter(key=throttle.account_bucket(alice.email).key).exists()


def test_pauses_double_after_each_wrong_password_and_stop_at_fifteen_minutes() -> None:
    pauses = [throttle.ACCOUNT.pause_after(n) for n in range(1, 12)]
    minutes = [None if p is None else p / timedelta(minutes=1) for p in pauses]
    assert minutes == [None, None, None, None, 1, 2, 4, 8, 15, 15, 15]


def test_guessing_from_elsewhere_does_not_lock_the_owner_out_of_her_own_browser(
    alice: User,
) -> None:
    own_phone = browser("198.51.100.20")
    assert sign_in(own_phone, alice.email) == 302
    own_phone.post("/accounts/logout/")
    partners_laptop = browser("198.51.100.20")  # the same home router
    for _ in range(9):
        sign_in(partners_laptop, alice.email, WRONG)
    assert sign_in(partners_laptop, alice.email) == 429
    assert sign_in(own_phone, alice.email) == 302


def test_the_owners_own_browser_still_has_its_own_pause(alice: User) -> None:
    own_phone = browser()
    assert sign_in(own_phone, alice.email) == 302
    own_phone.post("/accounts/logout/")
    assert [sign_in(own_phone, alice.email, WRONG) for _ in range(5)][-1] == 429
    assert sign_in(own_phone, alice.email) == 429


def test_an_address_is_paused_after_twenty_wrong_passwords_over_many_accounts(
    db: None,
) -> None:
    client = browser("192.0.2.50")
    statuses = [sign_in(client, f"guess{n}@example.org", WRONG) for n in range(20)]
    assert statuses == [400] * 19 + [429]
    assert sign_in(browser("192.0.2.51"), "guess0@example.org", WRONG) == 400


def test_signing_in_to_ones_own_account_does_not_buy_more_guesses(alice: User) -> None:
    client = browser("192.0.2.60")
    for n in range(19):
        sign_in(client, f"guess{n}@example.org", WRONG)
    assert sign_in(client, alice.email) == 302
    client.post("/accounts/logout/")
    assert sign_in(client, "guess19@example.org", WRONG) == 429


def test_unknown_emails_are_paused_exactly_like_real_ones(alice: User) -> None:
    real = [sign_in(browser("192.0.2.1"), alice.email, WRONG) for _ in range(5)]
    unknown = [sign_in(browser("192.0.2.2"), "nobody@example.org", WRONG) for _ in range(5)]
    assert real == unknown == [400, 400, 400, 400, 429]


def test_a_password_reset_by_email_lifts_the_pause(alice: User) -> None:
    client = browser()
    for _ in range(5):
        sign_in(client, alice.email, WRONG)
    client.post("/accounts/password/reset/", {"email": alice.email})
    link = next(w for w in mail.outbox[0].body.split() if w.startswith("http://"))
    form = client.get(link, follow=True)
    new = "a brand new long passphrase"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert sign_in(client, alice.email, new) == 302
    assert Event.objects.filter(user=alice, kind="password_reset").exists()


def test_wrong_passwords_and_pauses_appear_in_the_owners_activity_log(alice: User) -> None:
    client = browser()
    for _ in range(5):
        sign_in(client, alice.email, WRONG)
    kinds = list(Event.objects.filter(user=alice).values_list("kind", flat=True))
    assert kinds.count("login_failed") == 5 and kinds.count("login_throttled") == 1


def test_the_throttle_table_holds_no_email_and_no_address(alice: User) -> None:
    for _ in range(3):
        sign_in(browser("203.0.113.99"), alice.email, WRONG)
    stored = " ".join(Throttle.objects.values_list("key", flat=True))
    assert "alice" not in stored and "203.0.113" not in stored
    assert Throttle.objects.count() == 2


def test_counts_older_than_a_day_are_forgotten(db: None) -> None:
    buckets = [throttle.account_bucket("dana@example.org")]
    long_ago = timezone.now() - timedelta(days=2)
    for _ in range(4):
        throttle.fail(buckets, long_ago)
    assert throttle.fail(buckets, timezone.now()) is None
    assert Throttle.objects.get().failures == 1


def test_an_attempt_never_answered_counts_as_a_wrong_one_once_its_request_is_gone(
    db: None,
) -> None:
    buckets, now = [throttle.account_bucket("dana@example.org")], timezone.now()
    assert throttle.reserve(buckets, now) is None  # then the worker is killed mid-check
    later = now + throttle.IN_FLIGHT + timedelta(seconds=1)
    assert throttle.reserve(buckets, later) is None
    row = Throttle.objects.get()
    assert (row.failures, row.pending, row.last_failure_at) == (1, 1, now)


def test_an_attempt_that_cannot_wait_for_the_five_being_checked_is_busy_not_paused(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(throttle, "WAIT_AT_MOST", timedelta(0))
    buckets, now = [throttle.account_bucket("dana@example.org")], timezone.now()
    assert [throttle.reserve(buckets, now) for _ in range(5)] == [None] * 5
    assert throttle.reserve(buckets, now) == throttle.BUSY  # no pause has started
    assert throttle.wait(buckets, now) is None
    throttle.give_back(buckets, now)  # one of the five was right: room for one more
    assert throttle.reserve(buckets, now) is None
    row = Throttle.objects.get()
    assert (row.pending, row.failures) == (5, 0)


def test_a_busy_sign_in_page_keeps_the_typed_email_and_never_the_password(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(throttle, "WAIT_AT_MOST", timedelta(0))
    buckets, now = [throttle.account_bucket(alice.email)], timezone.now()
    assert [throttle.reserve(buckets, now) for _ in range(5)] == [None] * 5  # being checked
    typed = {"username": "Alice@Example.org", "password": "a secret typed here"}
    response = browser().post("/accounts/login/", typed)
    assert response.status_code == 429 and response["Retry-After"] == "2"
    form = response.context["form"]
    assert not form.is_bound and form.initial == {"username": "Alice@Example.org"}
    assert b'value="Alice@Example.org"' in response.content
    assert b"a secret typed here" not in response.content


def test_busy_is_told_as_a_few_seconds_never_as_a_pause() -> None:
    assert throttle.refusal(throttle.BUSY).endswith("Try again in a few seconds.")
    assert "Too many" not in throttle.refusal(throttle.BUSY)
    response = throttle.with_retry_after(HttpResponse(), throttle.BUSY)
    assert response["Retry-After"] == "2"


def test_an_answer_later_than_in_flight_touches_no_other_attempt(db: None) -> None:
    buckets, now = [throttle.account_bucket("dana@example.org")], timezone.now()
    slow = now - throttle.IN_FLIGHT - timedelta(seconds=1)
    assert throttle.reserve(buckets, slow) is None  # a request that hangs past IN_FLIGHT
    assert throttle.reserve(buckets, now) is None  # counts the slow one as wrong
    throttle.give_back(buckets, slow)  # the slow one's answer comes at last
    row = Throttle.objects.get()
    assert (row.failures, row.pending) == (1, 1)  # the other attempt is still held


@override_settings(NEARER_BEHIND_PROXY=True)
def test_behind_a_proxy_the_address_the_proxy_saw_is_counted(db: None) -> None:
    spoofing = browser("10.0.0.2")
    statuses = [
        spoofing.post(
            "/accounts/login/",
            {"username": f"guess{n}@example.org", "password": WRONG},
            headers={"X-Forwarded-For": f"198.51.100.{n}, 192.0.2.77"},
        ).status_code
        for n in range(20)
    ]
    assert statuses[-1] == 429  # what the client wrote before the proxy's entry is ignored
    other = browser("10.0.0.2")
    response = other.post(
        "/accounts/login/",
        {"username": "someone@example.org", "password": WRONG},
        headers={"X-Forwarded-For": "192.0.2.78"},
    )
    assert response.status_code == 400  # a different client behind the same proxy


@pytest.mark.parametrize(
    ("raw", "network"),
    [
        ("192.0.2.9", "192.0.2.9"),
        ("2001:db8:1:2:3::4", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.9", "192.0.2.9"),  # IPv4 on a dual-stack socket (`serve --host ::`)
        ("junk", "unknown"),
    ],
)
def test_a_client_is_counted_by_its_address_or_its_ipv6_64(raw: str, network: str) -> None:
    request = browser(raw).get("/accounts/login/").wsgi_request
    assert throttle.client_network(request) == network


def test_on_a_dual_stack_socket_one_ipv4_stranger_pauses_only_themselves(alice: User) -> None:
    """Served on `::`, every IPv4 client arrives as `::ffff:a.b.c.d`: each is still its own
    address, never one `::/64` shared by the whole IPv4 internet."""
    stranger = browser("::ffff:198.51.100.1")
    for n in range(20):
        sign_in(stranger, f"nobody{n}@example.net", WRONG)
    for n in range(10):
        ask_reset(stranger, f"nobody{n}@example.net")
    assert sign_in(stranger, "someone@example.net", WRONG) == 429
    assert ask_reset(stranger, "someone@example.net") == 429
    owner = browser("::ffff:203.0.113.9")
    assert sign_in(owner, alice.email, PASSWORD) == 302
    assert ask_reset(owner, alice.email) == 302
    assert ask_reset(browser("203.0.113.10"), "other@example.net") == 302


def test_the_right_password_first_time_leaves_nothing_behind(alice: User) -> None:
    assert sign_in(browser(), alice.email, PASSWORD) == 302
    assert not Throttle.objects.exists()


def ask_reset(client: Client, email: str) -> int:
    return client.post("/accounts/password/reset/", {"email": email}).status_code


def test_reset_emails_to_one_address_pause_after_three_and_say_how_long(alice: User) -> None:
    client = browser()
    assert [ask_reset(client, alice.email) for _ in range(3)] == [302] * 3
    response = client.post("/accounts/password/reset/", {"email": alice.email.upper()})
    assert response.status_code == 429 and int(response["Retry-After"]) in (900, 901)
    assert "can be sent in 15 minutes" in response.content.decode()
    assert len(mail.outbox) == 3  # the fourth was never sent
    assert ask_reset(browser("198.51.100.9"), alice.email) == 429  # from elsewhere too
    end_pauses()
    assert ask_reset(client, alice.email) == 302 and len(mail.outbox) == 4


def test_a_reset_pause_tells_nobody_whether_an_account_has_the_address(alice: User) -> None:
    client = browser()
    real = [ask_reset(client, alice.email) for _ in range(4)]
    unknown = [ask_reset(client, "nobody@example.org") for _ in range(4)]
    assert real == unknown == [302, 302, 302, 429]


@pytest.mark.django_db
def test_one_machine_asking_for_many_addresses_is_paused_too() -> None:
    client = browser("192.0.2.50")
    answers = [ask_reset(client, f"person{n}@example.org") for n in range(11)]
    assert answers == [302] * 10 + [429]


def test_pauses_are_told_in_minutes_then_in_hours() -> None:
    assert throttle.wait_words(timedelta(seconds=30)) == "1 minute"
    assert throttle.wait_words(timedelta(minutes=15)) == "15 minutes"
    assert throttle.wait_words(timedelta(minutes=119)) == "119 minutes"
    assert throttle.wait_words(timedelta(hours=6)) == "6 hours"


def failing(*args: object) -> None:
    raise RuntimeError("the vault's disk is gone")


def counts() -> list[tuple[int, int]]:
    """Each throttle row's (wrong passwords, attempts still being checked)."""
    return [(row.failures, row.pending) for row in Throttle.objects.order_by("key")]


def test_a_right_password_whose_vault_step_fails_is_no_wrong_one(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vault, "unlock_at_login", failing)
    client = Client(raise_request_exception=False)
    response = client.post("/accounts/login/", {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 500
    assert counts() == []  # given back, and nothing left held


def test_a_rolled_back_password_change_is_no_wrong_password(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vault, "change_password", failing)
    client = client_for(alice)
    client.raise_request_exception = False
    new = "another long passphrase"
    form = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    assert client.post("/accounts/password/", form).status_code == 500
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD) and counts() == []


def test_a_password_whose_check_fails_counts_as_the_wrong_one_it_may_be(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(User, "check_password", failing)
    client = client_for(alice)
    client.raise_request_exception = False
    form = {"old_password": PASSWORD, "new_password1": "x" * 20, "new_password2": "x" * 20}
    assert client.post("/accounts/password/", form).status_code == 500
    assert counts() == [(1, 0)]
