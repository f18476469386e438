"""Run folders under results/: named by UTC time, written atomically,
never overwritten (results/README.md has the layout and schema).

Everything is written into a hidden .partial-* folder that is renamed
into place only when the run is complete (the temporary-file-and-
rename, for the whole run at once); an interrupted run removes it, so
results/ never holds half a run.
"""

import datetime
import errno
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from harness.errors import BadInput
from harness.registry import ROOT

RESULTS = ROOT / "results"
# Why a write fails when the disk, not the harness, is at fault.
FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO,
        errno.EACCES, errno.EPERM)


class RunFolder:
    """with RunFolder(base) as out: out.write(name, text) …;
    out.path is the final folder once the block has ended well."""

    def __init__(self, base=RESULTS):
        self.base = Path(base)
        self.started = datetime.datetime.now(datetime.timezone.utc)
        self.stamp = self.started.strftime("%Y-%m-%dT%H%M%SZ")
        self.partial = self.base / f".partial-{self.stamp}-{os.getpid()}"
        self.path = None

    def __enter__(self):
        try:
            self.partial.mkdir(parents=True)
        except OSError as err:
            raise BadInput(f"cannot write results under {self.base}: "
                           f"{err.strerror}") from None
        leftovers(self.base)
        return self

    def write(self, name, text):
        """One file of the run. The folder is private until renamed
        whole, so a plain write is already all-or-nothing."""
        target = self.partial / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def __exit__(self, kind, error, tb):
        if kind is not None:
            shutil.rmtree(self.partial, ignore_errors=True)
            if isinstance(error, OSError) and error.errno in FULL:
                # Anything written inside the block (a plot, a trace)
                # that did not fit: the user's disk, not our bug.
                raise self.unsaved(error) from None
            return False
        for n in range(1, 1000):
            name = self.stamp if n == 1 else f"{self.stamp}-{n}"
            try:
                # Fails if the name is taken by a non-empty folder.
                os.rename(self.partial, self.base / name)
            except OSError as err:
                if err.errno in (errno.ENOTEMPTY, errno.EEXIST,
                                 errno.ENOTDIR):
                    continue
                shutil.rmtree(self.partial, ignore_errors=True)
                if err.errno in FULL:
                    raise self.unsaved(err) from None
                raise
            self.path = self.base / name
            return False
        raise OSError(f"no free run folder name for {self.stamp}")

    def unsaved(self, err):
        return BadInput(f"cannot save the run under {self.base}: "
                        f"{err.strerror}; nothing was kept")


def leftovers(base):
    """Remove the .partial folders of harnesses that are gone (killed
    by SIGKILL, which leaves no chance to clean up); a live one's is
    its own business."""
    for folder in Path(base).glob(".partial-*-*"):
        pid = folder.name.rsplit("-", 1)[1]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def shown(path):
    """A run folder as the user should see it: relative if it can be."""
    try:
        return f"{Path(path).resolve().relative_to(Path.cwd())}/"
    except ValueError:
        return f"{path}/"


def machine():
    """What the numbers were measured on."""
    return {
        "os": platform.platform(),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "go": go_version(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "python_executable": sys.executable,
    }


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def go_version():
    try:
        out = subprocess.run(["go", "env", "GOVERSION"], text=True,
                             capture_output=True, timeout=30)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


def dump(data):
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
