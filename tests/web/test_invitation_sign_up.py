"""An invitation link opened signed out leads a new partner through sign-up to its join page."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.couples import services
from tests.web.conftest import PASSWORD, client_for, make_couple, screen
from tests.web.test_accounts import without_csrf_tokens

INVITED = "You have been invited to join a couple space"
DANA = {
    "email": "dana@example.org",
    "display_name": "Dana",
    "time_zone": "UTC",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def link_named(page: str, words: str) -> str:
    found = re.search(rf'<a href="([^"]*)">{words}</a>', page)
    assert found, page
    return html.unescape(found.group(1))


def sign_up_from_the_link(client: Client, link: str) -> str:
    """Open `link` signed out and create an account from the sign-in page; where it sends on."""
    sign_in_page = client.get(link, follow=True).content.decode()
    sign_up_page = link_named(sign_in_page, "Create an account")
    answer = client.post(sign_up_page, DANA)
    assert answer.status_code == 302
    return str(answer["Location"])


def test_a_new_partner_signs_up_by_the_link_and_joins_after_the_recovery_code(
    alice: User,
) -> None:
    make_couple(alice)
    link = f"/couple/join/{services.invite(alice)}/"
    client = Client()
    sign_in = sign_up_from_the_link(client, link)
    dana = User.objects.get(email="dana@example.org")
    assert services.couple_of(dana) is None  # no solo space made before joining

    signed_in = client.post(sign_in, {"username": DANA["email"], "password": PASSWORD}, follow=True)
    page = signed_in.content.decode()
    assert 'id="recovery-code"' in page
    kept = re.search(r'name="next" value="([^"]*)"', page)
    assert kept and html.unescape(kept.group(1)) == link
    join_page = client.post("/accounts/keys/recovery-code/", {"next": link}, follow=True)
    assert join_page.redirect_chain[-1][0] == link
    assert "Join your partner" in join_page.content.decode()

    joined = client.post("/couple/join/", {"code": link.split("/")[-2]})
    assert joined["Location"] == "/welcome/"  # the private safety check is offered first
    assert services.partner_of(dana) == alice and services.partner_of(alice) == dana


def test_the_sign_in_and_sign_up_pages_say_it_is_an_invitation_and_nothing_of_whose(
    alice: User,
) -> None:
    make_couple(alice)
    pages = []
    for code in (services.invite(alice), "NOPE-NOPE-NOPE"):
        client = Client()
        sign_in_page = client.get(f"/couple/join/{code}/", follow=True).content.decode()
        sign_up_page = client.get(link_named(sign_in_page, "Create an account")).content.decode()
        for page in (sign_in_page, sign_up_page):
            assert INVITED in page and "Alice" not in page and "alice@" not in page
        pages.append(without_csrf_tokens(sign_up_page.replace(code, "")))
    assert pages[0] == pages[1]  # a good code and a made-up one look the same


@pytest.mark.parametrize(
    "elsewhere",
    [
        "https://evil.example/couple/join/ABCD-EFGH-JKLM/",
        "//evil.example/couple/join/ABCD-EFGH-JKLM/",
        "/\\evil.example/couple/join/ABCD-EFGH-JKLM/",
    ],
)
def test_a_next_off_this_site_is_never_carried_through_sign_up(db: None, elsewhere: str) -> None:
    client = Client()
    sign_in_page = client.get("/accounts/login/", {"next": elsewhere}).content.decode()
    assert link_named(sign_in_page, "Create an account") == "/accounts/signup/"
    assert INVITED not in sign_in_page
    sign_up_page = client.get("/accounts/signup/", {"next": elsewhere}).content.decode()
    assert INVITED not in sign_up_page and "evil" not in link_named(sign_up_page, "Sign in")
    answer = client.post(f"/accounts/signup/?next={elsewhere}", DANA)
    assert answer["Location"] == "/accounts/login/?next=%2Fwelcome%2F"
    assert services.couple_of(User.objects.get(email="dana@example.org")) is not None


def test_a_sign_up_from_any_other_page_still_starts_at_the_welcome_in_a_solo_space(
    db: None,
) -> None:
    client = Client()
    sign_in_page = client.get("/accounts/login/", {"next": "/plan/"}).content.decode()
    assert INVITED not in sign_in_page
    sign_up_page = link_named(sign_in_page, "Create an account")
    assert sign_up_page == "/accounts/signup/?next=%2Fplan%2F"
    assert link_named(client.get(sign_up_page).content.decode(), "Sign in").endswith("%2Fplan%2F")
    answer = client.post(sign_up_page, DANA)
    assert answer["Location"] == "/accounts/login/?next=%2Fwelcome%2F"
    assert services.couple_of(User.objects.get(email="dana@example.org")) is not None


def test_an_invitation_link_to_someone_with_an_account_signs_in_to_its_join_page(
    alice: User, bob: User
) -> None:
    make_couple(alice)
    link = f"/couple/join/{services.invite(alice)}/"
    client = Client()
    sign_in_page = client.get(link, follow=True)
    assert INVITED in sign_in_page.content.decode()
    signed_in = client.post(
        sign_in_page.redirect_chain[-1][0], {"username": bob.email, "password": PASSWORD}
    )
    assert signed_in["Location"] == link


def test_a_join_by_someone_who_took_the_private_check_goes_on_to_the_dashboard(
    alice: User, bob: User
) -> None:
    make_couple(alice)
    screen(bob)
    joined = client_for(bob).post("/couple/join/", {"code": services.invite(alice)})
    assert joined["Location"] == "/home/"


def test_someone_signed_up_by_a_link_but_not_yet_joined_can_use_home_and_welcome(
    alice: User,
) -> None:
    make_couple(alice)
    sign_up_from_the_link(Client(), f"/couple/join/{services.invite(alice)}/")
    dana = User.objects.get(email="dana@example.org")
    client = client_for(dana)
    for path in ("/home/", "/welcome/", "/couple/", "/couple/join/"):
        assert client.get(path).status_code == 200, path
    assert services.couple_of(dana) is None
