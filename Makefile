# chankit: Go channels and Python asyncio queues, side by side.
# `make` alone lists the targets. The scenarios, their contracts and
# parameters live in scenarios.toml; this file only wires up tools.

.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
GO ?= go
VENV := .venv
PY := $(VENV)/bin/python
GO_BIN := build/chankit
GO_SRC := $(shell find go -name '*.go' ! -name '*_test.go') go/go.mod go/go.sum
# Use the Go that is installed; never download another toolchain.
export GOTOOLCHAIN := local

# Parameters a user gives on the command line (not ones that happen
# to be in the environment), forwarded as flags, quoted for the shell.
KNOBS := SCENARIO VARIANT ITEMS PRODUCERS CONSUMERS BUFFER DELAY WORK
quote = '$(subst ','\'',$(1))'
flag = $(if $(filter command line,$(origin $(1))),\
  --$(shell echo $(1) | tr A-Z a-z)=$(call quote,$($(1))))
HARNESS_FLAGS = $(foreach k,$(KNOBS),$(call flag,$(k)))

.PHONY: help setup compare demo scale bench bench-checker check-traces pages test clean

help: ## list the targets (the default)
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / \
	  {printf "  make %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(VENV)/.installed $(GO_BIN) ## make .venv, install pinned packages, build Go

compare: setup ## run, check, save all scenarios: SCENARIO= VARIANT= ITEMS= PRODUCERS= CONSUMERS= BUFFER= DELAY= WORK=
	@$(PY) -m harness compare $(HARNESS_FLAGS)

demo: setup ## the blog post's two programs, Go and Python live side by side
	@$(PY) -m harness demo

scale: setup ## 1,000,000 items and 10,000 actors, Go and asyncio: time and memory: SCENARIO=
	@$(PY) -m harness scale $(if $(filter command line,$(origin SCENARIO)),--scenario=$(call quote,$(SCENARIO)))

bench: setup ## Go and Python benchmarks, report and plots: PROFILE=quick|full SCENARIO=
	@$(PY) -m harness bench $(call flag,PROFILE) $(call flag,SCENARIO)

bench-checker: setup ## the checker's own speed and memory: events/s, peak RSS (traces kept in build/checkbench/)
	@$(PY) -m harness.checkbench

check-traces: setup ## check two traces: SCENARIO=<id> A=<trace file> B=<trace file>
	@$(PY) -m harness check-traces --scenario=$(call quote,$(SCENARIO)) \
	  -- $(call quote,$(A)) $(call quote,$(B))

pages: setup ## the scenarios side by side, as a site in build/pages/: RUN=<compare run> (default: newest)
	@$(PY) -m harness pages $(if $(and $(filter command line,\
	  $(origin RUN)),$(RUN)),--run=$(call quote,$(RUN)))

test: setup ## go vet, go test -race, pytest (warnings as errors, asyncio debug)
	cd go && $(GO) vet ./... && $(GO) test -race -count=1 ./...
	PYTHONDEVMODE=1 PYTHONASYNCIODEBUG=1 PYTHONWARNINGS=error \
	  $(PY) -m pytest -p no:cacheprovider -rs python/tests

clean: ## remove build/ and .venv/ (results/ is kept)
	rm -rf build $(VENV)

$(VENV)/.installed: python/requirements.txt \
  python/requirements-optional.txt python/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "chankit needs Python >= 3.11; $(PYTHON) is" \
	       "$$($(PYTHON) -V 2>&1). Try: make PYTHON=python3.11" >&2; \
	       exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check \
	  -r python/requirements.txt
	@# uvloop is optional: make bench measures it where it installs
	@# and says so in its report where it does not.
	$(PY) -m pip install -q --disable-pip-version-check \
	  -r python/requirements-optional.txt \
	  || echo "note: uvloop could not be installed; make bench" \
	       "will leave it out" >&2
	$(PY) -m pip install -q --disable-pip-version-check --no-deps \
	  --no-build-isolation -e python
	touch $@

$(GO_BIN): $(GO_SRC)
	cd go && $(GO) mod download && $(GO) build -o ../$(GO_BIN) ./cmd/chankit
