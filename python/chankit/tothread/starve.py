"""starve with asyncio.to_thread: the consumer hands each item's
computation to a thread and awaits it, so the loop is free for the
heartbeat meanwhile. The GIL is shared, but the thread gives it up
every few milliseconds (sys.getswitchinterval()), which is enough
for a tick. Twin: go/starve/starve.go"""

import asyncio

from chankit.aio.starve import heartbeat, producer
from chankit.closing import receive
from chankit.compute import compute


# The consumer awaits the work: the loop runs the heartbeat while a
# thread computes.
async def consumer(queue, cfg, log):
    async for item in receive(queue):
        log.get(item)
        await asyncio.to_thread(compute, cfg.cpu)


# main is asyncio's, with this consumer.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as group:
        beat = group.create_task(heartbeat(trace.actor("heartbeat", 0)))
        work = group.create_task(
            consumer(queue, cfg, trace.actor("consumer", 0)))
        await producer(queue, cfg, trace.actor("producer", 0))
        await work
        beat.cancel()
