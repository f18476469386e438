"""cancel: stopping early. Producers would put forever; the
consumer takes as many items as it wants, then cancels the producer
tasks, and each stops at whatever await it was waiting on.
Twin: go/cancel/cancel.go"""

import asyncio
import itertools

from chankit.pause import pause_cancellable


# A task can be stopped from outside: cancel() raises CancelledError
# at the await it is waiting on, pause and put alike, so unlike
# Go's, this producer has no stop signal to look at. But it must
# wait somewhere: a put into an unbounded queue never waits, and a
# task that never waits keeps the loop, so the consumer would never
# run to cancel it. pause_cancellable waits even for a delay of 0.
# With no last item to count to, producer k puts k, k+P, k+2P, …
# (P producers), so that no two ever put the same number.
async def producer(queue, k, cfg, log):
    for item in itertools.count(k, cfg.producers):
        await pause_cancellable(cfg.delay)
        await queue.put(item)
        log.put(item)


# The consumer decides when it has enough and calls cancel, which
# cancels every producer task.
async def consumer(queue, want, cancel, log):
    for _ in range(want):
        log.get(await queue.get())
    log.cancel()
    cancel()


# The TaskGroup waits for the producers as well: cancel() only asks
# a task to stop, and it stops at its next turn on the loop.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as group:
        producers = [
            group.create_task(
                producer(queue, k, cfg, trace.actor("producer", k)))
            for k in range(cfg.producers)]

        def cancel():
            for task in producers:
                task.cancel()

        await consumer(queue, cfg.items, cancel,
                       trace.actor("consumer", 0))
