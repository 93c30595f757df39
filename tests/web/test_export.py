from __future__ import annotations

import base64
import csv
import io
import json
import zipfile

from django.test import Client
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web.accounts.archive import to_csv
from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.assessments.models import Run
from nearer.web.couples import services as couples
from nearer.web.daily.models import DailyQuestion
from tests.web.conftest import PASSWORD, client_for, screen
from tests.web.security.helpers import age_confirmation


def today_answer(user: User, text: str) -> None:
    day = timezone.localdate().isoformat()
    client_for(user).post(f"/daily/day/{day}/answer/", {"text": text, "action": "answer"})


def export_zip(user: User) -> zipfile.ZipFile:
    response = client_for(user).post("/accounts/export/", {"password": PASSWORD})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def export(user: User) -> dict:  # type: ignore[type-arg]
    return json.loads(export_zip(user).read("my-data.json"))  # type: ignore[no-any-return]


def rows(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))


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


def test_the_zip_holds_the_json_a_csv_per_table_and_a_readme_that_names_each(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    today_answer(alice, "a walk by the river")
    client_for(alice).post(
        "/daily/checkin/",
        {
            "pleasantness": 4, "energy": 3, "closeness": 5, "shared_feelings": 3,
            "understood": 4, "validated": 4, "cared_for": 5, "stress": 2,
            "note": "only-mine-note",
        },
    )  # fmt: skip
    archive = export_zip(alice)
    names = set(archive.namelist())
    assert {"README.txt", "my-data.json", "checkins.csv", "daily-questions.csv"} <= names
    readme = archive.read("README.txt").decode()
    assert all(name in readme for name in names - {"README.txt"})
    [checkin] = rows(archive, "checkins.csv")
    assert checkin["note"] == "only-mine-note" and checkin["closeness"] == "5"
    [day] = rows(archive, "daily-questions.csv")
    assert day["my_answer"] == "a walk by the river" and day["partner_answer"] == ""


def test_the_csv_files_hold_every_assessment_answer_a_line_each(alice: User) -> None:
    Run.objects.create(user=alice, instrument="profile", answers={"p1": 3, "p2": 5})
    answers = rows(export_zip(alice), "assessment-answers.csv")
    assert [(a["instrument"], a["item"], a["answer"]) for a in answers] == [
        ("profile", "p1", "3"),
        ("profile", "p2", "5"),
    ]


def test_text_that_looks_like_a_spreadsheet_formula_is_kept_inert_in_csv(alice: User) -> None:
    assert to_csv(("note",), [{"note": "=HYPERLINK(1)"}]).splitlines()[1] == "'=HYPERLINK(1)"


def test_the_api_gives_the_same_zip_base64_encoded(alice: User) -> None:
    body = client_for(alice).get("/api/v1/me/export/zip").json()
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(body["base64"])))
    assert body["filename"].endswith(".zip") and "my-data.json" in archive.namelist()
    assert json.loads(archive.read("my-data.json"))["account"]["email"] == alice.email


def test_my_private_note_is_exported_readable_to_me_and_never_to_my_partner(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    client_for(alice).post(
        "/daily/checkin/",
        {
            "pleasantness": 4, "energy": 3, "closeness": 5, "shared_feelings": 3,
            "understood": 4, "validated": 4, "cared_for": 5, "stress": 2,
            "note": "alice-private-canary",
        },
    )  # fmt: skip
    archive = export_zip(alice)
    assert "alice-private-canary" in archive.read("checkins.csv").decode()
    partners = export_zip(bob)
    assert all(b"alice-private-canary" not in partners.read(name) for name in partners.namelist())


def test_the_api_export_by_an_old_session_asks_for_the_password_and_by_token_does_not(
    alice: User,
) -> None:
    client = client_for(alice)
    age_confirmation(client)
    for path in ("/api/v1/me/export", "/api/v1/me/export/zip"):
        refused = client.get(path)
        assert refused.status_code == 403 and "/accounts/confirm/" in refused.json()["detail"]
    _, key = tokens.issue(alice, "phone")
    by_token = Client().get("/api/v1/me/export", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert by_token.status_code == 200 and by_token.json()["account"]["email"] == alice.email


def test_my_own_answer_to_a_day_set_aside_for_safety_stays_in_my_export(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice)
    screen(bob)
    deep = next(q for q in default_content().questions if q.needs_safety)
    couple_space = couples.couple_of(alice)
    DailyQuestion.objects.create(couple=couple_space, day=timezone.localdate(), question_id=deep.id)
    today_answer(alice, "alice-deep-words")
    today_answer(bob, "bob-deep-words")
    day = timezone.localdate().isoformat()
    client_for(bob).post(f"/daily/day/{day}/respond/", {"thank": "yes", "reply": "bob-reply"})
    [before] = export(alice)["daily_questions"]
    assert before["partner_answer"] == "bob-deep-words" and before["partner_reply"] == "bob-reply"
    screen(alice, concern=True)  # the day is set aside for her now

    by_api = client_for(alice).get("/api/v1/me/export").json()
    by_zip = export(alice)
    for document in (by_api, by_zip):
        [day] = document["daily_questions"]
        assert day["my_answer"] == "alice-deep-words"
        assert day["partner_answer"] is None  # nothing more of that day reaches her
        assert day["partner_reply"] is None and day["partner_thanked_me"] is False
        assert "bob-deep-words" not in json.dumps(document)
