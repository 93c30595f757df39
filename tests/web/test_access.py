"""Every page as owner, partner, stranger and anonymous: a table row per route, canaries in every
kind of private entry, and no route without a row."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from tests.web.conftest import client_for

TODAY = "{today}"
# name: (path, public). Public pages answer anonymous visitors; the rest send them to sign in.
ROUTES = {
    "root": ("/", True),
    "home": ("/home/", False),
    "onboarding": ("/welcome/", False),
    "support": ("/support/", True),
    "healthz": ("/healthz", True),
    "signup": ("/accounts/signup/", True),
    "login": ("/accounts/login/", True),
    "logout": (None, True),  # POST only
    "profile": ("/accounts/profile/", False),
    "export": ("/accounts/export/", False),
    "password_change": ("/accounts/password/", False),
    "password_reset": ("/accounts/password/reset/", True),
    "password_reset_done": ("/accounts/password/reset/sent/", True),
    "password_reset_confirm": ("/accounts/password/reset/MQ/bad-token/", True),
    "couple": ("/couple/", False),
    "couple_create": (None, False),
    "couple_invite": (None, False),
    "couple_join": ("/couple/join/", False),
    "couple_join_code": ("/couple/join/ABCD-EFGH-JKLM/", False),
    "couple_leave": (None, False),
    "today": ("/daily/today/", False),
    "today_for": (f"/daily/day/{TODAY}/", False),
    "answer": (None, False),
    "respond": (None, False),
    "daily_history": ("/daily/history/", False),
    "checkin": ("/daily/checkin/", False),
    "checkin_for": (f"/daily/checkin/{TODAY}/", False),
    "assessments": ("/assessments/", False),
    "report": ("/assessments/report/", False),
    "safety_result": ("/assessments/safety/result/", False),
    "take": ("/assessments/profile/take/", False),
    "plan": ("/plan/", False),
    "plan_settings": (None, False),
    "practice_done": (None, False),
}
CANARIES = {
    "answer": "canary-daily-answer-7f3a",
    "note": "canary-private-note-91c2",
    "appreciation": "canary-unshared-appreciation-5d1e",
    "need": "canary-unshared-need-b8e0",
}


def route_names(
    patterns: list[URLPattern | URLResolver] | None = None, prefix: str = ""
) -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("api/"):
                continue  # the API has its own access matrix in tests/web/api
            names |= route_names(pattern.url_patterns)
        elif pattern.name:
            names.add(pattern.name)
    return names


def paths() -> list[tuple[str, str, bool]]:
    today = timezone.localdate().isoformat()
    return [
        (name, path.replace(TODAY, today), public)
        for name, (path, public) in ROUTES.items()
        if path
    ]


def test_every_route_has_a_row() -> None:
    assert route_names() == set(ROUTES)


def test_anonymous_visitors_are_sent_to_sign_in(db: None) -> None:
    for name, path, public in paths():
        response = client_for(None).get(path)
        if public:
            assert response.status_code in (200, 302), name
        else:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def plant_canaries(alice: User) -> None:
    owner = client_for(alice)
    day = timezone.localdate().isoformat()
    owner.post(f"/daily/day/{day}/answer/", {"text": CANARIES["answer"], "action": "answer"})
    owner.post(
        "/daily/checkin/",
        {
            "pleasantness": 3,
            "energy": 3,
            "closeness": 4,
            "shared_feelings": 3,
            "understood": 3,
            "validated": 3,
            "cared_for": 3,
            "stress": 3,
            "note": CANARIES["note"],
            "appreciation": CANARIES["appreciation"],
            "need": CANARIES["need"],
        },
    )
    safety = default_content().instruments["safety"]
    owner.post("/assessments/safety/take/", {item.id: "5" for item in safety.items})


def test_no_private_entry_reaches_the_partner_or_a_stranger(
    couple: tuple[User, User], carol: User
) -> None:
    alice, bob = couple
    plant_canaries(alice)
    own_pages = "".join(client_for(alice).get(path).content.decode() for _, path, _ in paths())
    assert CANARIES["note"] in own_pages and CANARIES["answer"] in own_pages
    for viewer in (bob, carol, None):
        seen = "".join(client_for(viewer).get(path).content.decode() for _, path, _ in paths())
        for canary in CANARIES.values():
            assert canary not in seen, (viewer, canary)
        assert "Support, whenever" not in seen


def test_a_stranger_cannot_act_on_another_couples_day(
    couple: tuple[User, User], carol: User
) -> None:
    alice, _ = couple
    day = timezone.localdate().isoformat()
    client_for(alice).post(f"/daily/day/{day}/answer/", {"text": "mine", "action": "answer"})
    client_for(carol).post(f"/daily/day/{day}/respond/", {"thank": "yes", "reply": "hi"})
    from nearer.web.daily.models import Answer

    assert Answer.objects.get(user=alice).reply == ""
