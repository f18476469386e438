"""The harness under attack by signals: SIGTERM when SIGINT is ignored,
SIGKILL of the harness itself, and Ctrl-C before it has even finished
importing. Each ends in one line, or, for SIGKILL, with no program
left behind."""

import asyncio
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from conftest import ROOT
from harness.registry import load
from harness.run import runner
from test_compare import execed, still_running, until

INTERRUPTED = ("harness: interrupted; its programs were killed and no "
               "partial results were left\n")


def start(*args, ignore_sigint=False):
    def preexec():
        # SIG_IGN as a shell leaves it for a script's `cmd &`; else
        # Python's default, as a terminal's foreground job has it,
        # even where this test run was itself started in the
        # background (a SIGINT ignored is inherited).
        signal.signal(signal.SIGINT, signal.SIG_IGN if ignore_sigint
                      else signal.SIG_DFL)
    return subprocess.Popen(
        [sys.executable, "-m", "harness", *args], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=preexec)


def programs(proc, want=lambda argv: True):
    """Wait for the harness to run a program whose argv pleases want."""
    me = psutil.Process(proc.pid)

    def running():
        found = []
        for c in me.children(recursive=True):
            try:
                if execed(c, me) and want(c.cmdline()):
                    found.append(c)
            except psutil.Error:  # it ended between the two reads
                pass  # (the calibration's short runs do)
        return found

    return until(running)


def test_sigterm_ends_a_run_even_with_sigint_ignored(tmp_path):
    proc = start("compare", "--results", str(tmp_path), "--scenario",
                 "spsc", "--variant", "asyncio", "--items", "40",
                 "--delay", "0.25", ignore_sigint=True)
    children = programs(proc)
    assert children, "no program started"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (130, INTERRUPTED), out
    assert "PASS" not in out
    assert list(tmp_path.iterdir()) == []
    until(lambda: not any(map(still_running, children)))
    assert [c for c in children if still_running(c)] == []


def test_no_program_outlives_a_harness_killed_by_sigkill(tmp_path):
    """Its own session shields a program from the terminal's signals;
    it must still die with the harness, not at its next write (here,
    30 s away)."""
    proc = start("compare", "--results", str(tmp_path), "--scenario",
                 "spsc", "--variant", "asyncio", "--items", "2",
                 "--delay", "30")
    try:
        children = programs(proc, lambda argv: "--delay" in argv and
                            argv[argv.index("--delay") + 1] == "30.0")
    finally:
        proc.kill()
        proc.communicate(timeout=30)
    assert children, "no 30 s program started"
    until(lambda: not any(map(still_running, children)), seconds=2)
    assert [c for c in children if still_running(c)] == []


def runner_with(argv):
    """A harness of a line: the runner running argv, in a process of
    its own; returns that process and the program's psutil.Process."""
    code = ("import asyncio, sys\n"
            "from harness.run import runner\n"
            f"asyncio.run(runner.run({argv!r}, {{}}, 60))\n")
    proc = subprocess.Popen([sys.executable, "-c", code])
    me = psutil.Process(proc.pid)
    found = until(lambda: [c for c in me.children() if execed(c, me)])
    return proc, found[0] if found else None


def test_a_runner_killed_by_sigkill_takes_its_program_along():
    """The runner alone, with a plain program sleeping 30 s."""
    proc, program = runner_with([sys.executable, "-c",
                                 "import time; time.sleep(30)"])
    proc.kill()
    proc.wait(timeout=30)
    assert program, "the program did not start"
    until(lambda: not still_running(program), seconds=2)
    assert not still_running(program)


def test_a_program_s_own_processes_die_with_it():
    """The processes model's actors, forked by the program, go too,
    though the kernel tells the program alone of the runner's death."""
    proc, program = runner_with([sys.executable, "-m",
                                 "chankit.processes", "spsc", "--items",
                                 "2", "--delay", "30"])
    try:
        assert program, "the program did not start"
        actors = until(program.children)  # spsc's consumer
        assert actors, "the program started no actors"
    finally:
        proc.kill()
        proc.wait(timeout=30)
    everyone = [program, *actors]
    until(lambda: not any(map(still_running, everyone)), seconds=2)
    assert [p for p in everyone if still_running(p)] == []


def test_the_pdeathsig_is_set_in_the_program(tmp_path):
    """What the kernel was told, read back in the program itself."""
    code = ("import ctypes, signal\n"
            "n = ctypes.c_int()\n"
            "ctypes.CDLL(None).prctl(2, ctypes.byref(n))\n"
            "print(n.value)\n")
    r = asyncio.run(runner.run([sys.executable, "-c", code], {}, 30))
    assert r.stdout == [f"{int(signal.SIGKILL)}\n"]


def loaded(pid, library):
    """Whether a process has mapped a shared library by that name."""
    try:
        return library in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def test_ctrl_c_while_importing_is_one_line():
    """numpy's core is loaded early in matplotlib's import (bench's
    plots, imported by every command): a Ctrl-C then, or at any time
    after, is one line, never a traceback."""
    proc = start("bench", "--profile", "no-such-profile")
    until(lambda: loaded(proc.pid, "_multiarray_umath") or
          proc.poll() is not None, seconds=60)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err
    profiles = ", ".join(load().bench["profiles"])
    assert (proc.returncode, err) in [
        (130, INTERRUPTED),
        (2, f'harness: unknown profile "no-such-profile" (known: '
            f'{profiles})\n')]


def test_ctrl_c_at_any_moment_is_one_line():
    """From 100 ms on (Python's own start-up comes before any harness
    code), at intervals through the first second."""
    for delay in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.6, 1.0):
        proc = start("bench", "--profile", "no-such-profile")
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert "Traceback" not in err, (delay, err)
        assert err.count("\n") == 1 and proc.returncode in (2, 130), \
            (delay, proc.returncode, err)

