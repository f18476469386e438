"""mpsc: several producers feed one consumer through one
asyncio.Queue. Producer k counts up from its own base (0, 10, 20, …
for small runs: chankit.items), so every item is unique and tells who
made it.
Twin: go/mpsc/mpsc.go"""

import asyncio

from chankit.closing import close, receive
from chankit.items import base
from chankit.pause import pause


# A producer only puts. With several of them none may close the
# queue (the others would then put into a closed queue), so
# closing is left to main, once every producer is done.
async def producer(queue, k, cfg, log):
    for i in range(cfg.items):
        await pause(cfg.delay)
        item = base(k, cfg.items) + i
        await queue.put(item)
        log.put(item)


# The consumer is the same as in spsc: it cannot tell how many
# producers there are, only that the queue is closed and empty.
async def consumer(queue, log):
    async for item in receive(queue):
        log.get(item)


# One TaskGroup holds the producers so that main knows when to
# close; the outer one waits for the consumer to drain the queue.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as done:
        done.create_task(consumer(queue, trace.actor("consumer", 0)))
        async with asyncio.TaskGroup() as producers:
            for k in range(cfg.producers):
                producers.create_task(producer(
                    queue, k, cfg, trace.actor("producer", k)))
        await close(queue)
