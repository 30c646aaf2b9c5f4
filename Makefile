# Everything sets itself up from nothing: python3 and make are all it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test fuzz golden rules-check diff-seeds bench bytecode clean

# `make run > facts.csv` must give a clean CSV: the set-up echoes nothing, and pip reports to stderr.
$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) >&2
	@$(BIN)/pip install --quiet --upgrade pip >&2
	@$(BIN)/pip install --quiet -e '.[test,dask]' >&2
	@$(MAKE) --no-print-directory bytecode
	@touch $(STAMP)

# An editable install leaves the package's bytecode to its first import, which writes none under
# PYTHONDONTWRITEBYTECODE: every run would compile its 40 modules again (a one-file run: 0.34 s, not 0.29).
bytecode:
	@$(BIN)/python -m compileall -q src/extract >&2

run: $(STAMP)  ## extract the seeds as CSV
	@$(BIN)/extract seeds/ --format csv

test: $(STAMP)  ## the whole test suite (with a quick run of the fuzz target)
	$(BIN)/python -m pytest

fuzz: $(STAMP)  ## the fuzz target at full length: 20,000 random documents
	FUZZ_EXAMPLES=20000 $(BIN)/python -m pytest tests/test_fuzz.py -q

golden: $(STAMP)  ## regenerate tests/golden/ from the seeds (review the diff before committing)
	rm -f tests/golden/*.json
	for seed in seeds/*.txt; do $(BIN)/extract "$$seed" --format json -o "tests/golden/$$(basename "$$seed" .txt).json"; done

rules-check: $(STAMP)  ## load and validate rules/ only
	$(BIN)/extract rules

diff-seeds: $(STAMP)  ## what the working tree's rules change on the seeds
	$(BIN)/extract seeds/ --format json -o $(VENV)/seeds-now.json
	$(BIN)/extract diff tests/golden $(VENV)/seeds-now.json

DEV_CORPUS ?= ../shared/dev-corpus/docs

bench: $(STAMP) bytecode  ## whole-process throughput, parallel efficiency, memory and start-up against a plain-regex floor (a few minutes)
	$(BIN)/python bench/throughput.py seeds --dev-corpus $(DEV_CORPUS)

clean:
	rm -rf $(VENV) build dist src/*.egg-info
