"""Pausing, for every Python scenario: a producer's --delay before
each put and a consumer's --work on each item. go/kit/pause.go is
its twin (kit.Pause and kit.PauseContext).

A delay of 0 is no pause at all, as in Go, where time.Sleep(0)
returns at once. The helpers below skip the sleep, because a sleep
of 0 is not nothing in Python: asyncio.sleep(0) hands the loop to
every other ready task before it returns, a switch per item that
the pattern does not ask for and that costs several times a put and
a get; trio.sleep(0) and anyio.sleep(0) are the same (a checkpoint:
the scheduler runs every other ready task); time.sleep(0) makes a
system call and lets go of the GIL. The rule is stated here once, so that every scenario means the same by
--delay 0 and none has to test the delay itself.
"""

import asyncio
import time


def pause(seconds):
    """asyncio: do nothing for `seconds`; 0 returns at once.

    Not a coroutine function: it hands back what to await, and for 0
    that is a future already done, which `await` passes through
    without a switch. A coroutine made per item only to return would
    cost more than the hand-off make bench measures (a quarter of an
    unbounded put and get). The done future is made once, on the
    first loop that asks; awaiting a done future never touches its
    loop, so any later loop may await it too."""
    if seconds:
        return asyncio.sleep(seconds)
    return _done()


_DONE = []


def _done():
    if not _DONE:
        future = asyncio.get_running_loop().create_future()
        future.set_result(None)
        _DONE.append(future)
    return _DONE[0]


async def pause_cancellable(seconds):
    """asyncio: pause, for a task that is stopped by cancel() and
    may otherwise never wait (cancel's producers, whose puts into an
    unbounded queue never do). A task that never waits keeps the
    loop to itself: nobody else runs, and a cancel() cannot reach it.
    So a delay of 0 still hands the loop round once, as Go's
    kit.PauseContext still looks at its context."""
    await asyncio.sleep(seconds)


async def pause_trio(seconds):
    """trio: the same, with trio.sleep. trio is imported here, not
    above, so that the asyncio programs do not pay for loading it."""
    if seconds:
        import trio
        await trio.sleep(seconds)


async def pause_anyio(seconds):
    """anyio: the same, with anyio.sleep (asyncio.sleep on asyncio,
    trio.sleep on trio)."""
    if seconds:
        import anyio
        await anyio.sleep(seconds)


def pause_sync(seconds):
    """threads and processes: the same, blocking."""
    if seconds:
        time.sleep(seconds)
