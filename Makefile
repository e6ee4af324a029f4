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

demo: data
	$(BIN)/sitrep extract examples/ --format table

test: data
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/gazetteer_speed.py
	$(BIN)/python bench/dedup_pairs.py

clean:
	rm -rf $(VENV) build *.egg-info
