"""close with Queue.shutdown() (Python 3.13 and newer): the
producer shuts the queue down, and each consumer's get() raises
QueueShutDown once the queue is empty. Twin: go/closing/closing.go"""

import asyncio

from chankit.pause import pause


# After shutdown(), a put raises QueueShutDown, as a Go send on a
# closed channel panics; a second shutdown() does nothing, where a
# second Go close panics.
async def producer(queue, cfg, log):
    for item in range(cfg.items):
        await pause(cfg.delay)
        await queue.put(item)
        log.put(item)
    queue.shutdown()


# get() still returns what was queued before the shutdown, then
# raises: the exception plays the part of Go's ok.
async def consumer(queue, cfg, log):
    while True:
        try:
            item = await queue.get()
        except asyncio.QueueShutDown:
            log.closed()
            return
        log.get(item)
        await pause(cfg.work)


# Like Go's close, one shutdown() wakes every consumer.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as group:
        for k in range(cfg.consumers):
            group.create_task(
                consumer(queue, cfg, trace.actor("consumer", k)))
        await producer(queue, cfg, trace.actor("producer", 0))
