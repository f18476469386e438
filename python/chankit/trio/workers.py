"""workers: fan-out. One producer, a pool of worker tasks all
receiving from one trio memory channel; each item goes to whichever
worker is free. Twin: go/workers/workers.go"""

import trio

from chankit.pause import pause_trio as pause


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


# The pool is a nursery: main returns once every worker has seen
# the channel closed and empty.
async def main(cfg, trace):
    send, receive = trio.open_memory_channel(cfg.buffer)
    async with trio.open_nursery() as pool:
        for k in range(cfg.consumers):
            pool.start_soon(worker, receive, cfg,
                            trace.actor("worker", k))
        await producer(send, cfg, trace.actor("producer", 0))
