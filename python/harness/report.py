"""Turning checked rows into the terminal table, summary.json and
report.md. Everything here is presentation; nothing is decided."""

import datetime

from harness import results
from harness.contracts import CONTRACTS, NO_TRACE

MARK = {"pass": "✓", "fail": "✗", "n/a": "–"}


def cell(v):
    """A verdict in one or two symbols: ✓, ✗, – or a known ✗ / ≠."""
    if v.status == "fail" and v.expected == "fail":
        return "✗ known"
    if v.status == "fail" and v.expected == "differ":
        return "≠ known"
    return MARK[v.status]


def wall(run):
    """Whole seconds to two places; below 0.1 s, milliseconds."""
    w = run["wall_s"]
    if run["status"] != "ok":
        return run["status"]
    return f"{w:.2f} s" if w >= 0.1 else f"{w * 1000:.1f} ms"


def columns(table):
    promised = {v.contract for r in table for v in r["verdicts"]}
    return [c for c in CONTRACTS if c in promised]


def grid(table):
    """Header and rows as lists of strings, shared by both formats."""
    names = columns(table)
    head = ["scenario", "variant", "Go", "Python", *names]
    body = []
    for r in table:
        by = {v.contract: cell(v) for v in r["verdicts"]}
        body.append([r["scenario"], r["variant"], wall(r["go"]),
                     wall(r["python"]), *(by.get(c, "–") for c in names)])
    return head, body


def notes(table):
    """What went wrong, and what differs as the registry expects."""
    lines = []
    for r in table:
        where = f"{r['scenario']} / {r['variant']}"
        for side in ("go", "python"):
            if r[side]["problem"]:
                lines.append((f"{where}: {r[side]['label']} "
                              f"{r[side]['problem']}").splitlines())
        for v in r["verdicts"]:
            if v.status == "fail" and v.expected:
                verb = "fails" if v.expected == "fail" else "differs"
                lines.append([f"{where}: {v.contract} {verb} as "
                              f"expected: {v.why}", *v.summary()])
            elif v.stale:
                lines.append([f"{where}: {v.contract} holds, though the "
                              f"registry expects it to "
                              f"{'fail' if v.expected == 'fail' else 'differ'}"
                              f" ({v.why})"])
            elif v.status == "fail" and v.violations != NO_TRACE:
                lines.append([f"{where}: {v.contract} violated",
                              *v.summary()])
    return lines


def terminal(table):
    head, body = grid(table)
    widths = [max(len(row[i]) for row in [head, *body])
              for i in range(len(head))]
    text = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()
            for row in [head, *body]]
    for first, *rest in notes(table):
        text += ["", first, *(f"    {line}" for line in rest)]
    return "\n".join(text)


def header(kind, out, argv, go=None):
    """What every summary.json starts with: which run, on what. go is
    the runtime the Go programs reported, where known."""
    machine = results.machine()
    return {
        "schema": 1,
        "kind": kind,
        "started": out.started.isoformat(timespec="seconds"),
        "finished": datetime.datetime.now(datetime.timezone.utc)
        .isoformat(timespec="seconds"),
        "command": argv,
        "machine": {**machine, "go": go or machine["go"]},
    }


def machine_line(m):
    return (f"Machine: {m['cpu']}, {m['cores']} cores, {m['os']}; "
            f"{m['go']}, {m['python_implementation']} {m['python']}.")


def summary(kind, out, argv, table, skipped=()):
    """summary.json: the machine-readable record (results/README.md)."""
    go = next((r["go"]["runtime"] for r in table if r["go"]["runtime"]),
              None)
    return {
        **header(kind, out, argv, go),
        "ok": all(r["ok"] for r in table),
        "skipped": list(skipped),
        "rows": [{**{k: r[k] for k in ("scenario", "variant", "params",
                                        "tolerance_s", "go", "python",
                                        "ok")},
                  "contracts": {v.contract: {
                      "verdict": v.status, "expected": v.expected or None,
                      "why": v.why or None,
                      "violations": v.violations} for v in r["verdicts"]}}
                 for r in table],
    }


def markdown(summary, table):
    head, body = grid(table)
    m = summary["machine"]
    text = [f"# chankit {summary['kind']}, {summary['started']}", "",
            f"Command: `{' '.join(summary['command'])}`", "",
            machine_line(m), "", "| " + " | ".join(head) + " |",
            "|" + "---|" * len(head)]
    text += ["| " + " | ".join(row) + " |" for row in body]
    text += ["", "Parameters:", ""]
    seen = set()
    for r in table:
        if r["scenario"] not in seen:
            seen.add(r["scenario"])
            p = ", ".join(f"{k} {v}" for k, v in r["params"].items())
            tol = round(r["tolerance_s"] * 1000)
            text.append(f"- {r['scenario']}: {p}; timeline tolerance "
                        f"{tol} ms")
    found = [[note] for note in summary.get("skipped", [])] + notes(table)
    if found:
        text += ["", "## Notes", ""]
        for first, *rest in found:
            text.append(f"- {first}")
            text += [f"    - {line}" for line in rest]
    verdict = "every contract holds" if summary["ok"] else \
        "a contract was broken"
    text += ["", f"Verdict: {verdict}. ✓ holds, ✗ broken, – does not "
             f"apply, ✗ known / ≠ known: fails or differs as the "
             f"registry expects.", ""]
    return "\n".join(text)
