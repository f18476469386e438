"""rendezvous, asked of asyncio.Queue: the nearest queue to Go's
unbuffered channel has room for one item, and that is not the same.
put() completes as soon as the item is in the queue, so the producer
runs one item ahead of the consumer, where Go's would wait for it.
The registry expects the timelines to differ; chankit/handoff has the
true rendezvous. Twin: go/rendezvous/rendezvous.go"""

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


# The consumer takes an item, then works on it; meanwhile the
# producer's next put has already completed.
async def consumer(queue, cfg, log):
    async for item in receive(queue):
        log.get(item)
        await pause(cfg.work)


# maxsize 0 would be unbounded, so a queue of one is the closest
# asyncio.Queue comes to capacity 0 (here --buffer 0 and 1 are the
# same, unlike in Go); a larger --buffer is used as is.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=max(cfg.buffer, 1))
    async with asyncio.TaskGroup() as group:
        group.create_task(
            consumer(queue, cfg, trace.actor("consumer", 0)))
        await producer(queue, cfg, trace.actor("producer", 0))
