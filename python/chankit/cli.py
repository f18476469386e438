"""What every Python scenario shares and none should show: flag
parsing, validation and running. go/kit/cli.go is its twin; the two
must answer every command line with the same words and the same exit
status, so the parser is written out here rather than borrowed from
argparse (which words errors its own way and accepts abbreviations).
"""

import asyncio
import ctypes
import dataclasses
import importlib
import math
import os
import pkgutil
import re
import signal
import sys
import threading

from chankit import registry
from chankit.trace import Mode, Tracer

# Run bare, every program replays the blog post: five items, one
# second apart, and two producers where a scenario has several.
DEFAULTS = {"items": "5", "producers": "2", "consumers": "1",
            "buffer": "0", "delay": "1", "work": "0", "cpu": "0"}

# What a scenario that does not take a knob sees: one producer, one
# consumer, no work.
FIXED = {"producers": "1", "consumers": "1", "work": "0", "cpu": "0"}

# Each numeric flag: (name, smallest, largest, whole number?).
KNOBS = [("items", 0, 10**9, True),
         ("producers", 1, 10**6, True),
         ("consumers", 1, 10**6, True),
         ("buffer", 0, 10**7, True),
         ("delay", 0, 3600, False),
         ("work", 0, 3600, False),
         ("cpu", 0, 3_600_000, True)]

# Every scenario takes these; scenarios.toml's params say which of
# the others a scenario takes (chankit/registry.py reads them).
COMMON = ("items", "buffer", "delay")

USAGE = """\
usage: chankit SCENARIO [flags]

Runs one producer/consumer scenario. Run bare, it replays the blog
post: five items one second apart (two producers in mpsc).

flags:
  --items N       items each producer sends (default 5)
  --producers N   producers, where a scenario has several (default 2)
  --consumers N   consumers, where a scenario has several (default 1)
  --buffer N      channel capacity, queue maxsize (default 0)
                  0 differs on purpose: in Go an unbuffered channel,
                  where each send waits for a receiver; in Python an
                  unbounded queue, where put never waits
  --delay S       seconds a producer waits before each send (default 1)
  --work S        seconds a consumer works on each item (default 0)
  --cpu N         units of CPU work (about 1 ms each) a consumer
                  computes on each item (default 0)
  --trace         print JSON Lines events, not "Got number N"
  -h, --help      show this help
"""

WHOLE = re.compile(r"-?[0-9]+")
DIGITS = 10  # a whole number with more significant digits is too large
NUMBER = re.compile(r"-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")


class UsageError(Exception):
    """A bad command line: one line on stderr, exit status 2."""


@dataclasses.dataclass(frozen=True)
class Config:
    """One run's parameters; a knob a scenario lacks is FIXED."""
    items: int
    producers: int
    consumers: int
    buffer: int
    delay: float
    work: float
    cpu: int = 0  # units of chankit.compute; 0 where not given


@dataclasses.dataclass
class Args:
    scenario: str = ""
    given: dict = dataclasses.field(default_factory=dict)
    trace: bool = False
    help: bool = False


def parse(argv):
    """Split a command line into the scenario id and its flags."""
    args, names = Args(), {k[0] for k in KNOBS}
    rest = iter(argv)
    for arg in rest:
        if arg in ("-h", "--help"):
            args.help = True
            return args
        if not arg.startswith("-") or arg == "-":
            if args.scenario:
                raise UsageError(f"unexpected argument {quote(arg)}")
            args.scenario = arg
            continue
        name, has_value, value = arg.partition("=")
        key = name.removeprefix("--")
        if name == "--trace" and has_value:
            raise UsageError("--trace takes no value")
        if name == "--trace":
            args.trace = True
        elif not name.startswith("--") or key not in names:
            raise UsageError(f"unknown flag {escape(name)}")
        elif has_value:
            args.given[key] = value
        else:
            args.given[key] = next(rest, None)
            if args.given[key] is None:
                raise UsageError(f"{name} needs a value")
    return args


def resolve(args, known, takes, most=None):
    """Check the flags against the scenario and fill in defaults.
    most caps producers and consumers where a model cannot run many
    (a process per actor, say); None leaves the common limits."""
    if not args.scenario:
        raise UsageError(f"missing scenario (known: {', '.join(known)})")
    if args.scenario not in known:
        raise UsageError(f"unknown scenario {quote(args.scenario)} "
                         f"(known: {', '.join(known)})")
    values = {}
    for name, low, high, whole in KNOBS:
        if name in args.given and name not in takes:
            raise UsageError(f"--{name} does not apply to {args.scenario}")
        raw = args.given.get(name, DEFAULTS[name] if name in takes
                             else FIXED[name])
        values[name] = value(name, raw, low, high, whole)
        if most and name in ("producers", "consumers") and \
                values[name] > most:
            raise UsageError(f"--{name}: {raw} is too many for this "
                             f"model (at most {most})")
    return Config(**values)


def value(name, raw, low, high, whole):
    """Read and bounds-check one flag value."""
    if whole and not WHOLE.fullmatch(raw):
        raise UsageError(f"--{name}: {quote(raw)} is not a whole number")
    if not whole and not NUMBER.fullmatch(raw):
        raise UsageError(
            f"--{name}: {quote(raw)} is not a number of seconds")
    if whole:
        # By its digits, so that no length of input can overflow or
        # trip Python's limit on int(); Go reads it the same way.
        digits = raw.lstrip("-").lstrip("0") or "0"
        number = int(digits) if len(digits) <= DIGITS else None
        if raw.startswith("-") and digits != "0":
            number = -1
    else:
        number = float(raw)
    too_large = number is None or not math.isfinite(number)
    if too_large or number > high:
        raise UsageError(f"--{name}: {raw} is too large (at most {high})")
    if number < low:
        raise UsageError(f"--{name}: must be at least {low}, got {raw}")
    return number


def escape(s):
    """Printable ASCII as it is, \\ and \" escaped, every other byte
    as \\xNN: the same rule as Go's, so messages match byte for byte
    whatever the user typed."""
    out = []
    for b in os.fsencode(s):
        c = chr(b)
        out.append("\\" + c if c in '\\"' else c if 0x20 <= b < 0x7f
                   else f"\\x{b:02x}")
    return "".join(out)


def quote(s):
    return f'"{escape(s)}"'


def known(package):
    """The scenario ids of a model: the modules in its package."""
    return sorted(m.name for m in pkgutil.iter_modules(package.__path__)
                  if not m.name.startswith("_"))


def run(package_name, argv=None):
    """The whole program: parse, check, run; returns the exit status."""
    # Die of SIGPIPE when stdout's reader goes away, as Go does.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    package = importlib.import_module(package_name)
    try:
        args = parse(sys.argv[1:] if argv is None else argv)
        if args.help:
            write(USAGE)
            return 0
        ids = known(package)
        module = None
        if args.scenario in ids:
            module = importlib.import_module(
                f"{package_name}.{args.scenario}")
        takes = registry.takes(args.scenario)
        cfg = resolve(args, ids, takes, registry.most(package_name))
        needs = registry.needs(package_name)
        if sys.version_info < needs:
            raise UsageError(
                f"{package_name} needs Python "
                f"{'.'.join(map(str, needs))} or newer; this is "
                f"Python {sys.version.split()[0]}")
    except (UsageError, registry.Unreadable) as err:
        os.write(2, f"chankit: {err}\n".encode())
        return 2
    if os.environ.get("CHANKIT_CHECK_ONLY") == "1":
        return 0  # the tests compare both parsers on random input
    children_die_with_me()
    mode = Mode.JSON if args.trace else Mode.HUMAN
    trace = Tracer(mode)
    trace.start(args.scenario, cfg, package.MODEL)
    threads = threading.active_count()
    outcome = module.main(cfg, trace)
    if asyncio.iscoroutine(outcome):
        running = run_loop(finish(outcome, trace))
    else:
        trace.close()
        running = threads_and_children(threads)
    trace.end(running)
    return 0


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def children_die_with_me():
    """Each process this program forks (a multiprocessing actor) gets
    SIGKILL when the program ends, however it ends. The harness sees
    to the program itself; an actor blocked on a queue would otherwise
    outlive it, reparented to init. Where prctl is missing (not Linux)
    nothing changes."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    os.register_at_fork(
        after_in_child=lambda: prctl(PR_SET_PDEATHSIG, signal.SIGKILL))


# asyncio's debug mode (PYTHONASYNCIODEBUG=1, which make test sets
# and every program it starts inherits) warns on stderr of any
# callback slower than 0.1 s, and a busy machine can pause any
# callback that long: the warning then says nothing about the code,
# yet a program that writes to stderr fails its row. Only a callback
# stuck this long is news; debug mode's other checks (a coroutine
# never awaited, a resource never closed) stay as they are.
SLOW_CALLBACK_S = 10.0


def run_loop(main):
    """asyncio.run(main), on a loop that warns only of callbacks
    slower than SLOW_CALLBACK_S (the harness runs its own loop so
    too)."""
    with asyncio.Runner() as runner:
        runner.get_loop().slow_callback_duration = SLOW_CALLBACK_S
        return runner.run(main)


# What a scenario left running is counted as soon as its main
# returns, without waiting for anything to finish. Every scenario
# but pitfall waits for all it starts, and pitfall's consumer never
# finishes: a task that a TaskGroup (or gather) waited for is done,
# and a thread or process that was joined is gone, so nothing can be
# "just finishing". (Go differs: a goroutine may still be returning
# after its wg.Done.)


async def finish(main, trace):
    """Run an asyncio main, close the trace, and count the tasks it
    left running (asyncio.run cancels them afterwards)."""
    await main
    trace.close()
    me = asyncio.current_task()
    return sum(not t.done() for t in asyncio.all_tasks() if t is not me)


def threads_and_children(threads):
    """Threads started since there were `threads`, and child
    processes still alive (multiprocessing, if a scenario used it)."""
    mp = sys.modules.get("multiprocessing")
    children = len(mp.active_children()) if mp else 0
    return max(threading.active_count() - threads, 0) + children


def write(text):
    """To stdout, ignoring a closed one, as Go's fmt.Print does."""
    try:
        os.write(1, text.encode())
    except OSError:
        pass
