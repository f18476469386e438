"""The HTML of `make pages`: the index and one page per scenario.
Everything here is presentation; website.py gathers what is shown.

Each page stands alone on the file system: one stylesheet beside it,
pictures inline, no script, no font or file from the network."""

from html import escape
from pathlib import Path

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import GoLexer, PythonLexer

from harness.pages.pagerun import run_section, verdict_section
from harness.pages.pagetext import LANG, clip, intro
from harness.registry import expectations
from harness.pages.sources import pair

STYLE = "default"  # pygments' style, light and high in contrast
LEXER = {"go": GoLexer, "python": PythonLexer}


def stylesheet():
    """pages.css, then pygments' colours for the code."""
    own = (Path(__file__).parent / "pages.css").read_text()
    return own + "\n" + HtmlFormatter(style=STYLE).get_style_defs(".hl")


def page(title, body, note=""):
    warn = f'<p class="note">{escape(note)}</p>' if note else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<header class="top"><a href="index.html">chankit</a>
<span>Go channels and Python queues, side by side</span></header>
<main>
{warn}
{body}
</main>
</body>
</html>
"""


def code(block, src):
    """One block, highlighted; its file and first line kept in data-
    attributes so that the tests can put the file back together."""
    lexer = LEXER[src.lang](stripnl=False, ensurenl=False)
    text = "\n".join(block.lines) + "\n"
    html = highlight(text, lexer, HtmlFormatter(nowrap=True))
    return (f'<div class="block {src.lang}" data-file="{src.path}" '
            f'data-start="{block.start}" '
            f'data-name="{escape(block.name)}">'
            f'<span class="tag">{LANG[src.lang]}</span>'
            f'<pre class="hl"><code>{html}</code></pre></div>')


def missing(name, src):
    return (f'<div class="block {src.lang} empty"><span class="tag">'
            f'{LANG[src.lang]}</span><p>No <code>{escape(name)}</code> '
            f"in <code>{src.path}</code>: see its header.</p></div>")


def side_by_side(left, right, labels):
    """Two files, block beside block, each row named by the function
    it holds."""
    out = [f'<div class="pair" data-left="{left.path}" '
           f'data-right="{right.path}">',
           f'<div class="colhead">{labels[0]}</div>',
           f'<div class="colhead">{labels[1]}</div>']
    for a, b in pair(left, right):
        name = (a or b).name
        out.append(f'<h3 class="row-name" id="{escape(right.impls[0])}-'
                   f'{escape(name)}">{escape(name)}</h3>')
        out.append(code(a, left) if a else missing(name, left))
        out.append(code(b, right) if b else missing(name, right))
    out.append("</div>")
    return "\n".join(out)


def head_label(registry, src):
    impl = registry.implementations[src.impls[0]]
    return (f"<strong>{escape(impl.label)}</strong> "
            f"<code>{escape(src.path)}</code>")


def sources_section(registry, go, pythons):
    """The first Python model open beside Go; the others folded."""
    out = ['<section id="sources"><h2>The two programs</h2>']
    for n, py in enumerate(pythons):
        both = side_by_side(go, py, (head_label(registry, go),
                                     head_label(registry, py)))
        if n == 0:
            out.append(both)
            continue
        label = registry.implementations[py.impls[0]].label
        out.append(f'<details class="model"><summary>Go beside '
                   f"{escape(label)} (<code>{py.path}</code>)</summary>"
                   f"{both}</details>")
    out.append("</section>")
    return "\n".join(out)


def differs(scenario):
    """The registry's expected failures and differences, in words,
    each with the variants and parameters it is limited to."""
    out = []
    for title, found in (
            ("What differs", scenario.expected_differences),
            ("Expected to fail", scenario.expected_failures)):
        for contract, value in found.items():
            for e in expectations(value):
                where = f" ({e.where()})" if e.where() else ""
                out.append(f'<aside class="differs"><h2>{title}: '
                           f"{contract}{escape(where)}</h2>"
                           f"<p>{escape(e.why)}</p></aside>")
    return "\n".join(out)


def nav(around):
    before, after = around
    links = []
    if before:
        links.append(f'<a href="{escape(before)}.html">← '
                     f"{escape(before)}</a>")
    links.append('<a href="index.html">all scenarios</a>')
    if after:
        links.append(f'<a href="{escape(after)}.html">'
                     f"{escape(after)} →</a>")
    return f'<nav class="steps">{" · ".join(links)}</nav>'


def scenario_page(registry, data, around):
    s, (go, *pythons) = data["scenario"], data["sources"]
    run = data["run"]
    body = [nav(around), f"<h1>{escape(s.id)}</h1>",
            f'<p class="lede">{escape(s.description)}</p>',
            from_run(data), intro(registry, s, go, pythons), differs(s),
            sources_section(registry, go, pythons),
            verdict_section(registry, s, data["rows"], run.shown),
            run_section(registry, data["rows"]) if data["rows"] else "",
            footer(run.data, run.shown), nav(around)]
    return page(f"{s.id} · chankit", "\n".join(body), data["note"])


def from_run(data):
    """Which run the page shows, and why that one."""
    run = data["run"]
    return (f'<p class="fromrun">The run shown here: <a href="#verdict">'
            f"<code>{escape(run.shown)}</code></a>, "
            f"{escape(data['why'])} ({escape(run_of(run.data))}).</p>")


def run_of(summary):
    """A run in a few words: when it started, and the command."""
    command = summary.get("command")
    how = "make compare"
    if isinstance(command, list) and all(isinstance(c, str)
                                         for c in command):
        flags = [c for c in command[2:] if c.startswith("--")]
        how = clip(" ".join(["make compare", *flags]), 200)
    return f"{how}, started {summary.get('started', '?')}"


def footer(summary, shown):
    return f'<footer class="run">{run_words(summary, shown)}</footer>'


def run_words(summary, shown):
    m = summary.get("machine") or {}
    return (f"From <code>{escape(shown)}</code>, a "
            f"<code>make compare</code> started "
            f"{escape(str(summary.get('started', '?')))} on "
            f"{escape(str(m.get('cpu', '?')))} "
            f"({escape(str(m.get('cores', '?')))} cores), "
            f"{escape(str(m.get('go', '?')))} and "
            f"{escape(str(m.get('python_implementation', '')))} "
            f"{escape(str(m.get('python', '?')))}. "
            f"Built by <code>make pages</code>; do not edit.")


def broken(r):
    """A row with a contract broken or a run gone wrong, as against
    one the machine was too busy to judge."""
    return r["go"].get("status") != "ok" or \
        r["python"].get("status") != "ok" or \
        any(res.get("verdict") == "fail" and not res.get("expected")
            for res in r["contracts"].values())


def overall(scenario, rows):
    """A scenario's verdict in a few words, for the index."""
    if not rows:
        return "absent", "not in this run"
    if any(broken(r) for r in rows):
        return "fail", "✗ broken"
    if not all(r.get("ok") for r in rows):
        return "unjudged", "? could not be judged"
    known = sorted({(c, res.get("expected")) for r in rows
                    for c, res in r["contracts"].items()
                    if res.get("verdict") == "fail"})
    if not known:
        return "pass", "✓ holds"
    marks = ", ".join(f"{'≠' if e == 'differ' else '✗'} {c}"
                      for c, e in known)
    return "known", f"✓ as expected: {marks}"


def index_page(registry, every, used, note):
    rows = []
    for data in every:
        s, (_, *pythons) = data["scenario"], data["sources"]
        kind, words = overall(s, data["rows"])
        models = ", ".join(p.impls[0] for p in pythons)
        rows.append(f'<tr><th><a href="{escape(s.id)}.html">'
                    f"{escape(s.id)}</a>"
                    f"</th><td>{escape(s.description)}</td>"
                    f"<td>{escape(models)}</td>"
                    f'<td class="v {kind}">{escape(words)}</td>'
                    f'<td class="run" title="{escape(data["run"].shown)}">'
                    f"<code>{escape(data['run'].folder.name)}/</code>"
                    f"</td></tr>")
    skipped = "".join(f"<li>{escape(x)}</li>" for run in used
                      for x in run.data.get("skipped") or []
                      if any(d["run"] is run and
                             x.startswith(f"{d['scenario'].id} ")
                             for d in every))
    runs = "".join(f"<li>{run_words(r.data, r.shown)}</li>"
                   for r in used)
    body = f"""<h1>The scenarios</h1>
<p class="lede">Each pattern twice: a Go program with channels and a
Python program with asyncio queues, written to be read next to each
other. Each page sets them side by side, block by block, and shows
what a real run of both recorded and whether it kept its promises.</p>
<div class="scroll"><table class="index"><thead><tr><th>scenario</th>
<th>what it shows</th><th>Python models</th><th>verdict</th>
<th>run</th></tr>
</thead><tbody>{"".join(rows)}</tbody></table></div>
{f'<p>Left out of these runs:</p><ul>{skipped}</ul>' if skipped else ''}
<footer class="run"><p>The run{"s" if len(used) > 1 else ""} these
pages show (each page says which is its own):</p>
<ul>{runs}</ul></footer>"""
    return page("chankit: the scenarios", body, note)
