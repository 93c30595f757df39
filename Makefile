# nearer — one command for each habit. Everything sets itself up on a fresh machine that has
# Python 3.11 and make: the virtual environment, the pinned packages, the project itself.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
CODE   := src tests scripts chaos load benchmarks evaluation training
# make test runs the suite in this many pytest-xdist workers (tests/workers.py): one per core here.
TEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help run test lint format docs eval bench chaos load clean lock

help:
	@echo "make run    serve nearer with a filled demo couple at http://127.0.0.1:8000"
	@echo "make test   lint, type-check, then the whole suite on SQLite and on PostgreSQL"
	@echo "make lint   ruff and mypy only"
	@echo "make format apply ruff's formatting and safe fixes"
	@echo "make docs   regenerate docs/cli.md from the commands' help"
	@echo "make eval   score the chat detectors on ../shared/eval-data into docs/accuracy.md"
	@echo "make bench  parse and analyse a generated 1,000,000-message chat, beside whatstk;"
	@echo "            list the threads of generated zips of 8,000 channels and 5,000 loose files"
	@echo "            analyse 60 generated chats with nearer corpus, beside nearer analyze per chat"
	@echo "make chaos  kill -9 the server mid-write for 20 rounds on SQLite, then on PostgreSQL"
	@echo "make load   50 partners against the real server on SQLite, then on PostgreSQL"
	@echo "make lock   re-resolve requirements.lock from pyproject.toml"

$(READY): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

run: $(READY)
	$(BIN)/nearer serve --demo

lint: $(READY)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy

test: lint
	bash scripts/ensure_system_packages.sh
	$(BIN)/nearer content check
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python -m django makemigrations --check --dry-run
	$(BIN)/pytest -q -n $(TEST_WORKERS)
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/pytest -q -n $(TEST_WORKERS) tests/web tests/chaos \
		tests/cli/backups tests/cli/test_keys.py -m "not sqlite_run_only"

format: $(READY)
	$(BIN)/ruff format $(CODE)
	$(BIN)/ruff check --fix $(CODE)

bench: $(READY)
	$(BIN)/python benchmarks/bench_parse.py
	$(BIN)/python benchmarks/bench_threads.py
	$(BIN)/python benchmarks/bench_corpus.py

chaos: $(READY)
	$(BIN)/python chaos/run_chaos.py --rounds 20 --database sqlite
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python chaos/run_chaos.py --rounds 20 --database postgres

load: $(READY)
	$(BIN)/python load/run_load.py --database sqlite
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python load/run_load.py --database postgres

eval: $(READY)
	$(BIN)/python evaluation/run_eval.py

docs: $(READY)
	$(BIN)/python -m nearer.cli.reference > docs/cli.md

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --all-extras --generate-hashes --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
