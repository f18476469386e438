"""A bench run's pyperf files, read back for the report and plots.
The statistics are pyperf's own: Benchmark.median(),
median_abs_dev(), and the t-test `pyperf compare_to` applies."""

import json
import math
import os
from pathlib import Path

import pyperf
from pyperf._compare import is_significant_benchs  # compare_to's test


class Results:
    """The pyperf files of a run folder, one per model. models:
    {id: {"lang", "label", "file", …}} as summary.json keeps them
    (read from there when not given)."""

    def __init__(self, folder, models=None):
        if models is None:
            models = json.loads((folder / "summary.json")
                                .read_text())["models"]
        self.models = models
        self.suites = {}
        for impl, m in models.items():
            path = folder / m["file"]
            if path.exists():
                self.suites[impl] = pyperf.BenchmarkSuite.load(str(path))

    def ids(self, lang):
        """The models of one language, in the run's order: the first
        Go and the first Python one are the compare_to pair."""
        return [i for i, m in self.models.items() if m["lang"] == lang]

    def label(self, impl):
        return self.models[impl]["label"]

    def get(self, impl, name):
        suite = self.suites.get(impl)
        if suite is None or name not in suite.get_benchmark_names():
            return None
        return suite.get_benchmark(name)

    def median(self, impl, name):
        """Median seconds per item (or per program run), or None."""
        b = self.get(impl, name)
        return b.median() if b else None

    def spread(self, impl, name):
        """The MAD as a fraction of the median: how stable it is."""
        b = self.get(impl, name)
        if not b or b.get_nvalue() < 2:
            return None
        return b.median_abs_dev() / b.median()

    def band(self, impl, name):
        """(median, median absolute deviation) in seconds, or None:
        what a table's "± x%" and a plot's error bar show."""
        b = self.get(impl, name)
        if not b:
            return None
        mad = b.median_abs_dev() if b.get_nvalue() >= 2 else 0.0
        return b.median(), mad

    def ratio_band(self, slow, fast, name):
        """(low, high): slow ÷ fast with each median moved by its MAD
        against the ratio, the widest the two spreads allow."""
        a, b = self.band(slow, name), self.band(fast, name)
        if not a or not b:
            return None
        low = (a[0] - a[1]) / (b[0] + b[1])
        high = (a[0] + a[1]) / (b[0] - b[1]) if b[0] > b[1] else \
            float("inf")
        return low, high

    def ratio(self, slow, fast, name):
        """(median of slow ÷ median of fast, significant?) or None."""
        a, b = self.get(slow, name), self.get(fast, name)
        if not a or not b:
            return None
        significant, _ = is_significant_benchs(b, a)
        return a.median() / b.median(), significant


UNITS = (("ns", 1e-9), ("µs", 1e-6), ("ms", 1e-3), ("s", 1.0))


def unit_for(values):
    """The unit of a column of times (seconds): the one that puts the
    column's median between 1 and 1,000, so every cell of a column is
    in the same unit and reads against its neighbours."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return UNITS[0]
    mid = values[len(values) // 2]
    for unit in UNITS:
        if mid < unit[1] * 1e3:
            return unit
    return UNITS[-1]


def figure(x):
    """A number to three significant figures, plainly written: 5,770,
    571, 24.9, 0.0536 (never 5.77e+03)."""
    if x == 0:
        return "0"
    digits = max(0, 2 - math.floor(math.log10(abs(x))))
    text = f"{round(x, digits):,.{digits}f}"
    return text


def in_unit(seconds, unit):
    """"5,770 ns": a time in the unit a column chose."""
    if seconds is None:
        return "–"
    return f"{figure(seconds / unit[1])} {unit[0]}"


def plus_minus(spread):
    """" ± 3%": a spread (the MAD over the median) after its figure,
    or "" where there is none."""
    return "" if spread is None else f" ± {spread * 100:.0f}%"


def ns(seconds):
    """A time on its own, three significant figures in its own unit."""
    if seconds is None:
        return "–"
    return in_unit(seconds, unit_for([seconds]))


def machine_load():
    """The machine's load now: the load averages (1, 5, 15 minutes)
    and the CPU time counters of /proc/stat's "cpu" line in seconds
    (steal among them: time a hypervisor gave this machine's CPUs to
    another guest), or None where there is no /proc/stat. Taken
    before and after a run; the report shows both and the share of
    CPU time stolen in between."""
    out = {"loadavg": [round(x, 2) for x in os.getloadavg()]}
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()
    except OSError:
        return out | {"cpu_s": None}
    hz = os.sysconf("SC_CLK_TCK")
    names = ("user", "nice", "system", "idle", "iowait", "irq",
             "softirq", "steal")
    return out | {"cpu_s": {k: int(v) / hz for k, v in
                            zip(names, fields[1:])}}


def steal_share(before, after):
    """The share of CPU time stolen between two machine_load()s, or
    None where either lacks the counters."""
    a, b = before.get("cpu_s"), after.get("cpu_s")
    if not a or not b or "steal" not in a or "steal" not in b:
        return None
    total = sum(b.values()) - sum(a.values())
    return (b["steal"] - a["steal"]) / total if total > 0 else None
