"""close ended by Queue.shutdown(), new in Python 3.13: the nearest
thing asyncio has to Go's close. Older Pythons lack it, and the
programs here refuse to run there (scenarios.toml's needs_python,
which chankit/cli.py checks)."""

MODEL = "shutdown"
