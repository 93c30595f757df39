"""Rows older code let in: Ana, back after time away, answered a day Ben opened while she was
away, and the two exchanged on it (her reply and thanks sit on Ben's answer). The day is revealed
to neither now, so nothing of hers reaches Ben on the day page, in the API or in his export, and
deleting her account takes them back all the same. Helpers and cast as in
test_daily_rejoin."""

from __future__ import annotations

from datetime import date, timedelta

from nearer.web.accounts.deletion import delete_account
from nearer.web.accounts.export import export_data
from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.daily.models import Answer, DailyQuestion
from tests.web.test_daily_rejoin import at, noon, page, person, seen, together

DAY = "2026-12-24"


def exchanged_on_a_day_opened_while_away(ana: User, ben: User) -> Answer:
    """Ana leaves on 23 Dec, Ben opens the 24th alone, Ana comes back on the 25th; then the
    rows: her answer, and his after it with her thanks and reply on it. Returns Ben's."""
    together(ana, ben)
    with at(noon(23)):
        couples.leave(ana)
    with at(noon(24)):
        seen(ben, DAY)
    with at(noon(25)):
        couples.join(ana, couples.invite(ben))
    daily = DailyQuestion.objects.get(day=date(2026, 12, 24))
    back = noon(25)
    Answer.objects.create(daily=daily, user=ana, text="ana, back", answered_at=back)
    return Answer.objects.create(
        daily=daily, user=ben, text="ben", answered_at=back + timedelta(hours=2),
        thanked_at=back + timedelta(hours=3), reply="ana replies to ben",
    )  # fmt: skip


def test_a_reply_on_an_answer_of_a_day_not_revealed_reaches_its_writer_nowhere(
    db: None,
) -> None:
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    exchanged_on_a_day_opened_while_away(ana, ben)
    with at(noon(25) + timedelta(hours=4)):
        bens = seen(ben, DAY)
        shown = page(ben, DAY)
        exported = export_data(ben)["daily_questions"]
    assert not bens["revealed"] and isinstance(bens["mine"], dict)
    assert bens["mine"]["text"] == "ben"
    assert not bens["mine"]["thanked_by_partner"] and bens["mine"]["partner_reply"] == ""
    assert "ana replies to ben" not in shown
    assert isinstance(exported, list)
    (row,) = [r for r in exported if r["day"] == DAY]
    assert row["my_answer"] == "ben"
    assert not row["partner_thanked_me"] and row["partner_reply"] is None


def test_deleting_an_account_takes_back_its_reply_on_a_day_not_revealed(db: None) -> None:
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    bens = exchanged_on_a_day_opened_while_away(ana, ben)
    with at(noon(26)):
        delete_account(ana)
    bens.refresh_from_db()
    assert bens.thanked_at is None and bens.reply == ""


def test_deleting_an_account_leaves_a_thanks_it_did_not_give(db: None) -> None:
    """Ana answers the 23rd with Ben and leaves; Cara, who takes her place that evening, has
    Ben's thanks on her answer (older code let her in on a day opened before she came). Ana and
    Cara were never in the space together: Ana's deletion takes nothing of Cara's."""
    ana, ben = person("ana", "Pacific/Auckland"), person("ben", "America/Los_Angeles")
    cara = person("cara", "America/Los_Angeles")
    together(ana, ben)
    with at(noon(23)):
        daily = DailyQuestion.objects.get(pk=_opened(ben, "2026-12-23"))
        Answer.objects.create(daily=daily, user=ana, text="ana", answered_at=noon(23))
        bens = Answer.objects.create(
            daily=daily, user=ben, text="ben", answered_at=noon(23), reply="ana replies"
        )
        couples.leave(ana)
    with at(noon(23) + timedelta(hours=2)):
        couples.join(cara, couples.invite(ben))
    caras = Answer.objects.create(
        daily=daily, user=cara, text="cara", answered_at=noon(23) + timedelta(hours=3),
        thanked_at=noon(23) + timedelta(hours=4), reply="ben replies to cara",
    )  # fmt: skip
    with at(noon(24)):
        delete_account(ana)
    bens.refresh_from_db()
    caras.refresh_from_db()
    assert bens.reply == ""
    assert caras.thanked_at is not None and caras.reply == "ben replies to cara"


def _opened(user: User, day: str) -> int:
    """Opens `day` as `user` reads it; the id of its question."""
    seen(user, day)
    return DailyQuestion.objects.get(day=date.fromisoformat(day)).pk
