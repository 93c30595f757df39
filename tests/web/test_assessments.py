from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.html import escape

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.assessments.models import Run
from nearer.web.couples.services import couple_of
from tests.conftest import agreeing
from tests.web.api.conftest import call
from tests.web.conftest import client_for, screen
from tests.web.test_safety_midweek import make_deep_week


def take(user: User, instrument_id: str, answers: dict[str, int]) -> object:
    return client_for(user).post(
        f"/assessments/{instrument_id}/take/", {k: str(v) for k, v in answers.items()}
    )


def report_of(user: User) -> str:
    """The report page as its reader sees it, the form tokens of the session left out."""
    page = client_for(user).get("/assessments/report/").content.decode()
    return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", page)


def test_taking_the_profile_saves_a_run_and_goes_on(alice: User) -> None:
    profile = default_content().instruments["profile"]
    response = take(alice, "profile", agreeing(profile))
    assert response.status_code == 302  # type: ignore[attr-defined]
    run = Run.objects.get(user=alice, instrument="profile")
    assert len(run.answers) == len(profile.items)


def test_an_answer_out_of_range_is_a_400_naming_the_item(alice: User) -> None:
    item = default_content().instruments["profile"].items[0]
    response = take(alice, "profile", {item.id: 9})
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert item.id.encode() in response.content  # type: ignore[attr-defined]
    assert not Run.objects.exists()


def test_a_retake_waits_four_weeks_but_the_safety_check_does_not(alice: User) -> None:
    profile = default_content().instruments["profile"]
    take(alice, "profile", agreeing(profile))
    assert take(alice, "profile", agreeing(profile)).status_code == 400  # type: ignore[attr-defined]
    Run.objects.update(completed_at=timezone.now() - timedelta(weeks=5))
    assert take(alice, "profile", agreeing(profile)).status_code == 302  # type: ignore[attr-defined]
    safety = default_content().instruments["safety"]
    calm = {item.id: 1 for item in safety.items}
    assert take(alice, "safety", calm).status_code == 302  # type: ignore[attr-defined]
    assert take(alice, "safety", calm).status_code == 302  # type: ignore[attr-defined]


def test_the_dyadic_report_shows_both_partners_and_never_a_verdict(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    profile = default_content().instruments["profile"]
    take(alice, "profile", agreeing(profile))
    take(bob, "profile", {item.id: 4 for item in profile.items})
    page = client_for(alice).get("/assessments/report/").content.decode()
    assert "Bob" in page and "<svg" in page and "Gap" in page
    assert "provisional" in page
    for verdict in ("divorce", "risk", "winner", "better partner"):
        assert verdict not in page.lower()


def test_the_partner_never_sees_the_safety_screen(couple: tuple[User, User]) -> None:
    alice, bob = couple
    safety = default_content().instruments["safety"]
    take(alice, "safety", {item.id: 5 for item in safety.items})
    for url in ("/home/", "/assessments/report/", "/plan/", "/assessments/"):
        page = client_for(bob).get(url).content.decode().lower()
        assert "support, whenever" not in page and "concern" not in page


def test_a_concern_shows_resources_to_that_person_only(alice: User) -> None:
    safety = default_content().instruments["safety"]
    take(alice, "safety", {item.id: 5 for item in safety.items})
    page = client_for(alice).get("/assessments/safety/result/?country=US").content.decode()
    assert "Support, whenever you want it" in page and "800-799-7233" in page


def test_a_concern_goes_to_support_first_not_on_to_the_next_questions(alice: User) -> None:
    safety = default_content().instruments["safety"]
    answers = {item.id: 1 for item in safety.items} | {safety.items[-1].id: 5}
    response = take(alice, "safety", answers)
    assert response["Location"] == "/assessments/safety/result/"  # type: ignore[index]


def test_the_report_of_a_person_who_raised_a_concern_begins_with_support(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    profile, safety = (default_content().instruments[i] for i in ("profile", "safety"))
    take(alice, "profile", agreeing(profile))
    take(bob, "profile", {item.id: 4 for item in profile.items})
    screen(bob)
    take(alice, "safety", {item.id: 5 for item in safety.items})
    page = client_for(alice).get("/assessments/report/").content.decode()
    assert page.index("Support, whenever you want it") < page.index("The five forms")
    assert "Worth talking about" not in page  # nothing that asks to open up more
    bobs = client_for(bob).get("/assessments/report/").content.decode()
    assert "Worth talking about" not in bobs  # nor to the partner in a light week
    assert "appear here in a week when your daily questions go deeper" in bobs


def test_a_person_who_raised_a_concern_is_shown_no_growth_areas_to_reach_for(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    profile, safety = (default_content().instruments[i] for i in ("profile", "safety"))
    for person in couple:  # both low everywhere: touch and opening up are shared growth areas
        take(person, "profile", {item.id: 1 for item in profile.items})
        screen(person)
    make_deep_week(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    bobs = report_of(bob)
    assert "Growth areas you share" in bobs and "None stand out." not in bobs.split("Growth")[1]
    take(alice, "safety", {item.id: 5 for item in safety.items})
    page = client_for(alice).get("/assessments/report/").content.decode()
    assert "Growth areas you share" not in page
    assert call(alice, "GET", "/assessments/report").json()["growth_areas"] == []
    # Bob's report stays as the week began, as his plan does: it tells him nothing.
    assert report_of(bob) == bobs


def test_each_take_link_names_its_assessment(alice: User) -> None:
    screen(alice)  # the safety check may be taken again at once
    page = client_for(alice).get("/assessments/").content.decode()
    links = re.findall(
        r'<a class="button[^"]*" href="[^"]+" aria-label="([^"]+)">([^<]+)</a>', page
    )
    assert {shown for _, shown in links} == {"Take again", "Take it"}
    assert all(name.startswith(shown + ": ") for name, shown in links)  # voice control
    assert len({name for name, _ in links}) == len(links) > 1
    assert {name for name, _ in links if name.startswith("Take again")} == {
        f"Take again: {default_content().instruments['safety'].title}"
    }


def test_an_unknown_instrument_is_404(alice: User) -> None:
    assert client_for(alice).get("/assessments/love-languages/take/").status_code == 404


def answer_names(page: str) -> list[str]:
    """What a screen reader names each answer on `page`: the text of its radio's <label>."""
    labels = re.findall(r'<label\b[^>]*>(<input type="radio".*?)</label>', page, re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", label).split()) for label in labels]


def test_every_answer_is_named_by_its_meaning_under_a_key_that_comes_first(alice: User) -> None:
    for instrument in default_content().instruments.values():
        page = client_for(alice).get(f"/assessments/{instrument.id}/take/").content.decode()
        labels = instrument.response.labels
        names = answer_names(page)
        assert len(names) == len(instrument.items) * (instrument.response.span + 1)
        for name in names:  # "1 never", "4 neither agree nor disagree"
            point = int(name.split()[0])
            assert name == f"{point} {labels[point].lower()}", (instrument.id, name)
        key = page.index('id="scale-key"')
        assert key < page.index("<fieldset"), instrument.id
        assert f"1 = {labels[1]}" in page[key : page.index("</p>", key)], instrument.id


def test_the_gap_is_the_difference_of_the_scores_as_shown(couple: tuple[User, User]) -> None:
    # Alice's trust scores 0; Bob's keyed answers add up to 24 of 7..49: 40.476, shown as 40,
    # rounded once from the unrounded score (through 40.5 it showed as 41). The gap is 40 - 0.
    alice, bob = couple
    profile = default_content().instruments["profile"]
    r = profile.response
    trust = profile.items_of("trust")
    keyed = dict(zip((item.id for item in trust), (4, 4, 4, 3, 3, 3, 3), strict=True))
    mine = {**agreeing(profile), **{item.id: r.max if item.reverse else r.min for item in trust}}
    theirs = {
        **agreeing(profile),
        **{
            item.id: r.min + r.max - keyed[item.id] if item.reverse else keyed[item.id]
            for item in trust
        },
    }
    take(alice, "profile", mine)
    take(bob, "profile", theirs)
    page = client_for(alice).get("/assessments/report/").content.decode()
    row = re.search(r'<th scope="row">Trust</th>(.*?)</tr>', page, flags=re.DOTALL)
    assert row is not None, page
    assert re.findall(r"<td>([^<]*)</td>", row.group(1))[:3] == ["0", "40", "40"]


def test_a_retake_too_thin_to_score_any_part_is_refused_and_keeps_the_last_result(
    alice: User,
) -> None:
    profile = default_content().instruments["profile"]
    take(alice, "profile", agreeing(profile))
    Run.objects.update(completed_at=timezone.now() - timedelta(weeks=5))
    response = take(alice, "profile", {profile.items[0].id: 2})
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Too few answers to score any part" in response.content.decode()  # type: ignore[attr-defined]
    assert Run.objects.filter(user=alice).count() == 1
    page = client_for(alice).get("/assessments/profile/take/").content.decode()
    assert "These answers replace those of" in page


def test_a_retake_that_must_wait_names_the_day_it_opens(alice: User) -> None:
    profile = default_content().instruments["profile"]
    take(alice, "profile", agreeing(profile))
    opens = timezone.localdate(timezone.now() + timedelta(weeks=4))
    said = f"You can retake this from {opens.day} {opens:%B %Y}"
    assert said in client_for(alice).get("/assessments/").content.decode()
    assert said in take(alice, "profile", agreeing(profile)).content.decode()  # type: ignore[attr-defined]


def test_earlier_results_show_every_scale_of_the_profile_run_by_run(alice: User) -> None:
    profile = default_content().instruments["profile"]
    take(alice, "profile", agreeing(profile))
    Run.objects.update(completed_at=timezone.now() - timedelta(weeks=5))
    take(alice, "profile", {item.id: 4 for item in profile.items})
    page = client_for(alice).get("/assessments/report/").content.decode()
    earlier = page[page.index("Earlier results") :]
    rows = earlier.split("<tr>")[2:]  # a scale a row, after the dates
    assert [row[: row.index("</th>")] for row in rows] == [
        f'<th scope="row">{scale.name}' for scale in profile.scales
    ]
    assert all(row.count("<td>") == 2 and "<td>100</td><td>" in row for row in rows)
    runs = [timezone.localtime(run.completed_at) for run in Run.objects.order_by("completed_at")]
    dates = [f'<time datetime="{run:%Y-%m-%d}">{run.day} {run:%b %Y}</time>' for run in runs]
    assert earlier.index(dates[0]) < earlier.index(dates[1]) < earlier.index("<tbody>")


def test_the_report_dates_both_answers_and_says_when_they_are_apart(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    profile = default_content().instruments["profile"]
    take(alice, "profile", agreeing(profile))
    take(bob, "profile", agreeing(profile))
    page = client_for(alice).get("/assessments/report/").content.decode()
    assert "Your answers of" in page and "the time between them" not in page
    Run.objects.filter(user=bob).update(completed_at=timezone.now() - timedelta(weeks=5))
    page = client_for(alice).get("/assessments/report/").content.decode()
    assert "A gap may be partly the time between them." in page


def test_each_partner_is_dated_in_their_own_zone_and_both_reports_agree(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    User.objects.filter(pk=alice.pk).update(time_zone="Europe/London")
    User.objects.filter(pk=bob.pk).update(time_zone="America/New_York")
    profile = default_content().instruments["profile"]
    take(alice, "profile", agreeing(profile))
    take(bob, "profile", agreeing(profile))
    # Both on the evening of 16 November where they live: 20:00 in London, 22:30 in New York.
    Run.objects.filter(user=alice).update(completed_at=datetime(2026, 11, 16, 20, tzinfo=UTC))
    Run.objects.filter(user=bob).update(completed_at=datetime(2026, 11, 17, 3, 30, tzinfo=UTC))
    for reader, other in ((alice, "Bob"), (bob, "Alice")):
        page = report_of(reader)
        assert f"Your answers of 16 November 2026; {other}'s of 16 November 2026." in page
        assert "the time between them" not in page


def test_a_cause_pointed_to_by_disagreeing_says_so(alice: User) -> None:
    from nearer.web.couples import services as couples

    content = default_content()
    finder, profile = content.instruments["causes"], content.instruments["profile"]
    middle = (finder.response.min + finder.response.max) // 2
    # Only the statements to disagree with point anywhere: strongly disagreed, the rest neutral.
    answers = {i.id: finder.response.min if i.reverse else middle for i in finder.items}
    couples.create_couple(alice)
    take(alice, "profile", {item.id: 4 for item in profile.items})
    take(alice, "causes", answers)
    page = client_for(alice).get("/assessments/report/").content.decode()
    assert "Your answers that point here" in page and "(you disagreed)" in page


def test_a_retake_that_would_blank_a_part_the_last_one_scored_is_refused(alice: User) -> None:
    profile = default_content().instruments["profile"]
    take(alice, "profile", agreeing(profile))
    Run.objects.update(completed_at=timezone.now() - timedelta(weeks=5))
    emotional = {item.id: 6 for item in profile.items_of("emotional")}
    response = take(alice, "profile", emotional)
    said = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 400 and "which your last time scored" in said  # type: ignore[attr-defined]
    assert "Intellectual" in said and Run.objects.filter(user=alice).count() == 1


def test_a_retake_that_opens_later_today_says_at_what_time(alice: User) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tests.web.test_checkin import at

    profile = default_content().instruments["profile"]
    noon = datetime(2026, 3, 15, 12, 0, tzinfo=ZoneInfo("UTC"))
    with at(noon):
        take(alice, "profile", agreeing(profile))
    Run.objects.update(completed_at=noon - timedelta(weeks=4) + timedelta(hours=3))
    with at(noon):
        said = take(alice, "profile", agreeing(profile)).content.decode()  # type: ignore[attr-defined]
    assert "You can retake this from 15:00 today" in said


def test_a_run_that_leaves_parts_unscored_starts_no_four_weeks_and_says_so(alice: User) -> None:
    """Enter pressed after ten of the profile's answers saves them; the person may finish it
    at once, the form filled in with those answers, rather than wait four weeks."""
    profile = default_content().instruments["profile"]
    client = client_for(alice)
    emotional = {item.id: "6" for item in profile.items_of("emotional")}
    assert client.post("/assessments/profile/take/", emotional).status_code == 302
    told = client.get("/assessments/").content.decode()
    assert "the four weeks until a retake start once every part is scored" in told
    page = client.get("/assessments/profile/take/")
    assert page.status_code == 200 and "your last answers are filled in" in page.content.decode()
    first = profile.items_of("emotional")[0].id
    assert re.search(rf'name="{first}" value="6"\s+checked', page.content.decode())
    finished = agreeing(profile) | {item: 6 for item in emotional}
    assert take(alice, "profile", finished).status_code == 302  # type: ignore[attr-defined]
    assert take(alice, "profile", finished).status_code == 400  # type: ignore[attr-defined]


def test_a_run_with_parts_unscored_may_only_be_finished_never_changed(alice: User) -> None:
    """Saving again and again with a part left out, changing one answer each time, would show
    in the report where the partner's answer to that statement lies."""
    profile = default_content().instruments["profile"]
    client = client_for(alice)
    emotional = {item.id: "6" for item in profile.items_of("emotional")}
    assert client.post("/assessments/profile/take/", emotional).status_code == 302
    first = profile.items_of("emotional")[0].id
    changed = client.post("/assessments/profile/take/", emotional | {first: "2"})
    assert changed.status_code == 400 and "only finish it" in changed.content.decode()
    assert Run.objects.filter(user=alice, instrument="profile").count() == 1
    intellectual = {item.id: "5" for item in profile.items_of("intellectual")}
    added = client.post("/assessments/profile/take/", emotional | intellectual)
    assert added.status_code == 302


def test_the_questionnaires_page_says_what_each_asks_about_and_how_long_it_takes(
    alice: User,
) -> None:
    page = client_for(alice).get("/assessments/").content.decode()
    for found in default_content().instruments.values():
        card = page.split(f"{found.title}</h2>", 1)[1].split("</div>", 1)[0]
        assert f"<p>{escape(found.summary)}</p>" in card
        assert f"{len(found.items)} questions, about {found.minutes} minutes." in card
    assert "56 questions, about 8 minutes." in page  # the Intimacy Profile, counted by hand


def test_what_can_help_keeps_titles_with_commas_whole(alice: User) -> None:
    from nearer.web.couples import services as couples

    content = default_content()
    finder, profile = content.instruments["causes"], content.instruments["profile"]
    strongest = finder.response.max
    answers = {i.id: finder.response.min if i.reverse else strongest for i in finder.items}
    couples.create_couple(alice)
    take(alice, "profile", {item.id: 4 for item in profile.items})
    take(alice, "causes", answers)
    page = client_for(alice).get("/assessments/report/").content.decode()
    lines = re.findall(r"What can help: ([^<]+)</p>", page)
    titles = {escape(p.title) for p in content.practices}
    listed = [line.split("; ") for line in lines]
    assert any(len(shown) > 1 for shown in listed)
    assert all(set(shown) <= titles for shown in listed), listed
    assert any("," in title for title in titles)  # what a comma between them would split
