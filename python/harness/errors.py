"""The one error type that ends a harness command with status 2."""


class BadInput(Exception):
    """Bad input from the user: one line on stderr, exit status 2."""
