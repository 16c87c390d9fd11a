# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv when it is
# missing and install the project into it from pyproject.toml; nothing needs installing by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := out/demo
DEMO_EXPORT := Registratie sociaal gesprek Meer dan Steen Alleen.csv.zip

.PHONY: demo test lint bench examples clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# The main job on the bundled example, in a fresh copy so the example itself is never changed.
demo: $(STAMP)
	rm -rf $(DEMO)
	mkdir -p $(dir $(DEMO))
	cp -R examples/spoorbuurt $(DEMO)
	$(BIN)/mdsa validate $(DEMO)
	$(BIN)/mdsa readiness $(DEMO)
	$(BIN)/mdsa letters $(DEMO) --format both
	$(BIN)/mdsa leaflet $(DEMO)
	$(BIN)/mdsa import "$(DEMO)/private/downloads/$(DEMO_EXPORT)" --project $(DEMO)
	$(BIN)/mdsa actions create $(DEMO)
	$(BIN)/mdsa anonymise $(DEMO)
	$(BIN)/mdsa actions export $(DEMO)
	$(BIN)/mdsa progress $(DEMO)
	$(BIN)/mdsa scan $(DEMO)
	$(BIN)/mdsa aggregate $(DEMO)
	$(BIN)/mdsa packets $(DEMO)
	$(BIN)/mdsa themes $(DEMO)
	$(BIN)/mdsa report $(DEMO)
	$(BIN)/mdsa poster $(DEMO)
	$(BIN)/mdsa feedback $(DEMO)
	$(BIN)/mdsa evaluate $(DEMO)
	$(BIN)/mdsa ripples $(DEMO)
	$(BIN)/mdsa msc $(DEMO)
	$(BIN)/mdsa rounds compare $(DEMO)
	$(BIN)/mdsa plan $(DEMO)
	$(BIN)/mdsa places $(DEMO)
	$(BIN)/mdsa match $(DEMO)
	$(BIN)/mdsa timeline $(DEMO)
	$(BIN)/mdsa evaluation-report $(DEMO)
	$(BIN)/mdsa status $(DEMO)
	@echo "demo output in $(DEMO): the shareable data set is in $(DEMO)/data/"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# Regenerate the bulky, synthetic parts of the example projects (deterministic).
examples: $(STAMP)
	$(BIN)/python examples/generate.py

bench: $(STAMP)
	@ls benchmarks/*.py >/dev/null 2>&1 && for b in benchmarks/*.py; do $(BIN)/python $$b; done || echo "no benchmarks yet"

clean:
	rm -rf $(VENV) out .mypy_cache .pytest_cache .ruff_cache .hypothesis
