"""Closing a queue the way Go closes a channel, for the scenarios.

Go's close(ch) lets receivers drain what is left and then stop;
`for item := range ch` is that loop. Python 3.13 added
Queue.shutdown() for the same purpose. Where the running Python has
it, close() calls it; on older Pythons (3.11 and 3.12, which this kit
supports) close() puts the CLOSED sentinel instead, and each
consumer that meets it puts it back for the next one, so one close
ends any number of consumers. multiprocessing.Queue has no shutdown
at all and always uses the sentinel.
"""

import asyncio
import queue as threading_queue

CLOSED = None  # the sentinel: None survives pickling, unlike object()


async def close(q):
    """asyncio: no more puts; consumers stop once the queue is empty."""
    if hasattr(q, "shutdown"):  # Python >= 3.13
        q.shutdown()
    else:
        await q.put(CLOSED)


async def take(q):
    """asyncio: Go's `item, ok := <-ch`: the next item and True, or
    None and False once the queue is closed and empty."""
    try:
        item = await q.get()
    except getattr(asyncio, "QueueShutDown", ()):
        return None, False
    if item is CLOSED:
        q.put_nowait(CLOSED)  # for the next consumer
        return None, False
    return item, True


async def receive(q):
    """asyncio: yield items until the queue is closed and empty.
    take()'s body, inline: a coroutine call per item costs about a
    tenth of a hand-off, and make bench measures this loop."""
    shut_down = getattr(asyncio, "QueueShutDown", ())
    while True:
        try:
            item = await q.get()
        except shut_down:
            return
        if item is CLOSED:
            q.put_nowait(CLOSED)  # for the next consumer
            return
        yield item


def close_sync(q):
    """threads and processes: the same, for blocking queues."""
    if hasattr(q, "shutdown"):  # queue.Queue on Python >= 3.13
        q.shutdown()
    else:
        q.put(CLOSED)


def receive_sync(q):
    """threads and processes: yield items until closed and empty."""
    shut_down = getattr(threading_queue, "ShutDown", ())
    while True:
        try:
            item = q.get()
        except shut_down:
            return
        if item is CLOSED:
            q.put(CLOSED)  # for the next consumer
            return
        yield item
