"""report.md of a bench run: the tables, the plots, the notes. The
numbers are pyperf's (data.py); this module only lays them out."""

import subprocess
import sys

from harness import report
from harness.bench.data import Results, ns
from harness.bench.plan import GO, LABELS

# The queue capacity each Python model really uses for a scenario's
# --buffer, where it differs: rendezvous asks asyncio.Queue for
# max(buffer, 1), since maxsize 0 would be unbounded.
PY_CAPACITY = {("rendezvous", "asyncio"): lambda b: max(b, 1),
               ("rendezvous", "uvloop"): lambda b: max(b, 1)}
WITHIN = 0.10  # the harness must add less than this to the floor


def cell(r, impl, name):
    """A median with its spread: "612 ns ± 3%"."""
    m = r.median(impl, name)
    if m is None:
        return "–"
    s = r.spread(impl, name)
    return ns(m) + (f" ± {s * 100:.0f}%" if s is not None else "")


def ratio(r, slow, fast, name):
    got = r.ratio(slow, fast, name)
    if got is None:
        return "–"
    value, significant = got
    return f"{value:.2f}×" + ("" if significant else " (n.s.)")


def floor_name(r, impl, scenario, buffer, floors):
    """The floor a row is set against: the same capacity if measured,
    else the largest measured one below it."""
    cap = PY_CAPACITY.get((scenario, impl), lambda b: b)(buffer)
    below = [f for f in floors if f <= cap]
    return f"floor/cap={max(below)}" if below else None


def relative(r, impl, name, scenario, buffer, floors):
    """The row's cost as a multiple of its model's floor."""
    floor = floor_name(r, impl, scenario, buffer, floors)
    m, f = r.median(impl, name), r.median(impl, floor) if floor else None
    if m is None or f is None:
        return "–"
    return f"{m / f:.2f}× ({floor.split('/')[1]})"


def table(head, rows):
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
            *("| " + " | ".join(map(str, row)) + " |" for row in rows)]


def markdown(folder, summary, settings, plots):
    r = Results(folder)
    cases = summary["cases"]
    floors = settings["floors"]
    py = [i for i in ("asyncio", "uvloop", "threads", "processes",
                      "handoff") if i in r.suites]
    text = head(summary, settings)
    text += floor_section(r, cases, py)
    text += spsc_section(r, floors)
    text += scenario_section(r, cases, floors)
    text += models_section(r, cases, py, floors)
    text += sweep_section(r, cases, plots)
    text += faster_section(r)
    text += process_section(r, cases)
    text += memory_section(summary, plots)
    text += compare_section(folder)
    text += notes_section(summary, settings)
    return "\n".join(text) + "\n"


def head(summary, settings):
    p, m = settings["pyperf"], summary["machine"]
    rounds = settings.get("go_rounds", 1)
    pk = ", ".join(f"{k} {v}" for k, v in summary["packages"].items())
    return [
        f"# chankit bench, {summary['started']}, profile "
        f"{summary['profile']}", "",
        f"Command: `{' '.join(summary['command'])}`", "",
        report.machine_line(m) + f" Packages: {pk}.", "",
        f"Profile {summary['profile']} ({settings.get('why', '')}): "
        f"{settings['items']:,} items per run; {settings['samples']} "
        f"samples per benchmark: {rounds} run(s) of `go test -count "
        f"{settings['samples'] // rounds} -benchtime "
        f"{settings['go_benchtime']} -cpu 1,{m['cores']} -benchmem`, "
        f"pyperf {p['processes']} "
        f"processes × {p['values']} values after {p['warmups']} "
        f"warm-up(s), in {settings.get('py_rounds', 1)} round(s). "
        f"Finished {summary['finished']}.", "",
        "Every figure is the median time per item over the samples, "
        "± the median absolute deviation as a share of the median "
        "(how stable the figure is). A ratio is Python's median over "
        "Go's; \"(n.s.)\" marks one pyperf's t-test (95%, as "
        "`compare_to` uses) does not find significant. Each "
        "benchmark runs the kit's own scenario code, tracing off, "
        "delay and work 0.", ""]


def floor_section(r, cases, py):
    impls = [*GO, *py]
    rows = [[c["name"].split("/")[1],
             *(cell(r, i, c["name"]) for i in impls),
             ratio(r, "asyncio", "go", c["name"])]
            for c in cases if c["kind"] == "floor"]
    return ["## Floors: the channel or queue alone", "",
            "One producer, one consumer, one channel or queue, no "
            "scenario. Capacity 0 is not the same thing in both: Go's "
            "unbuffered channel makes every send wait for the "
            "receiver; asyncio.Queue(maxsize=0), what the kit's "
            "Python uses for --buffer 0, is unbounded, so put never "
            "waits (nor do queue.Queue's and multiprocessing.Queue's). "
            "The handoff column is chankit's Channel, whose capacity 0 "
            "is a true rendezvous, as Go's is.", "",
            *table(["capacity", *(LABELS[i] for i in impls),
                    "asyncio ÷ Go"], rows), ""]


def spsc_section(r, floors):
    lines = ["## spsc against its floor", "",
             f"The kit's spsc must cost within {WITHIN:.0%} of the "
             "bare channel or queue at the same capacity (capacity "
             "0): otherwise the harness, not the channel, is measured.",
             ""]
    rows = []
    for impl in ("go", "go-gomaxprocs1", "asyncio"):
        m = r.median(impl, "scenario/spsc")
        f = r.median(impl, "floor/cap=0")
        if m is None or f is None:
            continue
        over = m / f - 1
        rows.append([LABELS[impl], ns(m), ns(f), f"{over:+.1%}",
                     "yes" if over <= WITHIN else "no"])
    lines += table(["", "spsc", "floor cap=0", "spsc over floor",
                    f"within {WITHIN:.0%}"], rows)
    lines += ["", "What spsc adds to the floor, per item: in Go, a "
              "`time.Sleep(0)` (returns at once) and two calls to the "
              "tracer, which does nothing when off; in Python, two "
              "calls to the tracer's no-op (about 25 ns each on this "
              "machine) and `receive()`, the async generator that is "
              "the kit's `range ch` (it checks for the close sentinel "
              "and costs about one more coroutine step per item). The "
              "Python floor's consumer checks for its sentinel too, "
              "but inline. Where Python's spsc is more than "
              f"{WITHIN:.0%} over, those two are why: the queue "
              "itself costs the same.", ""]
    return lines


def scenario_section(r, cases, floors):
    rows = []
    for c in cases:
        if c["kind"] != "scenario":
            continue
        p, b = c["params"], c["params"]["buffer"]
        shape = (f"{p['producers']}P {p['consumers']}C buffer {b}, "
                 f"{c['total']:,} items")
        rows.append([c["scenario"], shape, cell(r, "go", c["name"]),
                     relative(r, "go", c["name"], c["scenario"], b,
                              floors),
                     cell(r, "asyncio", c["name"]),
                     relative(r, "asyncio", c["name"], c["scenario"], b,
                              floors),
                     ratio(r, "asyncio", "go", c["name"])])
    return ["## Scenarios, per item, against their floors", "",
            "Each scenario at its registry parameters (items from the "
            "profile, per producer). \"× floor\" is the cost over the "
            "same language's floor at the capacity the scenario uses "
            "(or the largest measured below it): near 1, the channel "
            "dominates; far above, the pattern does.", "",
            *table(["scenario", "run", "Go", "Go × floor", "asyncio",
                    "asyncio × floor", "asyncio ÷ Go"], rows),
            "", "![per-item cost per scenario](scenarios.png)", ""]


def models_section(r, cases, py, floors):
    impls = [*GO, *py]
    rows = []
    for c in cases:
        if c["kind"] != "scenario":
            continue
        b = c["params"]["buffer"]
        rows.append([c["scenario"], *(
            f"{cell(r, i, c['name'])}<br>"
            f"{relative(r, i, c['name'], c['scenario'], b, floors)}"
            if r.median(i, c["name"]) is not None else "–"
            for i in impls)])
    return ["## Python models side by side", "",
            "The same scenarios in every model the kit has them in, "
            "each with its cost over its own model's floor. Threads "
            "and processes exist for spsc, mpsc, workers and pipeline; "
            "handoff for rendezvous.", "",
            *table(["scenario", *(LABELS[i] for i in impls)], rows), ""]


SWEEPS = {"buffer": ("Capacity", "capacity.png"),
          "producers": ("Concurrency", "concurrency.png"),
          "consumers": ("Concurrency", "concurrency.png"),
          "items": ("Items", "items.png")}


def sweep_section(r, cases, plots):
    lines = ["## Sweeps", "",
             "One knob of one scenario at a time, the others at the "
             "scenario's parameters, in Go and asyncio. With more "
             "producers, the profile's items are shared out among "
             "them.", ""]
    shown = set()
    groups = {}
    for c in cases:
        if c["kind"] == "sweep":
            groups.setdefault((c["scenario"], c["knob"]), []).append(c)
    for (sid, knob), group in groups.items():
        rows = [[c["value"], c["total"], *(cell(r, i, c["name"])
                                           for i in (*GO, "asyncio")),
                 ratio(r, "asyncio", "go", c["name"])] for c in group]
        lines += [f"### {sid}, {knob}", "",
                  *table([knob, "items per run", *(LABELS[i] for i in
                                                   (*GO, "asyncio")),
                          "asyncio ÷ Go"], rows), ""]
        title, png = SWEEPS[knob]
        if png in plots and png not in shown:
            shown.add(png)
            lines += [f"![{title}]({png})", ""]
    return lines


def faster_section(r):
    go = r.median("go", "scenario/spsc")
    base = r.median("asyncio", "scenario/spsc")
    rows = []
    variants = [("the kit's spsc, asyncio", "asyncio", "scenario/spsc"),
                ("uvloop: the same code on uvloop", "uvloop",
                 "scenario/spsc"),
                ("nowait: put_nowait, drain with get_nowait", "asyncio",
                 "faster/spsc-nowait"),
                ("batch: lists of 100 items per put", "asyncio",
                 "faster/spsc-batch")]
    for label, impl, name in variants:
        m = r.median(impl, name)
        if m is None:
            rows.append([label, "–", "–", "–"])
            continue
        closed = (base - m) / (base - go) if go and base and \
            base != go else None
        rows.append([label, cell(r, impl, name),
                     f"{m / go:.2f}×" if go else "–",
                     f"{closed:.0%}" if closed is not None else "–"])
    rows.append(["Go's spsc, for reference", cell(r, "go",
                                                  "scenario/spsc"),
                 "1×", ""])
    return ["## How to make Python faster", "",
            "spsc in asyncio, changed one thing at a time "
            "(python/bench/bm_faster.py), against Go's spsc. \"Gap "
            "closed\" is how much of the distance from the kit's "
            "asyncio spsc to Go's each change covers. Go could batch "
            "too: batch shows how far Python gets, not a fair race.",
            "", *table(["variant", "per item", "÷ Go", "gap closed"],
                       rows), ""]


def process_section(r, cases):
    impls = [i for c in cases if c["kind"] == "process"
             for i in c["impls"]]
    impls = list(dict.fromkeys(impls))
    names = [c["name"] for c in cases if c["kind"] == "process"]
    small = next((c for c in cases if c["name"] == "process/small-run"),
                 None)
    rows = [[LABELS[i], *(cell(r, i, n) for n in names)] for i in impls]
    what = (f"{small['scenario']} with {small['total']:,} items, no "
            "tracing, output to /dev/null") if small else ""
    return ["## Whole programs: what a user feels", "",
            "Each program started, run and ended, many times (pyperf's "
            "bench_command): `startup` with no items, `small-run` "
            f"{what}. Times are per program run.", "",
            *table(["program", *(n.split("/")[1] for n in names)],
                   rows), ""]


def memory_section(summary, plots):
    m = summary["memory"]
    rows = [[row["value"], f"{row['go']['maxrss_mib']:.1f} MiB",
             f"{row['asyncio']['maxrss_mib']:.1f} MiB"]
            for row in m["rows"]]
    lines = ["## Memory against concurrency", "",
             f"Peak RSS (VmHWM, as make scale reads it) of the whole "
             f"{m['scenario']} program with {m['items']:,} items shared "
             f"out among the {m['knob']}, one run per point.", "",
             *table([m["knob"], "Go", "asyncio"], rows), ""]
    if "memory.png" in plots:
        lines += ["![memory against concurrency](memory.png)", ""]
    return lines


def compare_section(folder):
    done = subprocess.run(
        [sys.executable, "-m", "pyperf", "compare_to", "go.json",
         "python.json", "--table"], cwd=folder, capture_output=True,
        text=True)
    return ["## pyperf compare_to go.json python.json --table", "",
            "pyperf's own comparison of the two files (means, not "
            "medians; \"slower\" is asyncio against Go):", "", "```",
            (done.stdout + done.stderr).strip(), "```", ""]


def notes_section(summary, settings):
    notes = [*summary["notes"], *(
        f"{sid} is not benchmarked: {why}"
        for sid, why in settings.get("left_out", {}).items()),
        "backpressure's asyncio producer still calls asyncio.sleep(0) "
        "at delay 0 (the other scenarios skip it, as Go's "
        "time.Sleep(0) does): that yield is what its contracts were "
        "checked with, so its Python figure includes a loop turn per "
        "item.",
        "rendezvous in asyncio uses asyncio.Queue(maxsize=1), so its "
        "floor is the cap=1 one; Go's is an unbuffered channel.",
        *(f"FAILED: {f}" for f in summary["failures"])]
    return ["## Notes", "", *(f"- {n}" for n in notes), ""]
