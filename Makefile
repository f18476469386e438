# chankit: Go channels and Python asyncio queues, side by side.
# `make` alone lists the targets. The scenarios, their contracts and
# parameters live in scenarios.toml; this file only wires up tools.

.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
GO ?= go
GO_BIN := build/chankit
GO_SRC := $(shell find go -name '*.go' ! -name '*_test.go') go/go.mod go/go.sum
# Use the Go that is installed; never download another toolchain.
export GOTOOLCHAIN := local

# Parameters a user gives on the command line (not ones that happen
# to be in the environment), forwarded as flags, quoted for the shell:
# as one bash $'...' word with \, ' and newline escaped, so that no
# value, one with a newline least of all, can split the recipe line.
# The knobs: SCENARIO, VARIANT, then each program flag the registry
# declares ([flags.<name>] in scenarios.toml), in capitals.
KNOBS := SCENARIO VARIANT $(shell sed -n \
  's/^\[flags\.\([a-z_]*\)\]$$/\1/p' scenarios.toml | tr a-z A-Z)
define NL


endef
quote = $$'$(subst $(NL),\n,$(subst ',\',$(subst \,\\,$(1))))'
flag = $(if $(filter command line,$(origin $(1))),\
  --$(shell echo $(1) | tr A-Z a-z)=$(call quote,$($(1))))
HARNESS_FLAGS = $(foreach k,$(KNOBS),$(call flag,$(k)))

# The virtual environment for $(PYTHON), checked, and made or mended
# first where it needs it: .venv for the default python3, .venv-<X.Y>
# for any other (python/venv says how; it prints its python).
VENV_PY = python/venv $(call quote,$(PYTHON))
PY_RUN = py=$$($(VENV_PY)) && "$$py"
HARNESS = $(PY_RUN) -m harness

.PHONY: help setup compare demo scale bench matrix bench-checker check-traces pages semantics test clean

# Each target's text is wrapped to fit a terminal of 100 columns.
help: ## list the targets (the default)
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / { \
	  line = sprintf("  make %-13s", $$1); n = split($$2, w, " "); \
	  for (i = 1; i <= n; i++) { \
	    if (length(line) + 1 + length(w[i]) > 100) { \
	      print line; line = sprintf("%20s", "") } \
	    line = line " " w[i] } \
	  print line }' $(MAKEFILE_LIST)

setup: $(GO_BIN) ## the venv for PYTHON= (python3: .venv; 3.13: .venv-3.13) with the pins, and Go
	@$(VENV_PY) >/dev/null

compare: $(GO_BIN) ## run, check, save all scenarios: SCENARIO= VARIANT= ITEMS= … (every flag of `chankit help`, in capitals)
	@$(HARNESS) compare $(HARNESS_FLAGS)

demo: $(GO_BIN) ## the blog post's two programs, Go and Python live side by side
	@$(HARNESS) demo

scale: $(GO_BIN) ## 1,000,000 items and 10,000 actors, Go and asyncio: time and memory: SCENARIO=
	@$(HARNESS) scale $(if $(filter command line,$(origin SCENARIO)),--scenario=$(call quote,$(SCENARIO)))

bench: $(GO_BIN) ## Go and Python benchmarks, report and plots: PROFILE=quick|full SCENARIO=
	@$(HARNESS) bench $(call flag,PROFILE) $(call flag,SCENARIO)

# The Pythons `make matrix` runs on, each in its own venv.
PYTHONS ?= 3.11 3.12 3.13

matrix: $(GO_BIN) ## compare and a short bench on each Python, one report: PYTHONS="3.11 3.12 3.13"
	@$(HARNESS) matrix --pythons=$(call quote,$(PYTHONS))

bench-checker: setup ## the checker's own speed and memory: events/s, peak RSS (traces kept in build/checkbench/)
	@$(PY_RUN) -m harness.check.checkbench

check-traces: $(GO_BIN) ## check two traces: SCENARIO=<id> A=<trace file> B=<trace file>
	@$(HARNESS) check-traces --scenario=$(call quote,$(SCENARIO)) \
	  -- $(call quote,$(A)) $(call quote,$(B))

pages: $(GO_BIN) ## the scenarios side by side, as a site in build/pages/: RUN=<compare run> (default: each scenario's newest)
	@$(HARNESS) pages $(if $(and $(filter command line,\
	  $(origin RUN)),$(RUN)),--run=$(call quote,$(RUN)))

semantics: $(GO_BIN) ## Go's channel rules against each Python primitive, measured: docs/semantics.md
	mkdir -p build/semantics
	cd go && CHANKIT_SEMANTICS_OUT=$(CURDIR)/build/semantics/go.json \
	  $(GO) test -count=1 ./semantics/
	-@$(PY_RUN) -m pytest -q -p no:cacheprovider python/tests/test_semantics.py
	@$(PY_RUN) -m harness.semantics.table

test: $(GO_BIN) ## go vet, staticcheck, go test -race, pytest (warnings as errors, asyncio debug): PYTHON=
	cd go && $(GO) vet ./... && $(GO) tool staticcheck ./... && $(GO) test -race -count=1 ./...
	py=$$($(VENV_PY)) && PYTHONDEVMODE=1 PYTHONASYNCIODEBUG=1 \
	  PYTHONWARNINGS=error "$$py" -m pytest -p no:cacheprovider -rs \
	  python/tests

clean: ## remove build/ and every .venv (results/ is kept)
	rm -rf build .venv .venv-* .venv*.lock

# What the Go program needs of the registry (the flags, which of them
# each scenario takes, the help, the benchmark cases), written from
# scenarios.toml by python/harness/gogen.py, the help laid out by
# python/chankit/cli.py as the Python program lays out its own.
go/kit/registry.go go/kit/kitbench/registry.go &: scenarios.toml \
  python/harness/gogen.py python/chankit/cli.py python/chankit/registry.py
	@$(PY_RUN) -m harness.gogen

$(GO_BIN): $(GO_SRC)
	@echo "building $(GO_BIN) with $$(cd go && $(GO) env GOVERSION)" >&2
	cd go && $(GO) mod download && $(GO) build -o ../$(GO_BIN) ./cmd/chankit
