"""This computer's time zone, for exports of instants: $TZ, then the system's, then UTC."""

from __future__ import annotations

from pathlib import Path

import pytest

from nearer import local_zone as system


def test_this_computers_zone_comes_from_tz_then_the_system(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TZ", "Europe/Lisbon")
    assert system.local_zone() == "Europe/Lisbon"
    monkeypatch.setenv("TZ", "Nowhere/Atlantis")
    zone_file = tmp_path / "timezone"
    zone_file.write_text("Asia/Kolkata\n")
    monkeypatch.setattr(system, "LOCALTIME", tmp_path / "missing")
    monkeypatch.setattr(system, "TIMEZONE_FILE", zone_file)
    assert system.local_zone() == "Asia/Kolkata"
    monkeypatch.setattr(system, "TIMEZONE_FILE", tmp_path / "missing")
    assert system.local_zone() == "UTC"


def test_a_zone_files_path_and_the_systems_copies_of_a_zone_are_read_as_the_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", ":right/Europe/Berlin")
    assert system.local_zone() == "Europe/Berlin"
    monkeypatch.setenv("TZ", "posix/Asia/Tokyo")
    assert system.local_zone() == "Asia/Tokyo"
    monkeypatch.setenv("TZ", ":/usr/share/zoneinfo/America/New_York")
    assert system.local_zone() == "America/New_York"
