"""report.md of a bench run: the tables, the plots, the notes. The
numbers are pyperf's (data.py); this module only lays them out."""

import subprocess
import sys

from harness.report import render
from harness.bench.data import Results, ns
from harness.bench.cases import floor_of

# The queue capacity a Python package really uses for a scenario's
# --buffer, where it differs: chankit.aio's rendezvous asks
# asyncio.Queue for max(buffer, 1), since maxsize 0 would be
# unbounded.
PY_CAPACITY = {("rendezvous", "chankit.aio"): lambda b: max(b, 1)}
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


def floor_name(r, impl, case, floors):
    """The floor a row is set against: its model's capacity for the
    case's buffer and the same items, if measured, else the largest
    measured capacity below it."""
    package = r.models[impl].get("package", "")
    cap = PY_CAPACITY.get((case["scenario"], package),
                          lambda b: b)(case["params"]["buffer"])
    return floor_of(floors, cap, case["params"]["items"])


def relative(r, impl, case, floors):
    """The row's cost as a multiple of its model's floor."""
    floor = floor_name(r, impl, case, floors)
    m = r.median(impl, case["name"])
    f = r.median(impl, floor) if floor else None
    if m is None or f is None:
        return "–"
    return f"{m / f:.2f}× ({floor.split('/')[1]})"


def table(head, rows):
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
            *("| " + " | ".join(map(str, row)) + " |" for row in rows)]


def markdown(folder, summary, settings, plots):
    r = Results(folder, summary["models"])
    cases = summary["cases"]
    # The floors' names: a row is read against one of these.
    floors = [c["name"] for c in cases if c["kind"] == "floor"]
    text = head(summary, settings)
    text += floor_section(r, cases)
    text += spsc_section(r, cases, floors)
    text += scenario_section(r, cases, floors)
    text += models_section(r, cases, floors)
    text += sweep_section(r, cases, plots)
    text += faster_section(r, cases)
    text += process_section(r, cases)
    text += memory_section(r, summary, plots)
    text += compare_section(r, folder)
    text += benchstat_section(r, folder, summary)
    text += notes_section(summary, settings)
    return "\n".join(text) + "\n"


def pair(r):
    """The default Go and the first Python model: the two sides of
    `pyperf compare_to` and of every "÷ Go" column."""
    return r.ids("go")[0], r.ids("python")[0]


def present(r, lang):
    """The models of a language that have results, in run order."""
    return [i for i in r.ids(lang) if i in r.suites]


def head(summary, settings):
    p, m = settings["pyperf"], summary["machine"]
    rounds = settings.get("go_rounds", 1)
    pk = ", ".join(f"{k} {v}" for k, v in summary["packages"].items())
    return [
        f"# chankit bench, {summary['started']}, profile "
        f"{summary['profile']}", "",
        f"Command: `{' '.join(summary['command'])}`", "",
        render.machine_line(m) + f" Packages: {pk}.", "",
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


def floor_section(r, cases):
    go, py = pair(r)
    impls = [*present(r, "go"), *present(r, "python")]
    rows = [[c["params"]["buffer"],
             *(cell(r, i, c["name"]) for i in impls),
             ratio(r, py, go, c["name"])]
            for c in cases if c["kind"] == "floor"]
    return ["## Floors: the channel or queue alone", "",
            "One producer, one consumer, one channel or queue, no "
            "scenario. Capacity 0 is not the same thing in both: Go's "
            "unbuffered channel makes every send wait for the "
            "receiver; asyncio.Queue(maxsize=0), what the kit's "
            "Python uses for --buffer 0, is unbounded, so put never "
            "waits (nor do queue.Queue's and multiprocessing.Queue's). "
            "The handoff column is chankit's Channel, whose capacity 0 "
            "is a true rendezvous, as Go's is; so are trio's memory "
            "channel and anyio's memory object stream (on asyncio).", "",
            *table(["capacity", *(r.label(i) for i in impls),
                    f"{py} ÷ Go"], rows), ""]


def spsc_section(r, cases, floors):
    lines = ["## spsc against its floor", "",
             f"The kit's spsc must cost within {WITHIN:.0%} of the "
             "bare channel or queue at the same capacity (capacity "
             "0): otherwise the harness, not the channel, is measured.",
             ""]
    rows = []
    spsc = next((c for c in cases if c["kind"] == "scenario"
                 and c["scenario"] == "spsc"), None)
    for impl in [*present(r, "go"), pair(r)[1]] if spsc else ():
        floor = floor_name(r, impl, spsc, floors)
        m = r.median(impl, spsc["name"])
        f = r.median(impl, floor) if floor else None
        if m is None or f is None:
            continue
        over = m / f - 1
        rows.append([r.label(impl), ns(m), ns(f), f"{over:+.1%}",
                     "yes" if over <= WITHIN else "no"])
    lines += table(["", "spsc", "floor", "spsc over floor",
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
    go, py = pair(r)
    rows = []
    for c in cases:
        if c["kind"] != "scenario":
            continue
        p, b = c["params"], c["params"]["buffer"]
        shape = (f"{p['producers']}P {p['consumers']}C buffer {b}, "
                 f"{c['total']:,} items")
        rows.append([c["scenario"], shape, cell(r, go, c["name"]),
                     relative(r, go, c, floors),
                     cell(r, py, c["name"]),
                     relative(r, py, c, floors),
                     ratio(r, py, go, c["name"])])
    return ["## Scenarios, per item, against their floors", "",
            "Each scenario at its registry parameters (items from the "
            "profile, per producer). \"× floor\" is the cost over the "
            "same language's floor at the capacity the scenario uses "
            "(or the largest measured below it): near 1, the channel "
            "dominates; far above, the pattern does.", "",
            *table(["scenario", "run", "Go", "Go × floor", py,
                    f"{py} × floor", f"{py} ÷ Go"], rows),
            "", "![per-item cost per scenario](scenarios.png)", ""]


def models_section(r, cases, floors):
    impls = [*present(r, "go"), *present(r, "python")]
    rows = []
    for c in cases:
        if c["kind"] != "scenario":
            continue
        rows.append([c["scenario"], *(
            f"{cell(r, i, c['name'])}<br>"
            f"{relative(r, i, c, floors)}"
            if r.median(i, c["name"]) is not None else "–"
            for i in impls)])
    return ["## Python models side by side", "",
            "The same scenarios in every model the kit has them in, "
            "each with its cost over its own model's floor. Threads "
            "and processes exist for spsc, mpsc, workers and pipeline; "
            "handoff for rendezvous; trio and anyio for spsc, mpsc, "
            "workers, pipeline and rendezvous.", "",
            *table(["scenario", *(r.label(i) for i in impls)], rows),
            ""]


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
    go, py = pair(r)
    impls = [*present(r, "go"), py]
    for (sid, knob), group in groups.items():
        rows = [[c["value"], c["total"], *(cell(r, i, c["name"])
                                           for i in impls),
                 ratio(r, py, go, c["name"])] for c in group]
        lines += [f"### {sid}, {knob}", "",
                  *table([knob, "items per run",
                          *(r.label(i) for i in impls), f"{py} ÷ Go"],
                         rows), ""]
        title, png = SWEEPS[knob]
        if png in plots and png not in shown:
            shown.add(png)
            lines += [f"![{title}]({png})", ""]
    return lines


def faster_section(r, cases):
    gid, py = pair(r)
    spsc = next((c["name"] for c in cases if c["kind"] == "scenario"
                 and c["scenario"] == "spsc"), None)
    faster = {c["name"].split("/")[2]: c["name"] for c in cases
              if c["kind"] == "faster"}
    go = r.median(gid, spsc) if spsc else None
    base = r.median(py, spsc) if spsc else None
    rows = []
    variants = [(f"the kit's spsc, {py}", py, spsc),
                ("uvloop: the same code on uvloop", "uvloop", spsc),
                ("nowait: put_nowait, drain with get_nowait", py,
                 faster.get("nowait")),
                ("batch: lists of 100 items per put", py,
                 faster.get("batch"))]
    for label, impl, name in variants:
        m = r.median(impl, name) if name else None
        if m is None:
            rows.append([label, "–", "–", "–"])
            continue
        closed = (base - m) / (base - go) if go and base and \
            base != go else None
        rows.append([label, cell(r, impl, name),
                     f"{m / go:.2f}×" if go else "–",
                     f"{closed:.0%}" if closed is not None else "–"])
    rows.append(["Go's spsc, for reference",
                 cell(r, gid, spsc) if spsc else "–", "1×", ""])
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
    procs = [c for c in cases if c["kind"] == "process"]
    small = next((c for c in procs if c["value"]), None)
    rows = [[r.label(i), *(cell(r, i, c["name"]) for c in procs)]
            for i in impls]
    what = (f"{small['scenario']} with {small['total']:,} items, no "
            "tracing, output to /dev/null") if small else ""
    return ["## Whole programs: what a user feels", "",
            "Each program started, run and ended, many times (pyperf's "
            "bench_command): `startup` with no items, `small-run` "
            f"{what}. Times are per program run.", "",
            *table(["program", *("small-run" if c["value"] else
                                 "startup" for c in procs)], rows),
            ""]


def memory_section(r, summary, plots):
    m = summary["memory"]
    rows = [[row["value"], *(f"{row[i]['maxrss_mib']:.1f} MiB"
                             for i in m["models"])]
            for row in m["rows"]]
    lines = ["## Memory against concurrency", "",
             f"Peak RSS (VmHWM, as make scale reads it) of the whole "
             f"{m['scenario']} program with {m['items']:,} items shared "
             f"out among the {m['knob']}, one run per point.", "",
             *table([m["knob"], *(r.label(i) for i in m["models"])],
                    rows), ""]
    if "memory.png" in plots:
        lines += ["![memory against concurrency](memory.png)", ""]
    return lines


def compare_section(r, folder):
    go, py = pair(r)
    files = [r.models[i]["file"] for i in (go, py)]
    done = subprocess.run(
        [sys.executable, "-m", "pyperf", "compare_to", *files,
         "--table"], cwd=folder, capture_output=True, text=True)
    return [f"## pyperf compare_to {' '.join(files)} --table", "",
            "Go against Python: pyperf's own comparison of the two "
            "files, each Go case beside its Python twin of the same "
            f"name (means, not medians; \"slower\" is {py} against "
            "Go):", "", "```", (done.stdout + done.stderr).strip(),
            "```", ""]


def benchstat_section(r, folder, summary):
    """Go against Go: benchstat's per-item tables, from its output
    in the folder."""
    b = summary.get("benchstat", {})
    lines = ["## benchstat: Go with GOMAXPROCS=1 against the default",
             ""]
    if "file" not in b:
        return lines + [b.get("why", "Not run."), ""]
    one, default = (r.label(i) for i in r.ids("go")[::-1][:2])
    return lines + [
        f"Go against Go, with Go's own tool: `go tool benchstat "
        f"{b['old']} {b['new']}` (the benchstat go.mod pins) sets "
        f"the samples of each case with GOMAXPROCS=1 ({one}) beside "
        f"those with the default, {b['procs']} ({default}); \"vs "
        "base\" is what the extra threads change, \"~\" a change "
        "benchstat does not find significant. Its time per item "
        f"(sec/item) below; all its tables are in `{b['file']}`.",
        "", "```", *per_item((folder / b["file"]).read_text()), "```",
        ""]


def per_item(text):
    """The sec/item tables of benchstat's output, each under the
    package it belongs to (benchstat names a package once, above its
    first table)."""
    out, pkg = [], ""
    for block in text.strip().split("\n\n"):
        rows = block.splitlines()
        for row in rows:
            if row.startswith("pkg: "):
                pkg = row
        if any("sec/item" in row for row in rows[:4]):
            body = [x for x in rows if not x.startswith(
                ("goos:", "goarch:", "pkg:", "cpu:"))]
            out += [*([pkg] if pkg else []), *body, ""]
    return out[:-1] or text.strip().splitlines()


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
