"""workers: fan-out. One producer, a pool of worker tasks all
reading one asyncio.Queue; each item goes to whichever worker is
free. Twin: go/workers/workers.go"""

import asyncio

from chankit.closing import close, receive
from chankit.pause import pause


# The producer is spsc's: it puts, then closes, and does not know
# or care how many workers there are.
async def producer(queue, cfg, log):
    for item in range(cfg.items):
        await pause(cfg.delay)
        await queue.put(item)
        log.put(item)
    await close(queue)


# Every worker reads the same queue. A get takes an item away, so
# the queue hands each item to exactly one worker, and each worker
# sees its items in the order they were put.
async def worker(queue, cfg, log):
    async for item in receive(queue):
        log.get(item)
        await pause(cfg.work)


# The pool is a TaskGroup: main returns once every worker has seen
# the queue closed and empty.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as pool:
        for k in range(cfg.consumers):
            pool.create_task(
                worker(queue, cfg, trace.actor("worker", k)))
        await producer(queue, cfg, trace.actor("producer", 0))
