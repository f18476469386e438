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

# What get() raises once a queue is shut down and empty: Python 3.13
# added shutdown(); before it, nothing (an empty tuple catches none).
SHUT_DOWN = getattr(asyncio, "QueueShutDown", ())


async def close(q):
    """asyncio: no more puts; consumers stop once the queue is empty."""
    if hasattr(q, "shutdown"):  # Python >= 3.13
        q.shutdown()
    else:
        await q.put(CLOSED)


async def receive(q):
    """asyncio: Go's `range ch`: yield items until the queue is
    closed and empty. An item already queued is taken with
    get_nowait(), which is all get() does when there is one, minus a
    coroutine per item; only an empty queue is waited on."""
    while True:
        try:
            try:
                item = q.get_nowait()
            except asyncio.QueueEmpty:
                item = await q.get()
        except SHUT_DOWN:
            return
        if item is CLOSED:
            q.put_nowait(CLOSED)  # for the next consumer
            return
        yield item


async def take(q):
    """asyncio: Go's `item, ok := <-ch`: the next item and True, or
    None and False once the queue is closed and empty: one step of
    receive(). Closing the generator afterwards never waits: it is
    stopped at a yield, or has already ended."""
    items = receive(q)
    try:
        return await anext(items), True
    except StopAsyncIteration:
        return None, False
    finally:
        await items.aclose()


def close_sync(q):
    """threads and processes: the same, for blocking queues.

    A multiprocessing.Queue is closed for this process as well: the
    first put() started a feeder thread here, which carries items
    into the pipe, and close_sync() waits for it to flush them and
    exit, so that the thread does not outlive the scenario's main."""
    if hasattr(q, "shutdown"):  # queue.Queue on Python >= 3.13
        q.shutdown()
    else:
        q.put(CLOSED)
    if hasattr(q, "join_thread"):  # multiprocessing.Queue
        q.close()
        q.join_thread()


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
