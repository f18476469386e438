"""close: ending a stream with a sentinel, one per consumer. Each
consumer stops when it takes a sentinel off the queue.
Twin: go/closing/closing.go. The other endings: joined/close.py
(join and task_done) and shutdown/close.py (Queue.shutdown)."""

import asyncio

from chankit.pause import pause

# The sentinel: a value no producer sends. An item in a queue
# reaches one consumer only, so where Go closes once, the producer
# here puts one sentinel per consumer.
DONE = None


async def producer(queue, cfg, log):
    for item in range(cfg.items):
        await pause(cfg.delay)
        await queue.put(item)
        log.put(item)
    for _ in range(cfg.consumers):
        await queue.put(DONE)


# `is DONE`, not `if not item`: 0 is a real item too. The check
# plays the part of Go's ok.
async def consumer(queue, cfg, log):
    while True:
        item = await queue.get()
        if item is DONE:
            log.closed()
            return
        log.get(item)
        await pause(cfg.work)


# Every consumer gets a sentinel after the last item, and main
# waits for them all.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as group:
        for k in range(cfg.consumers):
            group.create_task(
                consumer(queue, cfg, trace.actor("consumer", k)))
        await producer(queue, cfg, trace.actor("producer", 0))
