"""backpressure: a fast producer and a slow consumer. Once the
queue is full, each put waits for the consumer to take an item, so
the consumer sets the producer's pace.
Twin: go/backpressure/backpressure.go"""

import asyncio

from chankit.closing import close, receive
from chankit.pause import pause


# The producer pauses only for --delay (none by default here);
# otherwise only a full queue can stop it.
async def producer(queue, cfg, log):
    for item in range(cfg.items):
        await pause(cfg.delay)
        await queue.put(item)
        log.put(item)
    await close(queue)


# The consumer works on each item; while it does, the queue fills.
async def consumer(queue, cfg, log):
    async for item in receive(queue):
        log.get(item)
        await pause(cfg.work)


# maxsize is the only limit on how far ahead the producer can run:
# --buffer items. maxsize 0 is no limit at all: unlike Go's
# unbuffered channel, an unbounded queue gives no backpressure.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as group:
        group.create_task(
            consumer(queue, cfg, trace.actor("consumer", 0)))
        await producer(queue, cfg, trace.actor("producer", 0))
