"""What a program needs of the registry, scenarios.toml at the root of
the repository: the numeric flags ([flags]: their limits, defaults
and help), which of them each scenario takes (the keys of its params)
and what its model allows (most actors, oldest Python). They are
declared there once; the programs read them, never keep a copy.

Read, not checked: the harness's loader (python/harness/registry.py)
checks every value of the file, and `make test` runs it. This reader
stays small, so that a program starts in milliseconds.
"""

import functools
import tomllib
from typing import NamedTuple
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


class Flag(NamedTuple):
    """One numeric flag of [flags]. default and fixed are as a command
    line would give them ("5", "0.5"); fixed is None for a flag every
    scenario takes. low and high are whole numbers."""
    name: str
    low: int
    high: int
    whole: bool
    default: str
    fixed: str | None
    help: str
    note: str

    @property
    def metavar(self):
        """N for a count, S for seconds, as --help shows them."""
        return "N" if self.whole else "S"


def written(x):
    """A registry number as a command line writes it: 1.0 as "1"."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return str(x)


def flags(table=None):
    """{name: Flag} in the registry's order, from [flags] (table: a
    [flags] table already read, as the harness's loader passes it)."""
    if table is None:
        table = data().get("flags", {})
    try:
        return {name: Flag(name, int(v["min"]), int(v["max"]),
                           bool(v["whole"]), written(v["default"]),
                           written(v["fixed"]) if "fixed" in v else None,
                           str(v["help"]), str(v.get("note", "")))
                for name, v in table.items() if isinstance(v, dict)}
    except (KeyError, TypeError, ValueError) as err:
        raise Unreadable(f"the registry {REGISTRY} has a malformed "
                         f"[flags] entry {err}") from None


def every_scenario(table=None):
    """The flags every scenario takes, in [flags]' order."""
    if table is None:
        table = data().get("flags", {})
    common = table.get("every_scenario", ())
    return tuple(name for name in flags(table) if name in common)


def scenario(sid):
    """A scenario's table ({} for one the registry lacks)."""
    return data().get("scenarios", {}).get(sid, {})


def takes(sid):
    """The flags a scenario takes: the keys of its params."""
    return tuple(scenario(sid).get("params", {}))


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
