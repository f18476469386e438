"""make bench-checker: how fast the checker is, and how much memory it
takes, on real traces of spsc and pipeline at 10^4, 10^5 and 10^6
items (Go against asyncio, --delay 0).

The traces are recorded once with the real programs into
build/checkbench/ and kept there (recording a million items takes
the programs far longer than checking them). Each check runs in a
process of its own, twice. The first is timed: events per second
counts the lines of both traces (every one is read, decoded and
checked) over the wall time of `check_traces`, imports included. The
second is watched: "peak" is the most memory its processes held at
once (the check and the process that reads the second trace beside
it), as proportional set sizes sampled every 5 ms; each process's own
peak RSS is shown beside it (their sum double-counts what the two
share, and peaks that did not coincide).

python -m harness.check.checkbench [--sizes 10000,100000] [--scenarios spsc]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = ROOT / "build" / "checkbench"
SIZES = (10_000, 100_000, 1_000_000)
SCENARIOS = ("spsc", "pipeline")


def record(scenario, items, impl):
    """A trace of `impl` running `scenario` with `items` items, as
    fast as it goes; recorded once, then reused."""
    path = HERE / f"{scenario}.{items}.{impl}.jsonl"
    if path.exists():
        return path
    HERE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    # Imported here: the timed child (--one) counts the harness's
    # imports in its time, so the module itself imports none.
    from harness.run import plan
    from harness import registry as registry_file
    program = registry_file.load().implementations[impl]
    argv = [*plan.program(program, sys.executable), scenario, "--trace",
            "--items", str(items), "--delay", "0"]
    print(f"  recording {path.name} …", end="", flush=True,
          file=sys.stderr)
    began = time.perf_counter()
    with open(partial, "wb") as out:
        subprocess.run(argv, stdout=out, check=True)
    os.replace(partial, path)
    print(f" {time.perf_counter() - began:.1f} s", file=sys.stderr)
    return path


def one(scenario, a, b):
    """In a child: check a against b, print what it took as JSON."""
    began = time.perf_counter()
    from harness import registry as registry_file
    from harness.check.checktraces import check_traces
    said = []
    status = check_traces(registry_file.load(), scenario, a, b,
                          say=said.append)
    wall = time.perf_counter() - began
    # Large traces are read side by side, one in a forked process:
    # its peak counts too (added: an upper bound of the two at once).
    own, reader = (resource.getrusage(who).ru_maxrss * 1024 for who in
                   (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({"status": status, "wall_s": wall,
                      "peak_bytes": own + reader, "own_bytes": own,
                      "reader_bytes": reader, "said": said[-1]}))


def measure(scenario, items):
    a, b = (record(scenario, items, impl) for impl in ("go", "asyncio"))
    events = sum(count_lines(p) for p in (a, b))
    # Twice: once timed, alone; once watched (sampling the memory of
    # a large process costs CPU the check would otherwise have).
    got, _ = check_once(scenario, a, b, watched=False)
    _, together = check_once(scenario, a, b, watched=True)
    return {"scenario": scenario, "items": items, "events": events,
            **got, "together_bytes": together,
            "rate": events / got["wall_s"]}


def check_once(scenario, a, b, watched):
    child = subprocess.Popen(
        [sys.executable, "-m", "harness.check.checkbench", "--one", scenario,
         str(a), str(b)], stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True)
    together = watch(child) if watched else 0
    out, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"checking {a.name} against {b.name} failed "
                         f"(status {child.returncode})")
    return json.loads(out.splitlines()[-1]), together


SAMPLE_S = 0.005


def watch(child):
    """The most memory the check's processes held at once: their
    proportional set sizes (a page two processes share counts half
    to each), summed over the process and its children, sampled every
    few milliseconds until it exits."""
    most = 0
    while child.poll() is None:
        most = max(most, sum(pss(p) for p in family(child.pid)))
        time.sleep(SAMPLE_S)
    return most


def family(pid):
    """pid and its descendants (Linux's /proc)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
            except OSError:
                pass
    return found


def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def count_lines(path):
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in
                   iter(lambda: f.read(1 << 20), b""))


def main(argv):
    p = argparse.ArgumentParser(prog="python -m harness.check.checkbench")
    p.add_argument("--sizes", default=",".join(map(str, SIZES)))
    p.add_argument("--scenarios", default=",".join(SCENARIOS))
    p.add_argument("--one", nargs=3, metavar=("SCENARIO", "A", "B"))
    args = p.parse_args(argv)
    if args.one:
        one(*args.one)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"{'scenario':<10}{'items':>10}{'events':>11}{'check s':>9}"
          f"{'events/s':>12}{'peak':>8}{'(own+reader)':>15}  verdict")
    for scenario in args.scenarios.split(","):
        for items in sizes:
            r = measure(scenario, items)
            print(f"{scenario:<10}{items:>10}{r['events']:>11}"
                  f"{r['wall_s']:>9.2f}{r['rate']:>12,.0f}"
                  f"{r['together_bytes'] / 2**20:>5.0f} MB"
                  f"{r.get('own_bytes', 0) / 2**20:>8.0f}+"
                  f"{r.get('reader_bytes', 0) / 2**20:<4.0f} MB  "
                  f"{r['said']}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
