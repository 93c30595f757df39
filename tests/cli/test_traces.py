"""cli/traces.py: what a failed command made is taken away again, and nothing else."""

from __future__ import annotations

from pathlib import Path

from nearer.cli.traces import Traces


def test_a_new_database_is_taken_away_with_its_sqlite_files_and_migration_lock(
    tmp_path: Path,
) -> None:
    database, kept = tmp_path / "nearer.sqlite3", tmp_path / "notes.txt"
    kept.write_text("mine")
    traces = Traces()
    traces.note_database(database)
    for suffix in ("", "-wal", "-shm", ".migrate-lock"):  # what a restore may make there
        database.with_name(database.name + suffix).touch()
    traces.remove()
    assert list(tmp_path.iterdir()) == [kept]
