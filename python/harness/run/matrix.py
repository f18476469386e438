"""python -m harness matrix: the kit on several Pythons side by side.

For each Python named (PYTHONS="3.11 3.12 3.13"), found as python/venv
finds one (on PATH, then among pyenv's versions; one not installed is
skipped with one line, and the run goes on), `make compare` with
every scenario at its registry params and a short `make bench`
(scenarios.toml's [bench.profiles.matrix]), each under that Python's
own venv; then one report of them all: each Python's per-item costs,
its compare verdict, what changed from the first Python, and the
variants only some Pythons have. results/README.md, "A matrix run",
has the layout.

The per-Python runs are the ordinary commands, run by that Python's
venv with --results inside this run's folder, so each one is a whole
compare or bench run folder of its own, kept beside the report.
"""

import json
import math
import re
import shutil
import subprocess

from harness.bench.data import in_unit, plus_minus, unit_for
from harness.report import render, results
from harness.report.render import md_table
from harness.errors import BadInput
from harness.registry import ROOT
from harness.report.results import RunFolder, dump

VENV = ROOT / "python" / "venv"
PROFILE = "matrix"
# What the matrix asks each interpreter about itself: its version,
# and whether it is a free-threaded build (Py_GIL_DISABLED) and runs
# with the GIL off (sys._is_gil_enabled(), 3.13 and later).
ABOUT = (
    "import json, platform, sys, sysconfig\n"
    "gil = getattr(sys, '_is_gil_enabled', None)\n"
    "print(json.dumps({'version': platform.python_version(),\n"
    "  'implementation': platform.python_implementation(),\n"
    "  'free_threaded_build': bool(sysconfig.get_config_var("
    "'Py_GIL_DISABLED')),\n"
    "  'gil_enabled': True if gil is None else bool(gil())}))\n")
# A name python/venv takes: a version (3.13), a command (python3.13)
# or a path; nothing that could be read as a flag.
NAME = re.compile(r"[A-Za-z0-9_./+-]+")


def names(text):
    """"3.11 3.12,3.13" -> ["3.11", "3.12", "3.13"]; BadInput for an
    empty list or a name python/venv could not take."""
    out = [n for n in re.split(r"[\s,]+", text) if n]
    if not out:
        raise BadInput("PYTHONS is empty: name one or more Pythons, "
                       'e.g. PYTHONS="3.11 3.12 3.13"')
    for n in out:
        if not NAME.fullmatch(n) or n.startswith("-"):
            raise BadInput(f"PYTHONS: {json.dumps(n)} is not a Python "
                           f"version, command or path")
    return out


def which(name, venv=VENV):
    """(interpreter path, "") for a Python python/venv finds, or
    ("", why) on one line for one it does not."""
    done = subprocess.run([str(venv), "--which", name], text=True,
                          capture_output=True, stdin=subprocess.DEVNULL)
    if done.returncode == 0 and done.stdout.strip():
        return done.stdout.strip().splitlines()[-1], ""
    why = (done.stderr.strip().splitlines() or ["not found"])[-1]
    return "", why.removeprefix("python/venv: ")


def about(interpreter):
    """What the interpreter says of itself (ABOUT), or None."""
    try:
        done = subprocess.run([interpreter, "-I", "-c", ABOUT], text=True,
                              capture_output=True, timeout=60,
                              stdin=subprocess.DEVNULL)
        return json.loads(done.stdout) if done.returncode == 0 else None
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None


def resolve(wanted, say=print, find=which, ask=about):
    """The Pythons to run, in the order named: [{"name", "interpreter",
    **about}]; and the skipped ones, [{"name", "why"}], each said in
    one line as it is found. Two names for one major.minor (3.11 and
    python3.11) run once."""
    found, skipped, seen = [], [], {}
    for name in wanted:
        interpreter, why = find(name)
        facts = ask(interpreter) if interpreter else None
        if interpreter and facts is None:
            why = f"{interpreter} does not say what it is"
        short = ".".join(facts["version"].split(".")[:2]) if facts else ""
        if facts and short in seen:
            why = f"the same Python as {seen[short]} ({facts['version']})"
        if why:
            skipped.append({"name": name, "why": why})
            say(f"matrix: Python {name} skipped: {why}", flush=True)
            continue
        seen[short] = name
        found.append({"name": name, "short": short,
                      "interpreter": interpreter, **facts})
    return found, skipped


def label(v):
    """A Python as every table heads it: its version, and the build
    when it is a free-threaded one."""
    if not v.get("free_threaded_build"):
        return v["version"]
    gil = "GIL on" if v.get("gil_enabled") else "GIL off"
    return f"{v['version']} free-threaded ({gil})"


def venv_python(name, venv=VENV):
    """The Python's venv (made or mended by python/venv), or BadInput."""
    done = subprocess.run([str(venv), name], text=True,
                          stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    if done.returncode != 0 or not done.stdout.strip():
        raise BadInput(f"python/venv {name} failed (status "
                       f"{done.returncode}); see the lines above")
    return done.stdout.strip().splitlines()[-1]


def sub_run(python, command, folder, name, extra=()):
    """One harness command under another Python, its run folder made
    inside `folder` as `name`; (exit status, path or None)."""
    base = folder / f".{name.replace('/', '-')}"
    done = subprocess.run([python, "-m", "harness", command,
                           "--results", str(base), *extra],
                          cwd=ROOT / "python", stdin=subprocess.DEVNULL)
    made = [p for p in base.iterdir() if p.is_dir()
            and not p.name.startswith(".")] if base.exists() else []
    path = None
    if len(made) == 1:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        made[0].rename(path)
    shutil.rmtree(base, ignore_errors=True)
    return done.returncode, path


def verdicts(summary):
    """A compare summary.json, counted: per variant and in all, the
    rows that held (✓), broke a contract (✗), could not be judged, and
    were skipped (with the reasons)."""
    per = {}
    for row in summary.get("rows", []):
        v = per.setdefault(row["variant"], blank())
        unjudged = any(c.get("verdict") == "unjudged"
                       for c in row.get("contracts", {}).values())
        key = "passed" if row.get("ok") else \
            "unjudged" if unjudged else "failed"
        v[key] += 1
        v["rows"] += 1
    for note in summary.get("skipped", []):
        m = re.match(r"(\S+) / (\S+) skipped: (.*)", note)
        if not m:
            continue
        v = per.setdefault(m[2], blank())
        v["skipped"] += 1
        v["why"] = v["why"] or m[3]
    total = blank()
    for v in per.values():
        for k in ("rows", "passed", "failed", "unjudged", "skipped"):
            total[k] += v[k]
    total.pop("why")
    return {"total": total, "variants": per}


def blank():
    return {"rows": 0, "passed": 0, "failed": 0, "unjudged": 0,
            "skipped": 0, "why": ""}


def costs(folder):
    """A bench run folder's floors and scenarios: {case: {model:
    {"median_s", "spread", "values"}}}, spread the MAD over the
    median (None with one value); and its notes."""
    import pyperf  # the bench's own reader, only where there is one

    summary = json.loads((folder / "summary.json").read_text())
    wanted = [c["name"] for c in summary["cases"]
              if c["kind"] in ("floor", "scenario")]
    out = {}
    for model, m in summary["models"].items():
        path = folder / m["file"]
        if not path.exists():
            continue
        suite = pyperf.BenchmarkSuite.load(str(path))
        for name in wanted:
            if name not in suite.get_benchmark_names():
                continue
            b = suite.get_benchmark(name)
            values = list(b.get_values())
            spread = (b.median_abs_dev() / b.median()
                      if len(values) > 1 else None)
            out.setdefault(name, {})[model] = {
                "median_s": b.median(), "spread": spread,
                "values": values}
    labels = {k: m["label"] for k, m in summary["models"].items()}
    langs = {k: m["lang"] for k, m in summary["models"].items()}
    return out, summary.get("notes", []), labels, langs


def changes(versions):
    """Each benchmark on each later Python against the first that has
    it: the ratio of medians, with its spread (the two spreads
    combined) and whether pyperf's t-test finds it significant."""
    from pyperf._compare import is_significant  # compare_to's test

    out = []
    cases = {}
    for v in versions:
        for case, models in v.get("bench", {}).get("costs", {}).items():
            for model in models:
                cases.setdefault((case, model), None)
    for case, model in cases:
        have = [v for v in versions
                if model in v.get("bench", {}).get("costs", {})
                .get(case, {})]
        if len(have) < 2:
            continue
        first = have[0]["bench"]["costs"][case][model]
        for v in have[1:]:
            got = v["bench"]["costs"][case][model]
            spreads = [s for s in (first["spread"], got["spread"])
                       if s is not None]
            a, b = first["values"], got["values"]
            significant = None
            if len(a) > 1 and len(b) > 1:
                significant = bool(is_significant(a, b)[0])
            out.append({"case": case, "model": model,
                        "base": have[0]["short"], "python": v["short"],
                        "ratio": got["median_s"] / first["median_s"],
                        "spread": math.sqrt(sum(s * s for s in spreads))
                        if spreads else None,
                        "significant": significant})
    return out


def short_case(name):
    """Floor/buffer=0/items=10000 -> floor, capacity 0;
    Scenario/mpsc/producers=2/buffer=0/items=10000 -> mpsc
    (producers=2, buffer=0)."""
    parts = name.split("/")
    if parts[0] == "Floor":
        return f"floor, capacity {parts[1].split('=')[1]}"
    knobs = [p for p in parts[2:] if not p.startswith("items=")]
    return f"{parts[1]} ({', '.join(knobs)})" if knobs else parts[1]


def markdown(data):
    """report.md of a matrix run, from its matrix.json data alone."""
    ran = data["versions"]
    heads = [label(v) for v in ran]
    lines = ["# make matrix: one kit, several Pythons", ""]
    lines += [f"Pythons asked for: {' '.join(data['pythons'])}. "
              f"Run on: {', '.join(heads) or 'none'}."]
    for s in data["skipped"]:
        lines.append(f"Skipped: Python {s['name']}: {s['why']}.")
    if not any(v.get("free_threaded_build") for v in ran):
        lines += ["", "No free-threaded build (Py_GIL_DISABLED, "
                  "python3.13t) is installed here: every Python below "
                  "is a build with the GIL."]
    lines += ["", f"Each Python ran `make compare` (every scenario, "
              f"registry params) and `make bench "
              f"PROFILE={data['profile']}` in its own venv; their run "
              f"folders are kept here, named by the Python "
              f"(`<X.Y>/compare/`, `<X.Y>/bench/`)."]
    lines += ["", "## The compare verdict", "",
              "Rows that held their contracts (expected failures "
              "included), broke one (✗), could not be judged (a busy "
              "machine), and variants skipped on that Python.", ""]
    rows = []
    for v in ran:
        c = v.get("compare", {})
        t = c.get("total")
        if not t:
            rows.append([label(v), "–", "–", "–", "–",
                         c.get("problem", "no run")])
            continue
        rows.append([label(v), f"{t['passed']}/{t['rows']}",
                     t["failed"], t["unjudged"], t["skipped"],
                     f"exit {c['exit']}, `{c['run']}/`"])
    lines += md_table(["Python", "✓", "✗", "unjudged", "skipped", "run"],
                      rows)
    variants = sorted({k for v in ran for k in
                       v.get("compare", {}).get("variants", {})},
                      key=lambda k: data.get("variant_order", []).index(k)
                      if k in data.get("variant_order", []) else 99)
    lines += ["", "Per variant:", ""]
    lines += md_table(["variant", *heads],
                      [[k, *(variant_cell(v, k) for v in ran)]
                       for k in variants])
    only = only_some(data)
    lines += ["", "## Only on some Pythons", ""]
    if only:
        lines += md_table(["variant or model", *heads],
                          [[k, *cells] for k, cells in only])
    else:
        lines.append("Every variant and bench model ran on every Python.")
    lines += ["", "## Per-item costs", "",
              f"Median time per item (in one unit along each row), "
              f"± the spread (median absolute "
              f"deviation over the median), from each Python's `make "
              f"bench PROFILE={data['profile']}`. Go is the same binary "
              f"in every column: how far its figures move is how much "
              f"the machine moved between the runs.", ""]
    cases = pairs(ran)
    rows = []
    for case, model in cases:
        got = [v.get("bench", {}).get("costs", {}).get(case, {})
               .get(model) for v in ran]
        # One unit along a row, so that a version's change reads at a
        # glance: the same benchmark on each Python.
        unit = unit_for([g["median_s"] for g in got if g])
        cells = [in_unit(g["median_s"], unit) + plus_minus(g["spread"])
                 if g else "–" for g in got]
        rows.append([short_case(case), model, *cells])
    lines += md_table(["benchmark", "model", *heads], rows) \
        if rows else ["No bench ran."]
    lines += ["", "## Each model against asyncio", "",
              "On each Python, a model's median over asyncio's on the "
              "same benchmark (below 1× is faster), ± the two spreads "
              "combined: eager tasks and threads against the plain "
              "event loop.", ""]
    rows = []
    for case, model in cases:
        if model in ("asyncio", "go", "go-gomaxprocs1"):
            continue
        cells = [against(v, case, model) for v in ran]
        if any(c != "–" for c in cells):
            rows.append([short_case(case), f"{model} ÷ asyncio", *cells])
    lines += md_table(["benchmark", "models", *heads], rows) \
        if rows else ["No model beside asyncio was measured."]
    later = ran[1:]
    lines += ["", f"## What changed from {heads[0] if heads else '–'}", ""]
    if later and data["changes"]:
        lines += ["Each figure as a multiple of the first Python's that "
                  "has it (below 1× is faster), ± the two spreads "
                  "combined; (n.s.) where pyperf's t-test finds no "
                  "significant difference.", ""]
        by = {(c["case"], c["model"], c["python"]): c
              for c in data["changes"]}
        rows = []
        for case, model in cases:
            cells = [change_cell(by.get((case, model, v["short"])))
                     for v in later]
            if any(c != "–" for c in cells):
                rows.append([short_case(case), model, *cells])
        lines += md_table(["benchmark", "model",
                           *(f"{label(v)} ÷ first" for v in later)], rows)
        if (moved := drift(data)):
            lines += ["", f"Go's own figures, the same binary in every "
                      f"run, moved from {moved[0]:.2f}× to "
                      f"{moved[1]:.2f}× between these runs: that is the "
                      f"machine (other work on its cores), not Python. "
                      f"A Python figure that moved no more than that "
                      f"says nothing about the version."]
    else:
        lines.append("Only one Python ran: nothing to compare.")
    lines += ["", render.machine_line(data["machine"]) + " The matrix "
              "itself ran on that Python; each column's ran on its own."]
    return "\n".join(lines) + "\n"


def against(v, case, model, base="asyncio"):
    """A model's median over the base model's on one Python."""
    got = v.get("bench", {}).get("costs", {}).get(case, {})
    if model not in got or base not in got:
        return "–"
    a, b = got[model], got[base]
    spreads = [s for s in (a["spread"], b["spread"]) if s is not None]
    spread = math.sqrt(sum(s * s for s in spreads)) if spreads else None
    return f"{a['median_s'] / b['median_s']:.2f}×{plus_minus(spread)}"


def pairs(ran):
    """Every (benchmark, model) any Python measured: benchmarks in the
    order the bench ran them, each with its models in their order."""
    names, models = {}, {}
    for v in ran:
        for case, got in v.get("bench", {}).get("costs", {}).items():
            names.setdefault(case, None)
            for model in got:
                models.setdefault(model, None)
    return [(case, model) for case in names for model in models
            if any(model in v.get("bench", {}).get("costs", {})
                   .get(case, {}) for v in ran)]


def drift(data):
    """How far Go's figures moved between the Pythons' runs: Go is
    the same binary in each, so this is the machine, not Python.
    (lowest, highest) ratio, or None where Go was not measured."""
    go = {m for v in data["versions"]
          for m, lang in v.get("bench", {}).get("langs", {}).items()
          if lang == "go"}
    ratios = [c["ratio"] for c in data["changes"] if c["model"] in go]
    return (min(ratios), max(ratios)) if ratios else None


def variant_cell(v, k):
    got = v.get("compare", {}).get("variants", {}).get(k)
    if not got:
        return "–"
    if got["rows"] == 0 and got["skipped"]:
        return f"skipped: {got['why']}"
    cell = f"{got['passed']}/{got['rows']} ✓"
    if got["failed"]:
        cell += f", {got['failed']} ✗"
    if got["unjudged"]:
        cell += f", {got['unjudged']} unjudged"
    if got["skipped"]:
        cell += f", {got['skipped']} skipped"
    return cell


def only_some(data):
    """The compare variants skipped on some Pythons and run on others,
    and the bench models measured on some only: [(name, cells)]."""
    ran = data["versions"]
    out = []
    names = sorted({k for v in ran for k in
                    v.get("compare", {}).get("variants", {})})
    for k in names:
        got = [v.get("compare", {}).get("variants", {}).get(k)
               for v in ran]
        missing = [g is None or (g["rows"] == 0 and g["skipped"] > 0)
                   for g in got]
        if any(missing) and not all(missing):
            out.append((f"compare: {k}",
                        [("skipped: " + (g["why"] if g else "not run"))
                         if miss else "runs" for g, miss in
                         zip(got, missing)]))
    models = {m: None for v in ran for models in
              v.get("bench", {}).get("costs", {}).values() for m in models}
    for m in models:
        has = [any(m in models for models in
                   v.get("bench", {}).get("costs", {}).values())
               for v in ran]
        if any(has) and not all(has):
            out.append((f"bench: {m}", [
                "measured" if h else "left out: " + next(
                    (n for n in v.get("bench", {}).get("notes", [])
                     if n.startswith(f"{m} ")), "not measured")
                for v, h in zip(ran, has)]))
    return out


def change_cell(c):
    if c is None:
        return "–"
    text = f"{c['ratio']:.2f}×{plus_minus(c['spread'])}"
    return text + (" (n.s.)" if c["significant"] is False else "")


def status(data):
    """0 every Python's runs passed; 3 some row could not be judged
    and none failed; 1 anything failed."""
    codes = [v.get(k, {}).get("exit") for v in data["versions"]
             for k in ("compare", "bench")]
    if any(c not in (0, 3) for c in codes):
        return 1
    return 3 if 3 in codes else 0


def matrix(registry, wanted, argv, base, say=print):
    """The whole command; its exit status (status() above)."""
    found, skipped = resolve(wanted, say)
    if not found:
        raise BadInput(f"none of the Pythons asked for ({' '.join(wanted)})"
                       f" is installed; nothing run")
    say(f"matrix: {render.counted(len(found), 'Python', 'Pythons')}: "
        + ", ".join(label(v) for v in found), flush=True)
    with RunFolder(base) as out:
        for v in found:
            say(f"\nmatrix: Python {label(v)}: make compare", flush=True)
            python = venv_python(v["name"])
            code, path = sub_run(python, "compare", out.partial,
                                 f"{v['short']}/compare")
            v["compare"] = {"exit": code}
            if path:
                summary = json.loads((path / "summary.json").read_text())
                v["compare"] |= {"run": f"{v['short']}/compare",
                                 **verdicts(summary)}
            else:
                v["compare"]["problem"] = f"no run folder (exit {code})"
            say(f"\nmatrix: Python {label(v)}: make bench "
                f"PROFILE={PROFILE}", flush=True)
            code, path = sub_run(python, "bench", out.partial,
                                 f"{v['short']}/bench",
                                 ["--profile", PROFILE])
            v["bench"] = {"exit": code}
            if path:
                got, notes, labels, langs = costs(path)
                v["bench"] |= {"run": f"{v['short']}/bench",
                               "costs": got, "notes": notes,
                               "labels": labels, "langs": langs}
            else:
                v["bench"]["problem"] = f"no run folder (exit {code})"
        data = {**render.header("matrix", out, argv),
                "profile": PROFILE, "pythons": list(wanted),
                "skipped": skipped,
                "free_threaded_installed": any(
                    v.get("free_threaded_build") for v in found),
                "variant_order": list(registry.variants),
                "versions": found, "changes": changes(found)}
        data["ok"] = status(data) == 0
        out.write("matrix.json", dump(data))
        out.write("report.md", markdown(data))
    say("")
    for line in headline(data):
        say(line)
    say(f"{'PASS' if data['ok'] else 'FAIL'}: report in "
        f"{results.shown(out.path)}report.md")
    return status(data)


def headline(data):
    """A few lines for the terminal: each Python's verdict and its
    asyncio floor and spsc."""
    for v in data["versions"]:
        t = v.get("compare", {}).get("total")
        verdict = (f"{t['passed']}/{t['rows']} rows ✓, {t['failed']} ✗, "
                   f"{t['skipped']} skipped") if t else \
            v["compare"].get("problem", "no compare")
        yield f"  Python {label(v)}: {verdict}"

