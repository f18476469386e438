"""make demo: the blog post's programs, Go and Python at once, their
output side by side as it happens, then checked."""

import asyncio
import json


from harness.run import loop, plan, runner
from harness.report import render, results
from harness.run.compare import row, save
from harness.errors import BadInput
from harness.report.results import RunFolder, dump

WIDTH = 30  # characters per column
VARIANT = "asyncio"  # the post's comparison: Go channels, asyncio.Queue


class Columns:
    """Prints row i as soon as both programs have received item i."""

    def __init__(self, say):
        self.got = {"go": [], "python": []}
        self.printed = 0
        self.say = say

    def feed(self, side):
        def on_line(line):
            try:
                event = json.loads(line)
            except ValueError:
                return
            if isinstance(event, dict) and event.get("op") == "get":
                self.got[side].append(event)
                self.flush()
        return on_line

    def flush(self, final=False):
        lengths = [len(v) for v in self.got.values()]
        while self.printed < (max(lengths) if final else min(lengths)):
            self.say("  " + "".join(self.entry(side).ljust(WIDTH)
                                    for side in self.got).rstrip())
            self.printed += 1

    def entry(self, side):
        if self.printed >= len(self.got[side]):
            return ""
        e = self.got[side][self.printed]
        return f"{e['t']:6.3f} s  Got number {e['item']}"


async def both(registry, scenario, python, say):
    columns = Columns(say)
    say("  " + "Go (channels)".ljust(WIDTH) + "Python (asyncio)")
    pair = registry.variants[VARIANT]
    impls = [registry.implementations[n] for n in (pair.go, pair.python)]
    # run bare: every flag at its default
    bare = {f.name: float(f.default) for f in registry.flags.values()}
    timeout = runner.timeout_for(registry, bare, scenario)
    go, py = await asyncio.gather(*(
        runner.run(plan.command(impl, scenario, None, python), impl.env,
                   timeout, columns.feed(side))
        for impl, side in zip(impls, ("go", "python"))))
    columns.flush(final=True)
    return go, py


def demo(registry, python, argv, base, say=print):
    """Each scenario with a demo line in the registry, in order."""
    shown = [s for s in registry.scenarios.values() if s.demo]
    if not shown:
        raise BadInput("no scenario in the registry has a demo line")
    table = []
    with RunFolder(base) as out:
        for n, s in enumerate(shown, 1):
            say(f"\nExample {n} of {len(shown)}: {s.id}, {s.demo}")
            go, py = loop.run(both(registry, s, python, say))
            params = go.trace.params if go.trace else {}
            table.append(row(registry, s, VARIANT, go, py, params))
            for path, run in table[-1].pop("runs").items():
                save(out, path, run)
            say("  " + "  ".join(f"{render.cell(v)} {v.contract}"
                                  for v in table[-1]["verdicts"]))
        summary = render.summary("demo", out, argv, table)
        out.write("summary.json", dump(summary))
        out.write("report.md", render.markdown(summary, table))
    say("")
    for first, *rest in render.notes(table):
        say("\n".join(render.note_lines(first, rest)))
    ok = all(r["ok"] for r in table)
    say(f"{'PASS' if ok else 'FAIL'}: the two languages "
        f"{'agree' if ok else 'disagree'}; results in "
        f"{results.shown(out.path)}")
    return 0 if ok else 1
