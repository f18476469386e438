"""The run's part of a scenario page: the verdict of each variant,
what broke or differs, and per variant a timeline drawn from both
traces with the traces themselves. pagehtml.py lays out the rest."""

from html import escape

from harness.pages import apart, timeline
from harness.check.contracts import CONTRACTS
from harness.pages.pagetext import CONTRACT_WORDS, LANG, clip, run_line
from harness.report.render import mark

SHOWN = 8  # violations listed per contract before "and N more"
# Characters shown of one text from summary.json: a reason or a
# violation, and a run's problem (its last trace lines or stderr).
WHY, PROBLEM = 600, 4000


def cell(result):
    """A verdict as the terminal shows it: (class, mark, tooltip)."""
    verdict, expected = result.get("verdict"), result.get("expected")
    known = verdict == "fail" and expected in ("fail", "differ")
    why = clip(result.get("why") or "", WHY)
    return ("known" if known else verdict), mark(verdict, expected), \
        f' title="{escape(why)}"' if why else ""


def verdict_section(registry, scenario, rows, shown):
    """The contracts in words, then one row per variant of the run,
    one cell per contract, as make compare printed them."""
    out = ['<section id="verdict"><h2>What it promises, and the '
           'verdict</h2><dl class="contracts">']
    for c in scenario.contracts:
        words = escape(CONTRACT_WORDS.get(c) or first_line(c))
        out.append(f"<dt>{escape(c)}</dt><dd>{words}</dd>")
    out.append("</dl>")
    if not rows:
        out.append(f'<p class="absent">Not in this run: '
                   f"<code>{escape(shown)}</code> did not run "
                   f"{escape(scenario.id)}.</p></section>")
        return "\n".join(out)
    out.append('<div class="scroll"><table class="verdict"><thead><tr>'
               "<th>variant</th><th>Go</th><th>Python</th>")
    out += [f"<th>{escape(c)}</th>" for c in scenario.contracts]
    out.append("<th>overall</th></tr></thead><tbody>")
    out += [table_row(scenario, r) for r in rows]
    out.append("</tbody></table></div>")
    out += notes(rows)
    out.append("</section>")
    return "\n".join(out)


def first_line(contract):
    """A contract the pages have no words for yet: its docstring's
    first line, if it has one."""
    doc = getattr(CONTRACTS.get(contract), "__doc__", None) or ""
    return doc.strip().split("\n")[0]


def table_row(scenario, r):
    v = escape(r["variant"])
    out = [f'<tr data-variant="{v}"><th><a href="#run-{v}">{v}</a>'
           f"</th><td>{wall(r['go'])}</td><td>{wall(r['python'])}</td>"]
    for c in scenario.contracts:
        result = r["contracts"].get(c, {"verdict": "n/a"})
        kind, shown, tip = cell(result)
        verdict = escape(str(result.get("verdict")))
        out.append(f'<td class="v {kind}" data-contract="{escape(c)}" '
                   f'data-verdict="{verdict}"{tip}>{shown}</td>')
    ok = bool(r.get("ok"))
    out.append(f'<td class="v {"pass" if ok else "fail"}">'
               f'{"ok" if ok else "broken"}</td></tr>')
    return "".join(out)


def wall(run):
    """Seconds, start-up included; or what went wrong instead."""
    if run.get("status") != "ok":
        return f'<span class="bad">{escape(str(run.get("status")))}' \
            "</span>"
    return f"{run['wall_s']:.2f} s"


def notes(rows):
    """What broke, differs as expected, or holds though expected not
    to, in words, row by row (the notes under make compare's table)."""
    out = []
    for r in rows:
        v = escape(r["variant"])
        for side in ("go", "python"):
            run = r[side]
            if run.get("problem"):
                out.append(f'<div class="problem"><p>{v}: '
                           f"{escape(str(run.get('label')))} "
                           f"{escape(str(run.get('status')))}</p><pre>"
                           f"{escape(clip(run['problem'], PROBLEM))}"
                           f"</pre></div>")
        for c, result in r["contracts"].items():
            out += note(v, escape(c), result)
    return out


def note(v, c, result):
    found = result.get("violations") or []
    why = clip(result.get("why") or "", WHY)
    expected = result.get("expected")
    if result.get("verdict") == "pass" and expected:
        return [f'<p class="bad">{v}: {c} holds, though the registry '
                f"expects it to {escape(expected)} ({escape(why)})</p>"]
    if not found:
        return []
    verb = "differs" if expected == "differ" else "fails"
    how = f"as expected: {why}" if expected else "unexpectedly"
    if result.get("verdict") == "unjudged":
        verb, how = "could not be judged", "(the machine was too busy)"
    items = "".join(f"<li>{escape(clip(x, WHY))}</li>"
                    for x in found[:SHOWN])
    if len(found) > SHOWN:
        items += f"<li>… and {len(found) - SHOWN} more</li>"
    # A surprise is shown open; what the registry expects, folded.
    shut = "" if expected else " open"
    return [f'<details class="violations"{shut}><summary>{v}: {c} '
            f"{verb} {escape(how)}</summary><ul>{items}</ul>"
            "</details>"]


def run_section(registry, rows):
    """Per variant: the timeline made from both traces, then the
    traces themselves, Go's beside Python's."""
    out = ['<section id="run"><h2>The run: timelines and traces</h2>']
    for n, r in enumerate(rows):
        v = escape(r["variant"])
        out.append(f'<div class="variant" id="run-{v}">'
                   f"<h3>{v}</h3><p>{run_line(registry, r)}</p>")
        groups = []
        for side in ("go", "python"):
            head = r["traces"][side]
            heading = label(registry, r[side])
            if head.events is not None:
                groups.append((LANG[side], heading, head))
            elif head.problem:
                out.append(f'<p class="bad">{escape(heading)}: '
                           f"{escape(head.problem)}</p>")
        if groups:
            out.append(figure(registry, r, groups))
        out.append(traces_block(registry, r, open_=n == 0))
        out.append("</div>")
    out.append("</section>")
    return "\n".join(out)


def figure(registry, r, groups):
    """The timeline of a row, from the traces that could be read: of
    a long run only its start, of many events a sample, and the
    caption says so; the events the timeline contract found apart
    ringed, joined and put in words."""
    read = {lang: h.events for lang, _, h in groups}
    differ = apart.found(r, read.get("Go"), read.get("Python"))
    found, until = timeline.window([h.events for _, _, h in groups],
                                   [h.cut for _, _, h in groups])
    keep = {id(e) for a in differ for e in (a.go, a.python) if e}
    drawn = [timeline.thin(ev, keep) for ev in found]
    title = f"{r['scenario']}, {r['variant']}: events over time"
    picture = timeline.svg([(heading, ev) for (_, heading, _), ev
                            in zip(groups, drawn)], title, until,
                           [(a.go, a.python) for a in differ])
    caption = (f"{escape(title)}: Go above, Python below, one lane per "
               f"actor.")
    caption += paired_words(groups, found)
    words = []
    if until is not None:
        counts = " and ".join(
            f"{len(ev) + 1:,} of {lang}'s {h.total:,} trace lines"
            for (lang, _, h), ev in zip(groups, found))
        words.append(f"Only the start of this run is drawn: its first "
                     f"{duration(until)}, {counts}.")
    thinned = [f"{len(few):,} of {lang}'s {len(ev):,}"
               for (lang, _, _), ev, few in zip(groups, found, drawn)
               if len(few) < len(ev)]
    if thinned:
        words.append(f"Past {timeline.DRAWN} events a trace's marks "
                     f"would run together, so each lane shows an even "
                     f"sample of its events: {' and '.join(thinned)}.")
    if words:
        caption += (f' <strong class="thinned">{" ".join(words)} The '
                    f"trace files hold every event.</strong>")
    said = ""
    if differ:
        said = (f'<div class="apart-words"><p>Apart beyond the '
                f"tolerance, as the timeline contract found (ringed, "
                f"and joined from Go's event to Python's):</p><ol>"
                f"{''.join(apart.words(differ, *names(registry, r)))}"
                f"</ol></div>")
    return (f"<figure>{picture}{said}<figcaption>{caption}"
            f"</figcaption></figure>")


def paired_words(groups, found):
    """Where Python's lanes of a role are drawn in another order than
    their names': which Go actor each one did the work of."""
    if len(groups) != 2:
        return ""
    paired = timeline.partners(*found)
    moved = [(p, g) for p, g in sorted(paired.items()) if p != g]
    if not moved:
        return ""
    said = ", ".join(f"its {escape(p)} as Go's {escape(g)}"
                     for p, g in moved)
    return (f" Which of several alike actors takes an item is the "
            f"scheduler's choice, so Python's lanes are matched to "
            f"Go's by the items they handled: {said}.")


def names(registry, r):
    """How the words name the two programs: Go (with its GOMAXPROCS
    where the registry sets one), and the Python implementation."""
    impl = registry.implementations.get(r["go"].get("impl"))
    procs = (impl.env or {}).get("GOMAXPROCS") if impl else None
    go = f"Go (GOMAXPROCS={procs})" if procs else "Go"
    return go, str(r["python"].get("impl") or "Python")


def duration(t):
    return f"{t * 1000:.3g} ms" if t < 1 else f"{t:.3g} s"


def label(registry, run):
    impl = registry.implementations.get(run.get("impl"))
    name = impl.label if impl else run.get("impl", "?")
    return f"{name} ({run.get('label', '?')})"


def traces_block(registry, r, open_):
    cols = []
    for side in ("go", "python"):
        head = r["traces"][side]
        text = escape("\n".join(head.lines), quote=False) \
            if head.lines else "(empty)"
        cols.append(f'<div><p class="tracehead">'
                    f"{escape(label(registry, r[side]))}: "
                    f"<code>{escape(str(r[side].get('trace')))}</code> "
                    f"({lines_said(head)})</p>"
                    f'<pre class="trace">{text}</pre></div>')
    return (f'<details class="traces"{" open" if open_ else ""}>'
            f"<summary>The recorded traces</summary>"
            f'<div class="two">{"".join(cols)}</div></details>')


def lines_said(head):
    if head.cut:
        return (f'<span class="thinned">the first {len(head.lines):,} '
                f"of {head.total:,} lines</span>")
    return f"{len(head.lines)} lines"
