"""parallel with asyncio.to_thread: the asyncio pool of
chankit/aio/parallel.py, whose workers hand the computation to a
thread and await it. The loop stays free, but the threads share one
GIL: W workers still take as long as one.
Twin: go/parallel/parallel.go"""

import asyncio

from chankit.aio.parallel import producer
from chankit.closing import receive
from chankit.compute import compute


# to_thread runs compute in the loop's default thread pool and
# gives the loop back while it runs; the GIL lets one thread
# compute at a time.
async def worker(queue, cfg, log):
    async for item in receive(queue):
        log.get(item)
        await asyncio.to_thread(compute, cfg.cpu)


# The pool is a TaskGroup, as in asyncio's version.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as pool:
        for k in range(cfg.consumers):
            pool.create_task(
                worker(queue, cfg, trace.actor("worker", k)))
        await producer(queue, cfg, trace.actor("producer", 0))
