PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test
AS_OF ?= 2024-06-30
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test lint types browser screenshot fuzz bench clean

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
	  --aid datasets/sample/fmtr_fy2020_excerpt.tsv \
	  --abuses datasets/sample/abuse_records.csv \
	  --country-status datasets/sample/country_status.csv \
	  --entities datasets/sample/sanctioned_entities.csv \
	  --as-of $(AS_OF) --out reports/sample --format json,csv,xlsx,html,md; \
	  rc=$$?; if [ $$rc -gt 1 ]; then exit $$rc; fi

lint: $(TESTSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(TESTSTAMP)
	$(BIN)/mypy conditionality

# The HTML report is tested in a real browser: Debian's chromium (CI runs as root).
browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(TESTSTAMP) lint types browser
	$(BIN)/python -m pytest -n 2

# A longer fuzz run of every reader than the one in `make test`.
fuzz: $(TESTSTAMP)
	FUZZ_EXAMPLES=5000 $(BIN)/python -m pytest -n 2 -p no:randomly tests/hardening/test_fuzz_readers.py

screenshot: demo
	$(BIN)/python -m conditionality.reports.screenshot reports/sample/report.html docs/images/report.png

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
