"""The README and docs/ against what they quote: every pasted output
that a file in the repository or a command can give again is checked
here, so that it cannot go stale unnoticed, and every relative link
must lead to a file (and a heading) that exists."""

import datetime
import json
import os
import re
import subprocess
import sys
import tomllib
from decimal import Decimal

from conftest import GO_BIN, ROOT
from harness.report import render
from harness.run import compare

README = ROOT / "README.md"
DOCS = ROOT / "docs"
REFERENCE = ROOT / "results" / "reference"
BENCH_REFERENCE = ROOT / "results" / "bench-reference"


def blocks(path):
    """The fenced code blocks of a Markdown file, each as its lines,
    with the line of text just before the fence (what introduces it)."""
    found, block, before, last = [], None, "", ""
    for line in path.read_text().splitlines():
        if line.startswith("```"):
            if block is None:
                block, before = [], last
            else:
                found.append((before, block))
                block = None
        elif block is not None:
            block.append(line)
        elif line.strip():
            last = line
    return found


def block_after(path, intro):
    """The one code block whose introducing line contains intro."""
    found = [b for before, b in blocks(path) if intro in before]
    assert len(found) == 1, (path.name, intro, len(found))
    return found[0]


def block_starting(path, first):
    """The code blocks whose first line starts with first."""
    return [b for _, b in blocks(path) if b and b[0].startswith(first)]


# --- make help ---------------------------------------------------------

def test_readme_make_help_is_what_make_prints():
    shown = block_after(README, "`make` alone lists every target")
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    made = subprocess.run(["make", "--no-print-directory", "-s", "help"],
                          cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True, timeout=60)
    assert shown == made.stdout.splitlines()


# --- make compare: the reference run -------------------------------------

def reference_report():
    return (REFERENCE / "report.md").read_text().splitlines()


def reference_terminal():
    """The lines `make compare` printed for the reference run, rebuilt
    from its report.md by harness/report/render.py's own layout: the
    table with the contracts grouped into one column, then each note
    after a blank line with its details indented, then the closing
    line."""
    lines = reference_report()
    rows = [[c.strip() for c in ln.strip().strip("|").split("|")]
            for ln in lines if ln.startswith("| ")]
    rows = [r for r in rows if not set("".join(r)) <= set("-: ")]
    text = render.laid_out(rows[0], rows[1:])
    notes, first = lines[lines.index("## Notes"):], None
    rest = []
    for ln in notes + ["- "]:
        if ln.startswith("    - "):
            rest.append(ln[len("    - "):])
        elif ln.startswith("- "):
            if first:
                text += ["", *render.note_lines(first, rest)]
            # The skipped notes come first, before the run, as "note:".
            first = ln[2:] if "skipped:" not in ln and ln != "- " \
                else None
            rest = []
    verdict = next(ln for ln in lines if ln.startswith("Verdict: "))
    verdict = verdict.removeprefix("Verdict: ").split(". ✓", 1)[0]
    started = datetime.datetime.fromisoformat(
        lines[0].removeprefix("# chankit compare, "))
    folder = started.strftime("%Y-%m-%dT%H%M%SZ")
    summary = json.loads((REFERENCE / "summary.json").read_text())
    word = "PASS" if summary["ok"] else "FAIL"
    text.append(f"{word}: {verdict}; results in results/{folder}/")
    return text


def test_reference_report_rebuilds_to_its_terminal_table():
    # The rebuild itself, on what the report must hold: a header,
    # one row per summary.json row, and the rows in its order.
    summary = json.loads((REFERENCE / "summary.json").read_text())
    text = reference_terminal()
    assert text[0].split()[:4] == ["scenario", "variant", "Go", "Python"]
    rows = [ln.split()[:2] for ln in text[1:1 + len(summary["rows"])]]
    assert rows == [[r["scenario"], r["variant"]]
                    for r in summary["rows"]]


def test_readme_compare_excerpt_is_from_the_reference_run():
    shown = block_starting(README, "scenario      variant")
    assert len(shown) == 1, "the README's excerpt of make compare"
    shown = shown[0]
    printed = reference_terminal()
    assert shown[0] == printed[0], "the table's header"
    assert shown[-1] == printed[-1], "the closing line"
    where = 0
    for line in shown:
        if line == "…":
            continue
        assert line in printed[where:], (
            f"not in results/reference/report.md (in this order): "
            f"{line!r}")
        where = printed.index(line, where) + 1


def test_compare_doc_run_head_is_from_the_reference_run(registry):
    shown = block_starting(DOCS / "compare.md", "note: ")
    assert len(shown) == 1, "the head of the run in docs/compare.md"
    shown = shown[0]
    summary = json.loads((REFERENCE / "summary.json").read_text())
    head = [f"note: {note}" for note in summary["skipped"]]
    head.append("machine noise now: " + "; ".join(
        f"{name} sleeps overshoot {c['median_ms']} ms "
        f"(worst {c['max_ms']} ms)"
        for name, c in summary["calibration"].items()))
    scenarios = list(dict.fromkeys(r["scenario"] for r in summary["rows"]))
    n = len(scenarios)
    head.append(f"running {n} scenario{'' if n == 1 else 's'}, one "
                f"program at a time:")
    ran = {}
    for r in summary["rows"]:
        for side in ("go", "python"):
            ran.setdefault((r["scenario"], r[side]["impl"]), r[side])
    # The programs run scenario by scenario, each scenario's in the
    # order its rows name them.
    # The first column is as wide as the registry's longest id.
    width = compare.width(registry)
    for (sid, impl), run in ran.items():
        head.append(f"  {sid:<{width}} {impl:<16}{run['wall_s']:6.2f} s  "
                    f"{run['status']}")
    assert shown == head[:len(shown)]


# --- make bench: the reference run -----------------------------------------

def report_table(lines, heading):
    """The first table after a heading of the bench report, as dicts
    by its header."""
    start = lines.index(heading)
    rows = []
    for ln in lines[start:]:
        if ln.startswith("|"):
            rows.append([c.strip() for c in ln.strip().strip("|")
                         .split("|")])
        elif rows:
            break
    head, _, *body = rows
    return [dict(zip(head, r)) for r in body]


def bench_lines():
    return (BENCH_REFERENCE / "report.md").read_text().splitlines()


def test_bench_headline_is_the_reference_reports():
    """docs/bench.md's headline table and the line under it are the
    reference report's, as `python -m harness.bench.report` wrote it."""
    lines = bench_lines()
    start = lines.index("## The answer: how much slower asyncio is "
                        "than Go, and when")
    table = [ln for ln in lines[start:start + 12] if ln.startswith("|")]
    words = next(ln for ln in lines[start:] if ln.startswith(
        "asyncio ÷ Go, per item:"))
    doc = (DOCS / "bench.md").read_text().splitlines()
    first = doc.index(table[0])
    assert doc[first:first + len(table)] == table
    assert words in doc
    # What the docs say of the report's warning is what it warns of:
    # the reference run passed its self-checks.
    text = " ".join(doc)
    warned = [ln for ln in lines[:start] if ln.startswith("> ")]
    assert warned == []
    assert "Its head carries no warning: every self-check passed" in text


def test_readme_scenario_table_is_the_registrys():
    """Each scenario once, in the registry's order, in the words of
    its registry description: the README keeps no copy of its own."""
    registry = tomllib.loads((ROOT / "scenarios.toml").read_text())
    lines = README.read_text().splitlines()
    start = lines.index("| scenario | what it shows |")
    rows = []
    for ln in lines[start + 2:]:
        if not ln.startswith("|"):
            break
        sid, what = (c.strip() for c in ln.strip("|").split(" | "))
        rows.append((sid.strip("`"), what))
    assert rows == [(sid, s["description"]) for sid, s in
                    registry["scenarios"].items()]


def test_the_sieve_s_figures_in_differences_are_the_reference_reports():
    """docs/differences.md pastes the reference run's sieve tables
    (the kit's and the published ones): every table line of that
    section of its report.md, in order, and no other."""
    lines = bench_lines()
    start = lines.index("## sieve: whole programs at fixed sizes")
    end = next(n for n in range(start + 1, len(lines))
               if lines[n].startswith("## "))
    doc = (DOCS / "differences.md").read_text().splitlines()
    begin = doc.index("## A chain of channels: the prime sieve")
    after = next((n for n in range(begin + 1, len(doc))
                  if doc[n].startswith("## ")), len(doc))
    measured = md_tables(lines[start:end])
    assert len(measured) == 3  # N = 1,000, published, N = 4,000
    assert sorted(md_tables(doc[begin:after])) == sorted(measured)


def md_tables(lines):
    """The Markdown tables among lines, each as a tuple of its lines."""
    out, rows = [], []
    for ln in [*lines, ""]:
        if ln.startswith("|"):
            rows.append(ln)
        elif rows:
            out.append(tuple(rows))
            rows = []
    return out


def test_bench_doc_states_the_registrys_self_check_bounds():
    checks = tomllib.loads((ROOT / "scenarios.toml").read_text())[
        "bench"]["checks"]
    text = " ".join((DOCS / "bench.md").read_text().split())
    assert (f"Go's spsc further than {checks['spsc_over_floor']:.0%} "
            "from its floor") in text
    assert (f"a headline figure whose spread is over "
            f"{checks['spread']:.0%}") in text


def test_bench_stability_of_the_reference_run_is_its_reports():
    # docs/bench.md compares the reference run (A) with the quick run
    # right after it (B), as `harness.bench.stability A B` prints it:
    # its A column must be the reference's own ratios.
    from harness.bench import stability
    from harness.bench.data import Results
    (block,) = block_starting(DOCS / "bench.md", "benchmark ")
    ref = Results(BENCH_REFERENCE)
    cases = json.loads((BENCH_REFERENCE / "summary.json").read_text())[
        "cases"]
    ratios = {name: f"{a:.2f}×" for name, a, _, _ in
              stability.rows(ref, ref, cases)}
    shown = [line.split()[:2] for line in block[1:]]
    assert shown and [name for name, _ in shown] == list(ratios)
    for name, a in shown:
        assert a == ratios[name], (name, a, ratios[name])


def test_bench_spsc_against_its_floor_is_the_reference_reports():
    text = (DOCS / "bench.md").read_text()
    # Its rows: Go, Go with GOMAXPROCS=1, asyncio, in that order.
    go, go1, aio = (r["spsc over floor"] for r in report_table(
        bench_lines(), "## spsc against its floor"))
    assert (f"{go} (default GOMAXPROCS) and "
            f"{go1.replace('-', '−')} (GOMAXPROCS=1) here") in text
    aio = Decimal(aio.strip("+%"))
    assert f"+{aio.quantize(Decimal(1))}% here" in text


# --- the programs' --help --------------------------------------------------

def test_programs_doc_help_is_what_both_programs_print():
    shown = block_after(DOCS / "programs.md",
                        "Both languages print the same `--help`")
    for command in ([str(GO_BIN)], [sys.executable, "-m", "chankit"]):
        out = subprocess.run([*command, "--help"], capture_output=True,
                             text=True, timeout=60, cwd=ROOT)
        assert out.stdout.splitlines() == shown, command


def test_programs_doc_scenario_help_is_what_both_programs_print():
    shown = block_after(DOCS / "programs.md", "them in it:")
    sid = shown[0].split()[2]  # usage: chankit <id> [flags]
    for command in ([str(GO_BIN)], [sys.executable, "-m", "chankit"]):
        out = subprocess.run([*command, "help", sid], capture_output=True,
                             text=True, timeout=60, cwd=ROOT)
        assert out.stdout.splitlines() == shown, command


# --- the timeline rule's numbers -----------------------------------------

def test_contracts_doc_states_the_registrys_timeline_numbers(registry):
    text = " ".join((DOCS / "contracts.md").read_text().split())
    t = registry.tolerance
    assert (f"up to {round(t['startup_s'] * 1000)} ms later" in text)
    assert (f"max({round(t['min_s'] * 1000)} ms, "
            f"{round(t['fraction'] * 100)}% of the pace)") in text
    assert f"the tolerance plus {round(t['drift'] * 100)}%" in text
    words = {1: "one", 2: "two", 3: "three"}
    assert (f"up to {words[registry.timeline['retries']]} more times"
            in text)


# --- links -------------------------------------------------------------------

LINKED = [README, ROOT / "results" / "README.md",
          *sorted(DOCS.glob("*.md"))]
INLINE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^)\s]+)\)")
DEFINED = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(\S+)", re.M)


def prose(path):
    """The file without its code blocks and inline code, where a
    bracket is not a link."""
    out, fence = [], False
    for line in path.read_text().splitlines():
        if line.startswith("```"):
            fence = not fence
            continue
        if not fence:
            out.append(re.sub(r"`[^`]*`", "``", line))
    return "\n".join(out)


def links(path):
    text = prose(path)
    # A link's text may wrap: join lines inside brackets.
    flat = re.sub(r"\n(?!\n)", " ", text)
    return INLINE.findall(flat) + DEFINED.findall(text)


def slug(heading):
    """GitHub's anchor for a heading."""
    heading = re.sub(r"`", "", heading.strip().lower())
    heading = re.sub(r"[^\w\- ]", "", heading)
    return heading.replace(" ", "-")


def headings(path):
    """Anchors from the raw text, inline code kept (prose() blanks it)."""
    seen, found, fence = {}, set(), False
    for line in path.read_text().splitlines():
        if line.startswith("```"):
            fence = not fence
        m = None if fence else re.match(r"#{1,6}\s+(.*)", line)
        if m:
            s = slug(m.group(1))
            n = seen.get(s, 0)
            found.add(s if n == 0 else f"{s}-{n}")
            seen[s] = n + 1
    return found


def test_slug_is_githubs():
    assert slug("What `make compare` prints") == "what-make-compare-prints"
    assert slug('A bench run (kind "bench")') == "a-bench-run-kind-bench"
    assert slug('"Sent" is not the same moment') == \
        "sent-is-not-the-same-moment"


def test_every_relative_link_leads_somewhere():
    broken = []
    for path in LINKED:
        for target in links(path):
            if re.match(r"[a-z]+:", target):
                continue            # http:, https:, mailto:
            file, _, anchor = target.partition("#")
            dest = (path.parent / file).resolve() if file else path
            if not dest.exists():
                broken.append(f"{path.relative_to(ROOT)}: {target}")
            elif anchor and anchor not in headings(dest):
                broken.append(f"{path.relative_to(ROOT)}: {target} "
                              f"(no such heading)")
    assert not broken, broken


def test_every_doc_is_one_click_from_the_readme():
    linked = {(README.parent / t.partition("#")[0]).resolve()
              for t in links(README) if not re.match(r"[a-z]+:", t)}
    missing = [p.name for p in DOCS.glob("*.md") if p.resolve() not in linked]
    assert not missing, missing
    assert (ROOT / "results" / "README.md").resolve() in linked
