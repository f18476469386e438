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
import textwrap
import threading

from chankit import registry
from chankit.trace import Mode, Tracer

# The numeric flags (their limits, defaults and help), which of them
# every scenario takes and which others each one does: scenarios.toml
# declares them all, [flags] and each scenario's params, and
# chankit/registry.py reads them. go/kit/registry.go is written from
# the same table, so that the twins check and word them alike.

# The help, laid out as both languages print it (the Go program's is
# written by python/harness/gogen.py with these very functions): a
# flag's name in the first COLUMN columns, what it means after, each
# line at most WIDTH.
COLUMN, WIDTH = 18, 72

INTRO = """\
Runs one producer/consumer scenario. Run bare, it replays the blog
post, with the defaults below. "chankit help SCENARIO" shows only
the flags a scenario takes, and what each one means in it.
"""

# The flags that are not numbers, at the end of every help.
OTHERS = [("--trace", 'print JSON Lines events, not "Got number N"'),
          ("-h, --help", "show this help")]


def usage(flags):
    """What --help prints: every flag, as [flags] words it."""
    return ("usage: chankit SCENARIO [flags]\n"
            "       chankit help SCENARIO\n\n"
            f"{INTRO}\n{flag_lines(flags.values(), {})}")


def scenario_usage(sid, description, takes, helps, flags):
    """What `chankit help SCENARIO` prints: the scenario's description
    (its registry entry's) and only the flags it takes, each with
    what it means there (helps: {flag: text}, the scenario's own
    help table) or else what it means in general."""
    about = "".join(line + "\n" for line in
                    wrap(f"{sid}: {description}", 0))
    chosen = [f for f in flags.values() if f.name in takes]
    return (f"usage: chankit {sid} [flags]\n\n{about}\n"
            f"{flag_lines(chosen, helps)}")


def flag_lines(flags, helps):
    lines = ["flags:"]
    for f in flags:
        meaning = f"{helps.get(f.name, f.help)} (default {f.default})"
        lines += entry(f"--{f.name} {f.metavar}", meaning)
        if f.note:
            lines += wrap(f.note, COLUMN)
    for name, meaning in OTHERS:
        lines += entry(name, meaning)
    return "".join(line + "\n" for line in lines)


def entry(name, meaning):
    """A flag's lines: its name, then what it means, wrapped."""
    lines = wrap(meaning, COLUMN) or [""]
    head = f"  {name}"
    if len(head) < COLUMN - 1:
        return [head.ljust(COLUMN) + lines[0].lstrip(), *lines[1:]]
    return [head, *lines]


def wrap(text, indent):
    """text in lines of at most WIDTH, each indented so far; a word
    is never split (not at a hyphen either: 0..N-1 stays whole)."""
    return textwrap.wrap(text, WIDTH, initial_indent=" " * indent,
                         subsequent_indent=" " * indent,
                         break_long_words=False, break_on_hyphens=False)


WHOLE = re.compile(r"-?[0-9]+")
DIGITS = 10  # a whole number with more significant digits is too large
NUMBER = re.compile(r"-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")


class UsageError(Exception):
    """A bad command line: one line on stderr, exit status 2."""


@dataclasses.dataclass(frozen=True)
class Config:
    """One run's parameters; a flag a scenario lacks is [flags]'
    fixed value."""
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
    args, names = Args(), registry.flags()
    rest = iter(argv)
    for arg in rest:
        if arg in ("-h", "--help"):
            args.help = True
            return args
        if not arg.startswith("-") or arg == "-":
            # `chankit help SCENARIO`: the word first, then the id.
            if arg == "help" and not args.scenario and not args.help:
                args.help = True
                continue
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
    check_scenario(args.scenario, known)
    values = {}
    for name, f in registry.flags().items():
        if name in args.given and name not in takes:
            raise UsageError(f"--{name} does not apply to {args.scenario}")
        raw = args.given.get(name, f.default if name in takes
                             else f.fixed)
        values[name] = value(name, raw, f.low, f.high, f.whole)
        if most and name in ("producers", "consumers") and \
                values[name] > most:
            raise UsageError(f"--{name}: {raw} is too many for this "
                             f"model (at most {most})")
    return Config(**values)


def check_scenario(sid, known):
    """A scenario id the program knows, or the one-line error."""
    if not sid:
        raise UsageError(f"missing scenario (known: {', '.join(known)})")
    if sid not in known:
        raise UsageError(f"unknown scenario {quote(sid)} "
                         f"(known: {', '.join(known)})")


def help_text(sid, known):
    """--help: the general usage, or with a scenario named (chankit
    help SCENARIO, chankit SCENARIO --help), that scenario's."""
    flags = registry.flags()
    if not sid:
        return usage(flags)
    check_scenario(sid, known)
    entry = registry.scenario(sid)
    return scenario_usage(sid, str(entry.get("description", "")),
                          registry.takes(sid),
                          dict(entry.get("help", {})), flags)


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


def scenario_package(package_name):
    """The package that holds a model's scenario modules: its own, or
    the one its SCENARIOS names (chankit.eager runs chankit.aio's)."""
    package = importlib.import_module(package_name)
    return getattr(package, "SCENARIOS", package_name)


def known(package):
    """The scenario ids of a model: the modules in its package (or in
    the package its SCENARIOS names)."""
    package = importlib.import_module(scenario_package(package.__name__))
    return sorted(m.name for m in pkgutil.iter_modules(package.__path__)
                  if not m.name.startswith("_"))


def run(package_name, argv=None):
    """The whole program: parse, check, run; returns the exit status."""
    # Die of SIGPIPE when stdout's reader goes away, as Go does.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    package = importlib.import_module(package_name)
    try:
        args = parse(sys.argv[1:] if argv is None else argv)
        ids = known(package)
        if args.help:
            write(help_text(args.scenario, ids))
            return 0
        module = None
        if args.scenario in ids:
            module = importlib.import_module(
                f"{scenario_package(package_name)}.{args.scenario}")
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
    if asyncio.iscoroutine(outcome) and \
            getattr(package, "LOOP", "asyncio") == "trio":
        running = run_trio(finish_trio, outcome, trace)
    elif asyncio.iscoroutine(outcome):
        running = run_loop(finish(outcome, trace), package.MODEL)
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


# The task factory each model's loop runs with, by its MODEL: the
# asyncio one (None) unless named here. A model here runs the same
# scenario modules as another (its SCENARIOS); only the loop differs.
TASK_FACTORIES = {"eager": "eager_task_factory"}


def task_factory(model):
    """The task factory for a model's loop, None for asyncio's own.
    eager_task_factory exists from Python 3.12; the program has
    refused an older one before it gets here (needs_python)."""
    name = TASK_FACTORIES.get(model)
    return getattr(asyncio, name) if name else None


def run_loop(main, model=""):
    """asyncio.run(main), on a loop that warns only of callbacks
    slower than SLOW_CALLBACK_S (the harness runs its own loop so
    too), with the model's task factory. main itself is made a task
    before the loop runs, so it starts as usual: only the tasks the
    scenario creates start eagerly."""
    with asyncio.Runner() as runner:
        loop = runner.get_loop()
        loop.slow_callback_duration = SLOW_CALLBACK_S
        loop.set_task_factory(task_factory(model))
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


def run_trio(main, *args):
    """trio.run(main, *args): a trio model's main (its package says
    LOOP = "trio") runs on trio's own loop, not asyncio's."""
    import trio
    return trio.run(main, *args)


async def finish_trio(main, trace):
    """Run a trio main, close the trace, and count the tasks it left
    running: none, by trio's design. A task can only be started in a
    nursery, and a nursery's `async with` ends only once every task
    in it has, so when main returns, the nurseries it opened are
    closed and empty. trio has no all_tasks(); what is counted is
    the tasks in this task's open nurseries, which that rule makes 0
    (the pitfall, main leaving its consumer behind, cannot be
    written)."""
    import trio
    await main
    trace.close()
    me = trio.lowlevel.current_task()
    return sum(len(n.child_tasks) for n in me.child_nurseries)


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
