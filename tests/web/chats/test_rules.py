"""Who may see and change an import, without running the analysis (the thread starts only after
a commit, and these tests never commit): the rows stay queued, or are set by hand."""

from __future__ import annotations

import subprocess

import pytest
from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.audit.models import Event
from nearer.web.chats import analysis, services, stored
from nearer.web.chats.models import ChatImport
from nearer.web.couples import services as couples
from tests.web.chats.conftest import UPLOAD, demo_export, import_id, upload
from tests.web.chats.test_stored import demo_report, kept_before_the_word_list_signs_were_dropped
from tests.web.conftest import client_for, make_user

REPORT = {"summary": {"messages": 1}}  # stands in for the aggregates; never rendered here


def make_import(alice: User, bob: User, **fields: object) -> ChatImport:
    couple = couples.couple_of(alice)
    return ChatImport.objects.create(couple=couple, uploader=alice, partner=bob, **fields)


def test_a_stranger_gets_404_on_every_import_route(couple: tuple[User, User], carol: User) -> None:
    chat = make_import(*couple, status=ChatImport.READY, partner_agreed_at=timezone.now())
    stranger = client_for(carol)
    assert stranger.get(f"/chats/{chat.pk}/").status_code == 404
    assert stranger.post(f"/chats/{chat.pk}/agree/").status_code == 404
    assert stranger.post(f"/chats/{chat.pk}/withdraw/").status_code == 404
    assert ChatImport.objects.get(pk=chat.pk).status == ChatImport.READY
    assert "Chat imported on" not in stranger.get("/chats/").content.decode()


@pytest.mark.parametrize("path", ["/chats/", "/chats/1/"])
def test_anonymous_visitors_are_sent_to_sign_in(db: None, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_anonymous_upload_is_sent_to_sign_in(db: None) -> None:
    response = upload(Client(), demo_export())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_upload_without_the_csrf_token_is_refused(couple: tuple[User, User]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(couple[0])
    assert upload(client, demo_export(), me="Sam").status_code == 403
    assert not ChatImport.objects.exists()


def test_an_import_needs_the_partner_in_the_couple_space(carol: User) -> None:
    response = upload(client_for(carol), demo_export(), me="Sam")
    assert response.status_code == 400
    assert "Invite your partner first" in response.content.decode()


def test_the_progress_polls_every_two_seconds_and_works_without_javascript(
    couple: tuple[User, User],
) -> None:
    pk = import_id(upload(client_for(couple[0]), demo_export(), me="Sam"))
    client = client_for(couple[0])
    fragment = client.get(f"/chats/{pk}/", headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section id="state"')
    assert 'hx-trigger="every 2s"' in fragment and "<html" not in fragment
    full = client.get(f"/chats/{pk}/").content.decode()
    assert "<html" in full and f'href="/chats/{pk}/">Refresh</a>' in full


def test_the_result_is_hidden_once_a_partner_has_left(couple: tuple[User, User]) -> None:
    alice, bob = couple
    chat = make_import(
        alice, bob, status=ChatImport.READY, partner_agreed_at=timezone.now(), report=REPORT
    )
    couples.leave(bob)
    page = client_for(alice).get(f"/chats/{chat.pk}/").content.decode()
    assert 'data-testid="result"' not in page


def test_the_partner_sees_only_a_neutral_notice_before_agreeing(couple: tuple[User, User]) -> None:
    alice, bob = couple
    chat = make_import(alice, bob, status=ChatImport.READY, report=REPORT)
    page = client_for(bob).get(f"/chats/{chat.pk}/").content.decode()
    assert 'data-testid="consent"' in page and 'data-testid="result"' not in page
    assert "messages, from" not in page


def test_only_the_partner_agrees_and_only_once(couple: tuple[User, User]) -> None:
    alice, bob = couple
    chat = make_import(alice, bob, status=ChatImport.READY, report=REPORT)
    client_for(alice).post(f"/chats/{chat.pk}/agree/")
    assert ChatImport.objects.get(pk=chat.pk).partner_agreed_at is None
    client_for(bob).post(f"/chats/{chat.pk}/agree/")
    assert ChatImport.objects.get(pk=chat.pk).partner_agreed_at is not None


def test_two_agreements_at_once_are_logged_once(couple: tuple[User, User]) -> None:
    alice, bob = couple
    chat = make_import(alice, bob, status=ChatImport.READY, report=REPORT)
    services.agree(bob, chat)
    services.agree(bob, chat)  # a second tab's request, which read the import before the first
    assert Event.objects.filter(kind="sharing_changed", ids__chat_import=chat.pk).count() == 1


def test_imports_go_with_either_account(couple: tuple[User, User]) -> None:
    alice, bob = couple
    make_import(alice, bob)
    bob.delete()
    assert not ChatImport.objects.exists()


def test_upload_page_lists_formats_and_the_limit(couple: tuple[User, User]) -> None:
    page = client_for(couple[0]).get("/chats/").content.decode()
    assert "WhatsApp (.txt or .zip)" in page and "At most 100 MB" in page
    assert f'action="{UPLOAD}"' in page and 'enctype="multipart/form-data"' in page


def test_an_analysis_whose_process_has_gone_is_failed_at_once(couple: tuple[User, User]) -> None:
    alice, bob = couple
    ended = subprocess.Popen(["true"])
    ended.wait()  # a process that has come and gone, like a worker killed mid-analysis
    host = analysis.this_worker().rsplit(":", 1)[0]
    chat = make_import(alice, bob, status=ChatImport.ANALYSING, worker=f"{host}:{ended.pid}")
    working = make_import(alice, bob, status=ChatImport.ANALYSING, worker=analysis.this_worker())
    page = client_for(alice).get(f"/chats/{chat.pk}/").content.decode()
    assert 'data-testid="failed"' in page and "import it again" in page
    assert ChatImport.objects.get(pk=working.pk).status == ChatImport.ANALYSING


def test_agreeing_and_withdrawing_go_into_the_persons_activity_log(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    chat = make_import(alice, bob, status=ChatImport.READY, report=REPORT)
    client_for(bob).post(f"/chats/{chat.pk}/agree/")
    client_for(alice).post(f"/chats/{chat.pk}/withdraw/")
    logged = {
        (event.user_id, event.ids["change"])
        for event in Event.objects.filter(kind="sharing_changed", ids__chat_import=chat.pk)
    }
    assert logged == {(bob.pk, "chat result shared"), (alice.pk, "chat withdrawn")}


def test_every_page_shows_the_partner_a_neutral_badge_until_they_decide(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    chat = make_import(alice, bob, status=ChatImport.READY, report=REPORT)
    badge = 'data-testid="chat-waiting"'
    assert badge in client_for(bob).get("/daily/checkin/").content.decode()
    assert badge not in client_for(alice).get("/daily/checkin/").content.decode()
    client_for(bob).post(f"/chats/{chat.pk}/agree/")
    assert badge not in client_for(bob).get("/daily/checkin/").content.decode()


def test_the_export_of_a_document_kept_before_holds_no_word_list_signs_per_person(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    report = demo_report()
    old = kept_before_the_word_list_signs_were_dropped(report)
    chat = make_import(alice, bob, status=ChatImport.READY, report=old)
    services.agree(bob, chat)
    [exported] = services.for_export(bob)
    assert exported["report"] == stored.keep(report)


def test_the_export_holds_the_aggregates_only_once_both_agreed(couple: tuple[User, User]) -> None:
    alice, bob = couple
    chat = make_import(alice, bob, status=ChatImport.READY, report=REPORT)
    [waiting] = services.for_export(bob)
    assert (waiting["role"], waiting["report"]) == ("partner", None)
    services.agree(bob, chat)
    [shared] = services.for_export(alice)
    assert (shared["role"], shared["report"]) == ("uploader", REPORT)
    assert services.for_export(make_user("dora")) == []
