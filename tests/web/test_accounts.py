from __future__ import annotations

import re

from django.conf import settings
from django.core import mail
from django.http import HttpResponse
from django.test import Client, override_settings

from nearer.web.accounts.models import User
from nearer.web.audit.models import Event
from tests.web.conftest import PASSWORD, client_for

PRODUCTION_HASHERS = [h for h in settings.PASSWORD_HASHERS if "MD5" not in h]


def signup(client: Client, password: str, email: str = "dana@example.org") -> int:
    response = client.post(
        "/accounts/signup/",
        {
            "email": email,
            "display_name": "Dana",
            "time_zone": "Europe/Berlin",
            "password1": password,
            "password2": password,
        },
    )
    return response.status_code


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_passwords_are_hashed_with_argon2id(db: None) -> None:
    assert signup(Client(), "correct horse battery staple") == 302
    assert User.objects.get().password.startswith("argon2$argon2id$")


def test_short_or_common_passwords_are_refused_with_a_400(db: None) -> None:
    assert signup(Client(), "short pass") == 400
    assert signup(Client(), "password1234") == 400
    assert not User.objects.exists()


def sign_up_answer(
    email: str, password: str, address: str = "192.0.2.30", client: Client | None = None
) -> HttpResponse:
    form = {
        "email": email,
        "display_name": "Dana",
        "time_zone": "UTC",
        "password1": password,
        "password2": password,
    }
    client = client or Client(REMOTE_ADDR=address)
    return client.post("/accounts/signup/", form)  # type: ignore[return-value]


def without_csrf_tokens(page: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', r"\1", page)


def test_sign_up_never_says_whether_an_email_has_an_account(alice: User) -> None:
    for password in ("short", "correct horse battery staple"):  # refused, then accepted
        taken = sign_up_answer("ALICE@example.org", password)
        free = sign_up_answer("DANA@example.org", password)
        assert taken.status_code == free.status_code, password
        assert taken.get("Location") == free.get("Location"), password
        assert taken.cookies.keys() == free.cookies.keys(), password
        mine = without_csrf_tokens(taken.content.decode().replace("ALICE", "DANA"))
        assert mine == without_csrf_tokens(free.content.decode()), password
        assert "already" not in mine, password
    assert User.objects.filter(email__in=["alice@example.org", "dana@example.org"]).count() == 2


def test_signing_up_with_a_taken_email_changes_nothing_and_tells_its_owner(alice: User) -> None:
    answer = sign_up_answer(" Alice@Example.org ", "correct horse battery staple")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")
    assert User.objects.count() == 1
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD) and alice.display_name == "Alice"
    [notice] = mail.outbox
    assert notice.to == ["alice@example.org"] and "already has one" in notice.body
    assert "http://testserver/accounts/password/reset/" in notice.body
    assert "Dana" not in notice.body  # nothing of what the stranger typed


def test_the_owner_is_told_a_few_times_then_no_more_and_the_answer_never_changes(
    alice: User,
) -> None:
    answers = [
        sign_up_answer(alice.email, "correct horse battery staple", f"2001:db8:{n}::1")
        for n in range(5)
    ]
    assert [answer.status_code for answer in answers] == [302] * 5
    assert len(mail.outbox) == 3  # then paused, silently


def test_sign_ups_from_one_network_pause_after_ten_whatever_the_email(alice: User) -> None:
    emails = [alice.email if n % 2 else f"person{n}@example.org" for n in range(12)]
    good = "correct horse battery staple"
    statuses = [sign_up_answer(email, good).status_code for email in emails]
    assert statuses == [302] * 10 + [429, 429]
    paused = sign_up_answer("someone@example.org", good)
    assert paused.status_code == 429 and 800 < int(paused["Retry-After"]) <= 901
    assert "can be made in 15 minutes" in paused.content.decode()
    assert not User.objects.filter(email="someone@example.org").exists()
    elsewhere = sign_up_answer("someone@example.org", good, "192.0.2.31")
    assert elsewhere.status_code == 302


def test_after_signing_up_one_signs_in_sees_the_recovery_code_then_the_welcome(db: None) -> None:
    client = Client()
    answer = sign_up_answer("dana@example.org", "correct horse battery staple", client=client)
    page = client.get(answer["Location"])
    assert "Now sign in with your email and the password you chose" in page.content.decode()
    signed_in = client.post(
        answer["Location"],
        {"username": "dana@example.org", "password": "correct horse battery staple"},
        follow=True,
    )
    assert 'id="recovery-code"' in signed_in.content.decode()
    done = client.post("/accounts/keys/recovery-code/", {"next": "/welcome/"}, follow=True)
    assert done.redirect_chain[-1][0] == "/welcome/"


def test_an_email_signs_in_in_any_case_and_logs_no_failure(alice: User) -> None:
    for spelling in ("Alice@Example.org", "  ALICE@EXAMPLE.ORG "):
        client = Client(REMOTE_ADDR="192.0.2.40")
        response = client.post("/accounts/login/", {"username": spelling, "password": PASSWORD})
        assert response.status_code == 302, spelling
    assert not Event.objects.filter(user=alice, kind="login_failed").exists()


def test_only_a_fresh_sign_up_form_lets_the_browser_choose_the_time_zone(db: None) -> None:
    client = Client()
    assert "data-browser-zone" in client.get("/accounts/signup/").content.decode()
    shown_again = client.post(
        "/accounts/signup/", {"email": "x", "time_zone": "Europe/Berlin"}
    ).content.decode()
    assert "data-browser-zone" not in shown_again  # what the person chose stays chosen
    assert re.search(r'<option value="Europe/Berlin"[^>]*selected', shown_again)


def test_sign_in_and_out(alice: User) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/home/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/home/").status_code == 302


def test_a_password_reset_link_arrives_by_email_and_works(alice: User) -> None:
    client = Client()
    client.post("/accounts/password/reset/", {"email": alice.email})
    [message] = mail.outbox
    link = re.search(r"http://\S+", message.body).group(0)  # type: ignore[union-attr]
    form_page = client.get(link, follow=True)
    new = "a brand new long passphrase"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_no_signed_out_page_with_a_typed_field_gives_it_back_to_the_next_person(
    alice: User,
) -> None:
    """Back to a signed-out form on a shared device: no-store keeps the page out of the browser's
    back-forward cache, and a page brought back whole all the same has its typed fields emptied
    (forget-on-return.js; tests/browser/test_sign_in_restoration.py drives it in Chromium)."""
    client = Client()
    client.post("/accounts/password/reset/", {"email": alice.email})
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)  # type: ignore[union-attr]
    new_password = client.get(link, follow=True).redirect_chain[-1][0]
    for path in (
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        new_password,
    ):
        response = client.get(path)
        html = response.content.decode()
        assert "no-store" in response["Cache-Control"], path
        assert "nearer/forget-on-return" in html and "data-forget-on-return" in html, path


def test_display_name_and_time_zone_can_be_changed(alice: User) -> None:
    client_for(alice).post("/accounts/profile/", {"display_name": "Ali", "time_zone": "Asia/Tokyo"})
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone) == ("Ali", "Asia/Tokyo")
    bad = client_for(alice).post(
        "/accounts/profile/", {"display_name": "Ali", "time_zone": "Mars/Base"}
    )
    assert bad.status_code == 400


def test_a_display_name_on_two_lines_is_refused_saying_why(alice: User) -> None:
    refused = client_for(alice).post(
        "/accounts/profile/", {"display_name": "Ali\nce", "time_zone": "UTC"}
    )
    assert refused.status_code == 400 and "one line" in refused.content.decode()
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_signing_up_with_an_invisible_name_is_refused(db: None) -> None:
    form = {
        "email": "dana@example.org",
        "display_name": "\u200b\u200b",
        "time_zone": "UTC",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    refused = Client().post("/accounts/signup/", form)
    assert refused.status_code == 400 and "invisible" in refused.content.decode()
    assert not User.objects.filter(email="dana@example.org").exists()


def look_alike(email: str) -> str:
    """`email` with its first letter fullwidth ('ａlice@…'): Django's sign-in form reads it, as
    Unicode NFKC, as the very same address."""
    return chr(ord(email[0]) - ord("a") + ord("ａ")) + email[1:]


def sign_in_status(address: str, email: str, password: str) -> int:
    client = Client(REMOTE_ADDR=address)
    return client.post("/accounts/login/", {"username": email, "password": password}).status_code


def test_a_look_alike_spelling_of_the_email_shares_the_accounts_sign_in_limit(
    alice: User,
) -> None:
    assert sign_in_status("192.0.2.10", look_alike(alice.email), PASSWORD) == 302  # same account
    wrong = [sign_in_status("192.0.2.11", alice.email, "a wrong passphrase") for _ in range(5)]
    assert wrong[-1] == 429
    for spelling in (look_alike(alice.email), f"  {look_alike(alice.email).upper()} "):
        assert sign_in_status("192.0.2.12", spelling, "another wrong one") == 429
        assert sign_in_status("192.0.2.13", spelling, PASSWORD) == 429  # unheard while paused


def test_wrong_passwords_under_a_look_alike_spelling_are_in_the_owners_activity_log(
    alice: User,
) -> None:
    for _ in range(5):
        sign_in_status("192.0.2.20", look_alike(alice.email), "a wrong passphrase")
    kinds = list(Event.objects.filter(user=alice).values_list("kind", flat=True))
    assert kinds.count("login_failed") == 5 and kinds.count("login_throttled") == 1


def dangling_descriptions(page: str) -> list[str]:
    """The ids that aria-describedby names on `page` but no element carries."""
    named = {
        ident
        for value in re.findall(r'aria-describedby="([^"]*)"', page)
        for ident in value.split()
    }
    return sorted(ident for ident in named if f'id="{ident}"' not in page)


def test_the_password_rules_are_read_out_with_the_password_fields(alice: User) -> None:
    signup_page = Client().get("/accounts/signup/").content.decode()
    change_page = client_for(alice).get("/accounts/password/").content.decode()
    for page, field in ((signup_page, "id_password1"), (change_page, "id_new_password1")):
        assert f'aria-describedby="{field}_helptext"' in page  # where Django points the field
        assert dangling_descriptions(page) == []
        # A <div>: the rules are a list, which a <p> cannot hold (the browser would close the
        # <p> before it and leave the description empty).
        assert re.search(rf'<div class="hint" id="{field}_helptext"><ul>', page), field


def error_tied_to(page: str, field_id: str) -> str:
    """The message that the input `field_id` is marked invalid for and points at with
    aria-describedby, announced (role="alert"); "" when it is not marked or points nowhere."""
    field = re.search(rf'<input\b[^>]*\bid="{field_id}"[^>]*>', page)
    assert field is not None, field_id
    described = re.search(r'aria-describedby="([^"]*)"', field.group(0))
    if 'aria-invalid="true"' not in field.group(0) or described is None:
        return ""
    for ident in described.group(1).split():
        message = re.search(
            rf'<(\w+)(?=[^>]*\brole="alert")[^>]*\bid="{ident}"[^>]*>(.*?)</\1>', page
        )
        if message is not None:
            return message.group(2)
    return ""


def test_a_wrong_password_for_the_download_is_tied_to_the_password_field(alice: User) -> None:
    page = client_for(alice).post("/accounts/export/", {"password": "wrong"}).content.decode()
    assert error_tied_to(page, "password") == "That password is not right."


def test_a_wrong_password_keeps_the_download_page_and_its_button(alice: User) -> None:
    page = client_for(alice).post("/accounts/export/", {"password": "wrong"}).content.decode()
    assert "<h1>Download your data</h1>" in page and "Download (zip)</button>" in page
    assert "Confirm it is you" not in page


def test_each_refusal_to_delete_the_account_is_tied_to_its_field(alice: User) -> None:
    words = "delete my account"
    response = client_for(alice).post("/accounts/delete/", {"password": "wrong", "confirm": words})
    page = response.content.decode()
    assert error_tied_to(page, "password") == "That password is not right."
    assert error_tied_to(page, "confirm") == ""  # only what was wrong
    untyped = client_for(alice).post("/accounts/delete/", {"password": "wrong", "confirm": "no"})
    assert error_tied_to(untyped.content.decode(), "confirm") == f"Type “{words}” to confirm."


def test_deleting_without_the_words_never_tells_whether_the_password_was_right(
    alice: User,
) -> None:
    """The typed words are checked first; without them the password is not even looked at."""
    pages = [
        client_for(alice).post("/accounts/delete/", {"password": password, "confirm": "no"})
        for password in (PASSWORD, "not the right passphrase")
    ]
    assert [page.status_code for page in pages] == [400, 400]
    right, wrong = (error_tied_to(page.content.decode(), "password") for page in pages)
    assert right == wrong == ""
    assert not Event.objects.filter(user=alice, kind__in={"login_failed", "reauthenticated"})


def autofocused(page: str) -> list[str]:
    """The ids of the fields of `page` that take focus as it loads."""
    fields = re.findall(r"<(?:input|select|textarea)\b[^>]*>", page)
    return [re.sub(r'.*\bid="([^"]+)".*', r"\1", f) for f in fields if " autofocus" in f]


def described_by(page: str, field_id: str) -> list[str]:
    field = re.search(rf'<input\b[^>]*\bid="{field_id}"[^>]*>', page)
    assert field is not None, field_id
    described = re.search(r'aria-describedby="([^"]*)"', field[0])
    return described[1].split() if described else []


def test_a_refused_sign_in_focuses_the_email_and_ties_the_reason_to_both_fields(
    alice: User,
) -> None:
    sent = {"username": alice.email, "password": "not the password"}
    page = Client().post("/accounts/login/", sent).content.decode()
    assert re.search(r'role="alert" id="form-errors">.*Please enter a correct', page, re.S)
    assert autofocused(page) == ["id_username"]
    assert "form-errors" in described_by(page, "id_username")
    assert "form-errors" in described_by(page, "id_password")
    assert dangling_descriptions(page) == []


def test_a_refused_sign_up_focuses_its_first_invalid_field(db: None) -> None:
    form = {"email": "dana@example.org", "display_name": "Dana", "time_zone": "UTC"}
    mismatched = {**form, "password1": PASSWORD, "password2": PASSWORD + " not"}
    page = Client().post("/accounts/signup/", mismatched).content.decode()
    assert autofocused(page) == ["id_password2"]
    assert error_tied_to(page, "id_password2") != ""
    assert dangling_descriptions(page) == []
    no_email = {**mismatched, "email": ""}
    assert autofocused(Client().post("/accounts/signup/", no_email).content.decode()) == [
        "id_email"
    ]


def test_a_refused_password_change_or_download_focuses_the_password(alice: User) -> None:
    wrong = {"old_password": "wrong", "new_password1": "x", "new_password2": "x"}
    changed = client_for(alice).post("/accounts/password/", wrong).content.decode()
    assert autofocused(changed) == ["id_old_password"]
    download = client_for(alice).post("/accounts/export/", {"password": "wrong"}).content.decode()
    assert autofocused(download) == ["password"]


def test_a_form_not_yet_sent_focuses_nothing_so_the_first_tab_leaves_quickly(alice: User) -> None:
    for client, path in (
        (Client(), "/accounts/login/"),
        (Client(), "/accounts/signup/"),
        (client_for(alice), "/accounts/password/"),
        (client_for(alice), "/accounts/export/"),
    ):
        assert autofocused(client.get(path).content.decode()) == [], path
