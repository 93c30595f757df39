"""The shared cast: alice and bob, a couple, and the small `make_*` builders the tests use."""

from __future__ import annotations

import faulthandler
import os
import random
import sys
import threading
from collections.abc import Iterator

import pytest

from nearer.content.loader import default_content
from nearer.domain.model import Content, Instrument
from nearer.web.vault import keyring

# Output is checked as a console of Rich's default width (80 columns), whatever terminal runs the
# tests: Rich reads COLUMNS and LINES once, when a console is made, and nearer's is made at import.
for _terminal in ("COLUMNS", "LINES"):
    os.environ.pop(_terminal, None)

STALLED_AFTER_S = 600  # no test here takes two minutes; one stuck this long is hung


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "long: runs for twenty seconds or more; started first (see below)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests run first, the rest in their order: pytest-xdist hands the first tests out
    one to each worker, so a long one started last no longer keeps one worker busy while the
    other has finished (make test: up to 100 s a suite)."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    """A hung test stops the process running it, naming itself and every thread's stack, within
    minutes: CI would otherwise spend its 90 minutes waiting and print nothing that says where.
    Under pytest-xdist (make test) the worker's end fails that test ("worker 'gw1' crashed while
    running ..."); a new worker runs the rest."""
    watchdog = threading.Timer(STALLED_AFTER_S, _stop_stalled_run, args=(item,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return (yield)
    finally:
        watchdog.cancel()


def _stop_stalled_run(item: pytest.Item) -> None:
    capture = item.config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        capture.suspend_global_capture(in_=True)
    stalled = f"{item.nodeid} still running after {STALLED_AFTER_S} s: its process stops"
    print(f"\n{stalled}; every thread's stack:", file=sys.stderr, flush=True)
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    print(stalled, file=sys.stderr, flush=True)  # again, last: CI shows a log's end
    os._exit(3)


@pytest.fixture(autouse=True)
def keyring_scope() -> Iterator[None]:
    """Each test is a keyring scope, as a request is: the data keys of the people it makes (by
    create_user, with a password) are open in it, and in no other test."""
    with keyring.scope():
        yield


@pytest.fixture(scope="session")
def content() -> Content:
    return default_content()


def agreeing(instrument: Instrument) -> dict[str, int]:
    """Every item at its most-agreeing end, reverse items at the other end: 100 on every scale."""
    r = instrument.response
    return {item.id: r.min if item.reverse else r.max for item in instrument.items}


def at_value(instrument: Instrument, value: int) -> dict[str, int]:
    return {item.id: value for item in instrument.items}


def make_answers(content: Content, seed: int, safe: bool = True) -> dict[str, int]:
    """A plausible random answer set for every instrument; the safety screen all "never"."""
    rng = random.Random(seed)
    answers = {}
    for instrument in content.instruments.values():
        r = instrument.response
        for item in instrument.items:
            answers[item.id] = r.min if instrument.id == "safety" else rng.randint(r.min, r.max)
    if not safe:
        answers[content.instruments["safety"].items[0].id] = 5
    return answers


@pytest.fixture
def alice(content: Content) -> dict[str, int]:
    return make_answers(content, seed=1)


@pytest.fixture
def bob(content: Content) -> dict[str, int]:
    return make_answers(content, seed=2)
