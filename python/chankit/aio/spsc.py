"""spsc: one producer, one consumer, one asyncio.Queue. The
producer sends 0..N-1, pausing before each send; the consumer takes
each number as it arrives. Twin: go/spsc/spsc.go"""

import asyncio

from chankit.closing import close, receive
from chankit.pause import pause


# The producer is the only one that puts, so it is the one that
# closes. A queue has no close before Python 3.13: close() uses
# Queue.shutdown() where it exists and a sentinel where it does not.
async def producer(queue, cfg, log):
    for item in range(cfg.items):
        await pause(cfg.delay)
        await queue.put(item)
        log.put(item)
    await close(queue)


# receive() is Go's `range ch`: it yields items until the queue is
# closed and empty, so the consumer needs no sentinel and no count.
async def consumer(queue, log):
    async for item in receive(queue):
        log.get(item)


# maxsize 0 means unbounded, the opposite of Go's unbuffered
# channel: put never waits. main must wait for the consumer, which
# may not yet have taken the last items. The TaskGroup is that wait.
# (The blog post's main does not wait.)
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as group:
        group.create_task(consumer(queue, trace.actor("consumer", 0)))
        await producer(queue, cfg, trace.actor("producer", 0))
