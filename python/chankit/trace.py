"""Tracing, shared by every Python scenario; go/kit/trace.go is its
twin and writes the same lines.

Each line goes straight to file descriptor 1 with one os.write, so
lines from threads and from forked processes never mix, and a program
that hangs or dies has shown every event up to that point. The clock
is time.monotonic(), which on Linux is one clock for every process,
so a child process's times line up with its parent's.
"""

import enum
import os
import platform
import threading
import time


class Mode(enum.Enum):
    HUMAN = "human"  # "Got number N" per item a consumer gets
    JSON = "json"    # one JSON Lines event per put and get
    OFF = "off"      # nothing: for benchmarks


class Tracer:
    """Starts the clock: t=0 is the moment the scenario starts."""

    def __init__(self, mode, fd=1):
        self.mode, self.fd = mode, fd
        self.origin = time.monotonic()
        self.lock = threading.Lock()
        # After the end event a task left running (as the pitfall
        # scenario leaves its consumer) writes nothing.
        self.closed = False

    def actor(self, role, k):
        """Name the k-th task, thread or process of a role."""
        return Actor(self, f"{role}-{k}",
                     last=role in ("consumer", "worker"))

    def event(self, actor, op, item):
        self.write(f',"actor":"{actor}","op":"{op}"{item}}}\n')

    def write(self, tail):
        # Under the lock so that times are in file order.
        with self.lock:
            if self.closed:
                return
            t = time.monotonic() - self.origin
            try:
                os.write(self.fd, f'{{"t":{t:.6f}{tail}'.encode())
            except OSError:
                pass  # a closed stdout: Go ignores it too

    def start(self, scenario, cfg, model):
        """The first event: what ran, with which parameters."""
        if self.mode is Mode.JSON:
            runtime = (f"{platform.python_implementation().lower()}-"
                       f"{platform.python_version()}")
            self.write(
                f',"actor":"main","op":"start","scenario":"{scenario}"'
                f',"lang":"python","model":"{model}"'
                f',"runtime":"{runtime}","items":{cfg.items}'
                f',"producers":{cfg.producers}'
                f',"consumers":{cfg.consumers}'
                f',"buffer":{cfg.buffer},"delay":{seconds(cfg.delay)}'
                f',"work":{seconds(cfg.work)},"cpu":{cfg.cpu}}}\n')

    def main(self):
        """main's own name in the trace, for what main reports."""
        return Actor(self, "main")

    def close(self):
        """Once main has returned, a task left running (as pitfall
        leaves its consumer) writes nothing."""
        with self.lock:
            self.closed = True

    def end(self, running):
        """Close the trace and write the last event, with the number
        of tasks, threads or processes the scenario left running."""
        self.close()
        if self.mode is Mode.JSON:
            t = time.monotonic() - self.origin
            line = (f'{{"t":{t:.6f},"actor":"main","op":"end",'
                    f'"running":{running}}}\n')
            try:
                os.write(self.fd, line.encode())
            except OSError:
                pass


def seconds(delay):
    """A float the way Go's strconv 'g', -1 writes it: 1, not 1.0."""
    text = repr(float(delay))
    return text[:-2] if text.endswith(".0") else text


def nothing(item):
    """An untraced put, get or error."""


def silent():
    """An untraced timeout, cancel or closed."""


class Actor:
    """One task's name in the trace, with put() and get() to call,
    and the queue it uses, where a scenario has several."""

    __slots__ = ("tracer", "name", "ch", "last", "tail", "put", "get",
                 "error", "timeout", "cancel", "closed", "tick")

    def __init__(self, tracer, name, ch="", last=False):
        # last: a consumer or worker, the end of the line, whose
        # receives are what human output shows
        self.tracer, self.name, self.ch, self.last = tracer, name, ch, last
        self.tail = f',"ch":"{ch}","item":' if ch else ',"item":'
        # Untraced, each is a plain function that does nothing,
        # cheaper to call per item than a bound method.
        self.put = self.get = self.error = nothing
        self.timeout = self.cancel = self.closed = self.tick = silent
        if tracer.mode is Mode.JSON:
            self.put, self.get = self.json_put, self.json_get
            self.error = self.json_error
            self.timeout = self.json_timeout
            self.cancel, self.closed = self.json_cancel, self.json_closed
            self.tick = self.json_tick
        elif tracer.mode is Mode.HUMAN and last:
            self.get = self.human_get

    def on(self, ch):
        """The same actor, on the queue named ch."""
        return Actor(self.tracer, self.name, ch, self.last)

    def json_put(self, item):
        self.tracer.event(self.name, "put", f"{self.tail}{item}")

    def json_get(self, item):
        self.tracer.event(self.name, "get", f"{self.tail}{item}")

    def json_error(self, item):
        """An item failed, as main learned it."""
        self.tracer.event(self.name, "error", f"{self.tail}{item}")

    # Events without an item: a receive gave up waiting, this actor
    # told the others to stop, this actor saw its queue closed, a
    # heartbeat beat.
    def json_timeout(self):
        self.tracer.event(self.name, "timeout", self.mark)

    def json_cancel(self):
        self.tracer.event(self.name, "cancel", self.mark)

    def json_closed(self):
        self.tracer.event(self.name, "closed", self.mark)

    def json_tick(self):
        self.tracer.event(self.name, "tick", self.mark)

    @property
    def mark(self):
        return f',"ch":"{self.ch}"' if self.ch else ""

    def human_get(self, item):
        with self.tracer.lock:
            if self.tracer.closed:
                return
            try:
                os.write(self.tracer.fd, f"Got number {item}\n".encode())
            except OSError:
                pass
