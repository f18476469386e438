"""rendezvous with a true hand-off: the same program as
chankit/aio/rendezvous.py, with Channel, Go's channel built from
asyncio primitives (capacity 0 included), in place of a queue of
one. Its timeline matches Go's. Twin: go/rendezvous/rendezvous.go"""

import asyncio

from chankit.handoff._channel import Channel
from chankit.pause import pause


# The producer pauses only for --delay (none by default here);
# otherwise each send waits for the consumer.
async def producer(channel, cfg, log):
    for item in range(cfg.items):
        await pause(cfg.delay)
        await channel.send(item)
        log.put(item)
    channel.close()


# The consumer takes an item, then works on it; the producer's next
# send completes when the consumer comes back for it.
async def consumer(channel, cfg, log):
    async for item in channel:
        log.get(item)
        await pause(cfg.work)


# Capacity 0 (the default) is the rendezvous; a larger --buffer
# turns it into backpressure, as in Go.
async def main(cfg, trace):
    channel = Channel(cfg.buffer)
    async with asyncio.TaskGroup() as group:
        group.create_task(
            consumer(channel, cfg, trace.actor("consumer", 0)))
        await producer(channel, cfg, trace.actor("producer", 0))
