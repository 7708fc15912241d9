# Two commands do all the set-up on a fresh clone with only python3 and make:
#   make demo   creates .venv, installs the package, prints the ComElus 2024 term sheet
#   make test   creates/reuses .venv, installs the test and docs extras, runs every check
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_BASE := $(VENV)/.installed-base
STAMP_DEV := $(VENV)/.installed-dev
STAMP_BENCH := $(VENV)/.installed-bench
STAMP_MUTATION := $(VENV)/.installed-mutation
# The modules `make mutation` mutates (each against its targeted tests, see scripts/mutation.py).
MODULES ?= hours holidays

.PHONY: demo test lint typecheck pytest docs bench fuzz mutation mutation-page data clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_BASE): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,docs]'
	touch $@

$(STAMP_BENCH): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $@

$(STAMP_MUTATION): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,docs,mutation]'
	touch $@

demo: $(STAMP_BASE)
	$(PY) -m libriciel_terms

lint: $(STAMP_DEV)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(STAMP_DEV)
	$(PY) -m mypy --strict src

pytest: $(STAMP_DEV)
	$(PY) -m pytest

docs: $(STAMP_DEV)
	$(PY) -m sphinx -W --keep-going -b html -q docs docs/_build/html

test: lint typecheck pytest docs

bench: $(STAMP_BENCH)
	$(PY) -m benchmarks

# The fuzzing harness (tests/test_fuzz.py) at length: FUZZ_EXAMPLES random calls per public
# callable (the normal suite runs 2, derandomized). `make fuzz FUZZ_EXAMPLES=2000` for more.
FUZZ_EXAMPLES ?= 200
fuzz: $(STAMP_DEV)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -p no:cacheprovider tests/test_fuzz.py

# Mutation testing of $(MODULES) (mutmut; scores per module, equivalent mutants justified in
# scripts/mutation_equivalents.toml). `make mutation MODULES=revision` for another module;
# MUTATION_ARGS="--sample 05 --save" for one mutant in five and to record the scores, then
# `make mutation-page` to write docs/mutation.md from them.
MUTATION_ARGS ?=
mutation: $(STAMP_MUTATION)
	$(PY) scripts/mutation.py --max-children 1 $(MUTATION_ARGS) $(MODULES)

mutation-page: $(STAMP_BASE)
	$(PY) scripts/mutation_page.py

# Regenerate the bundled data modules from the CSV files in src/libriciel_terms/data and the
# contract-file key reference page (a developer's step, not CI's).
data: $(STAMP_BASE)
	$(PY) scripts/generate_syntec.py
	$(PY) scripts/generate_rates.py
	$(PY) scripts/generate_contract_reference.py

clean:
	rm -rf $(VENV) build docs/_build .pytest_cache .mypy_cache .ruff_cache .hypothesis
