"""Rows older code let in: Ana, back after time away, answered a day Ben opened while she was
away, and the two exchanged on it (her reply and thanks sit on Ben's answer). The day is revealed
to neither now, so nothing of hers reaches Ben on the day page, in the API or in his export. Helpers
and cast as in test_daily_rejoin."""

from __future__ import annotations

from datetime import date, timedelta

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
