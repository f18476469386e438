"""make check-traces: two recorded traces against a scenario's
contracts, for anyone who has traces and wants a verdict."""

from harness import contracts, report, traces


def variant_of(registry, a, b):
    """The registry's variant for a pair of traces, from who ran them
    (go, go with GOMAXPROCS=1; the Python model), or None."""
    def impl(t):
        if t.start.get("lang") == "go":
            return "go-gomaxprocs1" if t.start.get("gomaxprocs") == 1 \
                else "go"
        return t.start.get("model")

    pair = (impl(a), impl(b))
    return next((v.id for v in registry.variants.values()
                 if (v.go, v.python) == pair), None)


def check_traces(registry, sid, path_a, path_b, say=print):
    """0: both hold every contract and match; 1: they do not (with
    the reasons); BadInput (status 2) for files that are not traces."""
    scenario = registry.scenario(sid)
    a, b = traces.read(path_a), traces.read(path_b)
    verdicts = contracts.check(registry, scenario, a, b,
                               variant_of(registry, a, b))
    problems = contracts.unfinished(a) + contracts.unfinished(b)
    say(f"{sid}: {path_a} ({a.label}) against {path_b} ({b.label})")
    for line in problems:
        say(f"  ✗ {line}")
    for v in verdicts:
        why = f": {v.why}" if v.expected and v.status == "fail" else ""
        say(f"  {report.cell(v)} {v.contract}{why}")
        if v.status == "fail" and not v.expected:
            for line in v.summary():
                say(f"      {line}")
    broken = len(problems) + sum(not v.ok for v in verdicts)
    say("PASS: the traces hold every contract and match" if not broken
        else f"FAIL: {broken} problem(s)")
    return 1 if broken else 0
