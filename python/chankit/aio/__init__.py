"""Scenarios with asyncio.Queue: the twins of the Go programs."""

MODEL = "asyncio"
