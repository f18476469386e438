"""Checking traces: reading them, the contracts and their oracles."""
