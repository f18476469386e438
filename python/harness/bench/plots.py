"""The pictures of a bench run, PNG files made with matplotlib (no
display needed: the Agg backend). Each is drawn only if its data is
there; draw() returns the names of the ones it made.

Every time is the median of its samples with an error bar of ± its
median absolute deviation, the "± x%" of the report's tables. Sweeps
are points, not lines: a line through noisy points reads as a trend.
Legends sit outside the data, and axes are labelled in plain numbers
(50, 100, 1,000), never 2×10²."""

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after the backend)
from matplotlib.ticker import (FuncFormatter, LogLocator,  # noqa: E402
                               NullFormatter)

from harness.bench.data import Results  # noqa: E402

# Colours and markers, handed out to the models in the run's order
# (Go first), so that a model keeps its colour in every plot.
STYLES = [("tab:blue", "o"), ("tab:cyan", "s"), ("tab:orange", "^"),
          ("tab:red", "v"), ("tab:green", "D"), ("tab:purple", "P"),
          ("tab:brown", "X"), ("tab:pink", "*"), ("tab:olive", "h")]
PER_ITEM = "ns per item, log scale (lower is better)"


def style(r, impl):
    return STYLES[list(r.models).index(impl) % len(STYLES)]


def draw(folder, summary):
    r = Results(folder, summary["models"])
    cases = summary["cases"]
    made = [bars(r, folder, cases)]
    for knob, png in (("buffer", "capacity.png"),
                      ("items", "items.png")):
        made.append(sweep(r, folder, cases, [knob], png))
    made.append(sweep(r, folder, cases, ["producers", "consumers"],
                      "concurrency.png"))
    made.append(memory(r, folder, summary["memory"]))
    published = summary.get("settings", {}).get("published", {})
    for sid in dict.fromkeys(c["scenario"] for c in cases
                             if c["kind"] == "fixed"):
        made.append(fixed(r, folder, [c for c in cases if c["kind"]
                                      == "fixed" and c["scenario"] == sid],
                          published.get(sid)))
    return [name for name in made if name]


def save(fig, folder, name):
    fig.savefig(folder / name, dpi=100)
    plt.close(fig)
    return name


def plain(v, _pos=None):
    """An axis label as a reader writes it: 50, 1,000, 0.5."""
    return f"{v:,.0f}" if v >= 1 else f"{v:g}"


def plain_log(ax):
    """The y axis in log scale, ticked at 1, 2 and 5 of each decade
    (every step, where the data spans less than a decade), in plain
    numbers, with no labels on the minor ticks. After the data."""
    ax.set_yscale("log")
    low, high = ax.get_ylim()
    subs = (1.0, 2.0, 5.0) if high / low > 10 else \
        tuple(float(k) for k in range(1, 10))
    # From the tick below the data to the tick above it, so that
    # every point has a labelled tick on either side.
    ticks = [k * 10.0 ** e for e in range(math.floor(math.log10(low)),
                                          math.ceil(math.log10(high)) + 1)
             for k in subs]
    ax.set_ylim(max([t for t in ticks if t <= low], default=low),
                min([t for t in ticks if t >= high], default=high))
    axis = ax.yaxis
    axis.set_major_locator(LogLocator(base=10, subs=subs))
    axis.set_major_formatter(FuncFormatter(plain))
    axis.set_minor_formatter(NullFormatter())


def point(r, impl, name):
    """(median ns, MAD ns) or None."""
    got = r.band(impl, name)
    return (got[0] * 1e9, got[1] * 1e9) if got else None


def legend(fig, handles, labels, ncol):
    fig.legend(handles, labels, loc="outside lower center", ncol=ncol,
               fontsize="small", frameon=False)


def bars(r, folder, cases):
    """Per-item cost of every floor (left panel) and scenario (right
    panel), every model, each bar with its spread."""
    groups = [[c for c in cases if c["kind"] == kind]
              for kind in ("floor", "scenario")]
    groups = [g for g in groups if g]
    impls = [i for i in r.models if i in r.suites]
    if not groups or not impls:
        return None
    fig, axes = plt.subplots(
        1, len(groups), squeeze=False, figsize=(12, 5.4),
        width_ratios=[len(g) for g in groups], sharey=True,
        layout="constrained")
    width = 0.8 / len(impls)
    handles = {}
    for ax, group in zip(axes[0], groups):
        for k, impl in enumerate(impls):
            xs, ys, errs = [], [], []
            for n, c in enumerate(group):
                got = point(r, impl, c["name"])
                if got:
                    xs.append(n + (k - len(impls) / 2 + 0.5) * width)
                    ys.append(got[0])
                    errs.append(got[1])
            if xs:
                handles[impl] = ax.bar(
                    xs, ys, width, yerr=errs, color=style(r, impl)[0],
                    error_kw={"elinewidth": 1, "capsize": 1.5,
                              "ecolor": "black"})
        floor = group[0]["kind"] == "floor"
        ax.set_xticks(range(len(group)), [
            f"capacity {c['params']['buffer']}" if floor
            else c["scenario"] for c in group],
            rotation=0 if floor else 25, ha="center" if floor else "right")
        ax.set_title("floors: the channel or queue alone" if floor else
                     "scenarios, at their registry parameters",
                     fontsize="medium")
        plain_log(ax)
        ax.grid(axis="y", which="major", alpha=0.3)
    axes[0][0].set_ylabel(PER_ITEM)
    fig.suptitle("Per-item cost, median ± MAD of the samples")
    legend(fig, list(handles.values()),
           [r.label(i) for i in handles], 4)
    return save(fig, folder, "scenarios.png")


def sweep(r, folder, cases, knobs, png):
    """Cost per item against one knob, a panel per knob: each point
    the median with its spread, models side by side at each value."""
    panels = [(k, [c for c in cases if c["kind"] == "sweep"
                   and c["knob"] == k]) for k in knobs]
    panels = [(k, group) for k, group in panels if group]
    if not panels:
        return None
    fig, axes = plt.subplots(1, len(panels), squeeze=False,
                             figsize=(5.5 * len(panels), 4.6),
                             layout="constrained")
    handles = {}
    for ax, (knob, group) in zip(axes[0], panels):
        impls = group[0]["impls"]
        # Every value by position: capacity 0 has no place on a log
        # axis, and evenly spaced values read as the steps they are.
        for k, impl in enumerate(impls):
            shift = (k - (len(impls) - 1) / 2) * 0.12
            pts = [(n + shift, *got) for n, c in enumerate(group)
                   if (got := point(r, impl, c["name"]))]
            if pts:
                xs, ys, errs = zip(*pts)
                color, marker = style(r, impl)
                handles[impl] = ax.errorbar(
                    xs, ys, yerr=errs, fmt=marker, color=color,
                    capsize=3, markersize=5, linestyle="none")
        ax.set_xticks(range(len(group)), [f"{c['value']:,}"
                                          for c in group])
        ax.set_xlim(-0.5, len(group) - 0.5)
        plain_log(ax)
        ax.set_xlabel(f"{knob} ({group[0]['scenario']})")
        ax.set_ylabel(PER_ITEM)
        ax.grid(axis="y", which="major", alpha=0.3)
    fig.suptitle("Per-item cost, median ± MAD of the samples")
    legend(fig, list(handles.values()),
           [r.label(i) for i in handles], 3)
    return save(fig, folder, png)


def fixed(r, folder, group, published):
    """A scenario's whole programs at fixed sizes: the time per run
    against N (left) and per hand-off (right), each point a median
    with its spread; the figures published elsewhere as hollow black
    marks, apart from every model's colour."""
    sid = group[0]["scenario"]
    panels = [("seconds per run, log scale (lower is better)",
               lambda c: 1.0)]
    if all(c.get("handoffs") for c in group):
        panels.append(("µs per hand-off, log scale (lower is better)",
                       lambda c: 1e6 / c["handoffs"]))
    impls = [i for i in group[0]["impls"] if i in r.suites]
    if not impls:
        return None
    fig, axes = plt.subplots(1, len(panels), squeeze=False,
                             figsize=(5.5 * len(panels), 4.6),
                             layout="constrained")
    handles, labels = [], []
    for p, (ax, (ylabel, scale)) in enumerate(zip(axes[0], panels)):
        for k, impl in enumerate(impls):
            shift = (k - (len(impls) - 1) / 2) * 0.08
            pts = [(n + shift, got[0] * scale(c), got[1] * scale(c))
                   for n, c in enumerate(group)
                   if (got := r.band(impl, c["name"]))]
            if pts:
                xs, ys, errs = zip(*pts)
                color, marker = style(r, impl)
                h = ax.errorbar(xs, ys, yerr=errs, fmt=marker,
                                color=color, capsize=3, markersize=5,
                                linestyle="none")
                if p == 0:
                    handles.append(h)
                    labels.append(r.label(impl))
        at = [n for n, c in enumerate(group)
              if published and c["total"] == published["items"]]
        if p == 0 and at:
            for m, (who, s) in enumerate(published["seconds"].items()):
                h, = ax.plot([at[0] + 0.3], [s], "o^sD"[m % 4],
                             markerfacecolor="none", color="black",
                             linestyle="none")
                handles.append(h)
                labels.append(f"{who}, published elsewhere "
                              "(other hardware)")
        ax.set_xticks(range(len(group)), [f"N = {c['total']:,}"
                                          for c in group])
        ax.set_xlim(-0.5, len(group) - 0.5)
        plain_log(ax)
        ax.set_ylabel(ylabel)
        ax.grid(axis="y", which="major", alpha=0.3)
    fig.suptitle(f"{sid}: whole programs at fixed sizes, median ± MAD")
    legend(fig, handles, labels, 3)
    return save(fig, folder, f"{sid}.png")


def memory(r, folder, m):
    rows = m["rows"]
    if not rows:
        return None
    fig, ax = plt.subplots(figsize=(6, 4.6), layout="constrained")
    xs = range(len(rows))
    handles = {}
    for impl in m["models"]:
        color, marker = style(r, impl)
        handles[impl], = ax.plot(xs, [row[impl]["maxrss_mib"]
                                      for row in rows], marker,
                                 color=color, linestyle="none")
    ax.set_xticks(xs, [f"{row['value']:,}" for row in rows])
    ax.set_xlabel(f"{m['knob']} ({m['scenario']}, {m['items']:,} items)")
    ax.set_ylabel("peak RSS, MiB (lower is better)")
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    ax.set_title("Peak memory: one run per point, so no spread to show",
                 fontsize="medium")
    legend(fig, list(handles.values()),
           [r.label(i) for i in handles], 2)
    return save(fig, folder, "memory.png")
