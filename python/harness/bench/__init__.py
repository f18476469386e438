"""make bench: the cost of a hand-off, measured the way each language
measures itself: Go's testing package (go/*/..._bench_test.go) and
pyperf (python/bench/bm_*.py), both with the scenarios' own code and
tracing off. This package is the instrument: cases.py turns the
registry's [bench] table into cases, gotest.py and pyrun.py run them,
tables.py and plots.py make the report, run.py ties them together."""
