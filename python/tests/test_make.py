"""The Makefile's face: `make` alone lists every target, one line each."""

import re
import subprocess

from conftest import ROOT


def test_make_alone_lists_every_target():
    done = subprocess.run(["make", "--no-print-directory", "-C",
                           str(ROOT)], capture_output=True, text=True)
    listed = re.findall(r"^  make (\S+) ", done.stdout, re.M)
    phony = re.search(r"^\.PHONY: (.*)$",
                      (ROOT / "Makefile").read_text(), re.M).group(1)
    assert done.returncode == 0
    assert listed == phony.split()
