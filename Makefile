# nearer — one command for each habit. Everything sets itself up on a fresh machine that has
# Python 3.11 and make: the virtual environment, the pinned packages, the project itself.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

.DEFAULT_GOAL := help
.PHONY: help run test lint format docs clean lock

help:
	@echo "make run    start nearer (the terminal assessment, until the web app lands)"
	@echo "make test   lint, type-check and run the whole test suite"
	@echo "make lint   ruff and mypy only"
	@echo "make format apply ruff's formatting and safe fixes"
	@echo "make docs   regenerate docs/cli.md from the commands' help"
	@echo "make lock   re-resolve requirements.lock from pyproject.toml"

$(READY): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

run: $(READY)
	$(BIN)/nearer assess

lint: $(READY)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

test: lint
	$(BIN)/nearer content check
	$(BIN)/pytest -q

format: $(READY)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

docs: $(READY)
	$(BIN)/python -m nearer.cli.reference > docs/cli.md

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --all-extras --generate-hashes --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
