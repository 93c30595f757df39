"""Every instrument asks about "my partner": once a partnership ends, what was answered about
that partner no longer speaks for the person, in a new couple space or in the same one."""

from __future__ import annotations

from typing import Any

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.assessments import services as assessments
from nearer.web.assessments.reports import report_context
from nearer.web.couples import services as couples
from nearer.web.insights.dashboard import next_step
from tests.conftest import agreeing
from tests.web.conftest import make_couple, make_user, screen


def take_profile(user: User) -> None:
    profile = default_content().instruments["profile"]
    assessments.save_run(user, profile, agreeing(profile))


def test_a_safety_check_about_an_earlier_partner_opens_nothing_with_the_next(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice), screen(bob)
    assert assessments.couple_is_safe(couples.couple_of(alice))  # type: ignore[arg-type]
    couples.leave(alice)
    dan = make_user("dan")
    make_couple(alice, dan)
    screen(dan)
    assert not assessments.has_screened(alice) and not assessments.safety_gate(alice).screened
    assert not assessments.couple_is_safe(couples.couple_of(alice))  # type: ignore[arg-type]
    assert next_step(alice, alice.date_joined.date())[1] == "/assessments/safety/take/"


def test_the_stayers_answers_about_a_partner_who_left_never_reach_the_next_partner(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    take_profile(alice), take_profile(bob)
    couples.leave(bob)
    dan = make_user("dan")
    couples.join(dan, couples.invite(alice))
    take_profile(dan)
    seen_by_dan = report_context(dan)
    assert not seen_by_dan["partner_has_profile"] and seen_by_dan["comparison"] is None
    assert (
        assessments.scores(alice, "profile") is None and assessments.history(alice, "profile") == []
    )
    assert assessments.can_take(alice, "profile")  # no four-week wait from the earlier answers


def test_the_leavers_answers_stay_in_their_export_but_not_in_their_report(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    take_profile(alice)
    couples.leave(alice)
    assert assessments.latest_run(alice, "profile") is None
    assert alice.runs.count() == 1  # type: ignore[attr-defined]
    take_profile(alice)
    assert assessments.latest_run(alice, "profile") is not None


def test_a_partner_who_deletes_their_account_ends_the_partnership_for_the_stayer(
    couple: tuple[User, User],
) -> None:
    from nearer.web.accounts.deletion import delete_account

    alice, bob = couple
    screen(alice)
    delete_account(bob)
    assert not assessments.has_screened(alice)
    carol = make_user("carol")
    assert carol.pk and assessments.answers_count_from(carol) is None


def test_answers_given_alone_before_joining_the_partner_count_with_them(alice: User) -> None:
    dan = make_user("dan")
    couples.create_couple(dan)  # as sign-up does: a space of one's own
    take_profile(dan)
    couples.create_couple(alice)
    couples.join(dan, couples.invite(alice))  # leaves the solo space behind
    assert assessments.answers_count_from(dan) is None
    assert assessments.latest_run(dan, "profile") is not None
    assert not assessments.can_take(dan, "profile")


def test_the_leavers_earlier_answers_stay_set_aside_after_the_ex_deletes_their_account(
    couple: tuple[User, User],
) -> None:
    from nearer.web.accounts.deletion import delete_account

    alice, bob = couple
    screen(alice), take_profile(alice)
    couples.leave(alice)
    delete_account(bob)  # his rows go: the end of the partnership must not go with them
    dan = make_user("dan")
    make_couple(dan)
    couples.join(alice, couples.invite(dan))
    screen(dan)
    assert assessments.latest_run(alice, "profile") is None
    assert not assessments.has_screened(alice)
    assert not assessments.couple_is_safe(couples.couple_of(alice))  # type: ignore[arg-type]


def test_answers_given_alone_after_the_ex_left_count_in_the_next_partners_space(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    couples.leave(bob)
    take_profile(alice)  # alone in the space, after bob had gone
    dan = make_user("dan")
    make_couple(dan)
    couples.join(alice, couples.invite(dan))
    assert assessments.latest_run(alice, "profile") is not None


def test_the_latest_run_that_speaks_for_a_person_is_read_in_one_query(
    couple: tuple[User, User], django_assert_num_queries: Any
) -> None:
    alice, bob = couple
    take_profile(alice)
    with django_assert_num_queries(1):  # the report asks for some fifteen runs
        assert assessments.latest_run(alice, "profile") is not None
    couples.leave(bob)
    with django_assert_num_queries(1):
        assert assessments.latest_run(alice, "profile") is None
