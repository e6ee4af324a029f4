# The set-up commands: `make demo`, `make test`, and `make check` (the fast inner loop).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What each target installs (pyproject.toml's extras): the demo plots a chart and can be served;
# the tests cover every extra and run the static checks.
DEMO_STAMP := $(VENV)/.installed-demo
TEST_STAMP := $(VENV)/.installed-test
CHECKED := sitrep tests bench scripts

.PHONY: demo test check data bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(DEMO_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[server,plot]'
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Prepare the data the project needs (the offline gazetteer, built from installed packages
# and the committed GeoNames extracts).
data: $(DEMO_STAMP)
	$(BIN)/sitrep gazetteer build --quiet

# The demo dataset: the example articles, ingested (again: a no-op) into out/demo.db.
DEMO_DB := out/demo.db

demo: data
	@mkdir -p out
	$(BIN)/sitrep ingest examples/ --db $(DEMO_DB)
	$(BIN)/sitrep events --db $(DEMO_DB)
	@echo "--- an event two articles report, in two languages, merged into one:"
	$(BIN)/sitrep events show --db $(DEMO_DB) $$($(BIN)/sitrep events --db $(DEMO_DB) --min-sources 2 --limit 1 --format ids)
	@echo "--- events and fatalities in Syria per month (chart: out/demo-trend.png):"
	$(BIN)/sitrep trends --db $(DEMO_DB) --country SY --period month --plot out/demo-trend.png
	@echo "--- serve the demo dataset (the dashboard at http://127.0.0.1:8000/, works offline):"
	@echo "$(BIN)/sitrep serve --db $(DEMO_DB)"

# The whole suite: the static checks (tests/test_static_checks.py) and the slow tests included.
test: $(TEST_STAMP) data
	$(BIN)/python -m pytest

# The inner loop: lint, format, types, then the tests not marked slow (no browser, server, Ray,
# child process, gazetteer rebuild or crash test), on every core (pytest-xdist; each test file
# stays on one worker, so a module's fixtures are built once). CI runs `make test`.
check: $(TEST_STAMP) data
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)
	$(BIN)/mypy
	$(BIN)/python -m pytest -m "not slow" --ignore=tests/test_static_checks.py -n auto --dist loadfile

bench: $(TEST_STAMP)
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/gazetteer_speed.py
	$(BIN)/python bench/stage_speed.py
	$(BIN)/python bench/dedup_pairs.py
	$(BIN)/python bench/ingest_speed.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/compile_size.py

clean:
	rm -rf $(VENV) build *.egg-info
