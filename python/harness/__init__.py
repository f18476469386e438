"""The kit's instrument: it runs the scenario programs, checks their
traces against the contracts in scenarios.toml, and writes results.
One subpackage per job:

  run/     what to run (plan), running it (runner), compare, demo,
           scale, and the noise a run is judged against
  check/   reading traces (traces, tracefile), the contracts, their
           oracles, check-traces and the checker's own bench
  report/  the verdict table (render), run folders (results), spread
  pages/   the site: a compare run's scenarios, page by page
  bench/   make bench: Go's testing and pyperf, tables and plots

Beside them sit what every job shares: the registry's one loader
(registry), the one-line error (errors) and the Go file written from
the registry (gogen). It imports nothing from the scenarios but the
flag rules they share (chankit.cli), so the harness and the programs
reject the same input.
"""
