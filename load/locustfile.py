"""A busy evening: partners check in, answer the daily question and open their dashboard.

Run by load/run_load.py, which seeds the accounts and names them in NEARER_LOAD_ACCOUNTS. Each
simulated partner signs in with their own account (no two share one), then, every one to three
seconds, does one of the things a partner does; loopback only.

- PagePartner: the browser's HTML pages with a session and CSRF token: the main scenario.
- ApiPartner: the same through the JSON API with a personal token (run_load.py --api).
- BarePartner: the ceiling, against load/bare.py: a Django view that does nothing, and one that
  does a single indexed SELECT, under the same settings and middleware.

A request counts as failed unless it gets exactly the answer a working app gives: 200 for a page,
a 302 for a saved form, never a bounce to the sign-in page.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task
from locust.clients import LocustHttpAdapter
from urllib3.util.retry import Retry

ACCOUNTS: dict[str, Any] = json.loads(Path(os.environ["NEARER_LOAD_ACCOUNTS"]).read_text())
TODAY: str = ACCOUNTS["today"]
_next_account = itertools.count()
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WAIT = between(1, 3)  # seconds between one partner's clicks: a busy evening, not a stress test
#: gunicorn closes a keep-alive connection after 2 idle seconds; a request sent on it at that
#: very moment gets no answer at all. A browser sends such a request again on a new connection,
#: and so do these clients, once; how often that happened goes into the report.
RETRY_ONCE = Retry(total=1, connect=1, read=1, status=0, other=0, allowed_methods=None)
_retried = [0]

CHECKIN = {
    "pleasantness": "4",
    "energy": "3",
    "emotion_words": ["calm", "grateful"],
    "closeness": "5",
    "shared_feelings": "3",
    "understood": "4",
    "validated": "4",
    "cared_for": "5",
    "stress": "2",
    "appreciation": "Thank you for listening tonight.",
    "appreciation_shared": "on",
    "need": "",
    "note": "A private note that only I see.",
}


def next_account() -> dict[str, Any]:
    people = ACCOUNTS["people"]
    number = next(_next_account)
    if number >= len(people):
        raise RuntimeError(f"only {len(people)} seeded accounts; seed more for more users")
    return dict(people[number])


def retry_once(user: HttpUser) -> None:
    user.client.mount("http://", LocustHttpAdapter(pool_manager=None, max_retries=RETRY_ONCE))


@events.test_stop.add_listener
def _write_retries(**_: Any) -> None:
    Path(os.environ["NEARER_LOAD_RETRIES"]).write_text(str(_retried[0]))


def expect(response: Any, status: int, *, not_into: str = "/accounts/login/") -> None:
    """Mark a `catch_response` request failed unless it answered `status` and kept the session."""
    retries = getattr(getattr(response, "raw", None), "retries", None)
    if retries is not None and retries.history:
        _retried[0] += 1
    if response.status_code != status:
        why = f": {response.error!r}" if response.status_code == 0 else ""
        response.failure(f"expected {status}, got {response.status_code}{why}")
    elif not_into in response.headers.get("Location", ""):
        response.failure("signed out: redirected to the sign-in page")
    else:
        response.success()


class Partner(HttpUser):
    abstract = True
    wait_time = WAIT

    def on_start(self) -> None:
        retry_once(self)
        self.account = next_account()
        self.days = list(ACCOUNTS["answer_days"])  # today first, then older unanswered days

    def get_page(self, path: str, name: str) -> None:
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            expect(response, 200)

    def post_form(self, path: str, data: dict[str, Any], name: str) -> None:
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            expect(response, 302)


class PagePartner(Partner):
    """A partner in the browser: signs in with the form, then uses the pages."""

    weight = 3

    def on_start(self) -> None:
        super().on_start()
        page = self.client.get("/accounts/login/", name="GET /accounts/login/")
        found = _CSRF_FIELD.search(page.text)
        form = {
            "username": self.account["email"],
            "password": self.account["password"],
            "csrfmiddlewaretoken": found[1] if found else "",
        }
        with self.client.post(
            "/accounts/login/",
            data=form,
            name="POST /accounts/login/",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            expect(response, 302)

    @task(4)
    def dashboard(self) -> None:
        self.get_page("/home/", "GET /home/ (dashboard)")

    @task(3)
    def todays_question(self) -> None:
        self.get_page("/daily/today/", "GET /daily/today/")

    @task(2)
    def answer(self) -> None:
        if not self.days:
            return
        day = self.days.pop(0)
        text = f"{self.account['email']} answers the question of {day}."
        self.post_form(
            f"/daily/day/{day}/answer/",
            {"text": text, "action": "answer"},
            "POST /daily/day/[day]/answer/",
        )

    @task(2)
    def checkin_page(self) -> None:
        self.get_page("/daily/checkin/", "GET /daily/checkin/")

    @task(2)
    def checkin(self) -> None:
        self.post_form("/daily/checkin/", CHECKIN, "POST /daily/checkin/")

    @task(1)
    def history(self) -> None:
        self.get_page("/daily/history/", "GET /daily/history/")


class ApiPartner(Partner):
    """A partner in a phone app: the JSON API with a personal token."""

    weight = 1

    def api(self, method: str, path: str, name: str, body: Any = None) -> None:
        headers = {"Authorization": f"Bearer {self.account['token']}"}
        with self.client.request(
            method, f"/api/v1{path}", json=body, headers=headers, name=name, catch_response=True
        ) as response:
            expect(response, 200)

    @task(4)
    def dashboard(self) -> None:
        self.api("GET", "/dashboard", "API GET /dashboard")

    @task(3)
    def todays_question(self) -> None:
        self.api("GET", "/daily/today", "API GET /daily/today")

    @task(2)
    def answer(self) -> None:
        if self.days:
            day = self.days.pop(0)
            body = {"text": f"{self.account['email']} answers {day} from the phone."}
            self.api("POST", f"/daily/{day}/answer", "API POST /daily/[day]/answer", body)

    @task(2)
    def checkin(self) -> None:
        body = {k: int(v) if v.isdigit() else v for k, v in CHECKIN.items() if k != "emotion_words"}
        body |= {"emotion_words": CHECKIN["emotion_words"], "appreciation_shared": True}
        self.api("PUT", f"/checkins/{TODAY}", "API PUT /checkins/[day]", body)


class BarePartner(HttpUser):
    """The ceiling: the same pacing against a view that does nothing, and one indexed SELECT."""

    wait_time = WAIT

    def on_start(self) -> None:
        retry_once(self)
        self.ids = [person["id"] for person in ACCOUNTS["people"]]

    @task
    def nothing(self) -> None:
        with self.client.get("/ok/", name="bare: no database", catch_response=True) as response:
            expect(response, 200)

    @task
    def one_select(self) -> None:
        path = f"/select/?id={random.choice(self.ids)}"
        with self.client.get(path, name="bare: one indexed SELECT", catch_response=True) as r:
            expect(r, 200)
