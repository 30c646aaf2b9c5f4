# Everything sets itself up from nothing: python3 and make are all it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test golden rules-check diff-seeds bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)  ## extract the seeds as CSV
	$(BIN)/extract seeds/ --format csv

test: $(STAMP)  ## the whole test suite
	$(BIN)/python -m pytest

golden: $(STAMP)  ## regenerate tests/golden/ from the seeds
	$(BIN)/python -m extract.golden seeds tests/golden

rules-check: $(STAMP)  ## load and validate rules/ only
	$(BIN)/extract rules

diff-seeds: $(STAMP)  ## what the working tree's rules change on the seeds
	$(BIN)/extract seeds/ --format jsonl -o $(VENV)/seeds-now.jsonl
	$(BIN)/extract diff tests/golden $(VENV)/seeds-now.jsonl

clean:
	rm -rf $(VENV) build dist src/*.egg-info
