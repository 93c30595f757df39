"""Each app's migrations run backward and forward again over a filled database.

For every app that holds couples, answers, check-ins, plans, runs or keys, the test steps its
migrations back once (to the one before the latest, or to nothing when there is only one) and
forward again, with alice and bob's data in place: the tables of apps the step left alone keep
every row, and afterwards every model reads and writes again. `makemigrations --check` in
`make test` proves the migrations match the models; this proves they can be undone.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from nearer.web import backups
from nearer.web.daily.models import CheckIn
from tests.web.seeds import ALICE, CANARY, make_pair, yesterday

APPS = ["couples", "daily", "assessments", "plans", "accounts", "api"]
Node = tuple[str, str | None]


def executor() -> MigrationExecutor:
    """A fresh executor: its loader reads what is applied now."""
    return MigrationExecutor(connections[DEFAULT_DB_ALIAS])


def latest() -> list[Node]:
    return list(executor().loader.graph.leaf_nodes())


def one_step_back(app: str) -> Node:
    """The migration before the app's latest, or (app, None) for none at all."""
    graph = executor().loader.graph
    (leaf,) = graph.leaf_nodes(app)
    earlier = [parent for parent in graph.node_map[leaf].parents if parent.key[0] == app]
    return earlier[0].key if earlier else (app, None)


def migrate(targets: list[Node]) -> None:
    executor().migrate(targets)


def tables() -> dict[str, int]:
    """Rows per table, less the migrations' own bookkeeping, which the steps change."""
    counts = backups.row_counts(connections[DEFAULT_DB_ALIAS])
    del counts["django_migrations"]
    return counts


@pytest.fixture
def filled(transactional_db: None) -> Iterator[dict[str, int]]:
    """alice and bob's data at the latest state; the rows per table. Ends at the latest state."""
    make_pair(DEFAULT_DB_ALIAS)
    try:
        yield tables()
    finally:
        migrate(latest())


def own_tables(app: str) -> set[str]:
    return {model._meta.db_table for model in apps.get_app_config(app).get_models()}


@pytest.mark.parametrize("app", APPS)
def test_an_app_steps_back_and_forward_and_the_data_it_left_alone_survives(
    app: str, filled: dict[str, int]
) -> None:
    target = one_step_back(app)
    migrate([target])
    back = tables()
    if target[1] is None:
        assert not own_tables(app) & set(back), "migrating to zero left tables behind"
    untouched = {name for name in back if name in filled}
    assert {name: back[name] for name in untouched} == {name: filled[name] for name in untouched}

    migrate(latest())
    forward = tables()
    assert set(forward) == set(filled)
    assert {name: forward[name] for name in untouched} == {name: back[name] for name in untouched}
    for model in apps.get_app_config(app).get_models():
        model.objects.count()  # every table is there, in the shape the models expect


@pytest.mark.parametrize("app", ["api", "assessments"])
def test_stepping_back_an_app_beside_the_couple_keeps_alices_private_note(
    app: str, filled: dict[str, int]
) -> None:
    migrate([one_step_back(app)])
    migrate(latest())
    assert CheckIn.objects.get(user__email=ALICE, day=yesterday()).note == CANARY


def test_after_stepping_everything_back_a_couple_can_start_afresh(filled: dict[str, int]) -> None:
    migrate([("accounts", None)])  # takes every app that points at a person with it
    assert not {"couples_couple", "daily_answer", "daily_checkin"} & set(tables())
    migrate(latest())
    assert tables()["daily_checkin"] == 0
    make_pair(DEFAULT_DB_ALIAS)
    assert CheckIn.objects.filter(day=yesterday(), created_at__lte=timezone.now()).count() == 2
