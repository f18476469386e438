"""The pictures of a bench run, PNG files made with matplotlib (no
display needed: the Agg backend). Each is drawn only if its data is
there; draw() returns the names of the ones it made."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after the backend)

from harness.bench.data import Results  # noqa: E402

# Colours and markers, handed out to the models in the run's order
# (Go first), so that a model keeps its colour in every plot.
STYLES = [("tab:blue", "o"), ("tab:cyan", "s"), ("tab:orange", "^"),
          ("tab:red", "v"), ("tab:green", "D"), ("tab:purple", "P"),
          ("tab:brown", "X"), ("tab:pink", "*"), ("tab:olive", "h")]


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
    return [name for name in made if name]


def save(fig, folder, name):
    fig.tight_layout()
    fig.savefig(folder / name, dpi=100)
    plt.close(fig)
    return name


def bars(r, folder, cases):
    """Per-item cost of every floor and scenario, every model."""
    names = [c["name"] for c in cases if c["kind"] in ("floor",
                                                       "scenario")]
    impls = [i for i in r.models if i in r.suites]
    if not names or not impls:
        return None
    fig, ax = plt.subplots(figsize=(11, 4.8))
    width = 0.8 / len(impls)
    for k, impl in enumerate(impls):
        xs, ys = [], []
        for n, name in enumerate(names):
            m = r.median(impl, name)
            if m is not None:
                xs.append(n + (k - len(impls) / 2 + 0.5) * width)
                ys.append(m * 1e9)
        ax.bar(xs, ys, width, label=r.label(impl),
               color=style(r, impl)[0])
    ax.set_yscale("log")
    ax.set_xticks(range(len(names)),
                  [n.split("/", 1)[1] for n in names], rotation=30,
                  ha="right")
    ax.set_ylabel("ns per item (log)")
    ax.set_title("Per-item cost: floors and scenarios")
    ax.legend(fontsize="small", ncol=2)
    ax.grid(axis="y", which="both", alpha=0.3)
    return save(fig, folder, "scenarios.png")


def sweep(r, folder, cases, knobs, png):
    """Cost per item against one knob, a panel per knob."""
    panels = [(k, [c for c in cases if c["kind"] == "sweep"
                   and c["knob"] == k]) for k in knobs]
    panels = [(k, group) for k, group in panels if group]
    if not panels:
        return None
    fig, axes = plt.subplots(1, len(panels), squeeze=False,
                             figsize=(5.5 * len(panels), 4.2))
    for ax, (knob, group) in zip(axes[0], panels):
        # Capacity 0 has no place on a log axis: plot by position.
        xs = list(range(len(group))) if knob == "buffer" else \
            [c["value"] for c in group]
        for impl in group[0]["impls"]:
            ys = [r.median(impl, c["name"]) for c in group]
            pts = [(x, y * 1e9) for x, y in zip(xs, ys) if y]
            if pts:
                color, marker = style(r, impl)
                ax.plot(*zip(*pts), marker=marker, color=color,
                        label=r.label(impl))
        if knob == "buffer":
            ax.set_xticks(xs, [str(c["value"]) for c in group])
        else:
            ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(f"{knob} ({group[0]['scenario']})")
        ax.set_ylabel("ns per item (log)")
        ax.grid(which="both", alpha=0.3)
        ax.legend(fontsize="small")
    return save(fig, folder, png)


def memory(r, folder, m):
    rows = m["rows"]
    if not rows:
        return None
    fig, ax = plt.subplots(figsize=(5.5, 4.2))
    xs = [row["value"] for row in rows]
    for impl in m["models"]:
        color, marker = style(r, impl)
        ax.plot(xs, [row[impl]["maxrss_mib"] for row in rows],
                marker=marker, color=color, label=r.label(impl))
    ax.set_xscale("log")
    ax.set_xlabel(f"{m['knob']} ({m['scenario']}, {m['items']:,} items)")
    ax.set_ylabel("peak RSS, MiB")
    ax.grid(which="both", alpha=0.3)
    ax.legend(fontsize="small")
    return save(fig, folder, "memory.png")
