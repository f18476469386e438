"""Scenarios with queue.Queue and one OS thread per actor."""

# At most this many producers (or consumers): one OS thread per actor.
MOST = 10000
MODEL = "threads"
