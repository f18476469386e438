"""report.md of a bench run: the tables, the plots, the notes. The
numbers are pyperf's (data.py); this module only lays them out."""

import dataclasses
import subprocess
import sys

from harness.report import render
from harness.bench.data import (Results, figure, in_unit, plus_minus,
                                steal_share, unit_for)
from harness.bench.cases import FASTER

# The queue capacity a Python package really uses for a scenario's
# --buffer, where it differs: chankit.aio's rendezvous asks
# asyncio.Queue for max(buffer, 1), since maxsize 0 would be
# unbounded.
PY_CAPACITY = {("rendezvous", "chankit.aio"): lambda b: max(b, 1)}
@dataclasses.dataclass
class Time:
    """A table cell holding a time: the table writes it in the unit
    its column chose (data.unit_for), so a column never mixes ns and
    µs. spread: the MAD as a share of the median; after: text that
    follows the time ("<br>1.30× (cap=0)")."""
    seconds: float
    spread: float = None
    after: str = ""

    def text(self, unit):
        return in_unit(self.seconds, unit) + plus_minus(self.spread) + \
            self.after


def cell(r, impl, name, after=""):
    """A median with its spread: "612 ns ± 3%", or "–"."""
    m = r.median(impl, name)
    if m is None:
        return "–"
    return Time(m, r.spread(impl, name), after)


def ratio(r, slow, fast, name):
    got = r.ratio(slow, fast, name)
    if got is None:
        return "–"
    value, significant = got
    return f"{value:.2f}×" + ("" if significant else " (n.s.)")


def capacity(r, impl, case):
    """The queue capacity the model really uses for a case."""
    package = r.models[impl].get("package", "")
    return PY_CAPACITY.get((case["scenario"], package),
                           lambda b: b)(case["params"]["buffer"])


def floor_case(r, impl, case, floors):
    """The floor a row is set against: the floor case at its model's
    capacity for the case's buffer and the same items, if measured,
    else the largest measured capacity below it (None if none).
    Read from the cases' parameters, not their names, so runs of
    either naming (results/README.md) read the same."""
    cap = capacity(r, impl, case)
    below = [f for f in floors if f["params"]["buffer"] <= cap
             and f["params"]["items"] == case["params"]["items"]]
    return max(below, key=lambda f: f["params"]["buffer"], default=None)


def cap(floor):
    return f"cap={floor['params']['buffer']}"


class Odd:
    """The figures a reader would stop at, each with its reason, as
    numbered footnotes under the table that shows them."""

    def __init__(self):
        self.notes = []

    def mark(self, why):
        if why not in self.notes:
            self.notes.append(why)
        return f" [{self.notes.index(why) + 1}]"

    def lines(self):
        return [*(f"[{n}] {why}  " for n, why in enumerate(self.notes,
                                                            1)), ""] \
            if self.notes else []


def below_floor(r, impl, case, floor, times):
    """Why a row costs less than its floor (× floor below 1): its
    buffer is larger than the floor's capacity; or the two are within
    their spreads; or, beyond them, the run cannot say."""
    c, f = capacity(r, impl, case), floor["params"]["buffer"]
    if c > f:
        return (f"below 1: {case['scenario']}'s queue holds {c}, "
                "more than the floor it is set against (the largest "
                f"measured at or below {c}: capacity {f}); a bigger "
                "buffer makes sender and receiver wait less, so the "
                "scenario can cost less than that floor.")
    a, b = (r.spread(impl, n) or 0 for n in (case["name"],
                                              floor["name"]))
    if 1 - times <= a + b:
        return ("below 1 by less than the two figures' spreads "
                "together: no measurable difference from the floor.")
    return ("below 1 by more than the two figures' spreads, at the "
            "same capacity: the scenario's program is not the floor's, "
            "and this run does not say which part of it is cheaper.")


def relative(r, impl, case, floors, odd=None):
    """The row's cost as a multiple of its model's floor, marked with
    a footnote where it is below 1."""
    floor = floor_case(r, impl, case, floors)
    m = r.median(impl, case["name"])
    f = r.median(impl, floor["name"]) if floor else None
    if m is None or f is None:
        return "–"
    times = m / f
    mark = odd.mark(below_floor(r, impl, case, floor, times)) \
        if odd is not None and times < 1 else ""
    return f"{times:.2f}× ({cap(floor)}){mark}"


def table(head, rows):
    """A markdown table; the Time cells of each column written in the
    one unit the column's median calls for."""
    units = [unit_for([c.seconds for c in col if isinstance(c, Time)])
             for col in zip(*rows)] if rows else []
    body = [[c.text(u) if isinstance(c, Time) else str(c)
             for c, u in zip(row, units)] for row in rows]
    return render.md_table(head, body)


NS = ("\"(n.s.)\": pyperf's t-test (95%, as `compare_to` uses) does "
      "not find the two sides' samples significantly different; read "
      "that ratio as no measurable difference.")


def ns_note(rows):
    """The (n.s.) legend, under a table that shows one."""
    return [NS, ""] if any("(n.s.)" in str(c) for row in rows
                           for c in row) else []


def markdown(folder, summary, settings, plots):
    r = Results(folder, summary["models"])
    cases = summary["cases"]
    # The floor cases: a row is read against one of these.
    floors = [c for c in cases if c["kind"] == "floor"]
    # The self-checks' bounds: scenarios.toml's [bench] checks, as
    # the run's settings keep them (report.py adds them to older ones).
    checks = settings["checks"]
    text = head(summary, settings)
    text += warning(r, cases, floors, checks, summary)
    text += headline(r, cases, floors)
    text += floor_section(r, cases)
    text += spsc_section(r, cases, floors, checks)
    text += scenario_section(r, cases, floors)
    text += models_section(r, cases, floors)
    text += sweep_section(r, cases, plots)
    text += faster_section(r, cases)
    text += fixed_section(r, cases, settings, plots)
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
        load_line(summary), "",
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
        "(how stable the figure is); each column of times is in one "
        "unit. A ratio is Python's median over Go's. Each benchmark "
        "runs the kit's own scenario code, tracing off, delay and "
        "work 0.", ""]


def load_line(summary):
    """The machine's load around the run, as summary.json's "load"
    keeps it (results/README.md), or why there is none."""
    load = summary.get("load")
    if not load:
        return ("Load: not recorded (summary.json has no \"load\": "
                "the run predates it).")
    b, a = load["before"], load["after"]
    avg = ", ".join
    steal = steal_share(b, a)
    return (f"Load: load average (1, 5, 15 minutes) "
            f"{avg(map(str, b['loadavg']))} before the run, "
            f"{avg(map(str, a['loadavg']))} after, on "
            f"{summary['machine']['cores']} cores; CPU steal "
            + (f"{steal:.1%} of the CPU time during the run "
               "(/proc/stat)." if steal is not None else
               "not available (no /proc/stat)."))


def headline_rows(r, cases, floors):
    """The cases the headline is made of: the floors by capacity, and
    the scenarios at buffer 0 whose Python queue is unbounded (one
    whose queue is not, rendezvous's, is left out and said so)."""
    go, py = pair(r)
    zero = [c for c in cases if c["kind"] == "scenario"
            and c["params"]["buffer"] == 0
            and r.median(go, c["name"]) is not None
            and r.median(py, c["name"]) is not None]
    unbounded = [c for c in zero if capacity(r, py, c) == 0]
    other = [c for c in zero if capacity(r, py, c) != 0]
    return sorted(floors, key=lambda f: f["params"]["buffer"]), \
        unbounded, other


# Where a floor's hand-off is, in words, by capacity.
WHERE = {0: "where its put never waits (capacity 0)",
         1: "where every send waits (capacity 1: a task switch per "
            "item)"}


def what_waits(buffer, py):
    if buffer == 0:
        return (f"capacity 0: Go's send waits for the receiver, {py}'s "
                "put never waits (its queue is unbounded)")
    if buffer == 1:
        return "capacity 1: every send waits for the receiver"
    return f"capacity {buffer}: a buffered queue"


def headline(r, cases, floors):
    """The answer first: how much slower asyncio is than Go, and when,
    each ratio with the range its two spreads allow."""
    go, py = pair(r)
    by_cap, zero, other = headline_rows(r, cases, floors)
    rows, said = [], []
    for f in by_cap:
        got = r.ratio(py, go, f["name"])
        if not got:
            continue
        low, high = r.ratio_band(py, go, f["name"])
        rows.append([what_waits(f["params"]["buffer"], py),
                     cell(r, go, f["name"]), cell(r, py, f["name"]),
                     times(*got), f"{figure(low)}–{figure(high)}×"])
        b = f["params"]["buffer"]
        said.append((got[0], f"{times(*got)} "
                     f"{WHERE.get(b, f'with a buffer of {b}')}"))
    if zero:
        ratios = sorted((r.ratio(py, go, c["name"])[0], c) for c in zero)
        bands = [r.ratio_band(py, go, c["name"]) for c in zero]
        (lo, clo), (hi, chi) = ratios[0], ratios[-1]
        rows.append([
            (f"the {len(zero)} scenarios" if len(zero) > 1 else
             "the scenario") + " at buffer 0 "
            f"({', '.join(c['scenario'] for c in zero)})",
            Span([r.median(go, c["name"]) for c in zero]),
            Span([r.median(py, c["name"]) for c in zero]),
            f"{figure(lo)}× ({clo['scenario']}) to {figure(hi)}× "
            f"({chi['scenario']})" if len(zero) > 1 else
            f"{figure(lo)}×",
            f"{figure(min(b[0] for b in bands))}–"
            f"{figure(max(b[1] for b in bands))}×"])
    if not rows:
        return []
    words = [w for _, w in said]
    if zero:
        words.append(f"{figure(lo)}×" + (f" to {figure(hi)}×"
                                         if len(zero) > 1 else "")
                     + " in the kit's scenarios at buffer 0")
    most = f" {py} pays most {max(said)[1].split('× ', 1)[1]}." \
        if len(said) > 1 else ""
    lines = ["## The answer: how much slower asyncio is than Go, and "
             "when", "",
             *table(["hand-off", "Go", py, f"{py} ÷ Go",
                     "÷ within the spreads"], rows), "",
             f"{py} ÷ Go, per item: {'; '.join(words)}."
             f"{most} \"Within the spreads\" is {py}'s median ± its "
             "MAD over Go's ∓ its MAD: the widest the two spreads "
             "allow.", ""]
    lines += ns_note(rows)
    for c in other:
        got = r.ratio(py, go, c["name"])
        lines += [f"{c['scenario']} is at buffer 0 but not in the "
                  f"range: its {py} queue holds "
                  f"{capacity(r, py, c)}, so every send waits, as at "
                  f"capacity 1 ({times(*got)}; the scenarios table).",
                  ""]
    return lines


class Span(Time):
    """A cell holding the range of several times: "152–334 ns"."""

    def __init__(self, values):
        super().__init__(sorted(values)[len(values) // 2])
        self.values = values

    def text(self, unit):
        low, high = (in_unit(f(self.values), unit)
                     for f in (min, max))
        return high if low == high else f"{low.split()[0]}–{high}"


def times(value, significant):
    return f"{figure(value)}×" + ("" if significant else " (n.s.)")


def self_checks(r, cases, floors, checks, summary):
    """What makes this run's figures doubtful, one line each: a Go
    spsc further from its floor than the bound (in Go spsc adds a
    no-op per item, so a gap is the machine, not the code), a headline
    figure spread wider than the bound, benchmarks that failed."""
    out = []
    within, bound = checks["spsc_over_floor"], checks["spread"]
    spsc = next((c for c in cases if c["kind"] == "scenario"
                 and c["scenario"] == "spsc"), None)
    for impl in present(r, "go") if spsc else ():
        floor = floor_case(r, impl, spsc, floors)
        m = r.median(impl, spsc["name"])
        f = r.median(impl, floor["name"]) if floor else None
        if m is not None and f is not None and abs(m / f - 1) > within:
            out.append(f"{r.label(impl)}: spsc is {m / f - 1:+.1%} "
                       f"against its floor ({cap(floor)}), beyond the "
                       f"±{within:.0%} it keeps on a quiet machine "
                       "(spsc adds only no-op calls to Go's channel).")
    go, py = pair(r)
    by_cap, zero, _ = headline_rows(r, cases, floors)
    wide = [(impl, c, s) for c in [*by_cap, *zero] for impl in (go, py)
            if (s := r.spread(impl, c["name"])) is not None
            and s > bound]
    if wide:
        out.append(f"{len(wide)} of the headline's figures spread more "
                   f"than ±{bound:.0%}: " + "; ".join(
                       f"{r.label(i)}, {short(c)} ±{s:.0%}"
                       for i, c, s in wide) + ".")
    if summary.get("failures"):
        out.append(f"{len(summary['failures'])} benchmark(s) failed "
                   "(Notes, at the end): their figures are missing.")
    return out


def short(case):
    return cap(case) if case["kind"] == "floor" else case["scenario"]


def warning(r, cases, floors, checks, summary):
    problems = self_checks(r, cases, floors, checks, summary)
    if not problems:
        return []
    return ["> **Warning: this run's self-checks failed, so its figures "
            "may be unreliable.** A machine busy with other work, or "
            "too few samples, moves the figures; run again on a quiet "
            "machine (`make bench`) before relying on them.", ">",
            *(f"> - {p}" for p in problems), ""]


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
                    f"{py} ÷ Go"], rows), "", *ns_note(rows)]


def spsc_section(r, cases, floors, checks):
    within = checks["spsc_over_floor"]
    lines = ["## spsc against its floor", "",
             f"The kit's spsc must cost within {within:.0%} of the "
             "bare channel or queue at the same capacity (capacity "
             "0): otherwise the harness, not the channel, is measured. "
             "Go's rows are a self-check of the run (the warning at "
             "the top, when one fails): Go's spsc adds nothing to its "
             "channel but no-op calls. asyncio's row is over by the "
             "kit's own code, explained under the table.",
             ""]
    rows = []
    spsc = next((c for c in cases if c["kind"] == "scenario"
                 and c["scenario"] == "spsc"), None)
    for impl in [*present(r, "go"), pair(r)[1]] if spsc else ():
        floor = floor_case(r, impl, spsc, floors)
        m = r.median(impl, spsc["name"])
        f = r.median(impl, floor["name"]) if floor else None
        if m is None or f is None:
            continue
        over = m / f - 1
        rows.append([r.label(impl), Time(m), Time(f), f"{over:+.1%}",
                     "yes" if abs(over) <= within else "no"])
    lines += table(["", "spsc", f"floor {cap(floor)}" if spsc and floor
                    else "floor", "spsc over floor",
                    f"within {within:.0%}"], rows)
    lines += ["", "What spsc adds to the floor, per item: in Go, "
              "`kit.Pause(0)`, which returns at once, and two calls to "
              "the tracer, which does nothing when off; in Python, "
              "`await pause(0)` (a future already done: no switch, "
              "about 25 ns), two calls to the tracer's no-op (about "
              "25 ns each on this machine) and `receive()`, the async "
              "generator that is the kit's `range ch` (it checks for "
              "the close sentinel). The Python floor's consumer checks "
              "for its sentinel too, but inline, and its producer does "
              f"not pause. Where Python's spsc is more than {within:.0%} "
              "over, those are why: the queue itself costs the same.",
              ""]
    return lines


def scenario_section(r, cases, floors):
    go, py = pair(r)
    rows, odd = [], Odd()
    for c in cases:
        if c["kind"] != "scenario":
            continue
        p, b = c["params"], c["params"]["buffer"]
        shape = (f"{p['producers']}P {p['consumers']}C buffer {b}, "
                 f"{c['total']:,} items")
        rows.append([c["scenario"], shape, cell(r, go, c["name"]),
                     relative(r, go, c, floors, odd),
                     cell(r, py, c["name"]),
                     relative(r, py, c, floors, odd),
                     ratio(r, py, go, c["name"])])
    return ["## Scenarios, per item, against their floors", "",
            "Each scenario at its registry parameters (items from the "
            "profile, per producer). \"× floor\" is the cost over the "
            "same language's floor at the capacity the scenario uses "
            "(or the largest measured below it): near 1, the channel "
            "dominates; far above, the pattern does.", "",
            *table(["scenario", "run", "Go", "Go × floor", py,
                    f"{py} × floor", f"{py} ÷ Go"], rows), "",
            *odd.lines(), *ns_note(rows),
            "![per-item cost of the floors and the scenarios, every "
            "model](scenarios.png)", ""]


def models_section(r, cases, floors):
    impls = [*present(r, "go"), *present(r, "python")]
    rows, odd = [], Odd()
    for c in cases:
        if c["kind"] != "scenario":
            continue
        rows.append([c["scenario"], *(
            cell(r, i, c["name"],
                 f"<br>{relative(r, i, c, floors, odd)}")
            for i in impls)])
    return ["## Python models side by side", "",
            "The same scenarios in every model the kit has them in, "
            "each with its cost over its own model's floor. Threads "
            "and processes exist for spsc, mpsc, workers and pipeline; "
            "handoff for rendezvous; trio and anyio for spsc, mpsc, "
            "workers, pipeline and rendezvous.", "",
            *table(["scenario", *(r.label(i) for i in impls)], rows),
            "", *odd.lines()]


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
                         rows), "", *ns_note(rows)]
        title, png = SWEEPS[knob]
        if png in plots and png not in shown:
            shown.add(png)
            lines += [f"![{title}]({png})", ""]
    return lines


def faster_section(r, cases):
    gid, py = pair(r)
    spsc = next((c["name"] for c in cases if c["kind"] == "scenario"
                 and c["scenario"] == "spsc"), None)
    # A variant is FASTER[value] in runs of either naming.
    faster = {FASTER[c["value"]]: c["name"] for c in cases
              if c["kind"] == "faster"}
    go = r.median(gid, spsc) if spsc else None
    base = r.median(py, spsc) if spsc else None
    rows, odd = [], Odd()
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
        mark = odd.mark(gap_note(r, closed, (impl, name), (py, spsc))) \
            if closed is not None and (closed > 1 or closed < 0) else ""
        rows.append([label, cell(r, impl, name),
                     f"{m / go:.2f}×" if go else "–",
                     f"{closed:.0%}{mark}" if closed is not None
                     else "–"])
    rows.append(["Go's spsc, for reference",
                 cell(r, gid, spsc) if spsc else "–", "1×", ""])
    return ["## How to make Python faster", "",
            "spsc in asyncio, changed one thing at a time "
            "(python/bench/bm_faster.py), against Go's spsc. \"Gap "
            "closed\" is how much of the distance from the kit's "
            "asyncio spsc to Go's each change covers. Go could batch "
            "too: batch shows how far Python gets, not a fair race.",
            "", *table(["variant", "per item", "÷ Go", "gap closed"],
                       rows), "", *odd.lines()]


def gap_note(r, closed, variant, base):
    """Why a "gap closed" is over 100% or below 0."""
    if closed > 1:
        return ("over 100%: the change makes asyncio faster than Go's "
                "spsc (its ÷ Go is below 1), so it closes more than the "
                "whole gap.")
    a, b = (r.spread(*x) or 0 for x in (variant, base))
    m, m0 = r.median(*variant), r.median(*base)
    if m / m0 - 1 <= a + b:
        return ("below 0 by less than the two figures' spreads "
                "together: no measurable change.")
    return "below 0: the change makes asyncio slower, not faster."


def fixed_section(r, cases, settings, plots=()):
    """Whole programs at fixed sizes (the sieve): a table per size,
    each program's time per run, per item and per hand-off, over Go
    and over its own smallest size; the figures published elsewhere
    beside them, set apart."""
    fixed = [c for c in cases if c["kind"] == "fixed"]
    if not fixed:
        return []
    lines = []
    for sid in dict.fromkeys(c["scenario"] for c in fixed):
        lines += fixed_tables(r, [c for c in fixed
                                  if c["scenario"] == sid],
                              settings.get("published", {}).get(sid))
        if f"{sid}.png" in plots:
            lines += [f"![{sid}: time per run and per hand-off against "
                      f"N]({sid}.png)", ""]
    return lines


def fixed_tables(r, group, published):
    sid, first = group[0]["scenario"], group[0]
    go = r.ids("go")[0]
    impls = [i for i in first["impls"] if i in r.suites]
    runs = max((len(b.get_runs()) for i in impls for c in group
                if (b := r.get(i, c["name"]))), default=0)
    handoffs = "; ".join(f"{c['handoffs']:,} at N = {c['total']:,}"
                         for c in group if c.get("handoffs"))
    lines = [f"## {sid}: whole programs at fixed sizes", "",
             f"{sid}'s cost grows faster than its items (its `cost` in "
             "the registry), so a cost per item alone would mislead: "
             "each program is started and run to its end at each size "
             f"N (`--items`), {render.counted(runs, 'time', 'times')} "
             "(pyperf's bench_command, one run per process, no "
             "warm-up), tracing off, delay 0. Per run is the whole "
             "program, start-up included (`startup` under Whole "
             "programs, below, gives it); per item is that over N"
             + (f"; per hand-off, over the sends along the chain that "
                f"N items take at least ({handoffs}), which reads "
                "against the floors" if handoffs else "")
             + f". \"× N = {first['total']:,}\" is the run over the "
             "same program's at that size.", ""]
    for c in group:
        rows = []
        for i in impls:
            m = r.median(i, c["name"])
            if m is None:
                continue
            small = r.median(i, first["name"])
            rows.append([r.label(i), cell(r, i, c["name"]),
                         Time(m / c["total"]),
                         Time(m / c["handoffs"]) if c.get("handoffs")
                         else "–",
                         "" if i == go else ratio(r, i, go, c["name"]),
                         f"{m / small:.2f}×" if small and c is
                         not first else ""])
        lines += [f"### N = {c['total']:,}", "",
                  *table(["program", "per run", "per item",
                          "per hand-off", "÷ Go",
                          f"× N = {first['total']:,}"], rows), "",
                  *ns_note(rows)]
        if published and published["items"] == c["total"]:
            lines += published_lines(published, c)
    return lines


def published_lines(published, case):
    """The figures published elsewhere for this size, in a table of
    their own: never a ratio against the kit's."""
    rows = [[f"{who} (published)", Time(s), Time(s / case["total"])]
            for who, s in published["seconds"].items()]
    return [f"**Published elsewhere, on other hardware, for scale "
            f"only** (not measured by the kit, and not its programs): "
            f"{published['source']}.", "",
            *table(["program", "per run", "per item"], rows), ""]


def process_section(r, cases):
    impls = [i for c in cases if c["kind"] == "process"
             for i in c["impls"]]
    impls = list(dict.fromkeys(impls))
    procs = [c for c in cases if c["kind"] == "process"]
    small = next((c for c in procs if c["params"]["items"]), None)
    rows = [[r.label(i), *(cell(r, i, c["name"]) for c in procs)]
            for i in impls]
    what = (f"{small['scenario']} with {small['total']:,} items, no "
            "tracing, output to /dev/null") if small else ""
    return ["## Whole programs: what a user feels", "",
            "Each program started, run and ended, many times (pyperf's "
            "bench_command): `startup` with no items, `small-run` "
            f"{what}. Times are per program run.", "",
            *table(["program", *("small-run" if c["params"]["items"]
                                 else "startup" for c in procs)], rows),
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
        return lines + [b.get("why", "Not in this run: summary.json has "
                              "no \"benchstat\" (the run predates it)."),
                        ""]
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
