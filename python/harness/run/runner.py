"""Running one scenario program: its trace, wall time and fate.

Each program runs in a session of its own so that the harness, and
only the harness, decides when it and every process it started end:
on a timeout, on Ctrl-C, or on any error in the harness itself.
"""

import asyncio
import codecs
import ctypes
import dataclasses
import os
import re
import signal
import tempfile
import time
from pathlib import Path

from harness.check import traces
from harness.errors import BadInput

EXCEPTION = re.compile(
    r"^[ |]*([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b.*)$",
    re.M)
TAIL = 5  # trace and stderr lines shown when a program goes wrong
TAIL_BYTES = 1 << 16  # of stdout, kept for those lines
LINE_LIMIT = traces.LINE_LIMIT  # a longer stdout line is not a trace line
READ = 1 << 16  # bytes of stdout read at a time
# While a program runs, the harness's own loop sleeps PROBE_S over and
# over and notes how late it wakes: the machine's scheduling delay
# during that very run (harness/run/noise.py uses it).
PROBE_S = 0.005


class Probe:
    """async with Probe() as p: …; p.worst is the longest a 5 ms
    sleep of the harness overslept meanwhile, in seconds."""

    def __init__(self):
        self.worst = 0.0
        self.task = None

    async def __aenter__(self):
        self.task = asyncio.create_task(self.sample())
        return self

    async def sample(self):
        while True:
            began = time.perf_counter()
            await asyncio.sleep(PROBE_S)
            late = time.perf_counter() - began - PROBE_S
            self.worst = max(self.worst, late)

    async def __aexit__(self, *exc):
        self.task.cancel()
        try:
            await self.task
        except asyncio.CancelledError:
            pass
        return False


@dataclasses.dataclass
class Run:
    """What one program did. status: ok, hung, crashed, noisy (exit
    0 but wrote to stderr), unfinished (no end event), bad-trace."""
    command: list
    status: str
    exit_code: int | None
    wall_s: float
    timeout_s: float
    stdout: list
    stderr: str
    trace: traces.Trace | None = None
    problem: str = ""
    lateness_s: float = 0.0  # the probe's worst while it ran
    stdout_path: str | None = None  # where all of stdout was written
    parsed: object = None  # the trace read as it ran, or its BadInput

    @property
    def ok(self):
        return self.status == "ok"


def timeout_for(registry, params, scenario=None):
    """Seconds after which a run counts as hung (scenarios.toml): room
    for start-up, the paced part (delay, work and CPU units), the
    items and the actors, each
    scaled by what the scenario declares it costs (its `cost`; not
    told which scenario, the costliest's)."""
    t = registry.timeout
    costs = [scenario.cost] if scenario else \
        [s.cost for s in registry.scenarios.values()]
    pace, volume, power = (max((c.get(k, 1) for c in costs), default=1)
                           for k in ("pace", "volume", "power"))
    cpu = params.get("cpu", 0) * registry.cpu.get("unit_s", 0)
    paced = params["items"] * (params["delay"] + params.get("work", 0)
                               + cpu)
    items = params["items"] * params.get("producers", 1)
    actors = params.get("producers", 1) + params.get("consumers", 1)
    return t["base_s"] + t["pace_factor"] * pace * paced + \
        t["per_item_s"] * volume * items ** power + \
        t["per_actor_s"] * actors


async def run(command, env, timeout, on_line=None, keep=None):
    """Run a program to its end or its timeout; never raises for what
    the program does, or for a program that cannot be started. keep:
    a file to write its stdout to, as it comes (Run.stdout holds only
    its last lines)."""
    began = time.perf_counter()
    # Made before the program starts: once it runs, the harness waits
    # on it at once (a signal then finds the loop, not this code).
    spool = Spool(keep)
    # Shielded: a Ctrl-C or SIGTERM that comes while the program
    # starts must not leave it half-started in asyncio's hands (which
    # would kill its pid alone and, in debug mode, say so); the start
    # is finished, then its whole group killed and reaped.
    starting = asyncio.ensure_future(asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, start_new_session=True,
        preexec_fn=dies_with(os.getpid()),
        env={**os.environ, **env}, limit=LINE_LIMIT))
    try:
        proc = await asyncio.shield(starting)
    except OSError as err:
        spool.close()
        spool.discard()
        return Run(list(command), "crashed", None, 0.0, timeout, [], "",
                   problem=f"crashed: cannot start {command[0]}: "
                   f"{err.strerror}")
    except BaseException:  # Ctrl-C or SIGTERM while it starts
        spool.close()
        spool.discard()
        await reap(starting)
        raise
    hung, too_long = False, False
    errors = asyncio.create_task(proc.stderr.read())
    probe = Probe()
    try:
        try:
            async with probe, asyncio.timeout(timeout):
                if on_line:
                    async for raw in proc.stdout:
                        spool.feed(raw)
                        on_line(raw.decode("utf-8", "replace"))
                else:
                    while data := await proc.stdout.read(READ):
                        spool.feed(data)
                        if spool.too_long:
                            raise ValueError("a line too long")
                await proc.wait()
        except TimeoutError:
            hung = True
            kill(proc)
            spool.feed(await rest(proc.stdout.read()))
        except ValueError:  # a line longer than LINE_LIMIT
            too_long = True
            kill(proc)
        await proc.wait()
        stderr = (await rest(errors)).decode("utf-8", "replace")
    except BaseException:
        spool.discard()  # Ctrl-C, or the harness's own error
        raise
    finally:
        # Also on Ctrl-C or any error: kill everything the program
        # started, and reap it before the event loop closes.
        kill(proc)
        if proc.returncode is None:
            await proc.wait()
        errors.cancel()
        spool.close()
    wall = time.perf_counter() - began
    result = Run(list(command), "ok", proc.returncode, wall, timeout,
                 spool.tail(), stderr, lateness_s=probe.worst,
                 stdout_path=keep)
    if too_long:
        spool.discard()
        result.status = "bad-trace"
        result.problem = (f"wrote a line longer than {LINE_LIMIT} bytes; "
                          f"killed")
        return result
    # Read in a worker thread: the loop stays where a signal (Ctrl-C,
    # SIGTERM) can find it, not inside this task's own code.
    result.parsed = await asyncio.to_thread(spool.parsed)
    return classify(result, hung)


class Spool:
    """A program's stdout as it arrives: written straight to a file
    (`keep`, or a temporary one), with its last lines kept for the
    error messages; read as a trace from that file once the program
    has ended (not while it runs: the harness takes no CPU from the
    program it is timing). Memory: a tail, whatever it writes."""

    def __init__(self, keep=None):
        if keep:
            Path(keep).parent.mkdir(parents=True, exist_ok=True)
            self.path, self.temporary = keep, False
            self.file = open(keep, "wb")
        else:
            fd, self.path = tempfile.mkstemp(prefix="chankit-",
                                             suffix=".jsonl")
            self.file, self.temporary = os.fdopen(fd, "wb"), True
        self.last = b""  # the tail
        self.line = 0  # bytes of the line being written
        self.too_long = False
        self.text = None  # a decoder, once a byte beyond ASCII came

    def feed(self, data):
        if not data:
            return
        if self.text or not data.isascii():
            # As the lines were read before: bad UTF-8 replaced.
            self.text = self.text or codecs.getincrementaldecoder(
                "utf-8")("replace")
            data = self.text.decode(data).encode("utf-8")
        self.file.write(data)
        self.last = (self.last + data)[-TAIL_BYTES:]
        cut = data.rfind(b"\n")
        first = data.find(b"\n")
        if max(self.line + (first if first >= 0 else len(data)),
               len(data) - cut - 1) > LINE_LIMIT:
            self.too_long = True
        self.line = self.line + len(data) if cut < 0 else \
            len(data) - cut - 1

    def parsed(self):
        """The trace, or the BadInput that says why it is none."""
        try:
            return traces.read(self.path, source="stdout")
        except BadInput as err:
            return err
        finally:
            self.discard()

    def tail(self):
        """The last lines written, for the messages."""
        text = self.last.decode("utf-8", "replace")
        lines = text.splitlines(keepends=True)
        if len(self.last) == TAIL_BYTES and lines:
            lines = lines[1:]  # cut short: not a line
        return lines[-TAIL:]

    def close(self):
        self.file.close()

    def discard(self):
        """A temporary file, once read (or on Ctrl-C), is removed."""
        if self.temporary:
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass


async def reap(starting):
    """A program whose start was interrupted: once started, kill its
    group and wait for it; one that could not start needs nothing."""
    try:
        proc = await starting
    except Exception:
        return
    kill(proc)
    await proc.wait()


async def rest(reading, seconds=2.0):
    """What is left in a pipe once the program is dead; a process that
    escaped its group could hold the pipe open, so do not wait long."""
    try:
        return await asyncio.wait_for(reading, seconds)
    except TimeoutError:
        return b""


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def dies_with(parent):
    """A preexec_fn: the program gets SIGKILL when the thread that
    started it ends, even by SIGKILL of the harness, which cannot kill
    it itself then (it is in a session of its own, so no Ctrl-C or
    hang-up reaches it). Programs are started from the harness's main
    thread. Where prctl is missing (not Linux) it does nothing."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def preexec():
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the harness died before prctl
            os._exit(137)
    return preexec


def kill(proc):
    """Kill the program's process group: the program, if it is still
    there, and anything it started and left behind."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def classify(result, hung):
    """Name what went wrong, with the lines a person needs to see."""
    last = "".join(result.stdout[-TAIL:]).rstrip() or "(none)"
    err_tail = "\n".join(result.stderr.rstrip().splitlines()[-TAIL:])
    if hung:
        result.status = "hung"
        result.problem = (f"hung: killed after {result.timeout_s:.0f} s; "
                          f"its last trace lines:\n{last}")
    elif result.exit_code != 0:
        result.status = "crashed"
        result.problem = f"crashed: {describe(result)}\n{err_tail}"
    elif result.stderr.strip():
        result.status = "noisy"
        result.problem = f"exited 0 but wrote to stderr:\n{err_tail}"
    try:
        result.trace = parsed(result)
    except BadInput as err:
        if result.ok:
            result.status, result.problem = "bad-trace", str(err)
        return result
    if result.ok and not result.trace.ended:
        result.status = "unfinished"
        result.problem = "exited 0 but its trace has no end event"
    return result


def parsed(result):
    """The trace a run wrote: read as it ran, or from its lines."""
    found, result.parsed = result.parsed, None
    if found is None:
        return traces.parse(result.stdout, "stdout")
    if isinstance(found, BadInput):
        raise found
    return found


def describe(result):
    """One line for how a program ended badly."""
    code, err = result.exit_code, result.stderr
    if code is not None and code < 0:
        return f"killed by {signal.Signals(-code).name}"
    if "all goroutines are asleep - deadlock!" in err:
        return "the Go runtime found a deadlock (exit status 2)"
    if "\npanic: " in f"\n{err}" or "fatal error:" in err:
        return f"the Go program panicked (exit status {code})"
    # The innermost exception: for an ExceptionGroup from a TaskGroup,
    # the sub-exception, whose lines are drawn behind "|".
    raised = [m.group(1) for m in EXCEPTION.finditer(err)]
    if raised and (raised[-1] != raised[0] or "Traceback" in err):
        return f"the Python program raised {raised[-1]}"
    return f"exit status {code}"
