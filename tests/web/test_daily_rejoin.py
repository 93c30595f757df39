"""A partner who leaves and comes back, and one who takes the place of another the same day: no
day page ever promises an exchange that cannot happen, one's own answers stay one's own, and what
was shared with a partner in a time together stays shared with that partner, never another.
Ana is in Auckland, Ben in Los Angeles; the server's clock is moved as in test_checkin."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.couples.services import couple_of
from nearer.web.daily.models import Answer, CheckIn, DailyQuestion
from tests.web.api.conftest import call
from tests.web.conftest import client_for, make_user

LA = ZoneInfo("America/Los_Angeles")
NOVEMBER = datetime(2026, 11, 20, 12, tzinfo=LA)


def at(moment: datetime) -> AbstractContextManager[object]:
    return mock.patch("django.utils.timezone.now", return_value=moment.astimezone(UTC))


def noon(day: int) -> datetime:
    """Noon in Los Angeles on `day` December (the next morning in Auckland)."""
    return datetime(2026, 12, day, 12, tzinfo=LA)


def person(name: str, zone: str) -> User:
    made = make_user(name)
    made.time_zone = zone
    made.save(update_fields=["time_zone"])
    return made


def answer(user: User, day: str, text: str) -> int:
    return call(user, "POST", f"/daily/{day}/answer", {"text": text}).status_code


def seen(user: User, day: str) -> dict[str, object]:
    found: dict[str, object] = call(user, "GET", f"/daily/{day}").json()
    return found


def page(user: User, day: str) -> str:
    return html.unescape(client_for(user).get(f"/daily/day/{day}/").content.decode())


def together(ana: User, ben: User) -> None:
    """Ben makes a space in November and Ana joins it an hour later (distinct instants: the
    clock does not move by itself here)."""
    with at(NOVEMBER):
        couples.create_couple(ben)
        code = couples.invite(ben)
    with at(NOVEMBER + timedelta(hours=1)):
        couples.join(ana, code)


@pytest.fixture
def ana_and_ben(db: None) -> Iterator[tuple[User, User]]:
    """Together since November; Ana leaves on 23 Dec and makes a space of her own, Ben answers
    alone on 24, 25 and 26 Dec, Ana alone in hers the next mornings (Auckland), and she comes
    back to Ben's space on 27 Dec."""
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    together(ana, ben)
    with at(noon(23)):
        couples.leave(ana)
        couples.create_couple(ana)
    for day in (24, 25, 26):
        with at(noon(day)):
            assert answer(ben, f"2026-12-{day}", f"ben alone on {day}") == 200
            # The next morning in Auckland.
            assert answer(ana, f"2026-12-{day + 1}", f"ana alone on {day + 1}") == 200
    with at(noon(27)):
        code = couples.invite(ben)
        couples.join(ana, code)
    yield ana, ben


def test_a_partner_back_after_days_away_cannot_answer_the_days_opened_while_away(
    ana_and_ben: tuple[User, User],
) -> None:
    ana, _ = ana_and_ben
    with at(noon(27)):
        for day in ("2026-12-24", "2026-12-25", "2026-12-26"):
            assert answer(ana, day, "ana, back") == 400
            assert seen(ana, day)["question"] is None
            assert "ben alone" not in str(seen(ana, day))
            says = page(ana, day)
            assert "not in this couple space when this day's question came" in says
            assert "before you joined" not in says


def test_a_day_a_partner_answered_while_the_other_was_away_is_never_promised_to_either(
    db: None,
) -> None:
    """Ben answers on 23 Dec an hour after Ana left that day; she comes back on 24 Dec, within
    the day's slack, and answers 23 Dec: his answer was not given to her, so his page says so and
    asks him to share it again, which makes the exchange."""
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    together(ana, ben)
    with at(datetime(2026, 12, 23, 9, tzinfo=LA)):
        seen(ben, "2026-12-23")  # opened while both are there
    with at(noon(23)):
        couples.leave(ana)
    with at(noon(23) + timedelta(hours=1)):
        assert answer(ben, "2026-12-23", "ben while ana is away") == 200
        assert seen(ben, "2026-12-23")["mine_unshared"] is False  # no partner here to share with
    with at(noon(24)):
        couples.join(ana, couples.invite(ben))
        answer(ana, "2026-12-23", "ana, back")
        # Nothing of what Ben did while she was away reaches her, not even whether.
        assert "Ben has answered" not in page(ana, "2026-12-23")
        bens = page(ben, "2026-12-23")
        assert "Ana has answered too." not in bens
        assert "not shared with Ana" in bens
        assert seen(ben, "2026-12-23")["mine_unshared"] is True
        assert seen(ben, "2026-12-23")["partner_can_answer"] is True
        # Ben shares it again: now both answered in this time together.
        assert answer(ben, "2026-12-23", "ben, again") == 200
        assert "ben, again" in str(seen(ana, "2026-12-23"))
        assert seen(ben, "2026-12-23")["revealed"]


def test_a_replacement_the_same_day_is_promised_nothing_of_that_day(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    carol = make_user("cara")
    with at(noon(23)):
        assert answer(alice, "2026-12-23", "alice with bob") == 200
    with at(datetime(2026, 12, 23, 13, tzinfo=LA)):
        couples.leave(bob)
        couples.join(carol, couples.invite(alice))
    with at(datetime(2026, 12, 23, 14, tzinfo=LA)):
        assert answer(carol, "2026-12-23", "cara") == 400
        alices = page(alice, "2026-12-23")
        assert "has answered" not in alices and "until Cara answers" not in alices
        assert "it is not shared with anyone" in alices
        assert seen(alice, "2026-12-23")["partner_can_answer"] is False
        assert seen(alice, "2026-12-23")["mine_unshared"] is False
        assert "has answered" not in page(carol, "2026-12-23")


def test_answers_written_in_a_space_since_left_stay_in_ones_own_history_and_no_one_elses(
    ana_and_ben: tuple[User, User],
) -> None:
    """Ana answered alone in her own space from 25 to 27 Dec (Auckland days), then rejoined."""
    ana, ben = ana_and_ben
    with at(noon(28)):
        listed = call(ana, "GET", "/daily/history").json()
        mine = {d["day"]: d["mine"]["text"] for d in listed if d["elsewhere"]}
        assert mine == {f"2026-12-{d}": f"ana alone on {d}" for d in (25, 26, 27)}
        assert all(d["partner"] is None for d in listed if d["elsewhere"])
        assert "ana alone on 27" in html.unescape(
            client_for(ana).get("/daily/history/").content.decode()
        )
        assert "ana alone" not in str(call(ben, "GET", "/daily/history").json())
        assert "ana alone" not in client_for(ben).get("/daily/history/").content.decode()


def test_a_partner_back_finds_the_days_shared_before_however_many_were_opened_while_away(
    db: None,
) -> None:
    """Ana and Ben answer 2 to 5 June; Ana leaves on 23 Dec; an hour later Ben opens 145 earlier
    days (none of them hers); she comes back on 27 Dec."""
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    with at(datetime(2026, 6, 1, 12, tzinfo=LA)):
        couples.create_couple(ben)
        code = couples.invite(ben)
    with at(datetime(2026, 6, 1, 13, tzinfo=LA)):
        couples.join(ana, code)
    june = [f"2026-06-0{day}" for day in (5, 4, 3, 2)]
    for day in june:
        with at(datetime.fromisoformat(day).replace(hour=12, tzinfo=LA)):
            assert answer(ana, day, f"ana on {day}") == 200
            assert answer(ben, day, f"ben on {day}") == 200
    with at(noon(23)):
        couples.leave(ana)
    question = default_content().questions[0].id
    for back in range(145):
        DailyQuestion.objects.create(
            couple=couple_of(ben), day=date(2026, 12, 22) - timedelta(days=back),
            question_id=question, opened_at=noon(23) + timedelta(hours=1),
        )  # fmt: skip
    with at(noon(27)):
        couples.join(ana, couples.invite(ben))
    with at(noon(28)):
        listed = call(ana, "GET", "/daily/history?limit=5").json()
        assert [d["day"] for d in listed] == june
        assert all(d["revealed"] for d in listed)
        shown = html.unescape(client_for(ana).get("/daily/history/").content.decode())
        assert "No questions yet." not in shown
        assert all(f"/daily/day/{day}/" in shown for day in june)


def test_an_answer_on_a_day_opened_while_away_is_revealed_to_neither(db: None) -> None:
    """Rows earlier code let in: Ana, back, answered a day Ben opened while she was away; Ben
    answered after her, saw her words and thanked her. Nothing of hers reaches him now, and she
    sees her own answer as hers alone."""
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    together(ana, ben)
    with at(noon(23)):
        couples.leave(ana)
    with at(noon(24)):
        seen(ben, "2026-12-24")  # opened while Ana is away
    with at(noon(25)):
        couples.join(ana, couples.invite(ben))
    Answer.objects.create(
        daily=DailyQuestion.objects.get(day=date(2026, 12, 24)), user=ana, text="ana, back",
        answered_at=noon(25) + timedelta(hours=1), thanked_at=noon(25) + timedelta(hours=3),
        reply="ben thanks ana",
    )  # fmt: skip
    with at(noon(25) + timedelta(hours=2)):
        assert answer(ben, "2026-12-24", "ben after her") == 200
    with at(noon(25) + timedelta(hours=4)):
        bens = seen(ben, "2026-12-24")
        assert not bens["revealed"] and not bens["partner_has_answered"]
        assert "ana, back" not in str(bens) and "ana, back" not in page(ben, "2026-12-24")
        thanks = call(ben, "POST", "/daily/2026-12-24/respond", {"thank": True, "reply": "hi"})
        assert thanks.status_code == 400
        anas = seen(ana, "2026-12-24")
        assert anas["before_joining"] and anas["question"] is None
        assert anas["mine"]["text"] == "ana, back"
        assert not anas["mine"]["thanked_by_partner"] and anas["mine"]["partner_reply"] == ""
        shown = page(ana, "2026-12-24")
        assert "ana, back" in shown and "ben thanks ana" not in shown
        assert "ben after her" not in str(anas) + shown


def test_a_day_listed_for_both_spaces_is_never_split_across_pages(
    ana_and_ben: tuple[User, User],
) -> None:
    """Ana answered 27 Dec (Auckland) alone in her own space, then came back to Ben's, where the
    day opened with both there: her history lists it twice, always on one page."""
    ana, ben = ana_and_ben
    with at(noon(27) + timedelta(hours=1)):
        assert answer(ben, "2026-12-27", "ben with ana") == 200
    with at(noon(28)):
        entries: set[tuple[str, bool]] = set()
        before = ""
        for _ in range(6):
            listed = call(ana, "GET", f"/daily/history?limit=1{before}").json()
            if not listed:
                break
            entries |= {(d["day"], d["elsewhere"]) for d in listed}
            before = f"&before={listed[-1]['day']}"
        assert entries == {
            ("2026-12-27", False), ("2026-12-27", True), ("2026-12-26", True),
            ("2026-12-25", True),
        }  # fmt: skip
        with mock.patch("nearer.web.daily.views.HISTORY_PAGE", 1):
            first = html.unescape(client_for(ana).get("/daily/history/").content.decode())
            second = client_for(ana).get("/daily/history/?before=2026-12-27").content.decode()
    assert "/daily/day/2026-12-27/" in first and "ana alone on 27" in first
    assert 'href="?before=2026-12-27"' in first
    assert "ana alone on 26" in html.unescape(second)


def answered_and_thanked_then_left(ana: User, ben: User, *, own_space: bool) -> None:
    """Ana and Ben answer 20 Dec and Ben thanks her and replies; Ana leaves on 23 Dec, into a
    space of her own or into none."""
    together(ana, ben)
    with at(noon(20)):
        assert answer(ana, "2026-12-20", "ana to ben") == 200
        assert answer(ben, "2026-12-20", "ben to ana") == 200
        body = {"thank": True, "reply": "ben replies to ana"}
        assert call(ben, "POST", "/daily/2026-12-20/respond", body).status_code == 200
    with at(noon(23)):
        couples.leave(ana)
        if own_space:
            couples.create_couple(ana)


def test_an_answer_in_a_space_since_left_comes_without_the_partners_thanks_or_reply(
    db: None,
) -> None:
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    answered_and_thanked_then_left(ana, ben, own_space=True)
    with at(noon(24)):
        listed = call(ana, "GET", "/daily/history").json()
        shown = html.unescape(client_for(ana).get("/daily/history/").content.decode())
    (kept,) = [d for d in listed if d["day"] == "2026-12-20"]
    assert kept["elsewhere"] and kept["mine"]["text"] == "ana to ben"
    assert not kept["mine"]["thanked_by_partner"] and kept["mine"]["partner_reply"] == ""
    assert "ben replies to ana" not in str(listed) + shown and "ben to ana" not in shown


def test_someone_in_no_couple_space_still_reads_their_own_earlier_answers(db: None) -> None:
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    answered_and_thanked_then_left(ana, ben, own_space=False)
    with at(noon(24)):
        listed = call(ana, "GET", "/daily/history")
        shown = html.unescape(client_for(ana).get("/daily/history/").content.decode())
    assert listed.status_code == 200
    assert [(d["day"], d["elsewhere"]) for d in listed.json()] == [("2026-12-20", True)]
    assert "ana to ben" in shown and "No questions yet." not in shown
    assert "ben to ana" not in shown + str(listed.json())


def test_an_answer_from_an_earlier_time_together_is_not_said_to_be_written_while_apart(
    db: None,
) -> None:
    """Ana answers at 9:00 with Ben there, leaves at 10:00 and is back at 11:00."""
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    together(ana, ben)
    with at(datetime(2026, 12, 23, 9, tzinfo=LA)):  # 24 Dec in Auckland
        assert answer(ana, "2026-12-24", "ana with ben there") == 200
    with at(datetime(2026, 12, 23, 10, tzinfo=LA)):
        couples.leave(ana)
    with at(datetime(2026, 12, 23, 11, tzinfo=LA)):
        couples.join(ana, couples.invite(ben))
        anas = page(ana, "2026-12-24")
        assert "not shared with Ben" in anas
        assert "while Ben was not in this couple space" not in anas
        assert "before you and Ben were together in this couple space again" in anas
        assert seen(ana, "2026-12-24")["mine_unshared"] is True


def shared_check_in(user: User, day: int, words: str) -> None:
    """A check-in of `day` December with `words` as a shared appreciation and need, shared now."""
    CheckIn.objects.create(
        user=user, day=date(2026, 12, day), pleasantness=3, energy=3, closeness=4,
        shared_feelings=3, understood=3, validated=3, cared_for=3, stress=2,
        appreciation=words, appreciation_shared=True, need=words, need_shared=True,
    )  # fmt: skip


def test_what_was_shared_in_an_earlier_time_together_reaches_the_same_partner_again(
    db: None,
) -> None:
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    together(ana, ben)
    with at(noon(20)):
        shared_check_in(ana, 21, "ana to ben, together")
    with at(noon(23)):
        couples.leave(ana)
    with at(noon(24)):
        shared_check_in(ana, 25, "ana while apart")
    with at(noon(27)):
        couples.join(ana, couples.invite(ben))
    with at(noon(28)):
        shared = str(call(ben, "GET", "/checkins/partner?days=30").json())
        home = html.unescape(client_for(ben).get("/home/").content.decode())
    assert "ana to ben, together" in shared and "ana to ben, together" in home
    assert "ana while apart" not in shared and "ana while apart" not in home


def test_what_was_shared_with_one_partner_never_reaches_another(db: None) -> None:
    """Cara was in a space of her own while Ana shared with Ben, then takes Ben's place: she
    was in nearer at that time, and Ana was in a space, but never the two of them in one."""
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    cara = make_user("cara")
    with at(NOVEMBER - timedelta(days=1)):
        couples.create_couple(cara)
    together(ana, ben)
    with at(noon(20)):
        shared_check_in(ana, 21, "ana to ben, together")
    with at(noon(23)):
        couples.leave(ben)
        couples.join(cara, couples.invite(ana))
    with at(noon(24)):
        shared = str(call(cara, "GET", "/checkins/partner?days=30").json())
        home = client_for(cara).get("/home/").content.decode()
        assert "ana to ben" not in shared and "ana to ben" not in home
        assert couples.times_together(cara) == [(noon(23), None)]
