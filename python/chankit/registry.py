"""What a program needs of the registry, scenarios.toml at the root of
the repository: which flags each scenario takes (the keys of its
params) and what its model allows (most actors, oldest Python). They
are declared there once; the programs read them, never keep a copy.

Read, not checked: the harness's loader (python/harness/registry.py)
checks every value of the file, and `make test` runs it. This reader
stays small, so that a program starts in milliseconds.
"""

import functools
import tomllib
from pathlib import Path

REGISTRY = Path(__file__).resolve().parents[2] / "scenarios.toml"


class Unreadable(Exception):
    """The registry cannot be read: one line, exit status 2."""


@functools.cache
def data():
    try:
        with open(REGISTRY, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise Unreadable(f"cannot read the registry {REGISTRY}: "
                         f"{getattr(err, 'strerror', None) or err}") \
            from None


def takes(sid):
    """The flags a scenario takes: the keys of its params."""
    return tuple(data().get("scenarios", {}).get(sid, {})
                 .get("params", {}))


def package_of(command):
    """The package a registry command runs ("chankit.aio" from
    [..., "-m", "chankit.aio"]), or "" where it runs none."""
    command = list(command)
    if "-m" in command[:-1]:
        return command[command.index("-m") + 1]
    return ""


def model(package):
    """The registry's entry for the implementation whose command runs
    `package` (-m chankit.aio): its `most` and `needs_python`."""
    for impl in data().get("implementations", {}).values():
        if package_of(impl.get("command", [])) == package:
            return impl
    return {}


def most(package):
    """The most producers (or consumers) the model runs, or None."""
    return model(package).get("most")


def needs(package):
    """The oldest Python the model runs on, as a version tuple."""
    return tuple(int(part) for part in
                 str(model(package).get("needs_python", "3"))
                 .split("."))


def cpu_rounds(lang):
    """The rounds of chankit.compute.mix in one unit of --cpu, in
    "go" or "python": [cpu] {lang}_rounds."""
    return int(data()["cpu"][f"{lang}_rounds"])
