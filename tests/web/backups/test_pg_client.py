"""Finding the PostgreSQL client programs a backup needs, and reading psql's errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from nearer.web import backups
from nearer.web.backups import pg_client

# -- Finding pg_dump --------------------------------------------------------------------------


def client(major: int) -> pg_client.Client:
    folder = Path(f"/usr/lib/postgresql/{major}/bin")
    return pg_client.Client(major, folder / "pg_dump", folder / "pg_restore", folder / "psql")


def test_the_newest_client_is_chosen() -> None:
    assert pg_client.choose([client(13), client(17), client(15)], 16).major == 17


def test_a_client_older_than_the_server_is_refused_with_what_to_install() -> None:
    with pytest.raises(backups.BackupError, match="postgresql-client-17"):
        pg_client.choose([client(15)], 17)


def test_no_client_at_all_says_what_to_install() -> None:
    with pytest.raises(backups.BackupError, match="not found"):
        pg_client.choose([], 15)


@pytest.mark.parametrize(
    "stderr",
    [
        b"psql:/tmp/x/restore.sql:42: ERROR:  55P03: canceling statement due to lock timeout\n"
        b"LOCATION:  ProcessInterrupts, postgres.c:3342\n",
        b"psql:/tmp/x/restore.sql:42: FEHLER:  55P03: Anweisung wegen "
        b"Sperrzeit\xc3\xbcberschreitung abgebrochen\nORT:  ProcessInterrupts, postgres.c:3342\n",
    ],
    ids=["english", "german"],
)
def test_a_lock_timeout_is_known_by_its_sqlstate_in_any_language(stderr: bytes) -> None:
    state, line = pg_client.psql_error(stderr)
    assert state == pg_client.LOCK_NOT_AVAILABLE and "55P03" in line and "postgres.c" not in line


def test_a_psql_message_without_a_sqlstate_is_its_last_line() -> None:
    said = b"psql: error: connection to server failed\nis the server running?\n"
    assert pg_client.psql_error(said) == (None, "is the server running?")
