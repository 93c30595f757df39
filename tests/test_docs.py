"""Docs that tests keep honest."""

from __future__ import annotations

import json
import re
from pathlib import Path

from nearer.cli.reference import reference_markdown
from nearer.content import schema
from nearer.domain import pacing
from nearer.web.plans.services import COMFORT_DAYS, HARD_WEEK_DAYS
from tests.cli.conftest import run, write

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"


def test_the_cli_reference_is_generated_from_the_code() -> None:
    assert (DOCS / "cli.md").read_text() == reference_markdown(), "run `make docs`"


def test_the_readme_quick_start_is_exactly_make_run_and_make_test() -> None:
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^(make \w+)", quick_start, flags=re.MULTILINE)
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.MULTILINE) and re.search(
        r"^test:", makefile, re.MULTILINE
    )


def test_every_command_the_readme_shows_exists_with_the_options_it_uses() -> None:
    readme = (ROOT / "README.md").read_text()
    shown = re.findall(r"^\.venv/bin/nearer (\w+)(.*?)(?:#|$)", readme, flags=re.MULTILINE)
    assert len(shown) >= 5
    for command, rest in shown:
        helped = run(command, "--help")
        assert helped.exit_code == 0, command
        for option in re.findall(r"--[a-z-]+", rest):
            assert option in helped.stdout, f"nearer {command} {option}"


def test_ci_runs_make_test_and_nothing_else() -> None:
    script = (ROOT / ".ci/run").read_text()
    commands = [
        line for line in script.splitlines() if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == ["make test"]


def test_every_content_field_is_documented() -> None:
    text = (DOCS / "content-format.md").read_text()
    for spec in (schema.ITEM, schema.CAUSE, schema.QUESTION, schema.PRACTICE, schema.INSTRUMENT):
        for field in spec:
            assert re.search(rf"\b{field}\b", text), field


def documented_keys() -> str:
    return (DOCS / "json.md").read_text()


def test_the_plan_json_keys_are_documented(tmp_path: Path, alice: dict[str, int]) -> None:
    path = write(tmp_path / "a.json", {"answers": alice})
    plan = json.loads(run("plan", str(path), "--json").stdout)
    keys = {*plan, *plan["focus"], *plan["questions"][0], *plan["practices"][0]}
    assert all(f'"{key}"' in documented_keys() for key in keys), keys


def test_the_content_json_keys_are_documented() -> None:
    check = json.loads(run("content", "check", "--json").stdout)
    export = json.loads(run("content", "export", "--json").stdout)
    keys = {*check, *check["counts"], *export, *export["items"][0]}
    assert all(f'"{key}"' in documented_keys() for key in keys), keys


def test_the_pacing_the_architecture_describes_is_the_code_s() -> None:
    text = " ".join((DOCS / "architecture.md").read_text().split())  # line breaks as spaces
    ease, ready = f"{pacing.UNDERSTOOD_EASE_BELOW:g}", f"{pacing.UNDERSTOOD_READY_FROM:g}"
    for phrase in (
        f"partner's last {COMFORT_DAYS} days",
        f"on the profile each at least {pacing.PROFILE_READY_FROM:g}",
        f"at least {pacing.ANSWERED_TO_DEEPEN} daily questions answered at the current depth",
        f"at most {pacing.PASSES_ALLOWED} passed",
        f"check-ins' felt understood at least {ready}",
        f"passed {pacing.PASSES_TO_EASE} or more questions",
        f"felt understood under {ease} on the fortnight's mean",
        f"at least {pacing.HARD_WEEK_LOW_DAYS} check-ins in the last {HARD_WEEK_DAYS} days"
        f" under {ease} and those {HARD_WEEK_DAYS} days' mean under {ease}",
    ):
        assert phrase in text, phrase
