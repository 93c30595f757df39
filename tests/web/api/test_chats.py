"""Chat imports through the API: the same rules as the pages under /chats/, with real exports
uploaded as multipart and analysed by the real background thread (hence committed transactions).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client

from nearer.chat.caveats import Kind, plain
from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.chats import services
from nearer.web.chats.models import ChatImport
from tests.web.api.conftest import API, call
from tests.web.chats.conftest import (
    DEMO_CANARIES,
    demo_export,
    finished,
    fixture,
    leftovers,
)
from tests.web.conftest import screen

pytestmark = pytest.mark.django_db(transaction=True)  # the analysis runs in its own thread
CHATS = f"{API}/chats"
GROUP = "whatsapp/case21_authors_with_dash_and_digits.txt"  # three people wrote in it


@pytest.fixture(autouse=True)
def upload_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder = tmp_path / "chat-uploads"
    settings.CHAT_UPLOAD_DIR = folder  # type: ignore[attr-defined]
    return folder


@pytest.fixture
def pair(couple: tuple[User, User]) -> tuple[User, User]:
    """Alice and bob, both screened without a concern: chat analysis is open to them."""
    for person in couple:
        screen(person)
    return couple


def key_of(user: User) -> str:
    return tokens.issue(user, "phone")[1]


def send(
    data: bytes | list[bytes],
    name: str = "chat.txt",
    *,
    key: str | None = None,
    client: Client | None = None,
    headers: dict[str, str] | None = None,
    **fields: str,
) -> HttpResponse:
    """POST /chats as multipart, with a token (`key`) or through a signed-in `client`."""
    contents = data if isinstance(data, list) else [data]
    files = [SimpleUploadedFile(name, content) for content in contents]
    sent = dict(headers or {}) | ({"Authorization": f"Bearer {key}"} if key else {})
    client = client or Client(enforce_csrf_checks=True)
    return client.post(CHATS, {**fields, "export": files}, headers=sent)  # type: ignore[return-value]


def created(response: HttpResponse) -> int:
    assert response.status_code == 201, response.content.decode()[:2000]
    return int(response.json()["id"])


def read(user: User, path: str = "") -> dict:  # type: ignore[type-arg]
    response = call(user, "GET", f"/chats{path}")
    assert response.status_code == 200, response.content.decode()
    return response.json()  # type: ignore[no-any-return]


def imported(alice: User, **fields: str) -> int:
    """The demo chat, imported by alice with her token as Sam, analysed to the end."""
    pk = created(send(demo_export(), key=key_of(alice), me="Sam", **fields))
    assert finished(pk).status == ChatImport.READY
    return pk


def test_an_export_sent_with_a_token_is_imported_and_analysed(
    pair: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = pair
    response = send(demo_export(), "WhatsApp Chat with Alex.txt", key=key_of(alice), me="Sam")
    pk = created(response)  # with a token, and no CSRF token on a strict client
    body = response.json()
    assert body["mine"] is True and body["other"] == "Bob" and body["result"] is None
    assert body["status"] in ("queued", "analysing", "ready")
    assert leftovers(upload_dir) == []  # read and deleted before the response
    assert finished(pk).status == ChatImport.READY
    assert read(alice, f"/{pk}")["status"] == "ready"


def test_the_list_holds_both_partners_imports_newest_first_and_what_waits_for_each(
    pair: tuple[User, User], carol: User
) -> None:
    alice, bob = pair
    first = imported(alice)
    second = services.create(bob).pk  # bob's, still queued: nothing to wait for
    mine = read(alice)
    assert [chat["id"] for chat in mine["imports"]] == [second, first]
    assert [chat["id"] for chat in mine["waiting"]] == [second]
    assert mine["cannot_import"] is None
    by_id = {chat["id"]: chat for chat in mine["imports"]}
    assert (by_id[first]["mine"], by_id[first]["may_agree"]) == (True, False)
    assert (by_id[second]["mine"], by_id[second]["may_agree"]) == (False, True)
    theirs = read(bob)
    assert [chat["id"] for chat in theirs["waiting"]] == [first]
    assert theirs["waiting"][0]["other"] == "Alice" and theirs["waiting"][0]["visible"] is False
    strangers = read(carol)
    assert strangers["imports"] == [] and strangers["waiting"] == []
    assert "Invite your partner first" in strangers["cannot_import"]


def test_the_result_is_hidden_until_both_agree_then_shown_to_both_without_a_word_of_the_chat(
    pair: tuple[User, User],
) -> None:
    alice, bob = pair
    pk = imported(alice)
    before = {person: read(person, f"/{pk}") for person in pair}
    assert all(view["result"] is None and not view["visible"] for view in before.values())
    assert before[bob]["may_agree"] and not before[alice]["may_agree"]

    agreed = call(bob, "POST", f"/chats/{pk}/agree")
    assert agreed.status_code == 200 and agreed.json()["both_agreed"] is True
    for person, other in ((alice, "Bob"), (bob, "Alice")):
        response = call(person, "GET", f"/chats/{pk}")
        view = response.json()
        assert view["visible"] is True and view["result"]["summary"]["messages"] == 1650
        assert view["result"]["people"] == ["You", other] and view["result"]["me"] == "You"
        text = response.content.decode()
        for canary in DEMO_CANARIES:  # neither a name nor a word from the chat
            assert not re.search(rf"\b{re.escape(canary)}\b", text), canary
        assert "WhatsApp Chat with" not in text
    assert read(bob)["waiting"] == []


def test_a_result_gives_both_the_pages_notes_on_the_export_never_its_own_words(
    pair: tuple[User, User],
) -> None:
    alice, bob = pair
    chat = b"Exported from my phone\n01/03/2024, 21:05 - Sam: hi\n02/03/2024, 21:06 - Alex: yo\n"
    pk = created(send(chat, "WhatsApp Chat with Alex.txt", key=key_of(alice), me="Sam"))
    assert finished(pk).status == ChatImport.READY
    call(bob, "POST", f"/chats/{pk}/agree")
    for person in pair:
        result = read(person, f"/{pk}")["result"]
        assert result["warnings"] == [
            plain(Kind.SKIPPED_LINES, 1),
            plain(Kind.AMBIGUOUS_DATES),
        ]


def test_agreeing_is_refused_with_the_services_sentence_to_the_uploader_and_the_second_time(
    pair: tuple[User, User],
) -> None:
    alice, bob = pair
    pk = imported(alice)
    refused = call(alice, "POST", f"/chats/{pk}/agree")
    assert refused.status_code == 400
    assert refused.json() == {"detail": "There is nothing here for you to agree to.", "field": None}
    assert call(bob, "POST", f"/chats/{pk}/agree").status_code == 200
    assert call(bob, "POST", f"/chats/{pk}/agree").status_code == 400


def test_a_result_gives_neither_partner_the_others_word_list_signs(
    pair: tuple[User, User],
) -> None:
    alice, bob = pair
    pk = imported(alice)
    call(bob, "POST", f"/chats/{pk}/agree")
    for person in pair:
        view = read(person, f"/{pk}")
        signals = view["result"]["signals"]
        assert not signals["contempt_per_100"]["people"]
        assert not signals["criticism_per_100"]["people"]
        assert set(signals["messages"]["people"]) == {"You", "Bob" if person == alice else "Alice"}
        assert "approximate" in view["reading"] and "verdict" in view["reading"]


def test_withdrawing_deletes_the_result_for_both_and_a_second_withdrawal_is_refused(
    pair: tuple[User, User],
) -> None:
    alice, bob = pair
    pk = imported(alice)
    call(bob, "POST", f"/chats/{pk}/agree")
    withdrawn = call(bob, "POST", f"/chats/{pk}/withdraw")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn" and withdrawn.json()["withdrawn_by_you"]
    assert ChatImport.objects.get(pk=pk).report is None
    seen = read(alice, f"/{pk}")
    assert seen["result"] is None and seen["withdrawn_by_you"] is False
    again = call(alice, "POST", f"/chats/{pk}/withdraw")
    assert again.status_code == 400
    assert again.json()["detail"] == "This chat import was already withdrawn."
    refused = call(bob, "POST", f"/chats/{pk}/agree")  # nothing left to agree to
    assert refused.status_code == 400


def test_a_concern_closes_the_api_to_that_person_as_the_page_does(
    pair: tuple[User, User],
) -> None:
    alice, bob = pair
    pk = imported(alice)
    screen(bob, concern=True)
    refused = send(demo_export(), key=key_of(bob), me="Alex")
    assert refused.status_code == 400 and refused.json()["detail"] == services.CLOSED
    assert ChatImport.objects.count() == 1
    assert read(bob)["cannot_import"] == services.CLOSED and read(bob)["waiting"] == []
    agree = call(bob, "POST", f"/chats/{pk}/agree")
    assert agree.status_code == 400 and agree.json()["detail"] == services.CLOSED
    view = read(bob, f"/{pk}")
    assert view["closed"] is True and view["result"] is None and not view["may_agree"]
    assert "concern" not in str(read(bob)).lower()


def test_the_partners_api_answers_do_not_change_when_a_concern_is_raised(
    pair: tuple[User, User],
) -> None:
    alice, bob = pair
    pk = imported(alice)
    assert call(bob, "POST", f"/chats/{pk}/agree").status_code == 200
    before = (read(alice), read(alice, f"/{pk}"))
    screen(bob, concern=True)
    assert (read(alice), read(alice, f"/{pk}")) == before
    assert before[0]["cannot_import"] is None and before[1]["result"] is not None


def test_a_stranger_gets_a_404_for_someone_elses_import(
    pair: tuple[User, User], carol: User
) -> None:
    alice, _ = pair
    pk = imported(alice)
    for method, path in (("GET", ""), ("POST", "/agree"), ("POST", "/withdraw")):
        response = call(carol, method, f"/chats/{pk}{path}")
        assert response.status_code == 404, (method, path)
        assert response.json() == {"detail": "No such chat import.", "field": None}
    assert ChatImport.objects.get(pk=pk).status == ChatImport.READY


def test_anonymous_requests_are_401_and_an_anonymous_upload_keeps_nothing(
    pair: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = pair
    pk = imported(alice)
    for method, path in (("GET", ""), ("GET", f"/{pk}"), ("POST", f"/{pk}/withdraw")):
        assert call(None, method, f"/chats{path}").status_code == 401, (method, path)
    anonymous = send(demo_export(), me="Sam", client=Client())
    assert anonymous.status_code == 401
    assert ChatImport.objects.count() == 1 and leftovers(upload_dir) == []


def test_a_session_post_without_a_csrf_token_is_refused_and_keeps_nothing(
    pair: tuple[User, User], upload_dir: Path
) -> None:
    alice, bob = pair
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.get(f"{API}/me").status_code == 200  # sets the csrftoken cookie
    refused = send(demo_export(), client=strict, me="Sam")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert not ChatImport.objects.exists() and leftovers(upload_dir) == []

    csrf = {"X-CSRFToken": strict.cookies["csrftoken"].value}
    pk = created(send(demo_export(), client=strict, headers=csrf, me="Sam"))
    finished(pk)
    as_bob = Client(enforce_csrf_checks=True)
    as_bob.force_login(bob)
    assert as_bob.post(f"{CHATS}/{pk}/agree").status_code == 403
    assert ChatImport.objects.get(pk=pk).partner_agreed_at is None


def test_an_unreadable_export_is_a_400_naming_the_file_and_line(
    pair: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = pair
    bad = fixture("csv/bad_timestamp_row.csv")
    response = send(bad, "bad_timestamp_row.csv", key=key_of(alice))
    body = response.json()
    assert response.status_code == 400 and body["field"] == "export"
    assert re.search(r"bad_timestamp_row\.csv, line \d+", body["detail"]), body
    assert "Nothing of it was kept" in body["detail"]
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_a_missing_file_or_too_many_files_is_a_400_naming_export(
    pair: tuple[User, User], settings: pytest.FixtureRequest, upload_dir: Path
) -> None:
    alice, _ = pair
    key = key_of(alice)
    nothing = Client().post(CHATS, {"me": "Sam"}, headers={"Authorization": f"Bearer {key}"})
    assert nothing.status_code == 400
    assert nothing.json() == {"detail": "export: Choose your chat export first.", "field": "export"}
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3  # type: ignore[attr-defined]
    many = send([b"\xff\xd8"] * 4, "IMG.jpg", key=key)
    assert many.status_code == 400 and "more files than one import takes" in many.json()["detail"]
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_an_export_over_the_limit_is_a_413_streamed_or_zipped(
    pair: tuple[User, User], settings: pytest.FixtureRequest, upload_dir: Path
) -> None:
    alice, _ = pair
    key = key_of(alice)
    settings.CHAT_UPLOAD_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    just_over = (demo_export() * 20)[: 1024 * 1024 + 1000]  # read until it passes the limit
    far_over = b"x" * (2 * 1024 * 1024)  # refused before a byte of it is read
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as written:
        written.writestr("_chat.txt", demo_export() * 20)  # small zipped, 2 MB unpacked
    for data, name in (
        (just_over, "chat.txt"),
        (far_over, "chat.txt"),
        (archive.getvalue(), "c.zip"),
    ):
        response = send(data, name, key=key)
        assert response.status_code == 413, name
        assert (
            "larger than 1 MB" in response.json()["detail"] and response.json()["field"] == "export"
        )
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_a_full_telegram_export_is_a_400_listing_its_chats_to_choose_from(
    pair: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = pair
    key, export = key_of(alice), fixture("telegram/full_export_several_chats.json")
    asked = send(export, "result.json", key=key)
    body = asked.json()
    assert asked.status_code == 400 and body["field"] == "chat"
    assert "Climbing club" in body["choices"] and "Bob" in body["choices"]
    only_one = send(export, "result.json", key=key, chat="Bob")
    assert only_one.status_code == 400 and "choices" not in only_one.json()
    assert "needs messages from two people; found Alice" in only_one.json()["detail"]
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_a_chat_whose_people_are_unknown_asks_for_them_by_field_until_it_can_start(
    pair: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = pair
    key, group = key_of(alice), fixture(GROUP)
    asked = send(group, "group.txt", key=key)
    assert asked.status_code == 400 and asked.json()["field"] == "me"
    people = asked.json()["choices"]
    assert len(people) == 3 and "R2-D2" in people
    assert "3 people wrote in this chat" in asked.json()["detail"]
    partner = send(group, "group.txt", key=key, me="R2-D2")
    assert partner.json()["field"] == "partner"
    assert set(partner.json()["choices"]) == set(people) - {"R2-D2"}
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()
    pk = created(send(group, "group.txt", key=key, me="R2-D2", partner="Sandrine - French"))
    assert finished(pk).status == ChatImport.READY

    two = send(demo_export(), key=key)  # two people, neither named Alice
    assert (two.status_code, two.json()["field"]) == (400, "me")
    assert sorted(two.json()["choices"]) == ["Alex", "Sam"]


def test_a_name_that_did_not_write_in_the_chat_is_a_400_saying_so(
    pair: tuple[User, User],
) -> None:
    alice, _ = pair
    group = fixture(GROUP)
    response = send(group, "group.txt", key=key_of(alice), me="R2-D2", partner="Nobody Here")
    assert response.status_code == 400
    assert "“Nobody Here” did not write in this chat" in response.json()["detail"]
    assert not ChatImport.objects.exists()


def test_a_name_not_in_the_chat_or_given_twice_is_a_400_naming_its_field_with_choices(
    pair: tuple[User, User],
) -> None:
    alice, _ = pair
    key, group = key_of(alice), fixture(GROUP)
    people = set(send(group, "group.txt", key=key).json()["choices"])
    typo = send(group, "group.txt", key=key, me="R2-D2", partner="Nobody Here").json()
    assert typo["detail"] == "partner: “Nobody Here” did not write in this chat."
    assert typo["field"] == "partner" and set(typo["choices"]) == people - {"R2-D2"}
    twice = send(group, "group.txt", key=key, me="R2-D2", partner="R2-D2").json()
    assert twice["detail"].startswith("partner: R2-D2 was chosen twice")
    assert twice["field"] == "partner" and set(twice["choices"]) == people - {"R2-D2"}
    stranger = send(group, "group.txt", key=key, me="Nobody").json()
    assert stranger["detail"] == "me: “Nobody” did not write in this chat."
    assert stranger["field"] == "me" and set(stranger["choices"]) == people
    assert not ChatImport.objects.exists()


def test_a_form_field_over_the_size_limit_is_a_400_saying_so_not_too_many_files(
    pair: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = pair
    key = key_of(alice)
    for field in ("me", "notes"):
        refused = send(demo_export(), key=key, **{field: "A" * 300_000})
        assert refused.status_code == 400 and refused.json()["field"] is None
        assert refused.json()["detail"].startswith("A form field is too long: the form's fields")
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()
