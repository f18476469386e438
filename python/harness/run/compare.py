"""make compare: every scenario and variant, both languages, checked
against the scenario's contracts, shown side by side and saved."""

import dataclasses
import shutil
import sys
from pathlib import Path


from harness.check import contracts, tracefile
from harness.run import loop, noise, plan, runner, speedup
from harness.report import render, results
from harness.report.results import RunFolder, dump


def width(registry):
    """The progress lines' first column: the longest scenario id."""
    return max(map(len, registry.scenarios), default=0)


async def run_all(registry, selection, checked, python, say, spool=None):
    """Run each implementation a selection needs, once, in turn (one
    at a time, so that wall times are not skewed by each other).
    spool: the run folder being written, where each program's stdout
    goes as it comes (None: nowhere kept)."""
    runs, setups = {}, {}
    for s in selection.scenarios:
        full, ignored = plan.params(s, checked)
        setups[s.id] = (full, ignored)
        if ignored:
            say(f"note: {s.id} takes no --{', --'.join(ignored)}; "
                f"ignored there")
        needed = dict.fromkeys(
            name for v in selection.variants[s.id]
            for name in (registry.variants[v].go,
                         registry.variants[v].python))
        for name in needed:
            say(f"  {s.id:<{width(registry)}} {name:<16}", end="")
            run = await run_one(registry, s, name, full, python,
                                keep(spool, trace_path(s.id, name)))
            say(f"{run.wall_s:6.2f} s  {run.status}")
            runs[s.id, name] = run
        if speedup.applies(s.speedup, full):
            await baselines(registry, s, needed, full, python, say,
                            runs, spool)
    return runs, setups


async def baselines(registry, scenario, names, full, python, say, runs,
                    spool=None, n=1):
    """For the speedup contract: each program with the scenario's
    baseline (one worker), and again at full, `runs` times in all,
    taking turns with each other and with the plain job that says
    what the machine gives (speedup.py). The first one-worker run of
    each program is kept as a trace; the rest count by their spans."""
    one = full | scenario.speedup["baseline"]
    k = min(full["consumers"], speedup.cores())
    units = max(full["items"] * full["cpu"] // k, 1)
    turns = [await speedup.control(k, units, python)]
    more = {name: ([], []) for name in names}
    for turn in range(scenario.speedup["runs"]):
        for name in names:
            say(f"  {scenario.id:<10} {name:<16}", end="")
            if turn:
                again = await run_one(registry, scenario, name, full,
                                      python)
                more[name][0].append(speedup.span(again.trace)
                                     if again.ok else None)
                say(f"{again.wall_s:6.2f} s  {again.status}, then",
                    end="")
            path = baseline_path(scenario.id, name, n)
            run = await run_one(registry, scenario, name, one, python,
                                None if turn else keep(spool, path))
            say(f"{run.wall_s:6.2f} s  {run.status} with 1 worker")
            if turn:
                more[name][1].append(speedup.span(run.trace)
                                     if run.ok else None)
            else:
                runs[scenario.id, name, "baseline"] = (path, run)
        turns.append(await speedup.control(k, units, python))
    for name, (w, base) in more.items():
        runs[scenario.id, name, "more"] = (
            [x for x in w if x is not None],
            [x for x in base if x is not None])
    runs[scenario.id, "control"] = speedup.plain(turns)
    got = runs[scenario.id, "control"]
    say(f"  {scenario.id:<10} a plain job of {k} processes got "
        f"{'nothing' if got is None else f'{got:.2f}×'}")


async def judge_all(registry, selection, runs, setups, python,
                    calibration, say, spool=None):
    """One row per scenario and variant: its two runs, checked, and
    run again where the timeline differs and should not."""
    table = []
    for s in selection.scenarios:
        for vid in selection.variants[s.id]:
            v = registry.variants[vid]
            first = (runs[s.id, v.go], runs[s.id, v.python])
            r = await settle(registry, s, vid, first, setups[s.id][0],
                             python, calibration, say, spool)
            if s.speedup:
                r = await settle_speedup(registry, s, vid, r, runs,
                                         setups[s.id][0], python, say,
                                         spool)
            table.append(r)
    return table


def with_speedup(registry, scenario, vid, r, runs):
    """A row with its speedup verdict judged against the one-worker
    runs and the plain job (speedup.py), its baseline traces kept."""
    v = registry.variants[vid]
    kept = [runs.get((scenario.id, name, "baseline"), (None, None))
            for name in (v.go, v.python)]
    pair = [run for _, run in kept]
    go, py = list(r["runs"].values())[:2]
    share = scenario.speedup["share"]
    context = speedup.Context(
        tuple(run.trace if run else None for run in pair),
        (share[v.go], share[v.python]), speedup.cores(),
        runs.get((scenario.id, "control")),
        tuple(runs.get((scenario.id, name, "more"), ((), ()))
              for name in (v.go, v.python)),
        **{k: scenario.speedup[k] for k in ("serial", "quiet",
                                            "least_s", "least_cpu")})
    if go.trace and py.trace:
        found = contracts.speedup(go.trace, py.trace,
                                  contracts.Rules(0.0, speedup=context))
        old = next(x for x in r["verdicts"] if x.contract == "speedup")
        old.status = getattr(found, "status", "n/a")
        old.violations = list(found or [])
        old.figures = getattr(found, "figures", [])
    r["ok"] = go.ok and py.ok and all(x.ok for x in r["verdicts"])
    for path, run in kept:
        if run is not None:
            r["runs"][path] = run
    return r


async def settle_speedup(registry, scenario, vid, r, runs, params,
                         python, say, spool=None):
    """Judge a row's speedup; while it is broken or could not be
    judged, run the row's four programs and the plain job again (as
    often as a doubtful timeline is: [harness] timeline.retries).
    The first try that holds stands, or else the last: a burst of
    load from elsewhere during one try must not decide."""
    r = with_speedup(registry, scenario, vid, r, runs)
    v = registry.variants[vid]
    total = 1 + registry.timeline["retries"]
    for n in range(2, total + 1):
        verdict = next(x for x in r["verdicts"]
                       if x.contract == "speedup")
        if verdict.status not in ("fail", "unjudged"):
            break
        say(f"  {scenario.id:<10} {vid:<16} speedup "
            f"{'short' if verdict.status == 'fail' else 'unjudged'}: "
            f"running the programs again ({n} of {total})")
        again = dict(runs)
        paths = [trace_path(scenario.id, name, vid, n)
                 for name in (v.go, v.python)]
        pair = [await run_one(registry, scenario, name, params, python,
                              keep(spool, path))
                for name, path in zip((v.go, v.python), paths)]
        await baselines(registry, scenario, (v.go, v.python), params,
                        python, say, again, spool, n)
        tried = with_speedup(registry, scenario, vid,
                             row(registry, scenario, vid, *pair, params,
                                 paths), again)
        tried["other_tries"] = [*r.pop("other_tries", []), r]
        r = tried
    return r


def row(registry, scenario, vid, go, py, params, paths=None):
    """A Go run and a Python run of one scenario, checked. paths:
    where their traces are saved, if not the run's shared ones."""
    v = registry.variants.get(vid)
    paths = paths or (trace_path(scenario.id, v.go),
                      trace_path(scenario.id, v.python))
    verdicts = verdicts_for(registry, scenario, go, py, vid)
    return {
        "scenario": scenario.id, "variant": vid, "params": params,
        "tolerance_s": contracts.tolerance(
            registry, contracts.paced(params) if params else 0).s,
        "go": run_record(v.go, go, paths[0]),
        "python": run_record(v.python, py, paths[1]),
        "verdicts": verdicts,
        "ok": go.ok and py.ok and all(x.ok for x in verdicts),
        "runs": {paths[0]: go, paths[1]: py},
    }


# The contracts a busy machine can break by itself, being about
# when things happen: a pair that breaks one, and is not expected
# to, is run again (settle()).
TIMED = ("timeline", "heartbeat")


def doubtful(r):
    """A timeline that differs (or a heartbeat that stops) where the
    registry expects it not to, in two runs that went well: it may
    be the machine's doing."""
    t = timed_of(r)
    return r["go"]["status"] == r["python"]["status"] == "ok" and \
        t is not None and t.status == "fail" and not t.expected


def timeline_of(r):
    return next((v for v in r["verdicts"] if v.contract == "timeline"),
                None)


def timed_of(r):
    """A row's first timed verdict that fails unexpectedly; failing
    that, its timeline, or its first timed verdict."""
    timed = [v for v in r["verdicts"] if v.contract in TIMED]
    return next((v for v in timed if v.status == "fail" and
                 not v.expected), timeline_of(r) or
                (timed[0] if timed else None))


def excesses(registry, r, params):
    """(violation, seconds beyond what is allowed) for the timed
    contract a doubtful row breaks; [] for a row that is not."""
    if not doubtful(r):
        return []
    go, py = list(r["runs"].values())[:2]
    if timed_of(r).contract == "heartbeat":
        return contracts.long_gaps(
            go.trace, py.trace, contracts.gap_allowed(registry, params))
    tol = contracts.tolerance(registry, contracts.paced(params))
    return contracts.differences(go.trace, py.trace, tol)


async def settle(registry, scenario, vid, first, params, python,
                 calibration, say, spool=None):
    """Check a row; while its timeline (or heartbeat) is doubtful,
    run the pair again (scenarios.toml, [harness] timeline.retries).
    The first clean try stands. If none is clean, the try that
    differed least is judged: ✗ if its difference exceeds what the
    measured noise can explain, otherwise "could not be judged"."""
    tries = [row(registry, scenario, vid, *first, params)]
    total = 1 + registry.timeline["retries"]
    v = registry.variants[vid]
    while doubtful(tries[-1]) and len(tries) < total:
        n = len(tries) + 1
        what = {"timeline": "timeline differs",
                "heartbeat": "heartbeat stops"}[
                    timed_of(tries[-1]).contract]
        say(f"  {scenario.id:<{width(registry)}} {vid:<16} {what}: "
            f"running the pair again ({n} of {total})")
        paths = [trace_path(scenario.id, name, vid, n)
                 for name in (v.go, v.python)]
        again = [await run_one(registry, scenario, name, params, python,
                               keep(spool, path))
                 for name, path in zip((v.go, v.python), paths)]
        tries.append(row(registry, scenario, vid, *again, params,
                         paths))
    if len(tries) == 1:
        return tries[0]
    weighed = []
    for r in tries:
        go, py = list(r["runs"].values())[:2]
        weighed.append((r, excesses(registry, r, params),
                        noise.level(calibration, go, py)))
    chosen = next((w for w in weighed if not w[1]),
                  min(weighed, key=lambda w: worst(w[1])))
    r, found, level = chosen
    verdict = timed_of(r)
    verdict.attempts = [attempt(n, *w, chosen is w)
                        for n, w in enumerate(weighed, 1)]
    if found and contracts.within_noise(found, level):
        verdict.status = "unjudged"
        verdict.violations = [
            f"could not be judged: in {len(tries)} tries the pair "
            f"always differed, by at most {contracts.ms(worst(found))} "
            f"beyond the tolerance, within twice the noise measured "
            f"({contracts.ms(level)}): the machine was too busy",
            *verdict.violations]
        r["ok"] = False
    r["other_tries"] = [w[0] for w in weighed if w is not chosen]
    return r


def worst(found):
    return max((excess for _, excess in found), default=0.0)


def attempt(n, r, found, level, chosen):
    """What one try of a rerun pair saw, for summary.json."""
    return {"try": n, "timeline": "fail" if found else "pass",
            "excess_ms": noise.ms(worst(found)),
            "noise_ms": noise.ms(level),
            "go_trace": r["go"]["trace"],
            "python_trace": r["python"]["trace"],
            "judged": chosen}


async def run_one(registry, scenario, name, params, python, path=None):
    impl = registry.implementations[name]
    argv = plan.command(impl, scenario, params, python)
    return await runner.run(argv, impl.env,
                            runner.timeout_for(registry, params, scenario),
                            keep=path)


def keep(spool, path):
    """Where a run's stdout is written as it comes: its trace's place
    in the run folder being written."""
    return None if spool is None else str(Path(spool) / path)


def verdicts_for(registry, scenario, go, py, vid):
    if go.trace and py.trace:
        return contracts.check(registry, scenario, go.trace, py.trace,
                               vid)
    # Nothing to check: the run's own problem says why, once.
    return [contracts.Verdict(c, "fail", contracts.NO_TRACE)
            for c in scenario.contracts]


def trace_path(sid, impl, vid=None, n=1):
    """Where a run's trace is saved: one per scenario and program,
    shared by the rows that use it; a rerun's by its row and try."""
    if n == 1:
        return f"traces/{sid}.{impl}.jsonl"
    return f"traces/{sid}.{vid}.{impl}.try{n}.jsonl"


def baseline_path(sid, impl, n=1):
    """Where a one-worker run's trace is saved (the speedup
    contract's): one per scenario and program, and per try."""
    tail = "" if n == 1 else f".try{n}"
    return f"traces/{sid}.{impl}.baseline{tail}.jsonl"


def save(out, path, run):
    """A run's trace, and its stderr if it wrote any. The runner has
    written the trace in place as it came; a run made otherwise (the
    tests') is written from its lines."""
    target = Path(out.partial) / path
    if run.stdout_path is None or Path(run.stdout_path) != target:
        if run.stdout_path is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(run.stdout_path, target)
        else:
            out.write(path, "".join(run.stdout))
    if run.stderr:
        out.write(path.removesuffix(".jsonl") + ".stderr.txt",
                  run.stderr)


def pack(out, table):
    """Large traces compressed, once every row is judged (results/
    README.md): a million-item run keeps tens of MB, not hundreds.
    The rows, and their tries, name the files as they now are."""
    packed = {}
    for path in sorted((Path(out.partial) / "traces").glob("*.jsonl")):
        if path.stat().st_size >= tracefile.PACK_BYTES:
            name = f"traces/{path.name}"
            packed[name] = f"{name}{tracefile.SUFFIX}"
            tracefile.pack(path)
    for r in table:
        for side in ("go", "python"):
            r[side]["trace"] = packed.get(r[side]["trace"],
                                          r[side]["trace"])
        for v in r["verdicts"]:
            for a in v.attempts or ():
                for key in ("go_trace", "python_trace"):
                    a[key] = packed.get(a[key], a[key])


def run_record(impl, run, path):
    return {"impl": impl, "trace": path,
            "label": run.trace.label if run.trace else impl,
            "runtime": run.trace.start.get("runtime") if run.trace
            else None,
            "status": run.status, "exit_code": run.exit_code,
            "wall_s": round(run.wall_s, 4),
            "timeout_s": round(run.timeout_s, 1),
            "lateness_ms": noise.ms(run.lateness_s),
            "problem": run.problem, "command": run.command}


async def run_and_judge(registry, selection, checked, python, say,
                        spool=None):
    """Measure the noise, run every program once, judge every row."""
    calibration = await noise.calibrate(registry, python,
                                        registry.calibration)
    say("machine noise now: " + "; ".join(
        f"{name} sleeps overshoot {c['median_ms']} ms "
        f"(worst {c['max_ms']} ms)" for name, c in calibration.items()))
    n = len(selection.scenarios)
    say(f"running {render.counted(n, 'scenario', 'scenarios')}, one "
        f"program at a time:")
    # A scenario at a time: its programs run, its rows are judged,
    # and its traces are let go before the next scenario's are read,
    # so that memory holds one scenario's traces, not every one's.
    table = []
    for s in selection.scenarios:
        part = dataclasses.replace(selection, scenarios=[s])
        runs, setups = await run_all(registry, part, checked, python,
                                     say, spool)
        rows = await judge_all(registry, part, runs, setups, python,
                               calibration, say, spool)
        for r in rows:
            for t in (r, *r.get("other_tries", [])):
                for run in t["runs"].values():
                    run.trace = run.trace and run.trace.header()
        table += rows
    return table, calibration


def compare(registry, selection, checked, python, argv, base,
            skipped=()):
    """The whole command; returns the exit status: 0 every row holds,
    1 a contract is broken, 3 a row could not be judged."""
    def say(text, end="\n"):
        print(text, end=end, flush=True)

    for note in skipped:
        say(f"note: {note}")
    with RunFolder(base) as out:
        table, calibration = loop.run(
            run_and_judge(registry, selection, checked, python, say,
                          out.partial))
        for r in table:
            for t in (r, *r.pop("other_tries", [])):
                for path, run in t.pop("runs").items():
                    save(out, path, run)
        pack(out, table)
        summary = render.summary("compare", out, argv, table, skipped,
                                 calibration)
        out.write("summary.json", dump(summary))
        out.write("report.md", render.markdown(summary, table))
    say("")
    say(render.terminal(table))
    line, status = render.outcome(table)
    say(f"{line}; results in {results.shown(out.path)}")
    sys.stdout.flush()
    return status
