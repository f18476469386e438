"""fanin: several producers, each with a queue of its own, merged
into one queue that a single consumer reads.
Twin: go/fanin/fanin.go"""

import asyncio

from chankit.closing import close, receive
from chankit.items import base
from chankit.pause import pause


# Each producer owns its queue, so each closes its own when done.
async def producer(queue, k, cfg, log):
    for i in range(cfg.items):
        await pause(cfg.delay)
        item = base(k, cfg.items) + i
        await queue.put(item)
        log.put(item)
    await close(queue)


# merge forwards every input to one output, a task per input, and
# closes the output once all of them have seen their input closed.
async def merge(inputs, out):
    async def forward(source):
        async for item in receive(source):
            await out.put(item)

    async with asyncio.TaskGroup() as forwarders:
        for source in inputs:
            forwarders.create_task(forward(source))
    await close(out)


# The consumer reads one queue and never learns there were many.
async def consumer(queue, log):
    async for item in receive(queue):
        log.get(item)


# main wires it up and is the consumer itself: it returns when the
# merged queue is closed, which is after every producer is done.
async def main(cfg, trace):
    inputs = [asyncio.Queue(maxsize=cfg.buffer)
              for _ in range(cfg.producers)]
    merged = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as group:
        for k, queue in enumerate(inputs):
            group.create_task(producer(
                queue, k, cfg, trace.actor("producer", k)))
        group.create_task(merge(inputs, merged))
        await consumer(merged, trace.actor("consumer", 0))
