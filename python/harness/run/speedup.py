"""The speedup contract: how much sooner W workers get through
CPU-bound work than one, in each program, against what its model can
do on this machine's cores (docs/contracts.md, "The speedup rule").

make compare runs each program of a scenario with a `speedup` table
at the scenario's parameters (W workers) and with the table's
`baseline` (one worker), `runs` times each, taking turns. A run's
span is the time from its first event to its end event; a program's
speedup is its shortest one-worker span over its shortest W-worker
span. The shortest, because load from elsewhere only ever makes a
run longer: the least disturbed run is the best measure of what the
program does. The scenario's `share` says what each program should
reach: a share of min(W, cores), or, at 0, about 1× (it computes
one item at a time: one event loop, or threads under one GIL).

A busy machine cannot give W cores to anyone. So the harness also
times a plain job, taking turns with the programs: k copies of the
kit's own computation in k processes at once, against one copy
(k = min(W, cores)), its shortest times likewise. What that job gets
is what the machine gave. A program short of its mark is ✗ only if
it also fell short of its share of what the plain job got;
otherwise the machine, not the model, may be why, and the row
"could not be judged".
"""

import asyncio
import dataclasses
import os
import sys


@dataclasses.dataclass(frozen=True)
class Context:
    """What judging a row's speedups needs besides its two traces:
    baseline: Go's and Python's one-worker traces; share: what each
    should reach (see the module); cores: this machine's; control:
    what the plain job got (None: not measured); more: Go's and
    Python's other spans, each (W workers, one worker), from runs
    made again; serial, quiet, least_s, least_cpu: the scenario's
    table (scenarios.toml)."""
    baseline: tuple
    share: tuple
    cores: int
    control: float | None
    more: tuple = (((), ()), ((), ()))
    serial: float = 1.25
    quiet: float = 0.85
    least_s: float = 0.3
    least_cpu: int = 5


def cores():
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def span(trace):
    """Seconds from a trace's first event to its end event; None for
    a trace with no events or no end."""
    if trace.end_t is None or len(trace.t) == 0:
        return None
    return trace.end_t - float(trace.t.min())


def check(a, b, context):
    """The contract on a row: each trace against its baseline, as a
    Finding (contracts.py): the lines that break it, its status, and
    each program's figure to show whatever the status."""
    from harness.check.contracts import Finding
    if context is None:
        return None  # two traces alone: no baseline to compare with
    if not applies({"least_cpu": context.least_cpu}, a.params):
        return None
    judged = [judge(t, base, share, context, more)
              for t, base, share, more in zip(
                  (a, b), context.baseline, context.share,
                  context.more)]
    statuses = [status for status, _ in judged]
    figures = [line for _, line in judged]
    for status in ("fail", "unjudged"):
        if status in statuses:
            return Finding([line for s, line in judged if s == status],
                           status, figures)
    if all(s == "n/a" for s in statuses):
        return Finding([], "n/a", figures)
    return Finding([], "pass", figures)


def applies(table, params):
    """Whether a run's speedup means anything: a pool whose time is
    its CPU work (at least least_cpu units an item), unpaced."""
    return bool(table) and params["cpu"] >= table["least_cpu"] and \
        params["consumers"] >= 2 and params["delay"] == 0


def judge(trace, baseline, share, context, more=((), ())):
    """(status, line) for one program: its W-worker trace, its
    one-worker one, and the spans of the runs made again."""
    who = trace.label
    spans = [span(t) if t is not None else None
             for t in (trace, baseline)]
    if None in spans or spans[0] <= 0:
        return "n/a", f"{who}: no one-worker run to compare with"
    spans = [min([x, *again]) for x, again in zip(spans, more)]
    if spans[1] < context.least_s:
        return "n/a", (f"{who}: one worker took {ms(spans[1])}, too "
                       f"short to time a speedup (at least "
                       f"{ms(context.least_s)})")
    got = spans[1] / spans[0]
    workers = trace.params["consumers"]
    most = min(workers, usable(trace, context.cores))
    control = context.control
    plain = "a plain job" if control is None else \
        f"a plain job of {most} processes got {control:.2f}×"
    if share == 0:
        said = (f"{who}: {got:.2f}× over one worker (it computes one "
                f"item at a time: about 1×, at most "
                f"{context.serial:.2f}×)")
        if got <= context.serial:
            return "pass", said
        if quiet(context, most):
            return "fail", f"{said}, while {plain} just now"
        return "unjudged", (f"{said}; could not be judged: {plain} "
                            f"just now, the machine was busy")
    if most < 2:
        return "n/a", (f"{who}: a speedup cannot be shown on one "
                       f"core")
    need = share * most
    said = (f"{who}: {got:.2f}× over one worker (should reach "
            f"{need:.2f}×: {share:g} of {most}, for {workers} workers "
            f"on {context.cores} cores)")
    if got >= need:
        return "pass", said
    if quiet(context, most) and got < share * control:
        return "fail", f"{said}, while {plain} just now"
    return "unjudged", (f"{said}; could not be judged: {plain} just "
                        f"now, the machine was busy")


def quiet(context, most):
    """Whether the machine was quiet enough for a ✗: the plain job
    got at least `quiet` of min(W, cores). On a busier one a program
    short of its mark, or a serial one that seems to speed up, may
    be the machine's doing, never a verdict on its model."""
    return context.control is not None and \
        context.control >= context.quiet * most


def usable(trace, machine):
    """The cores a program could use: Go's GOMAXPROCS, where its
    trace says it was lower."""
    procs = trace.start.get("gomaxprocs")
    return min(machine, procs) if isinstance(procs, int) and \
        procs > 0 else machine


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


# The plain job's copies start from this interpreter, each in a
# process of its own, and compute the kit's own units.
CONTROL_CODE = (
    "import sys, time\n"
    "from chankit.compute import compute\n"
    "began = time.monotonic()\n"
    "compute(int(sys.argv[1]))\n"
    "print(began, time.monotonic())\n")


async def control(workers, units, python=sys.executable):
    """One turn of the plain job: (k, one copy's seconds, k copies'
    seconds), k = min(workers, cores), each copy `units` of work (a
    program's share of its items' work, so that the job is timed over
    windows as long as the programs'); None where it could not be
    measured. plain() makes a speedup of several turns."""
    k = min(workers, cores())
    try:
        one = await copies(1, python, units)
        many = await copies(k, python, units) if k > 1 else one
    except (OSError, ValueError):
        return None
    return k, one, many


def plain(turns):
    """What the plain job got: the least of its turns' speedups (k
    copies' over one), so that a machine counts as quiet only if it
    was quiet at every turn; None if no turn measured."""
    got = [k * one / many for k, one, many in
           (t for t in turns if t is not None) if many > 0]
    return min(got) if got else None


async def copies(k, python, units):
    """Seconds from the first copy's start of work to the last one's
    end, k copies at once: each copy times itself, and Linux's
    monotonic clock is one for every process."""
    procs = [await asyncio.create_subprocess_exec(
        python, "-c", CONTROL_CODE, str(units),
        stdout=asyncio.subprocess.PIPE) for _ in range(k)]
    times = []
    for proc in procs:
        out, _ = await proc.communicate()
        if proc.returncode != 0:
            raise ValueError("the plain job failed")
        times.append([float(x) for x in out.split()])
    return max(t[1] for t in times) - min(t[0] for t in times)

