"""Scenarios with multiprocessing.Queue and one process per actor.

CONTEXT asks for the "fork" start method by name: it is the cheapest
start on Linux (a few milliseconds, against tens for "spawn"), so the
timeline stays comparable, and a forked child inherits the tracer and
its clock as they are. Python 3.14 makes "forkserver" the default on
Linux, hence the explicit choice. The parent has no other threads
when it forks.
"""

import multiprocessing

MODEL = "processes"
CONTEXT = multiprocessing.get_context("fork")
