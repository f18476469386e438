"""The kit's instrument: it runs the scenario programs, checks their
traces against the contracts in scenarios.toml, and writes results.
It imports nothing from the scenarios but the flag rules they share
(chankit.cli), so the harness and the programs reject the same input.
"""
