from __future__ import annotations

from dataclasses import replace

from nearer.chat.findings import LINKS, Link, choose_practice, findings
from nearer.chat.report import Report
from nearer.domain.model import Content


def test_every_link_names_a_real_sign_and_practice(content: Content) -> None:
    signs = {item.id for item in content.instruments["signs"].items}
    practices = {practice.id for practice in content.practices}
    for metric, link in LINKS.items():
        assert link.sign in signs, metric
        assert link.practice in practices, metric


def test_a_practice_that_needs_vulnerability_is_never_chosen(content: Content) -> None:
    for link in LINKS.values():
        for wanted in (link, replace(link, practice="practice.share_a_softer_feeling")):
            chosen = choose_practice(wanted, content.practices)
            assert chosen is not None and not chosen.needs_vulnerability


def test_practices_touching_conflict_are_kept_for_conflict_findings(content: Content) -> None:
    gentle = Link("signs.surface_talk", "practice.softened_start_up", ("repair", "appreciation"))
    chosen = choose_practice(gentle, content.practices)
    assert chosen is not None and not chosen.touches_conflict
    conflict = replace(gentle, conflict=True)
    assert choose_practice(conflict, content.practices).id == "practice.softened_start_up"  # type: ignore[union-attr]


def test_without_the_preferred_practice_the_best_fitting_gentle_one_is_chosen(
    content: Content,
) -> None:
    link = Link("signs.appreciation_shown", "practice.gone", ("appreciation",))
    chosen = choose_practice(link, content.practices)
    assert chosen is not None and "appreciation" in chosen.ways


def test_nothing_fits_gives_none(content: Content) -> None:
    assert choose_practice(Link("signs.conflict", "practice.gone"), content.practices) is None


def test_findings_are_the_unusual_trends_changes_away_from_closeness_first(
    demo_report: Report,
) -> None:
    found = findings(demo_report.trends)
    assert found and all(f.trend.unusual for f in found)
    order = [f.toward_closeness for f in found]
    assert order == sorted(order, key=lambda t: {False: 0, None: 1, True: 2}[t])


def test_overall_you_talk_is_no_conflict_finding(content: Content) -> None:
    # It counts "thank you" and "love you": a drop in it says nothing of tense stretches.
    link = LINKS["you_per_100"]
    assert not link.conflict and link.sign != "signs.conflict"
    chosen = choose_practice(link, content.practices)
    assert chosen is not None and not chosen.touches_conflict
