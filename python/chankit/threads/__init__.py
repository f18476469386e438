"""Scenarios with queue.Queue and one OS thread per actor."""

MODEL = "threads"
