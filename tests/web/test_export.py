from __future__ import annotations

import json

from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from tests.web.conftest import PASSWORD, client_for


def today_answer(user: User, text: str) -> None:
    day = timezone.localdate().isoformat()
    client_for(user).post(f"/daily/day/{day}/answer/", {"text": text, "action": "answer"})


def export(user: User) -> dict:  # type: ignore[type-arg]
    response = client_for(user).post("/accounts/export/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return json.loads(response.content)  # type: ignore[no-any-return]


def test_the_export_needs_the_password_again(alice: User) -> None:
    response = client_for(alice).post("/accounts/export/", {"password": "wrong"})
    assert response.status_code == 400 and b"not right" in response.content


def test_an_unrevealed_partner_answer_is_never_exported(couple: tuple[User, User]) -> None:
    alice, bob = couple
    today_answer(alice, "alice-only-words")
    assert "alice-only-words" not in json.dumps(export(bob))
    assert "alice-only-words" in json.dumps(export(alice))


def test_after_leaving_both_can_still_export_the_shared_history(couple: tuple[User, User]) -> None:
    alice, bob = couple
    today_answer(alice, "from alice")
    today_answer(bob, "from bob")
    couples.leave(alice)
    for person, partner_words in ((alice, "from bob"), (bob, "from alice")):
        [day] = export(person)["daily_questions"]
        assert day["partner_answer"] == partner_words


def test_the_api_exports_the_same_document(alice: User) -> None:
    document = client_for(alice).get("/api/v1/me/export").json()
    assert document["format"] == "nearer-export/1" and document["account"]["email"] == alice.email
