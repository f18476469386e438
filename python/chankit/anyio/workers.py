"""workers: fan-out. One producer, a pool of worker tasks all
receiving from one anyio memory object stream; each item goes to
whichever worker is free. Twin: go/workers/workers.go"""

import anyio

from chankit.pause import pause_anyio as pause


# The producer is spsc's: it sends, then closes, and does not know
# or care how many workers there are.
async def producer(send, cfg, log):
    async with send:
        for item in range(cfg.items):
            await pause(cfg.delay)
            await send.send(item)
            log.put(item)


# Every worker receives from the same channel, which may be shared
# by any number of tasks: each item goes to exactly one of them, and
# the close ends them all.
async def worker(receive, cfg, log):
    async for item in receive:
        log.get(item)
        await pause(cfg.work)


# The pool is a task group: main returns once every worker has seen
# the channel closed and empty.
# anyio warns of a stream end left open, so main closes the
# receiving side too, once the group is done.
async def main(cfg, trace):
    send, receive = anyio.create_memory_object_stream(cfg.buffer)
    async with receive, anyio.create_task_group() as pool:
        for k in range(cfg.consumers):
            pool.start_soon(worker, receive, cfg,
                            trace.actor("worker", k))
        await producer(send, cfg, trace.actor("producer", 0))
