"""Turning checked rows into the terminal table, summary.json and
report.md. Everything here is presentation; nothing is decided."""

import datetime
import textwrap

from harness.report import results
from harness.check.contracts import CONTRACTS, NO_TRACE

MARK = {"pass": "✓", "fail": "✗", "n/a": "–", "unjudged": "?"}


def counted(n, one, many):
    """"1 row", "38 rows": a count with its noun, as every line the
    harness prints says one."""
    return f"{n} {one if n == 1 else many}"


def mark(status, expected=None):
    """A verdict in one or two symbols: ✓, ✗, – or a known ✗ / ≠
    (the terminal's and the pages' alike)."""
    if status == "fail" and expected == "fail":
        return "✗ known"
    if status == "fail" and expected == "differ":
        return "≠ known"
    return MARK.get(status, "?")


def cell(v):
    return mark(v.status, v.expected)


def walls(runs):
    """A column of wall times in one unit: seconds to two places, or
    milliseconds where every time is under 0.1 s; a run that did not
    end well shows its status instead."""
    done = [r["wall_s"] for r in runs if r["status"] == "ok"]
    ms = bool(done) and max(done) < 0.1
    return [r["status"] if r["status"] != "ok" else
            f"{r['wall_s'] * 1000:.1f} ms" if ms else
            f"{r['wall_s']:.2f} s" for r in runs]


def columns(table):
    promised = {v.contract for r in table for v in r["verdicts"]}
    return [c for c in CONTRACTS if c in promised]


def grid(table):
    """Header and rows as lists of strings, shared by both formats."""
    names = columns(table)
    head = ["scenario", "variant", "Go", "Python", *names]
    body = []
    go, py = (walls([r[side] for r in table]) for side in ("go", "python"))
    for r, g, p in zip(table, go, py):
        by = {v.contract: cell(v) for v in r["verdicts"]}
        body.append([r["scenario"], r["variant"], g, p,
                     *(by.get(c, "–") for c in names)])
    return head, body


WIDTH = 100  # the terminal the compare table is laid out for


def grouped(marks):
    """One row's contracts in a column that fits a terminal: how many
    hold, then the others by mark ("✓ 6; ≠ known: timeline", or
    "✓ all 7" where every one that applies holds). marks:
    (contract, mark) in the table's order; – (does not apply) is
    left out."""
    held = sum(m == "✓" for _, m in marks)
    rest = {}
    for name, m in marks:
        if m not in ("✓", "–"):
            rest.setdefault(m, []).append(name)
    if not rest:
        return f"✓ all {held}"
    parts = [f"✓ {held}"] if held else []
    parts += [f"{m}: {', '.join(names)}" for m, names in rest.items()]
    return "; ".join(parts)


def laid_out(head, body):
    """The compare table as the terminal prints it: the first four
    columns as they are, the contracts grouped into one, each line
    at most WIDTH wide (a long group goes on under itself)."""
    fixed = [row[:4] + [grouped(list(zip(head[4:], row[4:])))]
             for row in body]
    top = [*head[:4], "contracts (how many hold; the rest by mark)"]
    widths = [max(len(row[i]) for row in [top, *fixed])
              for i in range(4)]
    indent = sum(widths) + 2 * 4
    out = []
    for row in [top, *fixed]:
        first = "  ".join(c.ljust(w) for c, w in zip(row, widths))
        lines = textwrap.wrap(row[4], max(WIDTH - indent, 30),
                              break_on_hyphens=False) or [""]
        out.append(f"{first}  {lines[0]}".rstrip())
        out += [" " * indent + line for line in lines[1:]]
    return out


def note_lines(first, rest):
    """A note as the terminal prints it: its first line, then each
    detail four spaces in, wrapped to WIDTH."""
    out = textwrap.wrap(first, WIDTH, subsequent_indent="  ",
                        break_on_hyphens=False)
    for line in rest:
        out += textwrap.wrap(line, WIDTH, initial_indent="    ",
                             subsequent_indent="      ",
                             break_on_hyphens=False)
    return out


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
                              f"expected: {v.why}", *v.summary(),
                              *others(v)])
            elif v.stale:
                lines.append([f"{where}: {v.contract} holds, though the "
                              f"registry expects it to "
                              f"{'fail' if v.expected == 'fail' else 'differ'}"
                              f" ({v.why})"])
            elif v.status == "fail" and v.violations != NO_TRACE:
                lines.append([f"{where}: {v.contract} violated"
                              f"{again(v)}", *v.summary(), *others(v)])
            elif v.status == "unjudged":
                lines.append([f"{where}: {v.contract} could not be "
                              f"judged", *v.summary(), *others(v)])
            elif v.figures:
                lines.append([f"{where}: {v.contract} "
                              f"{WORD[v.status]}", *v.figures])
    return lines


def others(v):
    """A contract's figures that its violations do not already say:
    the other language's speedup, say."""
    return [f for f in v.figures if f not in v.violations]


# A contract with figures (a speedup, a heartbeat's gap) shows them
# whatever its status; where nothing else is said, under these words.
WORD = {"pass": "holds", "n/a": "does not apply", "fail": "fails"}


def again(v):
    """How often a broken timeline was tried, where it was."""
    if len(v.attempts) < 2:
        return ""
    return f" in each of {len(v.attempts)} tries"


def outcome(table):
    """The closing line, and the exit status it goes with: 0 every
    row holds, 1 a contract is broken, 3 a row could not be judged
    (never a pass: a busy machine must not look like a green one)."""
    broken = sum(any(v.status == "fail" and not v.ok
                     for v in r["verdicts"]) or
                 r["go"]["status"] != "ok" or
                 r["python"]["status"] != "ok" for r in table)
    unjudged = sum(not r["ok"] for r in table) - broken
    rows = counted(len(table), "row", "rows")
    if broken:
        line = f"FAIL: {broken} of {rows} broke a contract"
        if unjudged:
            line += f", and {unjudged} could not be judged"
        return line, 1
    if unjudged:
        return (f"NOT JUDGED: {unjudged} of {rows} could not be judged "
                f"on a machine this busy (the rest hold); run again "
                f"when it is quieter", 3)
    if len(table) == 1:
        return "PASS: the 1 row holds its contracts", 0
    return f"PASS: all {rows} hold their contracts", 0


def terminal(table):
    text = laid_out(*grid(table))
    for first, *rest in notes(table):
        text += ["", *note_lines(first, rest)]
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


def summary(kind, out, argv, table, skipped=(), calibration=None):
    """summary.json: the machine-readable record (results/README.md).
    calibration: each runtime's sleep overshoot before the run."""
    go = next((r["go"]["runtime"] for r in table if r["go"]["runtime"]),
              None)
    return {
        **header(kind, out, argv, go),
        "ok": all(r["ok"] for r in table),
        "judged": all(v.status != "unjudged" for r in table
                      for v in r["verdicts"]),
        "calibration": calibration or {},
        "skipped": list(skipped),
        "rows": [{**{k: r[k] for k in ("scenario", "variant", "params",
                                        "tolerance_s", "go", "python",
                                        "ok")},
                  "contracts": {v.contract: {
                      "verdict": v.status, "expected": v.expected or None,
                      "why": v.why or None,
                      "violations": kept(v.violations),
                      **({"figures": v.figures} if v.figures else {}),
                      **({"attempts": v.attempts} if v.attempts
                         else {})} for v in r["verdicts"]}}
                 for r in table],
    }


KEPT = 100  # violations a contract keeps in summary.json


def kept(violations):
    """The first KEPT violations, and a count of the rest: a run that
    lost a million items says so in a line, not a million."""
    more = len(violations) - KEPT
    return violations[:KEPT] + ([f"… and {more:,} more"] if more > 0
                                else [])


def md_table(head, rows):
    """A Markdown table, as lines: the header, the rule under it, and
    a line per row, each cell as str() writes it."""
    return ["| " + " | ".join(map(str, head)) + " |",
            "|" + "---|" * len(head),
            *("| " + " | ".join(map(str, row)) + " |" for row in rows)]


def markdown(summary, table):
    head, body = grid(table)
    m = summary["machine"]
    text = [f"# chankit {summary['kind']}, {summary['started']}", "",
            f"Command: `{' '.join(summary['command'])}`", "",
            machine_line(m), "", *md_table(head, body)]
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
    verdict = outcome(table)[0].split(":", 1)[1].strip()
    text += ["", f"Verdict: {verdict}. ✓ holds, ✗ broken, – does not "
             f"apply, ? could not be judged (the machine was too busy),"
             f" ✗ known / ≠ known: fails or differs as the registry "
             f"expects.", ""]
    return "\n".join(text)
