"""python -m harness {compare,demo,scale,bench,check-traces,pages} …: what the Makefile
calls. Exit status: 0 all well, 1 a contract broken, 2 bad input,
3 a row could not be judged (the machine was too busy), 130
interrupted."""

import argparse
import signal
import sys
from pathlib import Path

from harness import registry as registry_file
from harness.bench import plan as bench_plan
from harness.bench.run import bench
from harness.checktraces import check_traces
from harness.compare import compare
from harness.demo import demo
from harness.errors import BadInput
from harness.pages import SITE, pages
from harness.registry import KNOB_NAMES
from harness.scale import scale
from harness.plan import applicable, fit, overrides, select
from harness.results import RESULTS


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
    for knob in KNOB_NAMES:
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
    chk = sub.add_parser("check-traces", help="check two trace files")
    chk.add_argument("--scenario", required=True)
    chk.add_argument("a")
    chk.add_argument("b")
    chk.add_argument("--registry", type=Path,
                     default=registry_file.REGISTRY)
    site = sub.add_parser("pages", help="the side-by-side site")
    site.add_argument("--run", type=Path,
                      help="a compare run folder (default: the newest)")
    site.add_argument("--out", type=Path, default=SITE)
    site.add_argument("--results", type=Path, default=RESULTS)
    site.add_argument("--registry", type=Path,
                      default=registry_file.REGISTRY)
    return top


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
    if args.command == "bench":
        settings = bench_plan.profile(args.registry, args.profile)
        return bench(registry, settings, split(args.scenario), shown,
                     args.results)
    checked = overrides({k: getattr(args, k) for k in KNOB_NAMES})
    selection = select(registry, split(args.scenario),
                       split(args.variant))
    applicable(selection, checked)
    skipped = fit(registry, selection, checked)
    return compare(registry, selection, checked, sys.executable, shown,
                   args.results, skipped)


def run_scale(registry, args, shown):
    sizes = overrides({"items": args.items, "producers": args.actors})
    items = sizes.get("items", registry.scale["items"])
    actors = sizes.get("producers", registry.scale["actors"])
    if actors > items:
        raise BadInput(f"--actors {actors} is more than --items {items}")
    chosen = [s for s in split(args.scenario)] or \
        [s.id for s in registry.scenarios.values() if s.scale]
    selection = select(registry, chosen, [])
    return scale(registry, selection, items, actors, sys.executable,
                 shown, args.results)


def split(text):
    return [part.strip() for part in text.split(",") if part.strip()]


if __name__ == "__main__":
    # SIGTERM ends the harness as Ctrl-C does (it is turned into a
    # SIGINT, which asyncio.run handles): children killed, partial
    # results removed, status 130.
    signal.signal(signal.SIGTERM,
                  lambda *_: signal.raise_signal(signal.SIGINT))
    sys.stdout.reconfigure(errors="replace")
    try:
        status = main(sys.argv[1:])
    except BadInput as err:
        print(f"harness: {err}", file=sys.stderr)
        status = 2
    except KeyboardInterrupt:
        print("harness: interrupted; its programs were killed and no "
              "partial results were left", file=sys.stderr)
        status = 130
    except BrokenPipeError:
        status = 1
    raise SystemExit(status)
