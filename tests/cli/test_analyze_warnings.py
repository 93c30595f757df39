"""`nearer analyze`: what changes the figures is said on stderr and in the HTML, whatever the
format, not only in the JSON's warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_analyze import run

#: Every day 12 or under, so the day/month order is a guess, which the analysis warns of.
UNCERTAIN = (
    "04/03/2024, 09:00 - Sam: Good morning! Thank you for the coffee\n"
    "04/03/2024, 09:05 - Alex: Anytime, I love making it for you\n"
    "05/03/2024, 09:06 - Sam: Yes, can't wait\n"
)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "WhatsApp Chat with Sam.txt"
    path.write_text(UNCERTAIN, encoding="utf-8")
    return path


def warnings_of(export: Path) -> list[str]:
    result = run(str(export), "--format", "json")
    assert result.exit_code == 0, result.output
    warnings: list[str] = json.loads(result.stdout)["warnings"]
    assert warnings  # the fixture is one that warns
    return warnings


@pytest.mark.parametrize("format", ["csv", "json", "html"])
def test_each_warning_is_one_line_on_stderr_in_every_format(
    export: Path, tmp_path: Path, format: str
) -> None:
    expected = [f"nearer: warning: {warning}" for warning in warnings_of(export)]
    result = run(str(export), "--format", format, "--out", str(tmp_path / f"report.{format}"))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[: len(expected)] == expected


def test_the_html_report_shows_the_warnings(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert run(str(export), "--out", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "About the export." in page
    assert all(warning in page for warning in warnings_of(export))
