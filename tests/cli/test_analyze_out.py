"""`nearer analyze --out`: where the report goes, and what is refused before any analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_analyze import CHAT, run


@pytest.fixture
def chat(tmp_path: Path) -> Path:
    path = tmp_path / "chat.csv"
    path.write_text(CHAT, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["reports/", "reports/2024/", "reports/.", "reports/.."])
def test_an_out_ending_in_a_slash_names_a_folder_and_is_refused(
    chat: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(str(chat), "--out", name)
    assert result.exit_code == 2
    assert result.stderr == f"nearer: --out {name}: names a folder, not a file\n"
    assert not (tmp_path / "reports").exists()


def test_an_out_naming_an_existing_folder_is_refused(chat: Path, tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    result = run(str(chat), "--out", str(tmp_path / "reports"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "is a folder, not a file" in result.stderr
