"""make compare: every scenario and variant, both languages, checked
against the scenario's contracts, shown side by side and saved."""

import asyncio
import sys

from harness import contracts, plan, report, results, runner
from harness.results import RunFolder, dump


async def run_all(registry, selection, checked, python, say):
    """Run each implementation a selection needs, once, in turn (one
    at a time, so that wall times are not skewed by each other)."""
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
            impl = registry.implementations[name]
            argv = plan.command(impl, s, full, python)
            say(f"  {s.id:<10} {name:<16}", end="")
            run = await runner.run(argv, impl.env,
                                   runner.timeout_for(registry, full))
            say(f"{run.wall_s:6.2f} s  {run.status}")
            runs[s.id, name] = run
    return runs, setups


def rows(registry, selection, runs, setups):
    """One row per scenario and variant: the two runs and verdicts."""
    return [row(registry, s, vid, runs[s.id, registry.variants[vid].go],
                runs[s.id, registry.variants[vid].python],
                setups[s.id][0])
            for s in selection.scenarios
            for vid in selection.variants[s.id]]


def row(registry, scenario, vid, go, py, params):
    """A Go run and a Python run of one scenario, checked."""
    v = registry.variants.get(vid)
    verdicts = verdicts_for(registry, scenario, go, py, vid)
    return {
        "scenario": scenario.id, "variant": vid, "params": params,
        "tolerance_s": contracts.tolerance(
            registry, contracts.paced(params) if params else 0),
        "go": run_record(scenario.id, v.go, go),
        "python": run_record(scenario.id, v.python, py),
        "verdicts": verdicts,
        "ok": go.ok and py.ok and all(x.ok for x in verdicts),
    }


def verdicts_for(registry, scenario, go, py, vid):
    if go.trace and py.trace:
        return contracts.check(registry, scenario, go.trace, py.trace,
                               vid)
    # Nothing to check: the run's own problem says why, once.
    return [contracts.Verdict(c, "fail", contracts.NO_TRACE)
            for c in scenario.contracts]


def save(out, sid, impl, run):
    """A run's trace, and its stderr if it wrote any."""
    out.write(f"traces/{sid}.{impl}.jsonl", "".join(run.stdout))
    if run.stderr:
        out.write(f"traces/{sid}.{impl}.stderr.txt", run.stderr)


def run_record(sid, impl, run):
    return {"impl": impl, "trace": f"traces/{sid}.{impl}.jsonl",
            "label": run.trace.label if run.trace else impl,
            "runtime": run.trace.start.get("runtime") if run.trace
            else None,
            "status": run.status, "exit_code": run.exit_code,
            "wall_s": round(run.wall_s, 4),
            "timeout_s": round(run.timeout_s, 1),
            "problem": run.problem, "command": run.command}


def compare(registry, selection, checked, python, argv, base,
            skipped=()):
    """The whole command; returns the exit status (0 or 1)."""
    def say(text, end="\n"):
        print(text, end=end, flush=True)

    for note in skipped:
        say(f"note: {note}")
    with RunFolder(base) as out:
        say(f"running {len(selection.scenarios)} scenario(s), one "
            f"program at a time:")
        runs, setups = asyncio.run(
            run_all(registry, selection, checked, python, say))
        table = rows(registry, selection, runs, setups)
        for (sid, impl), run in runs.items():
            save(out, sid, impl, run)
        summary = report.summary("compare", out, argv, table, skipped)
        out.write("summary.json", dump(summary))
        out.write("report.md", report.markdown(summary, table))
    say("")
    say(report.terminal(table))
    failed = sum(not r["ok"] for r in table)
    verdict = (f"all {len(table)} rows hold their contracts" if not failed
               else f"{failed} of {len(table)} rows broke a contract")
    say(f"{'PASS' if not failed else 'FAIL'}: {verdict}; "
        f"results in {results.shown(out.path)}")
    sys.stdout.flush()
    return 1 if failed else 0
