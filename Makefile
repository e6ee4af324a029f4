# The two set-up commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test data bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Prepare the data the project needs (the offline gazetteer, built from installed packages
# and the committed GeoNames extracts).
data: $(STAMP)
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

test: data
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/gazetteer_speed.py
	$(BIN)/python bench/stage_speed.py
	$(BIN)/python bench/dedup_pairs.py
	$(BIN)/python bench/ingest_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
