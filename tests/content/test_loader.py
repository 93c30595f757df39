from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from nearer.content import problems as p
from nearer.content.loader import DATA_DIR, check_content, load_content
from nearer.content.problems import ContentError


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the real content to break."""
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def edit(path: Path, change: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


def only_problem(data: Path) -> p.Problem:
    report = check_content(data)
    assert not report.ok
    assert len(report.problems) == 1, [str(x) for x in report.problems]
    return report.problems[0]


def test_the_installed_content_is_valid() -> None:
    report = check_content()
    assert report.ok, [str(x) for x in report.problems]


def test_a_missing_field_names_the_file_the_id_and_the_field(data: Path) -> None:
    edit(data / "questions/emotional.yaml", lambda d: d["questions"][0].pop("depth"))
    problem = only_problem(data)
    assert (problem.code, problem.file, problem.record, problem.field) == (
        p.MISSING_FIELD,
        "questions/emotional.yaml",
        "q.emotional.1.01",
        "depth",
    )
    assert str(problem) == (
        "questions/emotional.yaml: q.emotional.1.01: field 'depth': is required [content.E002]"
    )


def test_a_wrong_value_is_named(data: Path) -> None:
    edit(data / "practices/talking.yaml", lambda d: d["practices"][0].update(cadence="hourly"))
    problem = only_problem(data)
    assert problem.code == p.NOT_ALLOWED and problem.field == "cadence"
    assert "'hourly' is not allowed" in problem.message


def test_a_mistyped_field_is_caught(data: Path) -> None:
    edit(data / "instruments/profile.yaml", lambda d: d["items"][0].update(reverse="yes"))
    problem = only_problem(data)
    assert (problem.code, problem.field) == (p.WRONG_TYPE, "reverse")
    assert problem.record.startswith("profile.")


def test_an_unknown_field_is_caught_as_a_likely_typo(data: Path) -> None:
    edit(data / "causes.yaml", lambda d: d["causes"][0].update(sumary="x"))
    problem = only_problem(data)
    assert (problem.code, problem.field) == (p.UNKNOWN_FIELD, "sumary")


def test_broken_yaml_names_the_line(data: Path) -> None:
    path = data / "questions/physical.yaml"
    path.write_text("questions:\n  - id: [unclosed\n", encoding="utf-8")
    report = check_content(data)
    unreadable = [x for x in report.problems if x.code == p.UNREADABLE]
    assert unreadable and unreadable[0].file == "questions/physical.yaml"
    assert "line " in unreadable[0].message


def test_an_unknown_basis_is_caught(data: Path) -> None:
    edit(data / "questions/spiritual.yaml", lambda d: d["questions"][3].update(basis="nobody_2020"))
    problem = only_problem(data)
    assert (problem.code, problem.field) == (p.UNKNOWN_REFERENCE, "basis")
    assert problem.file == "questions/spiritual.yaml"


def test_a_duplicate_id_is_caught(data: Path) -> None:
    def duplicate(d: dict) -> None:  # type: ignore[type-arg]
        d["practices"][1]["id"] = d["practices"][0]["id"]

    edit(data / "practices/everyday.yaml", duplicate)
    problem = only_problem(data)
    assert problem.code == p.DUPLICATE_ID


def test_a_near_duplicate_question_is_caught(data: Path) -> None:
    def copy_reworded(d: dict) -> None:  # type: ignore[type-arg]
        first = d["questions"][0]
        d["questions"][1]["text"] = "So, " + first["text"]

    edit(data / "questions/intellectual.yaml", copy_reworded)
    problem = only_problem(data)
    assert problem.code == p.NEAR_DUPLICATE and problem.record == "q.intellectual.1.01"


def test_a_vulnerable_question_must_need_safety(data: Path) -> None:
    edit(data / "questions/emotional.yaml", lambda d: d["questions"][-1].update(needs_safety=False))
    problem = only_problem(data)
    assert (problem.code, problem.field) == (p.RULE, "needs_safety")


def test_an_item_id_must_match_its_scale(data: Path) -> None:
    edit(data / "instruments/profile.yaml", lambda d: d["items"][0].update(scale="trust"))
    codes = {x.code for x in check_content(data).problems}
    assert p.BAD_ID in codes


def test_too_few_items_are_counted(data: Path) -> None:
    edit(data / "instruments/causes.yaml", lambda d: d.update(items=d["items"][:20]))
    codes = {x.code for x in check_content(data).problems}
    assert p.TOO_FEW in codes


def test_a_missing_sign_the_article_names_is_caught(data: Path) -> None:
    edit(
        data / "instruments/signs.yaml",
        lambda d: d.update(items=[i for i in d["items"] if i["id"] != "signs.resentment"]),
    )
    problems = check_content(data).problems
    assert any(x.record == "signs.resentment" and x.code == p.TOO_FEW for x in problems)


def test_loading_broken_content_raises_with_every_problem(data: Path) -> None:
    (data / "resources.yaml").unlink()
    with pytest.raises(ContentError) as raised:
        load_content(data)
    assert raised.value.problems[0].file == "resources.yaml"
    assert "file not found" in str(raised.value)


def test_a_vulnerable_practice_cannot_switch_off_its_safety_flag(data: Path) -> None:
    def add_tiered_exchange(d: dict) -> None:  # type: ignore[type-arg]
        tiers = next(x for x in d["practices"] if x["id"] == "practice.deep_question_tiers")
        d["practices"].append(
            {
                **tiers,
                "id": "practice.tiered_question_exchange",
                "title": "A tiered question exchange",
                "ways": ["deep_questions", "vulnerability"],
                "depth": 3,
                "needs_vulnerability": False,
            }
        )

    edit(data / "practices/talking.yaml", add_tiered_exchange)
    problem = only_problem(data)
    assert (problem.code, problem.record, problem.field) == (
        p.RULE,
        "practice.tiered_question_exchange",
        "needs_vulnerability",
    )
    assert problem.file == "practices/talking.yaml"


@pytest.mark.parametrize(
    "change",
    [{"depth": 3}, {"ways": ["quality_time", "vulnerability"]}],
    ids=["depth 3", "vulnerability way"],
)
def test_depth_3_or_the_vulnerability_way_each_need_vulnerability(
    data: Path,
    change: dict,  # type: ignore[type-arg]
) -> None:
    assert flag_asked_for(data, change) == "needs_vulnerability"


@pytest.mark.parametrize(
    "warning",
    [
        "Not where you are afraid of your partner.",
        "Where stress has ever led to frightening behaviour at home, get help first.",
        "Not for an argument that involved threats; that calls for outside support.",
        "Not after shoving, hitting or any other violence.",
        "Not where there has been abuse or control over money or friends.",
        "Skip it if your privacy is not safe at home.",
        "Not where apologies follow a cycle of harm and remorse.",
    ],
)
def test_a_contraindication_that_speaks_of_danger_needs_safety(data: Path, warning: str) -> None:
    assert flag_asked_for(data, {"contraindications": [warning]}) == "needs_safety"


def test_touch_needs_safety(data: Path) -> None:
    assert flag_asked_for(data, {"forms": ["physical"]}) == "needs_safety"


def test_self_harm_alone_is_a_crisis_pointer_not_danger_between_partners(data: Path) -> None:
    def warn_of_self_harm(d: dict) -> None:  # type: ignore[type-arg]
        light = next(x for x in d["practices"] if x["id"] == LIGHT_PRACTICE)
        light["contraindications"] = ["Not a substitute for urgent help if you think of self-harm."]

    edit(data / "practices/everyday.yaml", warn_of_self_harm)
    assert check_content(data).ok


LIGHT_PRACTICE = "practice.try_something_new_together"  # no flag set, and none asked for


def flag_asked_for(data: Path, change: dict) -> str:  # type: ignore[type-arg]
    """The flag content check asks for once a light practice gets `change`, its flags unset."""

    def change_light_practice(d: dict) -> None:  # type: ignore[type-arg]
        light = next(x for x in d["practices"] if x["id"] == LIGHT_PRACTICE)
        light.update(change)

    edit(data / "practices/everyday.yaml", change_light_practice)
    problem = only_problem(data)
    assert problem.record == LIGHT_PRACTICE
    return problem.field


@pytest.mark.parametrize(
    ("path", "question_id", "change"),
    [
        ("questions/physical.yaml", "q.physical.1.15", {}),
        ("questions/emotional.yaml", "q.emotional.1.01", {"text": "When did a hug last help?"}),
        (
            "questions/experiential.yaml",
            "q.experiential.1.01",
            {"text": "Where would you like us to walk holding hands?"},
        ),
    ],
    ids=["physical form", "a hug", "holding hands"],
)
def test_a_question_of_touch_needs_safety(
    data: Path,
    path: str,
    question_id: str,
    change: dict,  # type: ignore[type-arg]
) -> None:
    def unflag(d: dict) -> None:  # type: ignore[type-arg]
        question = next(x for x in d["questions"] if x["id"] == question_id)
        question.update(change, needs_safety=False)

    edit(data / path, unflag)
    problem = only_problem(data)
    assert (problem.code, problem.record, problem.field) == (p.RULE, question_id, "needs_safety")
    assert "touch" in problem.message


def test_deeply_nested_yaml_is_one_problem_not_a_crash(data: Path) -> None:
    (data / "practices/deep.yaml").write_text("[" * 100_000, encoding="utf-8")
    problem = only_problem(data)
    assert (problem.code, problem.file, problem.message) == (
        p.UNREADABLE,
        "practices/deep.yaml",
        "nested too deeply to read",
    )


def test_a_practice_whose_steps_speak_of_touch_needs_safety(data: Path) -> None:
    step = ["Name one thing you need today, such as some quiet or a hug."]
    assert flag_asked_for(data, {"steps": step}) == "needs_safety"


def test_every_installed_instrument_says_what_it_asks_about() -> None:
    instruments = load_content().instruments.values()
    assert all(instrument.summary.strip() for instrument in instruments)


def test_an_instrument_without_a_summary_still_loads(data: Path) -> None:
    edit(data / "instruments/signs.yaml", lambda d: d.pop("summary"))
    assert check_content(data).ok
    assert load_content(data).instruments["signs"].summary == ""


def test_a_summary_that_is_no_text_is_named(data: Path) -> None:
    edit(data / "instruments/signs.yaml", lambda d: d.update(summary=["a", "list"]))
    problem = check_content(data).problems[0]  # then what rests on the signs, left unbuilt
    assert (problem.file, problem.code, problem.field) == (
        "instruments/signs.yaml",
        p.WRONG_TYPE,
        "summary",
    )
