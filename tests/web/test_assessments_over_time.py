"""Results read over months on the report: the Signs checklist beside its own earlier runs, and
a run finished later counted once, not as an earlier result."""

from __future__ import annotations

import re
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.domain.scoring import as_shown, scale_score
from nearer.web.accounts.models import User
from nearer.web.assessments.models import Run
from tests.conftest import agreeing
from tests.web.api.conftest import call
from tests.web.test_assessments import report_of, take


def signs_answers(strong: int, low: int) -> dict[str, int]:
    """The Signs checklist answered `strong` on every sign of strong intimacy, `low` on the rest."""
    signs = default_content().instruments["signs"]
    return {item.id: strong if item.scale == "strong" else low for item in signs.items}


def signs_card(page: str) -> str:
    """The report's Signs checklist card."""
    return page[page.index('<div class="card" id="signs">') :]


def row_of(card: str, name: str) -> list[str]:
    """The cells after a scale's name in the first table of `card` that has it."""
    row = re.search(rf'<th scope="row">{name}</th>(.*?)</tr>', card, flags=re.DOTALL)
    assert row is not None, card
    return re.findall(r"<td>([^<]*)</td>", row.group(1))


def shown(answers: dict[str, int], scale_id: str) -> str:
    """A profile scale's score for `answers` as the page shows it."""
    score = scale_score(default_content().instruments["profile"], scale_id, answers)
    return "—" if score is None else str(as_shown(score))


def earlier(card: str) -> str:
    return card[card.index("Earlier results") :]


def a_month_ago(user: User, instrument_id: str) -> None:
    """Every run of `user`'s so far taken five weeks earlier: a retake is open again."""
    runs = Run.objects.filter(user=user, instrument=instrument_id)
    runs.update(completed_at=F("completed_at") - timedelta(weeks=5))


def test_the_report_shows_my_latest_signs_scores_and_the_day_i_gave_them(alice: User) -> None:
    take(alice, "signs", signs_answers(strong=4, low=2))
    card = signs_card(report_of(alice))
    assert row_of(card, "Signs of strong intimacy") == ["75"]
    assert row_of(card, "Signs of low intimacy") == ["25"]
    today = timezone.localdate()
    assert f"Your answers of {today.day} {today:%B %Y}." in card
    assert "Earlier results" not in card  # one run: nothing earlier to set beside it


def test_retaking_the_signs_shows_each_run_beside_the_earlier_ones(alice: User) -> None:
    take(alice, "signs", signs_answers(strong=4, low=2))
    a_month_ago(alice, "signs")
    take(alice, "signs", signs_answers(strong=5, low=1))
    card = signs_card(report_of(alice))
    assert row_of(card, "Signs of strong intimacy") == ["100"]  # the latest
    over_time = earlier(card)
    assert row_of(over_time, "Signs of strong intimacy") == ["75", "100"]
    assert row_of(over_time, "Signs of low intimacy") == ["25", "0"]
    runs = [timezone.localtime(r.completed_at) for r in Run.objects.order_by("completed_at")]
    dates = [f'<time datetime="{run:%Y-%m-%d}">{run.day} {run:%b %Y}</time>' for run in runs]
    assert over_time.index(dates[0]) < over_time.index(dates[1])


def test_the_report_invites_to_take_the_signs_until_they_are_taken(alice: User) -> None:
    card = signs_card(report_of(alice))
    assert "Not taken yet." in card and 'href="/assessments/signs/take/"' in card
    assert "<table" not in card


def test_the_partner_never_sees_my_signs_scores(couple: tuple[User, User]) -> None:
    """The signs' take page promises the partner only the likely causes the two share."""
    alice, bob = couple
    take(alice, "signs", signs_answers(strong=2, low=5))  # 25 and 100: Bob's are 75 and 25
    take(bob, "signs", signs_answers(strong=4, low=2))
    card = signs_card(report_of(bob))
    assert row_of(card, "Signs of strong intimacy") == ["75"]
    assert row_of(card, "Signs of low intimacy") == ["25"]
    assert "Alice" not in card.split("</table>")[0]  # no column of hers
    assert "Bob sees the likely causes the two of you share, never your answers." in (
        signs_card(report_of(alice))
    )


def unfinished_then_finished(alice: User) -> dict[str, int]:
    """The profile's emotional part only, then, the same day, every part (a finish): the
    finished answers."""
    profile = default_content().instruments["profile"]
    emotional = {item.id: 6 for item in profile.items_of("emotional")}
    assert take(alice, "profile", emotional).status_code == 302  # type: ignore[attr-defined]
    finished = agreeing(profile) | emotional
    assert take(alice, "profile", finished).status_code == 302  # type: ignore[attr-defined]
    return finished


def test_finishing_an_unfinished_profile_adds_no_earlier_result(alice: User) -> None:
    unfinished_then_finished(alice)
    assert Run.objects.filter(user=alice).count() == 2  # both kept, as saved
    assert "Earlier results" not in report_of(alice)
    history = call(alice, "GET", "/assessments/instruments/profile/history").json()
    assert len(history) == 1 and None not in history[0]["scores"].values()


def test_a_finished_run_is_one_result_beside_a_later_retake(alice: User) -> None:
    profile = default_content().instruments["profile"]
    finished = unfinished_then_finished(alice)
    a_month_ago(alice, "profile")
    retake = {item.id: 4 for item in profile.items}
    take(alice, "profile", retake)
    over_time = earlier(report_of(alice))
    assert over_time.count("<time ") == 2
    for scale in ("emotional", "trust"):
        name = scale.capitalize()
        assert row_of(over_time, name) == [shown(finished, scale), shown(retake, scale)]


def test_a_full_result_the_same_day_still_shows_as_an_earlier_one(alice: User) -> None:
    """Only a run that left parts unscored is finished by the next; one that scored every part
    is a result, whenever the next came."""
    profile = default_content().instruments["profile"]
    now = timezone.now()
    for hours, value in ((2, 4), (1, 7)):
        answers = {item.id: value for item in profile.items}
        Run.objects.create(
            user=alice,
            instrument="profile",
            answers=answers,
            completed_at=now - timedelta(hours=hours),
        )
    over_time = earlier(report_of(alice))
    assert over_time.count("<time ") == 2
    history = call(alice, "GET", "/assessments/instruments/profile/history").json()
    assert len(history) == 2


def test_an_unfinished_run_a_retake_changed_stays_an_earlier_result(alice: User) -> None:
    """After four weeks a save may change what the unfinished run gave: then it is a retake, and
    the unfinished run an earlier result of its own, its unscored parts shown as such."""
    profile = default_content().instruments["profile"]
    emotional = {item.id: 6 for item in profile.items_of("emotional")}
    take(alice, "profile", emotional)
    a_month_ago(alice, "profile")
    take(alice, "profile", {item.id: 4 for item in profile.items})
    over_time = earlier(report_of(alice))
    assert over_time.count("<time ") == 2
    assert row_of(over_time, "Emotional")[0] == shown(emotional, "emotional")
    assert row_of(over_time, "Trust")[0] == "—"
