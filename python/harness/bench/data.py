"""A bench run's pyperf files, read back for the report and plots.
The statistics are pyperf's own: Benchmark.median(),
median_abs_dev(), and the t-test `pyperf compare_to` applies."""

import json

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

    def ratio(self, slow, fast, name):
        """(median of slow ÷ median of fast, significant?) or None."""
        a, b = self.get(slow, name), self.get(fast, name)
        if not a or not b:
            return None
        significant, _ = is_significant_benchs(b, a)
        return a.median() / b.median(), significant


def ns(seconds):
    """A time per item, three significant figures."""
    if seconds is None:
        return "–"
    n = seconds * 1e9
    if n >= 1e6:
        return f"{n / 1e6:.3g} ms"
    if n >= 1e3:
        return f"{n / 1e3:.3g} µs"
    return f"{n:.3g} ns"
