"""The Queue.shutdown() path of chankit/closing.py, which every Python
3.13 and later takes, run for real: each Python model's scenarios under
a newer interpreter, checked against Go. Found from CHANKIT_NEWER_PYTHON,
python3.14 or python3.13 on PATH, or a pyenv install; skipped, with the
reason printed by `make test`, where there is none."""

import glob
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, judged_on


def newer_python():
    found = [os.environ.get("CHANKIT_NEWER_PYTHON"),
             shutil.which("python3.14"), shutil.which("python3.13"),
             *sorted(glob.glob(os.path.expanduser(
                 "~/.pyenv/versions/3.1[3-9]*/bin/python3.1[3-9]")))]
    for candidate in filter(None, found):
        try:
            check = subprocess.run(
                [candidate, "-c", "import asyncio; "
                 "assert hasattr(asyncio.Queue, 'shutdown')"],
                capture_output=True, timeout=30)
        except OSError:
            continue
        if check.returncode == 0:
            return candidate
    return None


NEWER = newer_python()


@pytest.mark.skipif(NEWER is None, reason="no Python 3.13+ found (set "
                    "CHANKIT_NEWER_PYTHON): the shutdown() path is untested")
@pytest.mark.parametrize("impl, sid", [
    (impl, sid) for impl in ("asyncio", "threads", "processes")
    for sid in ("spsc", "mpsc")] + [("shutdown", "close")])
def test_scenarios_end_cleanly_with_queue_shutdown(registry, impl, sid,
                                                  monkeypatch):
    # Through the same run-and-judge path as make compare, so that a
    # timeline a busy machine moved is run again, not failed. Each
    # of these variants is named for its Python implementation.
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "python"))
    row = judged_on(NEWER, registry, sid, impl,
                    {"items": 200, "delay": 0.0, "buffer": 3})
    assert row["python"]["runtime"] >= "cpython-3.13"


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="this Python "
                    "has Queue.shutdown(): nothing to refuse")
def test_the_shutdown_programs_refuse_an_older_python():
    done = subprocess.run([sys.executable, "-m", "chankit.shutdown",
                           "close"], capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"chankit: chankit.shutdown needs Python "
                           f"3.13 or newer; this is Python "
                           f"{sys.version.split()[0]}\n")
