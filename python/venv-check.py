"""Whether a virtual environment holds what chankit pins, run by
python/venv with that environment's own python (standard library
only). Silent and status 0 when all is well; otherwise the first
problem, one line, and status 1.

Each pinned package must be installed at its pinned version and its
modules be there to import (found, not imported: matplotlib alone
would take half a second), and chankit and harness must come from this
checkout. A marker file would say only that an install once finished.
"""

import importlib.metadata as metadata
import importlib.util
import re
import sys
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
PIN = re.compile(r"([A-Za-z0-9_.-]+)==(\S+)")


def pins():
    for line in (HERE / "requirements.txt").read_text().splitlines():
        if m := PIN.match(line.strip()):
            yield m[1], m[2]


def modules(dist):
    """The top-level modules a distribution installed, from its RECORD
    as written (dist.files leaves out, on newer Pythons, the files
    that are gone, the very ones this looks for; top_level.txt is
    often missing from modern wheels)."""
    out = set()
    for line in (dist.read_text("RECORD") or "").splitlines():
        parts = PurePosixPath(line.rsplit(",", 2)[0]).parts
        if not parts or ".." in parts or \
                parts[0].endswith((".dist-info", ".data")):
            continue
        if len(parts) > 1 and parts[1] == "__init__.py":
            out.add(parts[0])
        elif len(parts) == 1 and parts[0].endswith((".py", ".so")):
            out.add(parts[0].split(".")[0])
    return sorted(out)


def problem():
    for name, version in pins():
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return f"{name} is not installed"
        if dist.version != version:
            return f"{name} is {dist.version}, not the pinned {version}"
        for module in modules(dist):
            if importlib.util.find_spec(module) is None:
                return f"{name} is not importable (no module {module})"
    for package in ("chankit", "harness"):
        spec = importlib.util.find_spec(package)
        if spec is None or not str(spec.origin).startswith(str(HERE)):
            return f"{package} is not installed from {HERE}"
    return ""


if __name__ == "__main__":
    if why := problem():
        print(why)
        sys.exit(1)
