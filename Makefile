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
KNOBS := SCENARIO VARIANT ITEMS PRODUCERS CONSUMERS BUFFER DELAY WORK CPU
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

.PHONY: help setup compare demo scale bench bench-checker check-traces pages test clean

help: ## list the targets (the default)
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / \
	  {printf "  make %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(GO_BIN) ## the venv for PYTHON= (python3: .venv; 3.13: .venv-3.13) with the pins, and Go
	@$(VENV_PY) >/dev/null

compare: $(GO_BIN) ## run, check, save all scenarios: SCENARIO= VARIANT= ITEMS= PRODUCERS= CONSUMERS= BUFFER= DELAY= WORK= CPU=
	@$(HARNESS) compare $(HARNESS_FLAGS)

demo: $(GO_BIN) ## the blog post's two programs, Go and Python live side by side
	@$(HARNESS) demo

scale: $(GO_BIN) ## 1,000,000 items and 10,000 actors, Go and asyncio: time and memory: SCENARIO=
	@$(HARNESS) scale $(if $(filter command line,$(origin SCENARIO)),--scenario=$(call quote,$(SCENARIO)))

bench: $(GO_BIN) ## Go and Python benchmarks, report and plots: PROFILE=quick|full SCENARIO=
	@$(HARNESS) bench $(call flag,PROFILE) $(call flag,SCENARIO)

bench-checker: setup ## the checker's own speed and memory: events/s, peak RSS (traces kept in build/checkbench/)
	@$(PY_RUN) -m harness.checkbench

check-traces: $(GO_BIN) ## check two traces: SCENARIO=<id> A=<trace file> B=<trace file>
	@$(HARNESS) check-traces --scenario=$(call quote,$(SCENARIO)) \
	  -- $(call quote,$(A)) $(call quote,$(B))

pages: $(GO_BIN) ## the scenarios side by side, as a site in build/pages/: RUN=<compare run> (default: newest)
	@$(HARNESS) pages $(if $(and $(filter command line,\
	  $(origin RUN)),$(RUN)),--run=$(call quote,$(RUN)))

test: $(GO_BIN) ## go vet, staticcheck, go test -race, pytest (warnings as errors, asyncio debug): PYTHON=
	cd go && $(GO) vet ./... && $(GO) tool staticcheck ./... && $(GO) test -race -count=1 ./...
	py=$$($(VENV_PY)) && PYTHONDEVMODE=1 PYTHONASYNCIODEBUG=1 \
	  PYTHONWARNINGS=error "$$py" -m pytest -p no:cacheprovider -rs \
	  python/tests

clean: ## remove build/ and every .venv (results/ is kept)
	rm -rf build .venv .venv-* .venv*.lock

# What the Go program needs of the registry (which flags each scenario
# takes), written from scenarios.toml by python/harness/gogen.py.
go/kit/registry.go: scenarios.toml python/harness/gogen.py
	@$(PY_RUN) -m harness.gogen

$(GO_BIN): $(GO_SRC)
	@echo "building $(GO_BIN) with $$(cd go && $(GO) env GOVERSION)" >&2
	cd go && $(GO) mod download && $(GO) build -o ../$(GO_BIN) ./cmd/chankit
