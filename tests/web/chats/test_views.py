"""The import page end to end, with the real background thread (hence committed transactions)."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.client import MULTIPART_CONTENT
from django.utils import timezone

from nearer.chat.pair import Sent
from nearer.web.accounts.models import User
from nearer.web.chats import analysis
from nearer.web.chats.models import ChatImport
from nearer.web.chats.participants import Option
from nearer.web.couples import services as couples
from nearer.web.couples.services import couple_of
from tests.chat.fixtures.imessage.make_chatdb import ChatDb
from tests.chat.parsers.conftest import make_messenger_download, make_zip
from tests.web.api.conftest import call
from tests.web.chats.conftest import (
    DEMO_CANARIES,
    demo_export,
    finished,
    fixture,
    import_id,
    leftovers,
    telegram_full_export,
    upload,
    zipped,
)
from tests.web.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_result_is_shown_to_both_only_after_both_agree(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, bob = couple
    as_alice, as_bob = client_for(alice), client_for(bob)
    pk = import_id(upload(as_alice, demo_export(), "WhatsApp Chat with Alex.txt", me="Sam"))
    assert leftovers(upload_dir) == []  # read and deleted before the response
    assert finished(pk).status == ChatImport.READY

    waiting = as_alice.get(f"/chats/{pk}/").content.decode()
    assert 'data-testid="awaiting"' in waiting and 'data-testid="result"' not in waiting
    notice = as_bob.get("/chats/").content.decode()
    assert 'data-testid="waiting-notice"' in notice and "Alice would like" in notice
    before = as_bob.get(f"/chats/{pk}/").content.decode()
    assert 'data-testid="consent"' in before and 'data-testid="result"' not in before
    assert "Sign it speaks to" not in before

    assert as_bob.post(f"/chats/{pk}/agree/").status_code == 302
    for client in (as_alice, as_bob):
        page = client.get(f"/chats/{pk}/").content.decode()
        assert 'data-testid="result"' in page
        assert "Sign it speaks to" in page and "Something to try" in page  # sign and practice
        assert "approximate" in page and "<svg" in page
        assert "1650 messages, from 1 January 2024 to 29 April 2024" in page
        assert 'id="state"' not in page  # nothing left to wait for
        assert "<script" not in page.split('data-testid="result"')[1]
    assert ">You<" in as_bob.get(f"/chats/{pk}/").content.decode()


def test_a_chat_of_one_day_says_that_day(couple: tuple[User, User]) -> None:
    alice, bob = couple
    chat = b"01/03/2024, 21:05 - Sam: hi\n01/03/2024, 21:06 - Alex: hello you\n"
    pk = import_id(upload(client_for(alice), chat, me="Sam"))
    assert finished(pk).status == ChatImport.READY
    client_for(bob).post(f"/chats/{pk}/agree/")
    page = client_for(alice).get(f"/chats/{pk}/").content.decode()
    assert "2 messages, on 1 March 2024." in page and "to 1 March" not in page


def test_instants_are_put_on_the_clock_of_the_account_that_imports_them(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    alice.time_zone = "Asia/Tokyo"
    alice.save(update_fields=["time_zone"])
    export = fixture("csv/offsets_to_utc.csv")  # three messages at 20:15-20:17 UTC
    pk = import_id(upload(client_for(alice), export, "chat.csv", me="Ana"))
    chat = finished(pk)
    assert chat.report is not None and chat.report["time_zone"] == "Asia/Tokyo"
    assert chat.report["summary"]["first"] == "2024-03-13T05:15:00"  # Tokyo is UTC+9
    assert sum(chat.report["hours"]["uploader"]) == chat.report["hours"]["uploader"][5] == 2
    client_for(bob).post(f"/chats/{pk}/agree/")
    page = client_for(bob).get(f"/chats/{pk}/").content.decode()
    assert "Times of day are in Asia/Tokyo" in page


def test_once_the_uploader_has_left_the_partner_is_asked_nothing(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    pk = import_id(upload(client_for(alice), demo_export(), "chat.txt", me="Sam"))
    assert finished(pk).status == ChatImport.READY
    couples.leave(alice)
    as_bob = client_for(bob)
    assert 'data-testid="waiting-notice"' not in as_bob.get("/chats/").content.decode()
    page = as_bob.get(f"/chats/{pk}/").content.decode()
    assert 'data-testid="apart"' in page and "nobody is asked to agree" in page
    assert 'data-testid="consent"' not in page and 'data-testid="awaiting"' not in page


def test_nothing_of_the_chat_is_stored_beyond_aggregates(couple: tuple[User, User]) -> None:
    alice, _ = couple
    pk = import_id(
        upload(client_for(alice), demo_export(), "WhatsApp Chat with Alex.txt", me="Alex")
    )
    chat = finished(pk)
    assert chat.status == ChatImport.READY
    with connection.cursor() as cursor:  # the row as the database holds it: sealed
        cursor.execute("SELECT * FROM chats_chatimport WHERE id = %s", [pk])
        raw = str(cursor.fetchone())
    assert '"hours"' not in raw and chat.report is not None
    # Sealed text is random characters, which may spell a name by chance ("-Sam-"): what the
    # row holds besides it, and what it opens to, are searched.
    unsealed = re.sub(r"nv1:[\w:-]+", "<sealed>", raw)
    assert unsealed != raw
    client_for(couple[1]).post(f"/chats/{pk}/agree/")
    assert ChatImport.objects.get(pk=pk).asked is None  # the chat's names, once answered
    opened = json.dumps(chat.report)  # and the aggregates it opens to
    assert set(chat.report["hours"]) == {"uploader", "partner"}
    for text in (unsealed, opened):
        for canary in DEMO_CANARIES:
            assert not re.search(rf"\b{re.escape(canary)}\b", text), canary
        assert "WhatsApp Chat with" not in text


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_the_partner_is_shown_which_chat_and_who_was_taken_to_be_whom(
    couple: tuple[User, User],
) -> None:
    """An uploader can pick any chat and say who is who: agreeing means something only when the
    partner can see the chat's own names for the two, its days and counts."""
    alice, bob = couple
    as_alice, as_bob = client_for(alice), client_for(bob)
    pk = import_id(upload(as_alice, demo_export(), "WhatsApp Chat with Alex.txt", me="Sam"))
    finished(pk)
    asked = text_of(as_bob.get(f"/chats/{pk}/").content.decode())
    assert "between “Sam”, taken to be Alice, and “Alex”, taken to be you" in asked
    assert re.search(r"From 1 January 2024 to 29 April 2024: \d+ messages from “Sam” and", asked)
    assert "Agree only if this is a chat between the two of you" in asked
    mine = text_of(as_alice.get(f"/chats/{pk}/").content.decode())
    assert "between “Sam”, taken to be you, and “Alex”, taken to be Bob" in mine
    shown = call(bob, "GET", f"/chats/{pk}").json()["asked"]
    assert (shown["uploader_as"], shown["partner_as"], shown["first"]) == (
        "Sam",
        "Alex",
        "2024-01-01",
    )
    assert shown["uploader_messages"] + shown["partner_messages"] == 1650

    as_bob.post(f"/chats/{pk}/agree/")
    assert ChatImport.objects.get(pk=pk).asked is None  # the chat's names go once answered
    for client, user in ((as_alice, alice), (as_bob, bob)):
        assert 'data-testid="asked"' not in client.get(f"/chats/{pk}/").content.decode()
        assert call(user, "GET", f"/chats/{pk}").json()["asked"] is None


def test_the_chats_names_go_when_the_analysis_fails_and_are_not_shown_while_apart(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    pk = import_id(upload(client_for(alice), demo_export(), me="Sam"))
    finished(pk)
    couples.leave(bob)
    assert call(bob, "GET", f"/chats/{pk}").json()["asked"] is None
    assert call(alice, "GET", f"/chats/{pk}").json()["asked"] is None
    stale = timezone.now() - analysis.STALE_AFTER * 2
    ChatImport.objects.filter(pk=pk).update(status=ChatImport.ANALYSING, updated_at=stale)
    analysis.fail_stale()
    assert ChatImport.objects.get(pk=pk).asked is None


def test_a_group_chat_says_how_many_wrote_and_misdated_days_are_put_right_first(
    couple: tuple[User, User],
) -> None:
    """The days the partner is shown are the analysis's: a message stamped years away from its
    neighbours (misdated) would have them refuse their own chat."""
    alice, bob = couple
    lines = [
        f"{day:02d}/03/2024, 21:0{day % 10} - {who}: message {day}"
        for day in range(1, 21)
        for who in ("Sam", "Alex", "Robin")
    ]
    lines.insert(30, "11/03/2019, 21:05 - Sam: stamped years off")
    export = ("\n".join(lines) + "\n").encode()
    pk = import_id(upload(client_for(alice), export, me="Sam", partner="Alex"))
    finished(pk)
    page = text_of(client_for(bob).get(f"/chats/{pk}/").content.decode())
    assert "It is a group chat of 3 people" in page
    assert "From 1 March 2024 to 20 March 2024" in page


def test_an_import_from_before_the_chats_names_were_kept_says_it_cannot_show_which(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    pk = import_id(upload(client_for(alice), demo_export(), me="Sam"))
    finished(pk)
    ChatImport.objects.filter(pk=pk).update(asked=None)
    page = client_for(bob).get(f"/chats/{pk}/").content.decode()
    assert 'data-testid="asked-unknown"' in page and 'data-testid="consent"' in page


def test_withdrawing_deletes_the_chats_names_too(couple: tuple[User, User]) -> None:
    alice, bob = couple
    pk = import_id(upload(client_for(alice), demo_export(), me="Sam"))
    finished(pk)
    assert ChatImport.objects.get(pk=pk).asked is not None
    client_for(bob).post(f"/chats/{pk}/withdraw/")
    assert ChatImport.objects.get(pk=pk).asked is None


def test_the_two_given_the_wrong_way_round_are_refused_before_anything_is_kept(
    couple: tuple[User, User],
) -> None:
    """The chat names them as their accounts do, and "me" is the partner's name: each one's
    figures would be shown to both as the other's."""
    alice, _ = couple
    export = demo_export().replace(b"Sam", b"Alice").replace(b"Alex", b"Bob")
    response = upload(client_for(alice), export, me="Bob")
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "“Bob” is your partner's name in nearer; choose yourself" in page
    assert not ChatImport.objects.exists()


def test_withdrawing_deletes_the_aggregates_for_both(couple: tuple[User, User]) -> None:
    alice, bob = couple
    pk = import_id(upload(client_for(alice), demo_export(), me="Sam"))
    finished(pk)
    client_for(bob).post(f"/chats/{pk}/agree/")
    response = client_for(bob).post(f"/chats/{pk}/withdraw/")
    assert response.status_code == 302
    chat = ChatImport.objects.get(pk=pk)
    assert (chat.status, chat.report, chat.withdrawn_by) == (ChatImport.WITHDRAWN, None, bob)
    page = client_for(alice).get(f"/chats/{pk}/").content.decode()
    assert "Bob withdrew this chat import" in page and 'data-testid="result"' not in page


def test_uploader_can_withdraw_before_the_partner_agrees(couple: tuple[User, User]) -> None:
    alice, bob = couple
    pk = import_id(upload(client_for(alice), demo_export(), me="Sam"))
    finished(pk)
    client_for(alice).post(f"/chats/{pk}/withdraw/")
    assert ChatImport.objects.get(pk=pk).report is None
    assert client_for(bob).post(f"/chats/{pk}/agree/").status_code == 302
    assert ChatImport.objects.get(pk=pk).partner_agreed_at is None
    assert 'data-testid="waiting-notice"' not in client_for(bob).get("/chats/").content.decode()


def test_group_chat_asks_for_the_two_people_then_analyses_them(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple
    client = client_for(alice)
    group = fixture("whatsapp/case21_authors_with_dash_and_digits.txt")
    asked = upload(client, group, "group.txt")
    page = asked.content.decode()
    assert asked.status_code == 200 and 'data-testid="choose"' in page
    assert "3 people wrote in this chat" in page and "R2-D2" in page
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()
    chosen = upload(client, group, "group.txt", me="R2-D2", partner="Sandrine - French")
    done = finished(import_id(chosen))
    assert done.status == ChatImport.READY
    summary = (done.report or {})["summary"]  # the couple's messages, not the whole group's
    assert summary["messages"] == sum(summary["participants"].values())


def test_two_people_with_other_names_are_asked_which_one_is_them(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    asked = upload(client_for(alice), demo_export())
    page = asked.content.decode()
    assert 'data-testid="choose"' in page and "Which of the two names" in page
    assert 'value="Sam"' in page and 'value="Alex"' in page


def test_two_people_of_the_account_name_are_asked_about_each_with_what_they_sent(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple  # the chat's two "Alice" are "Alice" and "Alice (2)": either may be her
    export = telegram_full_export({"Alice": ("Alice", "Alice", 41)})
    client = client_for(alice)
    asked = upload(client, export, "result.json")
    page = asked.content.decode()
    assert asked.status_code == 200 and 'data-testid="choose"' in page
    assert 'value="Alice (1)"' in page and 'value="Alice (2)"' in page
    # each as the CLI lists namesakes: the export's id, how many, the first and the last day
    assert "(id user1, 21 messages, 1 March 2024 to 3 March 2024)" in page
    assert "(id user2, 20 messages, 1 March 2024 to 3 March 2024)" in page
    answers = sent_by(page) | {"me": "Alice (2)"}
    assert finished(import_id(upload(client, export, "result.json", **answers))).status == "ready"


def test_a_couple_the_export_writes_under_one_name_is_refused_on_the_page_naming_both(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple  # Messenger gives no ids: both of the couple write as "Alex"
    thread = fixture("meta/alike_couple/message_1.json")
    refused = upload(client_for(alice), thread, "message_1.json")
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 400 and 'data-testid="choose"' not in page
    assert '"Alex" is 2 people in this chat (message_1.json lists "Alex" twice' in page
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_a_group_pair_with_a_name_of_two_people_is_refused_and_two_others_are_analysed(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    thread, client = fixture("meta/alike_group/message_1.json"), client_for(alice)
    asked = upload(client, thread, "message_1.json")
    assert asked.status_code == 200 and 'data-testid="choose"' in asked.content.decode()
    refused = upload(client, thread, "message_1.json", me="Sam", partner="Alex")
    assert refused.status_code == 400 and not ChatImport.objects.exists()
    assert "whose a message is cannot be told" in refused.content.decode()
    chosen = upload(client, thread, "message_1.json", me="Sam", partner="Robin")
    assert finished(import_id(chosen)).status == ChatImport.READY


def test_a_name_matching_the_account_needs_no_question(couple: tuple[User, User]) -> None:
    alice, _ = couple
    csv = b"timestamp,sender,text\n" + b"".join(
        f"2024-03-0{1 + i % 9}T09:0{i % 10}:00,{'Alice' if i % 2 else 'Ben'},hello {i}\n".encode()
        for i in range(30)
    )
    assert finished(import_id(upload(client_for(alice), csv, "chat.csv"))).status == "ready"


def test_whatsapp_zip_export_is_accepted(couple: tuple[User, User], upload_dir: Path) -> None:
    alice, _ = couple
    data = zipped("whatsapp/case35_android_zip")
    response = upload(client_for(alice), data, "WhatsApp Chat with Ben.zip", me="Ana")
    assert finished(import_id(response)).status == ChatImport.READY
    assert leftovers(upload_dir) == []


def test_unreadable_export_is_a_400_naming_the_file_and_line(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple
    bad = fixture("csv/bad_timestamp_row.csv")
    response = upload(client_for(alice), bad, "bad_timestamp_row.csv")
    text = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"bad_timestamp_row\.csv, line \d+", text), text
    assert "Nothing of it was kept" in text
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_a_file_that_is_no_chat_export_is_a_400_saying_so(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple
    response = upload(client_for(alice), b"\x89PNG\r\n\x1a\n not a chat", "photo.png")
    assert response.status_code == 400
    assert "photo.png: not a chat export nearer recognises" in response.content.decode()
    assert leftovers(upload_dir) == []


def test_an_export_over_the_limit_is_refused_with_413(
    couple: tuple[User, User], settings: pytest.FixtureRequest, upload_dir: Path
) -> None:
    alice, _ = couple
    settings.CHAT_UPLOAD_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    # Just over: read as it streams in, and dropped the moment it passes the limit.
    response = upload(client_for(alice), (demo_export() * 20)[: 1024 * 1024 + 1000], "chat.txt")
    assert response.status_code == 413
    assert "larger than 1 MB" in response.content.decode()
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_an_export_far_over_the_limit_is_refused_before_it_is_read(
    couple: tuple[User, User], settings: pytest.FixtureRequest, upload_dir: Path
) -> None:
    alice, _ = couple
    settings.CHAT_UPLOAD_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    response = upload(client_for(alice), b"x" * (2 * 1024 * 1024), "chat.txt")
    assert response.status_code == 413 and "larger than 1 MB" in response.content.decode()
    assert leftovers(upload_dir) == []


def test_a_zip_that_unpacks_past_the_limit_is_refused_with_413(
    couple: tuple[User, User], settings: pytest.FixtureRequest, upload_dir: Path
) -> None:
    alice, _ = couple
    settings.CHAT_UPLOAD_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    chat = demo_export() * 20  # about 2 MB of text, a few hundred KB zipped
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as written:
        written.writestr("_chat.txt", chat)
    assert len(archive.getvalue()) < 1024 * 1024 < len(chat)
    response = upload(client_for(alice), archive.getvalue(), "WhatsApp Chat - Sam.zip")
    assert response.status_code == 413 and "larger than 1 MB" in response.content.decode()
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def zip_of(members: dict[str, bytes]) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as written:
        for name, data in members.items():
            written.writestr(name, data)
    return archive.getvalue()


def test_a_zipped_telegram_export_is_read_like_its_result_json(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple
    export = fixture("telegram/full_export_several_chats.json")
    data = zip_of({"ChatExport_2024-05-01/result.json": export, "ChatExport_2024-05-01/a.jpg": b""})
    asked = upload(client_for(alice), data, "tgexport.zip")
    assert asked.status_code == 400 and '<option value="Climbing club">' in asked.content.decode()
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_a_zipped_telegram_export_that_unpacks_past_the_limit_is_refused_with_413(
    couple: tuple[User, User], settings: pytest.FixtureRequest, upload_dir: Path
) -> None:
    alice, _ = couple
    settings.CHAT_UPLOAD_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    export = fixture("telegram/full_export_one_chat.json")
    padded = export.replace(b"{", b"{" + b" " * 2 * 1024 * 1024, 1)  # blank space is valid JSON
    data = zip_of({"ChatExport/result.json": padded})
    assert len(data) < 1024 * 1024 < len(padded)
    response = upload(client_for(alice), data, "tgexport.zip")
    assert response.status_code == 413 and "larger than 1 MB" in response.content.decode()
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_more_files_than_one_import_takes_is_a_400_not_an_error_page(
    couple: tuple[User, User], settings: pytest.FixtureRequest, upload_dir: Path
) -> None:
    alice, _ = couple
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3  # type: ignore[attr-defined]
    files = [SimpleUploadedFile(f"IMG-{n}.jpg", b"\xff\xd8") for n in range(4)]
    response = client_for(alice).post(
        "/chats/upload/", {"export": files}, content_type=MULTIPART_CONTENT
    )
    assert response.status_code == 400
    assert "more files than one import takes" in response.content.decode()
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_a_group_chat_with_a_name_that_is_not_in_it_says_so(couple: tuple[User, User]) -> None:
    alice, _ = couple
    group = fixture("whatsapp/case21_authors_with_dash_and_digits.txt")
    twice = upload(client_for(alice), group, "group.txt", me="R2-D2", partner="R2-D2")
    assert twice.status_code == 400 and "R2-D2 was chosen twice" in twice.content.decode()
    stranger = upload(client_for(alice), group, "group.txt", me="R2-D2", partner="Nobody Here")
    assert stranger.status_code == 400
    assert "“Nobody Here” did not write in this chat" in stranger.content.decode()


def test_an_analysis_stopped_by_a_restart_is_failed_and_asks_for_the_export_again(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple

    long_ago = timezone.now() - analysis.STALE_AFTER * 2
    chat = ChatImport.objects.create(
        couple=couple_of(alice),
        uploader=alice,
        partner=bob,
        status=ChatImport.ANALYSING,
        updated_at=long_ago,
    )
    page = client_for(bob).get(f"/chats/{chat.pk}/").content.decode()
    assert 'data-testid="failed"' in page and "server restarted" in page
    assert ChatImport.objects.get(pk=chat.pk).status == ChatImport.FAILED


def test_the_chat_list_and_an_import_have_titles_of_their_own(couple: tuple[User, User]) -> None:
    alice, bob = couple
    chat = ChatImport.objects.create(
        couple=couple_of(alice), uploader=alice, partner=bob, status=ChatImport.FAILED
    )
    client = client_for(alice)
    listed = client.get("/chats/").content.decode()
    one = client.get(f"/chats/{chat.pk}/").content.decode()
    assert "<title>What your chat shows · nearer</title>" in listed
    on = timezone.localtime(chat.created_at)
    assert f"<title>Chat import of {on.day} {on:%B %Y} · nearer</title>" in one


def test_a_poll_that_finds_the_result_reloads_the_whole_page(couple: tuple[User, User]) -> None:
    alice, bob = couple
    pk = import_id(upload(client_for(alice), demo_export(), me="Sam"))
    client_for(bob).post(f"/chats/{pk}/agree/")  # agreeing while the analysis runs is fine
    assert finished(pk).status == ChatImport.READY
    poll = client_for(alice).get(f"/chats/{pk}/", headers={"HX-Request": "true"})
    assert poll["HX-Refresh"] == "true"


def test_a_full_telegram_export_asks_which_chat_then_reads_only_that_one(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple
    export = fixture("telegram/full_export_several_chats.json")
    asked = upload(client_for(alice), export, "result.json")
    page = asked.content.decode()
    assert asked.status_code == 400 and "the export holds" in page
    assert '<option value="Climbing club">' in page
    only_one = upload(client_for(alice), export, "result.json", chat="Bob")
    assert only_one.status_code == 400
    assert "needs messages from two people; found Alice" in only_one.content.decode()
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_a_messages_database_of_several_chats_asks_which(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple
    db = ChatDb()
    partner, friend = db.handle("+15551234567"), db.handle("friend@example.org")
    ours, theirs = db.chat("+15551234567", partner), db.chat("friend@example.org", friend)
    for second in range(3):
        db.message(ours, (600_000_000 + second) * 10**9, text=f"us {second}", handle_id=partner)
        db.message(ours, (600_000_100 + second) * 10**9, text=f"me {second}", is_from_me=1)
    db.message(theirs, 600_000_000 * 10**9, text="not us", handle_id=friend)
    asked = upload(client_for(alice), db.to_bytes(), "chat.db")
    page = html.unescape(asked.content.decode())
    assert asked.status_code == 400 and "the export holds 2 chats" in page
    assert '<option value="+15551234567">' in page and '<option value="friend@example.org">' in page
    chosen = upload(client_for(alice), db.to_bytes(), "chat.db", chat="+15551234567", me="Me")
    assert chosen.status_code == 302, chosen.content.decode()[:500]
    assert leftovers(upload_dir) == []


def test_each_partner_exports_the_import_and_its_figures_only_once_both_agreed(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, bob = couple
    pk = import_id(upload(client_for(alice), demo_export(), "chat.txt", me="Sam"))
    assert finished(pk).status == ChatImport.READY

    waiting = export_document(bob)["chat_imports"]
    assert [(c["id"], c["role"], c["report"]) for c in waiting] == [(pk, "partner", None)]
    client_for(bob).post(f"/chats/{pk}/agree/")
    for person, role in ((alice, "uploader"), (bob, "partner")):
        archive = export_archive(person)
        (chat,) = json.loads(archive.read("my-data.json"))["chat_imports"]
        assert chat["role"] == role and chat["report"]["summary"]["messages"] == 1650
        listed = archive.read("chat-imports.csv").decode()
        assert f"{pk},{role},ready," in listed and "Sam" not in listed


def export_archive(user: User) -> zipfile.ZipFile:
    response = client_for(user).post("/accounts/export/", {"password": PASSWORD})
    return zipfile.ZipFile(io.BytesIO(response.content))


def export_document(user: User) -> dict:  # type: ignore[type-arg]
    return json.loads(export_archive(user).read("my-data.json"))  # type: ignore[no-any-return]


GROUP = "whatsapp/case21_authors_with_dash_and_digits.txt"  # R2-D2, Sandrine - French and one more


def sent_by(page: str) -> dict[str, str]:
    """What a browser sends from the page's upload form left as it is, the file aside: its hidden
    and text inputs, its checked radios, and each select's selected option (else its first)."""
    form = page[page.index('action="/chats/upload/"') :]
    form = form[: form.index("</form>")]
    fields: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", form):
        attributes = {
            key: html.unescape(value) for key, value in re.findall(r'([\w-]+)="([^"]*)"', tag)
        }
        kind, name = attributes.get("type", "text"), attributes.get("name", "")
        if kind in ("hidden", "text") or (kind == "radio" and re.search(r"\schecked\b", tag)):
            fields[name] = attributes.get("value", "")
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        values = re.findall(r'<option value="([^"]*)"( selected)?', options)
        chosen = [value for value, selected in values if selected] or [values[0][0]]
        fields[name] = html.unescape(chosen[0])
    return fields


def test_a_full_telegram_export_carries_each_answer_until_the_import_starts(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple  # "Alice" is neither Sam nor Alex: she is asked which one she is
    export = telegram_full_export({"Alex": ("Sam", "Alex", 40), "Work": ("Sam", "Boss", 12)})
    client = client_for(alice)
    which_chat = upload(client, export, "result.json")
    page = which_chat.content.decode()
    assert which_chat.status_code == 400 and '<select id="id_chat" name="chat">' in page
    answers = sent_by(page) | {"chat": "Alex"}  # she picks the chat and leaves her name empty
    assert answers["me"] == ""
    which_one = upload(client, export, "result.json", **answers)
    page = which_one.content.decode()
    assert which_one.status_code == 200 and 'data-testid="choose"' in page
    answers = sent_by(page) | {"me": "Sam"}  # she picks her name and chooses the file again
    assert answers["chat"] == "Alex"
    done = finished(import_id(upload(client, export, "result.json", **answers)))
    assert done.status == ChatImport.READY
    assert (done.report or {})["summary"]["messages"] == 40  # the chat she chose, not "Work"
    assert leftovers(upload_dir) == []


def test_a_whole_messenger_download_offers_its_threads_to_choose_from(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple
    threads = {"bob_42": ("Bob", 30, 2), "archived_threads/carol_7": ("Carol", 5, 1)}
    download = make_zip(make_messenger_download(threads)).data
    client = client_for(alice)
    which_chat = upload(client, download, "download.zip", me="Ana")
    page = which_chat.content.decode()
    assert which_chat.status_code == 400 and '<select id="id_chat" name="chat">' in page
    assert '<option value="Bob">' in page and '<option value="Carol">' in page
    answers = sent_by(page) | {"chat": "Bob"}
    done = finished(import_id(upload(client, download, "download.zip", **answers)))
    assert done.status == ChatImport.READY
    assert (done.report or {})["summary"]["messages"] == 60  # both files of Bob's thread
    assert leftovers(upload_dir) == []


def test_a_chat_that_is_two_threads_title_is_refused_saying_it_matched_by_title(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple
    threads = {"alex_100": ("Alex", 3, 1), "archived_threads/alex_200": ("Alex", 4, 1)}
    download = make_zip(make_messenger_download(threads)).data
    refused = upload(client_for(alice), download, "download.zip", me="Ana", chat="Alex")
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 400 and '<select id="id_chat" name="chat">' in page
    assert '2 chats are called "Alex", by title ("Alex (id alex_100)", ' in page
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_a_name_given_before_the_chat_is_asked_is_kept_in_the_next_form(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    export = telegram_full_export({"Alex": ("Sam", "Alex", 40), "Work": ("Sam", "Boss", 12)})
    client = client_for(alice)
    which_chat = upload(client, export, "result.json", me="Sam")
    assert which_chat.status_code == 400
    answers = sent_by(which_chat.content.decode()) | {"chat": "Alex"}
    assert answers["me"] == "Sam"
    assert finished(import_id(upload(client, export, "result.json", **answers))).status == "ready"


def test_a_form_field_over_the_size_limit_is_refused_as_too_long_not_as_too_many_files(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple
    response = upload(client_for(alice), demo_export(), me="A" * 300_000)
    page = response.content.decode()
    assert response.status_code == 400 and "more files" not in page
    assert "A form field is too long: the form&#x27;s fields take at most 256 KB" in page
    assert leftovers(upload_dir) == [] and not ChatImport.objects.exists()


def test_a_name_not_in_the_chat_keeps_the_choice_with_the_error_at_its_field(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple
    client, group = client_for(alice), fixture(GROUP)
    for me, partner, field, problem in (
        ("R2-D2", "Nobody Here", "partner", "“Nobody Here” did not write in this chat."),
        ("R2-D2", "R2-D2", "partner", "R2-D2 was chosen twice; choose yourself and your partner."),
        ("Nobody", "R2-D2", "me", "“Nobody” did not write in this chat."),
    ):
        wrong = upload(client, group, "group.txt", me=me, partner=partner)
        page = wrong.content.decode()
        assert wrong.status_code == 400 and 'data-testid="choose"' in page, problem
        assert 'type="radio" name="me"' in page and 'type="radio" name="partner"' in page
        assert f'<fieldset aria-describedby="{field}_error">' in page
        error = f'<p class="errorlist" role="alert" id="{field}_error" data-testid="problem">'
        assert error + html.escape(problem) + "</p>" in page
    answers = sent_by(page)  # the last: her own name was wrong, her partner's is kept
    assert "me" not in answers and answers["partner"] == "R2-D2"
    chosen = upload(client, group, "group.txt", **answers | {"me": "Sandrine - French"})
    assert finished(import_id(chosen)).status == ChatImport.READY


#: A WhatsApp export whose dates read day first as well as month first, after a line of the
#: phone's own: two warnings, each naming the file or a date as the export writes it.
AMBIGUOUS = (
    b"Exported from Sam's phone\n"
    b"01/03/2024, 21:05 - Sam: hi\n01/03/2024, 21:06 - Alex: hello you\n"
    b"02/03/2024, 09:00 - Sam: morning\n02/03/2024, 09:01 - Alex: morning love\n"
)


def test_both_partners_are_told_what_reading_the_export_met_in_words_that_name_no_one(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    name = "WhatsApp Chat with Alex.txt"
    pk = import_id(upload(client_for(alice), AMBIGUOUS, name, me="Sam"))
    chat = finished(pk)
    assert chat.status == ChatImport.READY and chat.report is not None
    assert chat.report["warning_kinds"] == [
        {"kind": "skipped_lines", "count": 1},
        {"kind": "ambiguous_dates", "count": None},
    ]
    client_for(bob).post(f"/chats/{pk}/agree/")
    for person in (alice, bob):
        page = html.unescape(client_for(person).get(f"/chats/{pk}/").content.decode())
        notes = page.split('data-testid="export-notes"')[1].split("</div>")[0]
        assert "1 line before the first message was skipped." in notes
        assert "The dates could be read day first or month first" in notes
        for named in (name, "Alex", "Sam", "01/03/2024", "date order is uncertain", "phone"):
            assert named not in page, named


def test_an_import_kept_before_its_warnings_were_shows_none_and_exports_none(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    pk = import_id(upload(client_for(alice), AMBIGUOUS, me="Sam"))
    chat = finished(pk)
    old = {key: value for key, value in (chat.report or {}).items() if key != "warning_kinds"}
    ChatImport.objects.filter(pk=pk).update(report=old)
    client_for(bob).post(f"/chats/{pk}/agree/")
    page = client_for(alice).get(f"/chats/{pk}/").content.decode()
    assert 'data-testid="result"' in page and 'data-testid="export-notes"' not in page
    (exported,) = export_document(alice)["chat_imports"]
    assert "warning_kinds" not in exported["report"]  # not known, like time_zone before it


def test_the_export_of_an_import_carries_its_kinds_of_warning(couple: tuple[User, User]) -> None:
    alice, bob = couple
    pk = import_id(upload(client_for(alice), AMBIGUOUS, "WhatsApp Chat with Alex.txt", me="Sam"))
    finished(pk)
    client_for(bob).post(f"/chats/{pk}/agree/")
    for person in (alice, bob):
        (exported,) = export_document(person)["chat_imports"]
        kinds = exported["report"]["warning_kinds"]
        assert [item["kind"] for item in kinds] == ["skipped_lines", "ambiguous_dates"]
        assert "Alex" not in json.dumps(exported)


def test_both_partners_are_told_how_many_messages_named_no_sender(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    sent = [("Sam", "hi"), (None, "who wrote this"), ("Alex", "hello you")]
    messages = [
        {"id": n, "type": "message", "date": f"2024-03-01T21:0{n}:00", "text": text}
        | ({"from": who, "from_id": f"user{who}"} if who else {})
        for n, (who, text) in enumerate(sent, start=1)
    ]
    export = {"name": "Alex", "type": "personal_chat", "id": 5, "messages": messages}
    pk = import_id(upload(client_for(alice), json.dumps(export).encode(), "result.json", me="Sam"))
    assert finished(pk).status == ChatImport.READY
    client_for(bob).post(f"/chats/{pk}/agree/")
    for person in (alice, bob):
        page = html.unescape(client_for(person).get(f"/chats/{pk}/").content.decode())
        notes = page.split('data-testid="export-notes"')[1].split("</div>")[0]
        assert "1 message named no sender: it was left out of every count." in notes
        for named in ("result.json", "Alex", "Sam", "who wrote this", "names no sender"):
            assert named not in page, named


def test_a_namesake_without_an_id_or_with_one_day_is_shown_without_them() -> None:
    day = date(2024, 3, 1)
    one_day = Option("Alex", "Alex (1)", Sent(3, day, day))
    assert "(3 messages, on 1 March 2024)" in render_to_string(
        "chats/chats.html#sent", {"option": one_day}
    )
    untimed = Option("Alex", "Alex (2)", Sent(1, None, None, "42"))
    assert "(id 42, 1 message)" in render_to_string("chats/chats.html#sent", {"option": untimed})


def discord_channel(partner: str, partner_id: str, messages: int = 40) -> bytes:
    """A DiscordChatExporter CSV of Ana's DM with `partner`: the two write in turn, a message
    an hour from 1 March 2024."""
    rows = ["AuthorID,Author,Date,Content,Attachments,Reactions"]
    for n in range(messages):
        who, id = ("Ana", "1") if n % 2 == 0 else (partner, partner_id)
        rows.append(f'"{id}","{who}","{1 + n // 24:02d}/03/2024 {n % 24:02d}:00","hi {n}","",""')
    return ("\n".join(rows) + "\n").encode()


def test_discord_channels_ask_which_chat_of_the_export_then_read_the_one_chosen(
    couple: tuple[User, User], upload_dir: Path
) -> None:
    alice, _ = couple
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for partner, id in (("Ben", "91"), ("Cy", "92")):
            name = f"dms/Direct Messages - Private - {partner} [{id}].csv"
            archive.writestr(name, discord_channel(partner, str(int(id) + 100)))
    export = buffer.getvalue()
    asked = upload(client_for(alice), export, "discord.zip")
    page = html.unescape(asked.content.decode())
    assert asked.status_code == 400 and "Which chat of your export?" in page
    assert "Telegram export?" not in page
    assert '<option value="Ben">' in page and '<option value="Cy">' in page
    pk = import_id(upload(client_for(alice), export, "discord.zip", chat="Cy", me="Ana"))
    assert finished(pk).status == ChatImport.READY
    assert leftovers(upload_dir) == []
