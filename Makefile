# Serviceloop: `make run` starts the product with demo data, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/serviceloop
export SERVICELOOP_VAR_DIR ?= $(CURDIR)/var

.PHONY: run setup test lint test-sqlite test-postgres test-browser bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# xstatic-bootstrap builds only with an older setuptools, so it is built without isolation first.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q "setuptools>=68,<81" wheel
	$(BIN)/pip install -q --no-build-isolation "xstatic-bootstrap>=5.3"
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

setup: $(VENV)/.installed
	$(BIN)/serviceloop compile_translations

run: setup
	$(BIN)/serviceloop migrate --noinput -v0
	$(BIN)/serviceloop load_demo
	$(BIN)/serviceloop start --port $(PORT)

lint: setup
	$(BIN)/ruff check serviceloop bench
	$(BIN)/ruff format --check serviceloop bench
	$(BIN)/mypy serviceloop bench

test-sqlite: setup
	DATABASE_URL= $(BIN)/pytest -m "not browser"

# PostgreSQL runs the same database tests. Outside CI a missing server is reported and skipped;
# under CI=true it fails the run.
test-postgres: setup
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3)" 2>/dev/null; then \
		DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -m "not browser"; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(PG_TEST_URL) and CI=true: failing."; exit 1; \
	else \
		echo "SKIPPED: PostgreSQL is not reachable at $(PG_TEST_URL); set PG_TEST_URL or start it."; \
	fi

test-browser: setup
	DATABASE_URL= $(BIN)/pytest -m browser

test: lint test-sqlite test-postgres test-browser

# The benchmark fills its own database (var/bench/ unless DATABASE_URL names one), then measures.
bench: setup
	SERVICELOOP_VAR_DIR=$(CURDIR)/var/bench $(BIN)/serviceloop migrate --noinput -v0
	SERVICELOOP_VAR_DIR=$(CURDIR)/var/bench $(BIN)/python -m bench.generate $(GENERATE_ARGS)
	SERVICELOOP_VAR_DIR=$(CURDIR)/var/bench $(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var test-artifacts
