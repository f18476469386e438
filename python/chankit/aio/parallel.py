"""parallel: CPU-bound work on a pool of worker tasks. One producer,
W workers reading one asyncio.Queue, each computing --cpu units on
every item it takes. All tasks share one thread, so the pool does
one item at a time: W workers take as long as one.
Twin: go/parallel/parallel.go"""

import asyncio

from chankit.closing import close, receive
from chankit.compute import compute
from chankit.pause import pause


# The producer is workers': it puts, then closes, and does not know
# how many workers there are.
async def producer(queue, cfg, log):
    for item in range(cfg.items):
        await pause(cfg.delay)
        await queue.put(item)
        log.put(item)
    await close(queue)


# The work is computation, not waiting: compute() never awaits, so
# the worker holds the event loop until it is done and no other
# worker runs meanwhile. asyncio overlaps waits, not work.
async def worker(queue, cfg, log):
    async for item in receive(queue):
        log.get(item)
        compute(cfg.cpu)


# The pool is a TaskGroup: main returns once every worker is done.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as pool:
        for k in range(cfg.consumers):
            pool.create_task(
                worker(queue, cfg, trace.actor("worker", k)))
        await producer(queue, cfg, trace.actor("producer", 0))
