"""Malformed posts to every HTML form get a clear 4xx, never a 500, and save nothing.

Each form is posted what no page of nearer sends: nothing at all, wrong types, huge values, NUL
bytes, bytes that are not UTF-8, the wrong content type, too many fields and a body over the
size limit. Then the same form, well formed, is accepted, so each 4xx came from the bad input.
Django's test client skips the CSRF check here, so the posts reach the views themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.api.models import Token
from nearer.web.assessments.models import Run
from nearer.web.couples import services as couples
from nearer.web.couples.models import Couple, Invitation, Membership
from nearer.web.daily import services as daily
from nearer.web.daily.models import Answer, CheckIn
from nearer.web.plans.models import PracticeLog
from tests.web.conftest import PASSWORD, client_for, make_couple, make_user

NEW_PASSWORD = "another long enough passphrase"
CHECKIN = {
    "pleasantness": "4",
    "energy": "3",
    "emotion_words": ["calm", "hopeful"],
    "closeness": "5",
    "shared_feelings": "3",
    "understood": "4",
    "validated": "4",
    "cared_for": "5",
    "stress": "2",
    "appreciation": "You made tea.",
    "appreciation_shared": "on",
    "need": "",
    "note": "private words",
}


@dataclass(frozen=True)
class Cast:
    alice: User  # with bob, both answered today's question
    bob: User
    carol: User  # alone in her space, nothing answered
    dave: User  # alone, with an invitation carol can use
    code: str


@dataclass(frozen=True)
class Form:
    """One HTML form: where it posts, as whom, what it accepts, and what it must refuse."""

    name: str
    path: str
    who: str | None  # a Cast member's name, or None for a form used before signing in
    valid: dict[str, object]
    bad: list[dict[str, object]] = field(default_factory=list)  # wrong types, huge values

    def client(self, cast: Cast) -> tuple[Client, str]:
        if self.who is None:
            return Client(), self.path
        return client_for(getattr(cast, self.who)), self.path


class ResetForm(Form):
    """The new-password form behind a reset link, which needs the link's session first."""

    def client(self, cast: Cast) -> tuple[Client, str]:
        client, uid = Client(), urlsafe_base64_encode(force_bytes(cast.alice.pk))
        token = default_token_generator.make_token(cast.alice)
        landed = client.get(f"/accounts/password/reset/{uid}/{token}/")
        return client, landed["Location"]


def _profile_items(value: object) -> dict[str, object]:
    return {item.id: value for item in default_content().instruments["profile"].items}


def _forms() -> list[Form]:
    today = timezone.localdate().isoformat()
    huge = "x" * 20_000
    return [
        Form(
            "sign up",
            "/accounts/signup/",
            None,
            {
                "email": "erin@example.org",
                "display_name": "Erin",
                "time_zone": "UTC",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
            [
                {"email": ["not an email", 7], "display_name": "Erin", "time_zone": "Mars/Base"},
                {"email": f"{huge}@example.org", "display_name": huge, "time_zone": huge},
            ],
        ),
        Form(
            "sign in",
            "/accounts/login/",
            None,
            {"username": "alice@example.org", "password": PASSWORD},
            [{"username": huge, "password": huge}, {"username": ["a", "b"]}],
        ),
        Form(
            "password reset",
            "/accounts/password/reset/",
            None,
            {"email": "alice@example.org"},
            [{"email": "no at sign"}, {"email": f"{huge}@example.org"}],
        ),
        ResetForm(
            "new password",
            "",
            None,
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            [{"new_password1": NEW_PASSWORD, "new_password2": "different"}],
        ),
        Form(
            "profile",
            "/accounts/profile/",
            "alice",
            {"display_name": "Alicia", "time_zone": "Europe/Berlin"},
            [{"display_name": huge, "time_zone": "UTC"}, {"display_name": "A", "time_zone": "7"}],
        ),
        Form(
            "password change",
            "/accounts/password/",
            "alice",
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
            [{"old_password": huge, "new_password1": "1", "new_password2": "2"}],
        ),
        Form(
            "export",
            "/accounts/export/",
            "alice",
            {"password": PASSWORD},
            [{"password": huge}, {"password": ["x", "y"]}],
        ),
        Form(
            "join",
            "/couple/join/",
            "carol",
            {"code": "<code>"},
            [{"code": huge}, {"code": "   "}, {"code": 12}],
        ),
        Form("leave", "/couple/leave/", "alice", {"confirm": "yes"}, [{"confirm": ["no", "x"]}]),
        Form(
            "answer",
            f"/daily/day/{today}/answer/",
            "carol",
            {"text": "mine", "action": "answer"},
            [{"text": huge, "action": "answer"}, {"text": "   ", "action": "answer"}],
        ),
        Form(
            "respond",
            f"/daily/day/{today}/respond/",
            "alice",
            {"thank": "yes", "reply": "Thank you."},
            [{"thank": "no", "reply": huge}, {"thank": "", "reply": "   "}],
        ),
        Form(
            "check-in",
            "/daily/checkin/",
            "alice",
            CHECKIN,
            [
                {**CHECKIN, "pleasantness": "very", "closeness": "9"},
                {**CHECKIN, "energy": "²", "stress": "-1"},
                {**CHECKIN, "emotion_words": ["calm", "not a word"]},
                {**CHECKIN, "note": huge},
                {key: value for key, value in CHECKIN.items() if key != "closeness"},
            ],
        ),
        Form(
            "assessment",
            "/assessments/profile/take/",
            "alice",
            _profile_items("3"),
            [_profile_items("²"), _profile_items("9" * 5_000), _profile_items(["x", "y"])],
        ),
        Form(
            "plan settings",
            "/plan/settings/",
            "alice",
            {"minutes_per_week": "90", "paused": "yes"},
            [
                {"minutes_per_week": "²"},
                {"minutes_per_week": "9" * 5_000},
                {"minutes_per_week": "ninety"},
                {"minutes_per_week": "5"},
            ],
        ),
    ]


FORMS = _forms()


@pytest.fixture
def cast(couple: tuple[User, User], carol: User) -> Cast:
    alice, bob = couple
    today = daily.question_for(couples.couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    for person in (alice, bob):
        daily.answer(person, today, f"{person}'s answer", passed=False)
    dave = make_user("dave")
    make_couple(dave)
    return Cast(alice, bob, carol, dave, couples.invite(dave))


def snapshot(cast: Cast) -> tuple[object, ...]:
    """Everything a form could change: row counts, alice's account, every couple's settings."""
    counts = tuple(
        model.objects.count()
        for model in (User, CheckIn, Answer, Run, Invitation, PracticeLog, Token, Couple)
    )
    alice = User.objects.get(pk=cast.alice.pk)
    answers = tuple(Answer.objects.order_by("pk").values_list("text", "thanked_at", "reply"))
    return (
        counts,
        (alice.display_name, alice.time_zone, alice.password),
        tuple(Membership.objects.filter(left_at__isnull=True).values_list("user", "couple")),
        tuple(Couple.objects.order_by("pk").values_list("minutes_per_week", "plan_paused")),
        tuple(Invitation.objects.order_by("pk").values_list("used_at", flat=True)),
        answers,
    )


def fill(form: Form, data: dict[str, object], cast: Cast) -> dict[str, object]:
    return {key: cast.code if value == "<code>" else value for key, value in data.items()}


def post(form: Form, cast: Cast, data: dict[str, object]) -> HttpResponse:
    client, path = form.client(cast)
    return client.post(path, fill(form, data, cast))


def post_raw(form: Form, cast: Cast, body: bytes, content_type: str) -> HttpResponse:
    client, path = form.client(cast)
    return client.generic("POST", path, body, content_type=content_type)


def every_field(form: Form, value: str) -> dict[str, object]:
    return dict.fromkeys(form.valid, value)


def undecodable(form: Form) -> bytes:
    """The form's fields, each with a value that is not UTF-8: raw bytes and percent-escaped."""
    return b"&".join(quote(name).encode() + b"=%FF%FE\xc3\x28" for name in form.valid)


FORM_TYPE = "application/x-www-form-urlencoded"
MALFORMED_BODIES: dict[str, Callable[[Form], tuple[bytes, str]]] = {
    "nothing": lambda form: (b"", FORM_TYPE),
    "JSON": lambda form: (b'{"text": "hello", "confirm": "yes"}', "application/json"),
    "plain text": lambda form: (b"text=hello&confirm=yes", "text/plain"),
    "multipart without a boundary": lambda form: (b"--x\r\n\r\n--x--", "multipart/form-data"),
    "a broken multipart": lambda form: (
        b"--zz\r\nContent-Disposition: form-data\r\n\r\nx",
        "multipart/form-data; boundary=zz",
    ),
    "too many fields": lambda form: (
        b"&".join(b"f%d=1" % n for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)),
        FORM_TYPE,
    ),
    "a body over the size limit": lambda form: (
        b"note=" + b"x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        FORM_TYPE,
    ),
}


def assert_refused(response: HttpResponse, why: str) -> None:
    assert 400 <= response.status_code < 500, (why, response.status_code)


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.name)
def test_a_malformed_post_is_a_4xx_that_saves_nothing(form: Form, cast: Cast) -> None:
    before = snapshot(cast)
    for number, data in enumerate(form.bad):
        assert_refused(post(form, cast, data), f"bad example {number}")
    assert_refused(post(form, cast, every_field(form, "a\x00b")), "NUL bytes")
    assert_refused(post(form, cast, {}), "no fields")
    for why, make in MALFORMED_BODIES.items():
        assert_refused(post_raw(form, cast, *make(form)), why)
    assert_refused(post_raw(form, cast, undecodable(form), FORM_TYPE), "not UTF-8")
    assert snapshot(cast) == before
    accepted = post(form, cast, form.valid)
    assert accepted.status_code in (200, 302), accepted.status_code
    assert snapshot(cast) != before or form.name in ("sign in", "password reset", "export")


def test_the_size_limit_is_set_on_purpose_and_fits_the_largest_honest_check_in(
    cast: Cast,
) -> None:
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 256 * 1024
    fullest = {**CHECKIN, "note": "🙂" * 4000, "appreciation": "🙂" * 1000, "need": "🙂" * 1000}
    response = client_for(cast.alice).post("/daily/checkin/", fullest)
    assert response.status_code == 302
    assert CheckIn.objects.get(user=cast.alice).note == "🙂" * 4000


@pytest.mark.parametrize("path", ["/couple/create/", "/couple/invite/", "/accounts/logout/"])
def test_forms_without_fields_take_any_body_without_a_500(path: str, cast: Cast) -> None:
    for make in MALFORMED_BODIES.values():
        body, content_type = make(Form("", path, "alice", {"x": ""}))
        response = client_for(cast.alice).generic("POST", path, body, content_type=content_type)
        assert response.status_code < 500, (path, response.status_code)
