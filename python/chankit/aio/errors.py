"""errors: a pool of workers where one fails. The TaskGroup cancels
the others and raises, to main, an ExceptionGroup of the errors.
Twin: go/failfast/failfast.go"""

import asyncio

from chankit.closing import close, receive
from chankit.pause import pause


# Failed is the exception a worker raises for the item it cannot
# handle; main reads the item back out of it.
class Failed(Exception):
    def __init__(self, item):
        super().__init__(f"item {item} failed")
        self.item = item


# When the group cancels the producer, CancelledError stops it at
# its await: unlike Go's, it needs no check of its own.
async def producer(queue, cfg, log):
    for item in range(cfg.items):
        await pause(cfg.delay)
        await queue.put(item)
        log.put(item)
    await close(queue)


# A worker raises; the group does the rest, cancelling the other
# workers wherever they wait, in the middle of their work too.
async def worker(queue, bad, cfg, log):
    async for item in receive(queue):
        log.get(item)
        if item == bad:
            raise Failed(item)
        await pause(cfg.work)


# The group raises every error its tasks raised, as one
# ExceptionGroup, where Go's Wait returns the first; except* picks
# the Failed ones out. The middle item is the bad one.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(
                producer(queue, cfg, trace.actor("producer", 0)))
            for k in range(cfg.consumers):
                log = trace.actor("worker", k)
                group.create_task(
                    worker(queue, cfg.items // 2, cfg, log))
    except* Failed as failures:
        trace.main().error(failures.exceptions[0].item)
