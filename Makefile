PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test
AS_OF ?= 2024-06-30

.PHONY: demo test lint types unit fuzz bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TESTSTAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $@

demo: $(STAMP)
	$(BIN)/conditionality check \
	  --aid datasets/sample/allocations.csv \
	  --aid datasets/sample/allocations_dod.xlsx \
	  --abuses datasets/sample/abuse_records.csv \
	  --country-status datasets/sample/country_status.csv \
	  --entities datasets/sample/sanctioned_entities.csv \
	  --as-of $(AS_OF) --out reports/sample; \
	  rc=$$?; if [ $$rc -gt 1 ]; then exit $$rc; fi

lint: $(TESTSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(TESTSTAMP)
	$(BIN)/mypy conditionality

test: $(TESTSTAMP) lint types
	$(BIN)/python -m pytest -n 2

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
