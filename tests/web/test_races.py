"""Two identical requests at the same moment never give a 500.

A check-in saved twice at once (a double click, a resent form): the later save wins, one row.
Two sign-ups with one email at once: one account, and every form gets the same answer (sign-up
never says that an email is taken).

Each is tested twice: on every engine by playing the losing request's steps in the order a race
gives them (the other request's row lands between the check and the write), and on PostgreSQL,
where requests truly run side by side, by threads that start together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from nearer.web.accounts.forms import SignUpForm
from nearer.web.accounts.models import User
from nearer.web.daily.forms import CheckInForm
from nearer.web.daily.models import CheckIn
from tests.web.conftest import PASSWORD, client_for, make_user
from tests.web.seeds import CHECKIN_FORM

SIGN_UP = {
    "email": "same@example.org",
    "display_name": "Sam",
    "time_zone": "UTC",
    "password1": PASSWORD,
    "password2": PASSWORD,
}
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writer at a time"
)


def test_a_check_in_saved_by_another_request_meanwhile_is_replaced_not_a_500(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = timezone.localdate()
    checked, others = CheckInForm._post_clean, []

    def then_saved_by_another(form: CheckInForm) -> None:
        checked(form)
        if not others:  # the other request's row lands after this form was checked
            scales = {k: v for k, v in CHECKIN_FORM.items() if isinstance(v, int)}
            others.append(CheckIn.objects.create(user=alice, day=day, **{**scales, "stress": 5}))

    monkeypatch.setattr(CheckInForm, "_post_clean", then_saved_by_another)
    form = {**CHECKIN_FORM, "stress": 1}
    response = client_for(alice).post(f"/daily/checkin/{day.isoformat()}/", form)
    assert response.status_code == 302
    assert CheckIn.objects.get(user=alice).stress == 1  # the later save wins


def test_a_sign_up_whose_email_another_request_took_meanwhile_answers_alike_not_a_500(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = SignUpForm._post_clean

    def then_taken(form: SignUpForm) -> None:
        checked(form)
        make_user("same")  # the other request's account lands after this form was checked

    monkeypatch.setattr(SignUpForm, "_post_clean", then_taken)
    response = Client().post("/accounts/signup/", SIGN_UP)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert User.objects.filter(email="same@example.org").count() == 1


def together(count: int, request: Callable[[int], int]) -> list[object]:
    """`request(i)` in `count` threads released at once; each status, or what it raised."""
    start, results = threading.Barrier(count), [object()] * count

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = request(i)
        except BaseException as error:  # reported in the results, for the assertion to show
            results[i] = error
        finally:
            connections.close_all()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_six_check_ins_of_one_day_at_once_all_succeed_and_keep_one_row() -> None:
    alice = make_user("alice")
    clients = [client_for(alice) for _ in range(6)]
    for back in range(4):
        day = (timezone.localdate() - timedelta(days=back)).isoformat()

        def post(i: int, day: str = day) -> int:
            form = {**CHECKIN_FORM, "stress": 1 + i % 5}
            return clients[i].post(f"/daily/checkin/{day}/", form).status_code

        assert together(6, post) == [302] * 6, day
    assert CheckIn.objects.filter(user=alice).count() == 4


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_four_sign_ups_with_one_email_at_once_make_one_account_and_no_500() -> None:
    for round_ in range(3):
        email = f"race{round_}@example.org"

        def sign_up(i: int, email: str = email, round_: int = round_) -> int:
            client = Client(REMOTE_ADDR=f"192.0.2.{4 * round_ + i}")  # under the sign-up limit
            return client.post("/accounts/signup/", {**SIGN_UP, "email": email}).status_code

        statuses = together(4, sign_up)
        assert statuses == [302] * 4, statuses  # the same answer for the winner and the others
        assert User.objects.filter(email=email).count() == 1
