# Two commands do all the set-up on a fresh clone with only python3 and make:
#   make demo   creates .venv, installs the package, prints the ComElus 2024 term sheet
#   make test   creates/reuses .venv, installs the test and docs extras, runs every check
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_BASE := $(VENV)/.installed-base
STAMP_DEV := $(VENV)/.installed-dev
STAMP_BENCH := $(VENV)/.installed-bench

.PHONY: demo test lint typecheck pytest docs bench data clean

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

# Regenerate the bundled data modules from ../shared/reference (a developer's step, not CI's).
data: $(STAMP_BASE)
	$(PY) scripts/generate_syntec.py
	$(PY) scripts/generate_rates.py
	$(PY) scripts/generate_contract_reference.py

clean:
	rm -rf $(VENV) docs/_build .pytest_cache .mypy_cache .ruff_cache .hypothesis
