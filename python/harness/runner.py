"""Running one scenario program: its trace, wall time and fate.

Each program runs in a session of its own so that the harness, and
only the harness, decides when it and every process it started end:
on a timeout, on Ctrl-C, or on any error in the harness itself.
"""

import asyncio
import ctypes
import dataclasses
import os
import re
import signal
import time

from harness import traces
from harness.errors import BadInput

EXCEPTION = re.compile(
    r"^[ |]*([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b.*)$",
    re.M)
TAIL = 5  # trace and stderr lines shown when a program goes wrong
LINE_LIMIT = 1 << 20  # a longer stdout line is not a trace line
# While a program runs, the harness's own loop sleeps PROBE_S over and
# over and notes how late it wakes: the machine's scheduling delay
# during that very run (harness/noise.py uses it).
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

    @property
    def ok(self):
        return self.status == "ok"


def timeout_for(registry, params, scenario=None):
    """Seconds after which a run counts as hung (scenarios.toml): room
    for start-up, the paced part, the items and the actors, each
    scaled by what the scenario declares it costs (its `cost`; not
    told which scenario, the costliest's)."""
    t = registry.timeout
    costs = [scenario.cost] if scenario else \
        [s.cost for s in registry.scenarios.values()]
    pace, volume = (max((c.get(k, 1) for c in costs), default=1)
                    for k in ("pace", "volume"))
    paced = params["items"] * (params["delay"] + params.get("work", 0))
    items = params["items"] * params.get("producers", 1)
    actors = params.get("producers", 1) + params.get("consumers", 1)
    return t["base_s"] + t["pace_factor"] * pace * paced + \
        t["per_item_s"] * volume * items + t["per_actor_s"] * actors


async def run(command, env, timeout, on_line=None):
    """Run a program to its end or its timeout; never raises for what
    the program does, or for a program that cannot be started."""
    began = time.perf_counter()
    try:
        proc = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, start_new_session=True,
            preexec_fn=dies_with(os.getpid()),
            env={**os.environ, **env}, limit=LINE_LIMIT)
    except OSError as err:
        return Run(list(command), "crashed", None, 0.0, timeout, [], "",
                   problem=f"crashed: cannot start {command[0]}: "
                   f"{err.strerror}")
    lines, hung, too_long = [], False, False
    errors = asyncio.create_task(proc.stderr.read())
    probe = Probe()
    try:
        try:
            async with probe, asyncio.timeout(timeout):
                async for raw in proc.stdout:
                    line = raw.decode("utf-8", "replace")
                    lines.append(line)
                    if on_line:
                        on_line(line)
                await proc.wait()
        except TimeoutError:
            hung = True
            kill(proc)
            lines += (await rest(proc.stdout.read())).decode(
                "utf-8", "replace").splitlines(keepends=True)
        except ValueError:  # a line longer than LINE_LIMIT
            too_long = True
            kill(proc)
        await proc.wait()
        stderr = (await rest(errors)).decode("utf-8", "replace")
    finally:
        # Also on Ctrl-C or any error: kill everything the program
        # started, and reap it before the event loop closes.
        kill(proc)
        if proc.returncode is None:
            await proc.wait()
        errors.cancel()
    wall = time.perf_counter() - began
    result = Run(list(command), "ok", proc.returncode, wall, timeout,
                 lines, stderr, lateness_s=probe.worst)
    if too_long:
        result.status = "bad-trace"
        result.problem = (f"wrote a line longer than {LINE_LIMIT} bytes; "
                          f"killed")
        return result
    return classify(result, hung)


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
        result.trace = traces.parse(result.stdout, "stdout")
    except BadInput as err:
        if result.ok:
            result.status, result.problem = "bad-trace", str(err)
        return result
    if result.ok and not result.trace.ended:
        result.status = "unfinished"
        result.problem = "exited 0 but its trace has no end event"
    return result


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
