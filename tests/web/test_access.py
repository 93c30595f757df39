"""Every page, found by walking Django's URL resolver, as owner, partner, stranger and anonymous,
by GET (with and without HTMX) and by POST; then alice again with bob's and carol's ids swapped
into the path, the query string and the form. No route without a row; no response, and no
email, with a canary its reader may not see; no request that changes anyone else's rows.

A row gives the statuses of GET and of POST for (owner, partner, stranger, anonymous): alice acts
on her own objects, bob and carol ask for the same ones, anonymous is sent to sign in (302) from
every page that is not public. `swap` gives alice's statuses (GET, POST) with the path's
placeholders filled with bob's and then carol's objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web import access
from nearer.web.access import NotYours
from nearer.web.accounts.models import User
from nearer.web.assessments import services as assessments
from nearer.web.couples import services as couples
from nearer.web.daily.models import Answer, CheckIn
from tests.web.access_matrix import checked, client_as, with_ids
from tests.web.canaries import ROLES, Cast, Person, make_cast, snapshot
from tests.web.conftest import PASSWORD, client_for

Statuses = tuple[int, int, int, int]  # owner, partner, stranger, anonymous
NEW_PASSWORD = "another long enough passphrase"
CHECKIN = {
    **dict.fromkeys(
        ("pleasantness", "energy", "shared_feelings", "understood", "validated", "cared_for"), "3"
    ),
    "closeness": "4",
    "stress": "3",
    "note": "my own note",
}
PROFILE_ANSWERS = {item.id: 4 for item in default_content().instruments["profile"].items}
PROFILE = {key: str(value) for key, value in PROFILE_ANSWERS.items()}


@dataclass(frozen=True)
class Row:
    get: Statuses
    post: Statuses
    form: dict[str, str] | None = None
    swap: tuple[tuple[int, int], tuple[int, int]] | None = None  # bob's, carol's: (GET, POST)


NO = (405, 405, 405, 405)  # the method is not allowed, to anyone
ALL = (200, 200, 200, 200)  # public
OWN = (200, 200, 200, 302)  # each signed-in person sees their own; anonymous is sent to sign in
DONE = (302, 302, 302, 302)  # done, then on to the next page; anonymous is sent to sign in
REFUSED = (400, 400, 400, 302)  # the rules refuse it (alice and bob are two, carol and dan too)
POST_ONLY = (405, 405, 405, 302)
GET_ONLY = POST_ONLY  # a page to read: any other method is not allowed; anonymous, sign in first
THEIRS_ONLY = ((405, 404), (405, 404))  # bob's and carol's object in the path: not found
LOGIN = {"username": "{me}", "password": PASSWORD}  # everyone as themselves
NEW_PASSWORDS = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
ROUTES: dict[str, Row] = {
    "": Row((302, 302, 302, 302), DONE),  # home when signed in, else sign in
    "home/": Row(OWN, GET_ONLY),
    "welcome/": Row(OWN, GET_ONLY),
    "support/": Row(ALL, NO),
    "healthz": Row(ALL, NO),
    "weather/": Row(ALL, NO),  # the quick exit's neutral page
    "exit/": Row(NO, (303, 303, 303, 303)),
    "check-again/not-now/": Row(POST_ONLY, DONE),
    # accounts, sessions, keys
    "accounts/signup/": Row((302, 302, 302, 200), (302, 302, 302, 400)),
    "accounts/login/": Row(ALL, (302, 302, 302, 400), LOGIN),  # no account for anonymous
    "accounts/logout/": Row(NO, DONE),
    "accounts/profile/": Row(OWN, DONE, {"display_name": "Renamed", "time_zone": "UTC"}),
    "accounts/activity/": Row(OWN, POST_ONLY),
    "accounts/sessions/": Row(OWN, POST_ONLY),
    "accounts/sessions/<int:sign_in_id>/end/": Row(
        POST_ONLY, (302, 404, 404, 302), swap=THEIRS_ONLY
    ),
    "accounts/sessions/end-others/": Row(POST_ONLY, DONE),
    "accounts/sessions/tokens/<int:token_id>/revoke/": Row(
        POST_ONLY, (302, 404, 404, 302), swap=THEIRS_ONLY
    ),
    "accounts/confirm/": Row(OWN, DONE, {"password": PASSWORD}),
    "accounts/keys/recovery-code/": Row((302, 302, 302, 302), DONE),  # none waiting to be shown
    "accounts/keys/unlock/": Row(OWN, DONE, {"password": PASSWORD}),
    "accounts/keys/recover/": Row(OWN, REFUSED),
    "accounts/export/": Row(OWN, OWN, {"password": PASSWORD}),  # each gets their own zip
    "accounts/delete/": Row(OWN, DONE, {"password": PASSWORD, "confirm": "delete my account"}),
    "accounts/password/": Row(OWN, DONE, {"old_password": PASSWORD, **NEW_PASSWORDS}),
    "accounts/password/reset/": Row(ALL, DONE, {"email": "{me}"}),
    "accounts/password/reset/sent/": Row(ALL, NO),
    # a stale token for anyone's account: the page says the link is no longer valid, with a 200
    # (a 4xx would log the link's path, the token in it: tests/web/test_logs.py)
    "accounts/password/reset/<uidb64>/<token>/": Row(
        ALL, ALL, NEW_PASSWORDS, swap=((200, 200), (200, 200))
    ),
    # the couple space
    "couple/": Row(OWN, GET_ONLY),
    "couple/create/": Row(POST_ONLY, REFUSED),
    "couple/invite/": Row(POST_ONLY, REFUSED),
    "couple/join/": Row(OWN, REFUSED, {"code": "{code}"}),
    "couple/join/<str:code>/": Row(OWN, REFUSED, swap=((200, 400), (200, 400))),
    "couple/leave/": Row(POST_ONLY, DONE, {"confirm": "yes"}),
    "couple/notice/seen/": Row(POST_ONLY, DONE),
    # the daily question and the check-in: a day is always a day of one's own couple space
    "daily/today/": Row(OWN, GET_ONLY),
    "daily/day/<str:day>/": Row(OWN, GET_ONLY, swap=((200, 405), (200, 405))),
    "daily/day/<str:day>/answer/": Row(
        POST_ONLY, DONE, {"text": "an answer of mine", "action": "answer"}, ((405, 302), (405, 302))
    ),
    "daily/day/<str:day>/respond/": Row(
        POST_ONLY, REFUSED, {"thank": "yes", "reply": "thank you"}, ((405, 400), (405, 400))
    ),
    "daily/history/": Row(OWN, GET_ONLY),
    "daily/checkin/": Row(OWN, DONE, CHECKIN),
    "daily/checkin/<str:day>/": Row(OWN, DONE, CHECKIN, ((200, 302), (200, 302))),
    # assessments
    "assessments/": Row(OWN, GET_ONLY),
    "assessments/report/": Row(OWN, GET_ONLY),
    "assessments/safety/result/": Row(OWN, GET_ONLY),
    "assessments/<str:instrument_id>/take/": Row(OWN, DONE, PROFILE, ((200, 302), (200, 302))),
    # the week's plan: shared by the couple; carol's plan is another
    "plan/": Row(OWN, GET_ONLY),
    "plan/settings/": Row(POST_ONLY, DONE, {"minutes_per_week": "90"}),
    "plan/done/<str:practice_id>/": Row(
        POST_ONLY, (302, 302, 404, 302), swap=((405, 302), (405, 404))
    ),
    # chat imports: the uploader's and the partner's, no one else's
    "chats/": Row(OWN, GET_ONLY),
    "chats/upload/": Row(POST_ONLY, REFUSED),  # no file
    "chats/<int:pk>/": Row((200, 200, 404, 302), GET_ONLY, swap=((200, 405), (404, 405))),
    "chats/<int:pk>/agree/": Row(
        POST_ONLY, (302, 302, 404, 302), swap=((405, 302), THEIRS_ONLY[1])
    ),
    "chats/<int:pk>/withdraw/": Row(
        POST_ONLY, (302, 302, 404, 302), swap=((405, 302), THEIRS_ONLY[1])
    ),
}


def walk(patterns: list[URLPattern | URLResolver] | None = None, prefix: str = "") -> Iterator[str]:
    """Every route of the site but the API (which has its own matrix, over its OpenAPI paths)."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith("api/"):
                yield from walk(pattern.url_patterns, route)
        else:
            yield route


def fill(route: str, person: Person) -> str:
    values = person.placeholders()
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)


def form_for(row: Row, person: Person, viewer: User | None = None) -> dict[str, str]:
    """The row's form naming `person`'s objects; `{me}` is the viewer's own email address."""
    me = viewer.email if viewer else "nobody@example.org"
    return {k: v.format(**person.placeholders(), me=me) for k, v in (row.form or {}).items()}


def test_every_route_has_a_row() -> None:
    routes = set(walk())
    assert routes - set(ROUTES) == set(), "add a row to ROUTES for each new route"
    assert set(ROUTES) - routes == set(), "remove the rows of routes that are gone"


def request(client: Client, method: str, path: str, form: dict[str, str]) -> object:
    if method == "POST":
        return client.post(path, form)
    if method != "HTMX GET":
        return client.get(path)
    response = client.get(path, headers={"HX-Request": "true"})
    if "HX-Redirect" in response:  # a redirect, told the HTMX way (htmx_redirects): the same row
        response.status_code = 302
    return response


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_each_page_answers_each_role_as_its_row_says(db: None, route: str) -> None:
    cast, row = make_cast(), ROUTES[route]
    path = fill(route, cast.alice)
    for method, expected in (("GET", row.get), ("HTMX GET", row.get), ("POST", row.post)):
        for role, status in zip(ROLES, expected, strict=True):
            viewer = _user(cast, role)
            form = form_for(row, cast.alice, viewer)
            got = checked(
                cast,
                viewer,
                lambda: request(client_as(viewer), method, path, form),  # type: ignore[arg-type, return-value]  # noqa: B023
                f"{method} {path} as {role}",
            )
            assert got == status, f"{method} {path} as {role}: {got}, not {status}"


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_someone_elses_ids_reach_nothing_of_theirs(db: None, route: str) -> None:
    """alice, with bob's and carol's ids in the path, in the query string and in the form."""
    cast, row = make_cast(), ROUTES[route]
    alice, own_path = cast.alice.user, fill(route, cast.alice)
    mine = form_for(row, cast.alice, alice)
    for victim, swap in ((cast.bob, 0), (cast.carol, 1)):
        ids = victim.ids()
        query = own_path + "?" + urlencode({k: v for k, v in ids.items() if v is not None})
        cases = [
            ("GET", query, {}, row.get[0]),
            ("POST", query, mine, row.post[0]),
            ("POST", own_path, with_ids(mine, ids), row.post[0]),
        ]
        if "{" in str(row.form):  # the form names an object: name theirs instead
            cases.append(("POST", own_path, form_for(row, victim, alice), row.post[0]))
        if row.swap is not None:
            theirs, (get, post) = fill(route, victim), row.swap[swap]
            cases += [
                ("GET", theirs, {}, get),
                ("POST", theirs, form_for(row, victim, alice), post),
            ]
        for method, path, form, status in cases:
            got = checked(
                cast,
                alice,
                lambda: request(client_as(alice), method, path, form),  # type: ignore[arg-type, return-value]  # noqa: B023
                f"alice: {method} {path} with {victim.user.display_name}'s ids",
            )
            assert got == status, f"alice: {method} {path} {form}: {got}, not {status}"


def _user(cast: Cast, role: str) -> User | None:
    person = cast.person(role)
    return person.user if person else None


def test_the_partner_and_a_stranger_see_no_private_entry_of_alice(db: None) -> None:
    """Every page that answers a GET, read by each role: alice's canaries appear on her own pages
    and on no one else's; the safety screen's concern shows nowhere but hers."""
    cast = make_cast()
    pages = [fill(route, cast.alice) for route, row in ROUTES.items() if row.get[0] != 405]

    def everything(user: User | None) -> str:
        client = client_for(user)
        return "".join(client.get(path).content.decode(errors="replace") for path in pages)

    mine = everything(cast.alice.user)
    assert cast.alice.canaries["answer"] in mine and cast.alice.canaries["note"] in mine
    for viewer in (cast.bob.user, cast.carol.user, None):
        seen = everything(viewer)
        assert not [c for c in cast.alice.canaries.values() if c in seen], viewer
        assert "Support, whenever" not in seen


def test_a_stranger_cannot_thank_or_reply_on_another_couples_day(db: None) -> None:
    cast = make_cast()
    day = cast.alice.day.isoformat()
    client_for(cast.carol.user).post(f"/daily/day/{day}/respond/", {"thank": "yes", "reply": "hi"})
    assert Answer.objects.get(user=cast.alice.user).reply == ""


def test_each_access_helper_gives_its_owner_the_object_and_anyone_else_a_404(db: None) -> None:
    """web.access, one helper per kind of object: alice reaches hers; bob reaches only what the
    two of them share; carol, in another couple space, reaches none of it."""
    cast = make_cast()
    alice, bob, carol = cast.alice.user, cast.bob.user, cast.carol.user
    today, day = timezone.localdate(), cast.alice.day
    client_as(alice).post(f"/plan/done/{cast.alice.practice_id}/")
    own: dict[str, Callable[[User], object]] = {
        "check-in": lambda user: access.checkin_for(user, day),
        "assessment run": lambda user: access.run_for(user, "profile"),
        "practice log": lambda user: access.practice_log_for(user, cast.alice.practice_id, today),
        "API token": lambda user: access.token_for(user, cast.alice.token_id),
    }
    shared: dict[str, Callable[[User], object]] = {
        "couple space": lambda user: access.couple_for(user).pk,
        "daily question": lambda user: access.daily_for(user, day).pk,
        "week plan": lambda user: access.week_plan_for(user, today).pk,
        "practice": lambda user: access.practice_for(user, cast.alice.practice_id, today).id,
    }
    assessments.save_run(alice, access.instrument_for("profile"), PROFILE_ANSWERS)
    for kind, reach in own.items():
        assert reach(alice) is not None, kind
        for other in (bob, carol):
            with pytest.raises(NotYours):
                reach(other)
    for kind, reach in shared.items():
        assert reach(alice) == reach(bob), kind
        with pytest.raises(NotYours) if kind == "practice" else nullcontext():
            assert reach(carol) != reach(alice), kind
    assert access.day_view_for(bob, day).partners is None  # bob has not answered alice's day
    couples.leave(carol)
    with pytest.raises(NotYours):
        access.couple_for(carol)


def test_the_rows_compared_are_read_again_from_the_database_sealed_fields_as_sealed(
    db: None,
) -> None:
    """The matrices' check that nobody else's rows changed reads each row as stored: a change
    to a person's account row, or a note sealed again with the same words, is a change."""
    cast = make_cast()
    before = snapshot(cast.bob, partner_of_viewer=False)
    User.objects.filter(pk=cast.bob.user.pk).update(display_name="Robert")
    assert snapshot(cast.bob, partner_of_viewer=False) != before
    before = snapshot(cast.bob, partner_of_viewer=False)
    checkin = CheckIn.objects.get(user=cast.bob.user)
    checkin.note = checkin.note  # the same words, sealed with a fresh nonce
    checkin.save()
    assert snapshot(cast.bob, partner_of_viewer=False) != before
