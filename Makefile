# Cluster dashboard: common tasks.
#
#   make run     serve the dashboard on the bundled data at http://127.0.0.1:8050
#   make test    ruff + the whole pytest suite (browser tests use /usr/bin/chromium)
#   make lint    ruff only
#   make serve   production-like server: gunicorn --preload -w 2 on 127.0.0.1:8050
#   make data    rebuild derived data (scripts/build_settlements.py, extract_boundary.py, extract_geography.py)
#   make bench   benchmarks at every scale against their floors (benchmarks/results/latest.md)
#   make synthetic  a synthetic data package (SYNTHETIC_ORGS organisations) for tests and benchmarks
#   make audit   Lighthouse 12 scores of the page (installed into .lighthouse/ on first use)
#
# The virtualenv .venv is created on first use and re-installed whenever pyproject.toml
# is newer than its stamp file (.venv/.installed, .venv/.installed-test, .venv/.installed-dev).
# Variables: DASH_HOST, DASH_PORT, DATA_DIR, PYTEST_ARGS (e.g. make test PYTEST_ARGS="-k locale"),
# SKIP_BROWSER=1 (skip the browser tests explicitly), BENCH_ARGS (e.g. make bench BENCH_ARGS="--scales bundled,1k"),
# SYNTHETIC_ORGS, SYNTHETIC_SEED, SYNTHETIC_DIR (make synthetic),
# AUDIT_PRESETS (desktop, mobile or both: make audit AUDIT_PRESETS=mobile),
# AUDIT_ARGS (e.g. make audit AUDIT_ARGS="--runs 5 '' '?lang=en'").

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

VENV      := .venv
PY        := $(VENV)/bin/python
BOOT_PY   := $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
STAMP     := $(VENV)/.installed
STAMP_TEST:= $(VENV)/.installed-test
STAMP_DEV := $(VENV)/.installed-dev
CHROMIUM  ?= /usr/bin/chromium

DASH_HOST ?= 127.0.0.1
DASH_PORT ?= 8050
DATA_DIR  ?= $(CURDIR)/data
PYTEST_ARGS ?=
BENCH_ARGS ?=
AUDIT_PRESETS ?= desktop mobile
AUDIT_ARGS ?=
LIGHTHOUSE := .lighthouse/node_modules/.bin/lighthouse
SYNTHETIC_ORGS ?= 1000
SYNTHETIC_SEED ?= 20141120
SYNTHETIC_DIR ?= $(CURDIR)/benchmarks/.packages/synthetic-$(SYNTHETIC_ORGS)-seed$(SYNTHETIC_SEED)

.PHONY: help run test lint serve data venv chromium axe npm-optional bench synthetic audit

help:
	@echo "make run    - serve the dashboard on the bundled data at http://$(DASH_HOST):$(DASH_PORT)"
	@echo "make test   - ruff check + pytest (the browser tests need $(CHROMIUM))"
	@echo "make lint   - ruff check"
	@echo "make serve  - gunicorn --preload -w 2 -b $(DASH_HOST):$(DASH_PORT) app:server"
	@echo "make data   - rebuild derived data files (needs the dev extra)"
	@echo "make bench  - benchmarks (bundled, 1k, 10k, 100k) against their floors; BENCH_ARGS=--help for options"
	@echo "make synthetic - write a synthetic package of SYNTHETIC_ORGS organisations to SYNTHETIC_DIR"
	@echo "make audit  - Lighthouse 12 on a desktop and a phone: median scores and load metrics of 3 runs; AUDIT_ARGS=--help"

# --- virtualenv -------------------------------------------------------------

$(PY):
	@if [ -z "$(BOOT_PY)" ]; then echo "ERROR: neither python3.11 nor python3 found on PATH" >&2; exit 1; fi
	$(BOOT_PY) -m venv --clear $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(STAMP_TEST): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e ".[test]"
	@touch $@ $(STAMP)

$(STAMP_DEV): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e ".[dev]"
	@touch $@ $(STAMP)

venv: $(STAMP)

# --- tasks --------------------------------------------------------------------

run: $(STAMP) npm-optional
	CLUSTER_DATA_DIR="$(DATA_DIR)" DASH_HOST="$(DASH_HOST)" DASH_PORT="$(DASH_PORT)" $(PY) app.py

serve: $(STAMP) npm-optional
	CLUSTER_DATA_DIR="$(DATA_DIR)" $(VENV)/bin/gunicorn --preload -w 2 -b $(DASH_HOST):$(DASH_PORT) app:server

lint: $(STAMP_TEST)
	$(PY) -m ruff check .

# Browser tests need Debian's chromium (never a downloaded one).  Installed here when
# missing and we are root; otherwise stop with a clear message.  Skipped with SKIP_BROWSER=1.
chromium:
	@if [ "$${SKIP_BROWSER:-}" = "1" ]; then \
	    echo "SKIP_BROWSER=1: browser tests will be skipped"; \
	elif [ ! -x "$(CHROMIUM)" ]; then \
	    if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	        echo "$(CHROMIUM) missing: installing chromium + chromium-driver with apt-get"; \
	        export DEBIAN_FRONTEND=noninteractive; \
	        apt-get update -qq </dev/null; \
	        apt-get install -y -qq chromium chromium-driver </dev/null; \
	        test -x "$(CHROMIUM)"; \
	    else \
	        echo "ERROR: $(CHROMIUM) not found. The browser tests need it:" >&2; \
	        echo "       sudo apt-get install -y chromium chromium-driver" >&2; \
	        echo "       (or run 'SKIP_BROWSER=1 make test' to skip the browser tests explicitly)" >&2; \
	        exit 1; \
	    fi; \
	fi

# npm packages (package.json, pinned in package-lock.json): the partial plotly.js bundle the app serves and
# axe-core for the accessibility browser tests; installed with npm ci when missing.  `make run` goes on
# without them (the app then serves the full plotly.js); `make test` needs them unless SKIP_BROWSER=1.
NPM_STAMP := node_modules/.package-lock.json

$(NPM_STAMP): package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund; else \
	    echo "npm not found: sudo apt-get install -y nodejs npm" >&2; exit 1; fi

npm-optional:
	@$(MAKE) $(NPM_STAMP) 2>/dev/null || echo "note: npm packages not installed; serving the full plotly.js"

axe:
	@if [ "$${SKIP_BROWSER:-}" != "1" ]; then $(MAKE) $(NPM_STAMP); fi

test: $(STAMP_TEST) chromium axe
	$(PY) -m ruff check .
	@rc=0; $(PY) -m pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "ERROR: pytest collected no tests (exit code 5)" >&2; fi; \
	exit $$rc

data: $(STAMP_DEV)
	$(PY) scripts/build_settlements.py
	$(PY) scripts/extract_boundary.py
	$(PY) scripts/extract_geography.py

# Measurement only, no thresholds: writes benchmarks/results/<timestamp>.json and latest.md.
bench: $(STAMP_TEST) chromium
	$(PY) -m benchmarks $(BENCH_ARGS)

# Synthetic packages never go into data/ (the generator refuses).
synthetic: $(STAMP)
	$(PY) -m tools.synthetic "$(SYNTHETIC_DIR)" --organisations $(SYNTHETIC_ORGS) --seed $(SYNTHETIC_SEED)

# Lighthouse from the npm registry into an untracked folder of its own (not a dependency of the app or its tests);
# it drives Debian's chromium. Measurement only, no thresholds.
$(LIGHTHOUSE):
	npm install --prefix .lighthouse --no-save --no-audit --no-fund lighthouse@12

audit: $(STAMP) npm-optional chromium $(LIGHTHOUSE)
	CHROMIUM="$(CHROMIUM)" $(PY) scripts/audit.py --lighthouse $(LIGHTHOUSE) --presets $(AUDIT_PRESETS) $(AUDIT_ARGS)
