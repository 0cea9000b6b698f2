# nq18lib: `make help` lists every target.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.nq18-installed
JOBS   ?=
LANGS  ?=
# The checkout's own modules byte-compiled ahead: where PYTHONDONTWRITEBYTECODE=1 is set
# (as on CI machines) Python never writes .pyc files itself, and every worker and kernel
# of a run would compile nq18lib from source again (about 0.2 core-s each). Only files
# whose .pyc is missing or stale are compiled.
COMPILE = $(BIN)/python -m compileall -q src >/dev/null

.DEFAULT_GOAL := help
.PHONY: help reports test lint smoke format bench lab system venv clean

help: ## List every target with what it does
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  make %-9s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { echo "python3 -m venv failed: install python3-venv (apt-get install python3-venv)"; exit 1; }

$(STAMP): pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip 'setuptools>=77'
	$(BIN)/python -m pip install -q -e '.[dev,lab]'
	@$(COMPILE)
	@touch $@

venv: $(STAMP) ## Create .venv and install nq18lib with its test tools

system: ## Install Chromium, Vietnamese fonts and poppler-utils via apt when missing
	@bash scripts/install-system-deps.sh || echo "warning: some system packages are missing (see above)"

reports: system $(STAMP) ## Build every report (Vietnamese; LANGS="vi en" adds English) into reports/
	@$(COMPILE)
	$(BIN)/nq18 run $(if $(JOBS),--jobs $(JOBS),) $(foreach lang,$(LANGS),--lang $(lang))

test: system $(STAMP) ## Run the whole test suite (real kernels, papermill, Chromium)
	@$(COMPILE)
	$(BIN)/python -m pytest -n auto

lint: $(STAMP) ## Lint and check formatting with ruff (code and notebooks)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

smoke: $(STAMP) ## Build the wheel, install it outside the checkout, init + run a project there
	bash scripts/smoke-wheel.sh $(BIN)/python

format: $(STAMP) ## Format code with ruff and sync notebooks from their .py pairs
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/jupytext --sync notebooks/*.py

bench: system $(STAMP) ## Run the benchmarks (JSON on stdout; Ploomber with pip install -e '.[bench]')
	@$(COMPILE)
	nice $(BIN)/python benchmarks/bench_run.py $(BENCH_ARGS)

lab: $(STAMP) ## Open JupyterLab on the notebooks with nq18lib importable
	$(BIN)/jupyter lab notebooks/

clean: ## Remove generated reports and caches (keeps .venv)
	rm -rf reports/* .pytest_cache .ruff_cache .hypothesis
	@touch reports/.gitkeep
