"""A cast with private canaries for the access matrices: alice and bob a couple, carol a stranger,
each with private entries no one else may read, and the ids of each person's objects to swap in.

Every person's entries are on their own day (alice yesterday, bob two days ago, carol three days
ago), so a request that names "a day" can be pointed at someone else's day. Nobody has answered
today's question, so answering it works for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.api.models import Token
from nearer.web.assessments import services as assessments
from nearer.web.assessments.models import Run
from nearer.web.chats.models import ChatImport
from nearer.web.couples import services as couples
from nearer.web.couples.models import Couple, Invitation, Membership
from nearer.web.daily import services as daily
from nearer.web.daily.models import Answer, CheckIn
from nearer.web.plans import services as plans
from nearer.web.plans.models import PracticeLog
from nearer.web.security.models import SignIn
from tests.web.conftest import make_user
from tests.web.seeds import make_checkin

ROLES = ("owner", "partner", "stranger", "anonymous")


@dataclass
class Person:
    user: User
    day: date  # the day of their private entries
    token_id: int
    token_key: str
    practice_id: str  # in their couple's plan this week
    sign_in_id: int  # a session of theirs on another device
    chat_id: int  # a chat import they uploaded
    code: str = ""  # a live invitation code of their couple space (carol's only)
    canaries: dict[str, str] = field(default_factory=dict)

    def ids(self) -> dict[str, object]:
        """Every id of theirs a request could carry, under the names a careless view might read."""
        user, couple = self.user, couples.couple_of(self.user)
        checkin = CheckIn.objects.filter(user=user).first()
        answer = Answer.objects.filter(user=user).first()
        run = Run.objects.filter(user=user).first()
        return {
            "user": user.pk,
            "user_id": user.pk,
            "owner": user.pk,
            "partner": user.pk,
            "couple": couple.pk if couple else None,
            "couple_id": couple.pk if couple else None,
            "id": checkin.pk if checkin else None,
            "pk": answer.pk if answer else None,
            "daily": answer.daily_id if answer else None,
            "daily_id": answer.daily_id if answer else None,
            "answer": answer.pk if answer else None,
            "answer_id": answer.pk if answer else None,
            "checkin": checkin.pk if checkin else None,
            "checkin_id": checkin.pk if checkin else None,
            "run": run.pk if run else None,
            "run_id": run.pk if run else None,
            "token": self.token_id,
            "token_id": self.token_id,
            "day": self.day.isoformat(),
            "practice_id": self.practice_id,
            "code": self.code,
            "email": user.email,
            "sign_in": self.sign_in_id,
            "sign_in_id": self.sign_in_id,
            "chat": self.chat_id,
            "chat_id": self.chat_id,
        }

    def placeholders(self) -> dict[str, str]:
        """Values for a route's placeholders that point at this person's objects."""
        return {
            "day": self.day.isoformat(),
            "token_id": str(self.token_id),
            "practice_id": self.practice_id,
            "instrument_id": "profile",
            "code": self.code or "AAAA-BBBB-CCCC",
            "sign_in_id": str(self.sign_in_id),
            "pk": str(self.chat_id),
            "uidb64": urlsafe_base64_encode(force_bytes(self.user.pk)),
            # a real reset token of theirs would be a key to their account; a stale one is not
            "token": default_token_generator.make_token(self.user)[:-2] + "xx",
        }


@dataclass
class Cast:
    alice: Person
    bob: Person
    carol: Person
    dan: User  # carol's partner, so that carol has a chat import of her own

    def person(self, role: str) -> Person | None:
        """Who acts in each role of the matrix; the owner's objects are always alice's."""
        return {"owner": self.alice, "partner": self.bob, "stranger": self.carol}.get(role)

    def everyone(self) -> list[Person]:
        return [self.alice, self.bob, self.carol]


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def _backdate(*users: User) -> None:
    """Members for a week already, so that earlier days belong to their couple spaces."""
    Membership.objects.filter(user__in=users).update(joined_at=timezone.now() - timedelta(days=7))


def _plant(user: User, partner: User, day: date, practice_id: str, code: str = "") -> Person:
    name = user.display_name.lower()
    canaries = {
        kind: f"canary-{name}-{kind}-{day.isoformat()}"
        for kind in ("answer", "note", "appreciation", "need")
    }
    couple = couples.couple_of(user)
    assert couple is not None
    daily.answer(user, daily.question_for(couple, day), canaries["answer"], passed=False)
    make_checkin(
        "default",
        user,
        day,
        note=canaries["note"],
        appreciation=canaries["appreciation"],
        need=canaries["need"],
    )
    token, key = tokens.issue(user, f"{name}'s phone")
    safety = default_content().instruments["safety"]
    worried = name == "alice"  # alice's screen raises a concern; the others' do not
    assessments.save_run(user, safety, {item.id: 5 if worried else 1 for item in safety.items})
    now = timezone.now()
    sign_in = SignIn.objects.create(
        user=user, session_key=f"elsewhere-{name}", created_at=now, last_seen_at=now, device=name
    )
    chat = ChatImport.objects.create(couple=couple, uploader=user, partner=partner)
    return Person(user, day, token.pk, key, practice_id, sign_in.pk, chat.pk, code, canaries)


def make_cast() -> Cast:
    alice, bob, carol, dan = (make_user(name) for name in ("alice", "bob", "carol", "dan"))
    couples.create_couple(alice)
    couples.join(bob, couples.invite(alice))
    couples.create_couple(carol)
    couples.join(dan, couples.invite(carol))
    _backdate(alice, bob, carol, dan)
    carols = couples.couple_of(carol)
    Couple.objects.filter(pk=carols.pk).update(minutes_per_week=10)  # type: ignore[union-attr]
    today = timezone.localdate()
    ours = plans.plan_for(couples.couple_of(alice), today).practice_ids  # type: ignore[arg-type]
    theirs = plans.plan_for(couples.couple_of(carol), today).practice_ids  # type: ignore[arg-type]
    mine = next(p for p in ours if p not in theirs)
    carols_own = next((p for p in theirs if p not in ours), "no-such-practice")
    code = "CARO-LSCO-DE23"  # a live code of carol's space (made directly: hers is full)
    Invitation.objects.create(couple=carols, created_by=carol, code_hash=Invitation.hash(code))
    return Cast(
        alice=_plant(alice, bob, days_ago(1), mine),
        bob=_plant(bob, alice, days_ago(2), mine),
        carol=_plant(carol, dan, days_ago(3), carols_own, code=code),
        dan=dan,
    )


def hidden_from(viewer: User | None, cast: Cast) -> list[str]:
    """Every canary the viewer may not read now: all of other people's, except a daily answer
    of a day both partners of the viewer's couple space have answered (the reveal rule)."""
    hidden = []
    for person in cast.everyone():
        if viewer is not None and person.user.pk == viewer.pk:
            continue
        for kind, text in person.canaries.items():
            if kind == "answer" and viewer is not None and _revealed_to(viewer, person):
                continue
            hidden.append(text)
    return hidden


def _revealed_to(viewer: User, author: Person) -> bool:
    answer = Answer.objects.filter(user=author.user, daily__day=author.day).first()
    if answer is None:
        return False
    view = daily.view_for(viewer, answer.daily)
    return view.partners is not None and view.partners.pk == answer.pk


def snapshot(person: Person, partner_of_viewer: bool) -> dict[str, Any]:
    """A person's own rows, to show that a request by someone else changed none of them. What
    the viewer shares with them as their partner (the couple space, its invitations, a chat
    import about both, the thank-you and reply on an answer) is the viewer's to change too."""
    user = person.user
    couple = couples.couple_of(user)

    def rows(model: Any, exclude: tuple[str, ...] = (), **where: object) -> list[dict[str, Any]]:
        # As stored (sealed fields as sealed: a row sealed again has changed too), in primary-key
        # order: unordered, PostgreSQL may return the same rows in another order once
        # autovacuum's fresh statistics change the plan between two snapshots.
        found = model.objects.filter(**where).order_by("pk").values()
        return [{k: v for k, v in row.items() if k not in exclude} for row in found]

    mine: dict[str, Any] = {
        "user": rows(User, ("last_login",), pk=user.pk),
        "checkins": rows(CheckIn, user=user),
        "answers": rows(Answer, ("thanked_at", "reply"), user=user),
        "tokens": rows(Token, ("last_used_at",), user=user),
        # Leaving, or deleting one's account, marks the end of the partnership on the partner's
        # membership too: the viewer's to change, as the partner of the person it marks.
        "memberships": rows(
            Membership, ("partnership_ended_at",) if partner_of_viewer else (), user=user
        ),
        "practice_logs": rows(PracticeLog, user=user),
        "runs": rows(Run, user=user),
        "sign_ins": rows(SignIn, ("last_seen_at",), user=user),
    }
    if not partner_of_viewer and couple is not None:
        mine["couple"] = rows(Couple, pk=couple.pk)
        mine["invitations"] = rows(Invitation, couple=couple)
        mine["chats"] = rows(ChatImport, ("updated_at",), uploader=user)
    return mine
