"""python -m harness {compare,demo,scale,bench,matrix,check-traces,pages} …: what the Makefile
calls. Exit status: 0 all well, 1 a contract broken, 2 bad input,
3 a row could not be judged (the machine was too busy), 130
interrupted."""

import os
import signal
import sys

INTERRUPTED = ("harness: interrupted; its programs were killed and no "
               "partial results were left")


def quit_at_once(*_):
    """Ctrl-C or SIGTERM while the harness is still importing (numpy
    and the rest, up to a second on a busy machine): nothing has
    started yet, so end here, in one line, not in a traceback."""
    os.write(2, f"{INTERRUPTED}\n".encode())
    os._exit(130)


if __name__ == "__main__":
    # A SIGINT ignored from the start (a script's background job)
    # stays ignored; SIGTERM ends the harness either way.
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, quit_at_once)
    signal.signal(signal.SIGTERM, quit_at_once)

# The rest is imported once the handlers above are in place.
import argparse
from pathlib import Path

from chankit import registry as programs_registry
from chankit.cli import quote
from harness import registry as registry_file
from harness.bench import cases as bench_cases
from harness.bench.run import bench
from harness.check.checktraces import check_traces
from harness.run.compare import compare
from harness.run.demo import demo
from harness.errors import BadInput
from harness.run.matrix import matrix, names
from harness.pages.website import SITE, pages
from harness.run.scale import scale
from harness.run.plan import applicable, fit, long_runs, overrides, select
from harness.report.results import RESULTS


class Parser(argparse.ArgumentParser):
    """argparse, but a bad command line is one line and status 2."""

    def error(self, message):
        raise BadInput(message)


def parser():
    top = Parser(prog="python -m harness")
    sub = top.add_subparsers(dest="command", required=True,
                             parser_class=Parser)
    cmp = sub.add_parser("compare", help="run, check, compare, save")
    cmp.add_argument("--scenario", default="",
                     help="comma-separated scenario ids (default: all)")
    cmp.add_argument("--variant", default="",
                     help="comma-separated variant ids (default: all)")
    for knob in knob_names():
        cmp.add_argument(f"--{knob}")
    for p in (cmp, sub.add_parser("demo", help="the blog post, live")):
        p.add_argument("--results", type=Path, default=RESULTS)
        p.add_argument("--registry", type=Path,
                       default=registry_file.REGISTRY)
    big = sub.add_parser("scale", help="a million items, 10,000 actors")
    big.add_argument("--scenario", default="")
    big.add_argument("--items")
    big.add_argument("--actors")
    big.add_argument("--results", type=Path, default=RESULTS)
    big.add_argument("--registry", type=Path,
                     default=registry_file.REGISTRY)
    ben = sub.add_parser("bench", help="benchmarks, Go and Python")
    ben.add_argument("--profile", default="quick")
    ben.add_argument("--scenario", default="")
    ben.add_argument("--results", type=Path, default=RESULTS)
    ben.add_argument("--registry", type=Path,
                     default=registry_file.REGISTRY)
    mat = sub.add_parser("matrix", help="compare and bench per Python")
    mat.add_argument("--pythons", default="3.11 3.12 3.13")
    mat.add_argument("--results", type=Path, default=RESULTS)
    mat.add_argument("--registry", type=Path,
                     default=registry_file.REGISTRY)
    chk = sub.add_parser("check-traces", help="check two trace files")
    chk.add_argument("--scenario", required=True)
    chk.add_argument("a")
    chk.add_argument("b")
    chk.add_argument("--registry", type=Path,
                     default=registry_file.REGISTRY)
    site = sub.add_parser("pages", help="the side-by-side site")
    site.add_argument("--run", type=Path,
                      help="a compare run folder for every page "
                           "(default: each scenario's newest run that "
                           "ran it)")
    site.add_argument("--out", type=Path, default=SITE)
    site.add_argument("--results", type=Path, default=RESULTS)
    site.add_argument("--registry", type=Path,
                      default=registry_file.REGISTRY)
    return top


def knob_names():
    """The programs' numeric flags ([flags], as they read it), which
    compare passes on: known before the registry is loaded, to parse
    the command line that names it."""
    try:
        return list(programs_registry.flags())
    except programs_registry.Unreadable as err:
        raise BadInput(str(err)) from None


def main(argv):
    args = parser().parse_args(argv)
    registry = registry_file.load(args.registry)
    shown = ["python -m harness", *argv]
    if args.command == "check-traces":
        if not (args.scenario and args.a and args.b):
            raise BadInput("check-traces needs SCENARIO=<id> "
                           "A=<trace file> B=<trace file>")
        return check_traces(registry, args.scenario, args.a, args.b)
    if args.command == "demo":
        return demo(registry, sys.executable, shown, args.results)
    if args.command == "pages":
        return pages(registry, args.run, args.out, args.results)
    if args.command == "scale":
        return run_scale(registry, args, shown)
    if args.command == "matrix":
        return matrix(registry, names(args.pythons), shown, args.results)
    if args.command == "bench":
        settings = bench_cases.profile(registry, args.profile)
        return bench(registry, settings, split(args.scenario, "scenario"),
                     shown, args.results)
    checked = overrides(registry, {k: getattr(args, k)
                                   for k in registry.flags})
    selection = select(registry, split(args.scenario, "scenario"),
                       split(args.variant, "variant"))
    applicable(selection, checked)
    skipped = fit(registry, selection, checked)
    for line in long_runs(selection, checked):
        print(f"note: {line}", flush=True)
    return compare(registry, selection, checked, sys.executable, shown,
                   args.results, skipped)


def run_scale(registry, args, shown):
    sizes = overrides(registry, {"items": args.items,
                                 "producers": args.actors})
    items = sizes.get("items", registry.scale["items"])
    actors = sizes.get("producers", registry.scale["actors"])
    if actors > items:
        raise BadInput(f"--actors {actors} is more than --items {items}")
    measured = [s.id for s in registry.scenarios.values() if s.scale]
    chosen = split(args.scenario, "scenario") or measured
    selection = select(registry, chosen, [])
    left_out = [s.id for s in selection.scenarios if not s.scale]
    if left_out:
        raise BadInput(f"make scale does not run {', '.join(left_out)}: "
                       f"scenarios.toml leaves it out (no scale = true); "
                       f"it measures {', '.join(measured)}")
    return scale(registry, selection, items, actors, sys.executable,
                 shown, args.results)


def split(text, flag):
    """"a, b" -> ["a", "b"]; "" -> [] (all). A name left empty, as in
    SCENARIO=, or a,,b, is a mistake, not a wish for everything."""
    parts = [part.strip() for part in text.split(",")]
    if text and not all(parts):
        raise BadInput(f"--{flag}: {quote(text)} has an empty name")
    return [part for part in parts if part]


def terminated(signum, frame):
    """SIGTERM ends a run as Ctrl-C does: programs killed, partial
    results removed, status 130; through the SIGINT handler (asyncio's,
    while a loop runs) where there is one, and when SIGINT is ignored
    by raising KeyboardInterrupt itself."""
    handler = signal.getsignal(signal.SIGINT)
    if callable(handler):
        handler(signal.SIGINT, frame)
    else:
        raise KeyboardInterrupt


def one_line(message):
    """A message from anywhere (a file name, a scenario id) that
    cannot break the one-line promise."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


def outcome(argv):
    """main's exit status, and the one line to say, if any."""
    try:
        return main(argv), None
    except BadInput as err:
        return 2, f"harness: {one_line(str(err))}"
    except KeyboardInterrupt:
        return 130, INTERRUPTED
    except BrokenPipeError:
        return 1, None


def finish(status, line):
    """The end, whatever comes: a signal now, or one that came a
    moment ago and is still to be handled, would only turn a result
    into a traceback (or, at shut-down, a death by SIGINT), so none
    is taken any more. One that lands while the handlers are being
    set aside is dropped, and they are set aside again."""
    while True:
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            break
        except KeyboardInterrupt:
            pass
    if line:
        print(line, file=sys.stderr)
    raise SystemExit(status)


if __name__ == "__main__":
    # From the moment Ctrl-C raises KeyboardInterrupt (the handler
    # swap below), every path ends in finish(): one that comes before
    # main begins, or while the first is handled, is "interrupted"; a
    # result main has returned stands.
    result = 130, INTERRUPTED
    try:
        if signal.getsignal(signal.SIGINT) is quit_at_once:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, terminated)
        sys.stdout.reconfigure(errors="replace")
        result = outcome(sys.argv[1:])
    except KeyboardInterrupt:
        pass
    finally:
        finish(*result)
