"""select: one consumer takes from two producers' streams, a and b,
whichever is ready first. anyio, like trio whose design it follows,
has no select: trio's authors' answer (python-trio/trio#242) is a
task per stream, each forwarding into one merged stream that the
consumer reads alone. Twin: go/multiplex/multiplex.go"""

import anyio

from chankit.items import base
from chankit.pause import pause_anyio as pause


# Each producer sends on a channel of its own and never closes it:
# the end is announced by main, as Go's main closes quit.
async def producer(send, k, cfg, log):
    for i in range(cfg.items):
        await pause(cfg.delay)
        item = base(k, cfg.items) + i
        await send.send(item)
        log.put(item)


# A forwarder per channel, into one merged channel: the consumer
# waits on one channel only. A forwarder ends when its channel is
# closed and empty, the merged channel when both have ended. Nothing
# is cancelled, so no item taken can be dropped: asyncio.wait's trap.
# Each end is closed by its user, as anyio asks.
async def consumer(channels, log):
    merged_in, merged = anyio.create_memory_object_stream(0)

    async def forward(name, source, out):
        async with source, out:
            async for item in source:
                await out.send((name, item))

    async with merged, anyio.create_task_group() as group:
        async with merged_in:
            for name, source in channels.items():
                group.start_soon(forward, name, source,
                                   merged_in.clone())
        async for name, item in merged:
            log.on(name).get(item)


# Closing a and b is quit: once both producers are done, main closes
# their channels, and the consumer takes what is left, then stops.
async def main(cfg, trace):
    sends, receives = {}, {}
    for name in ("a", "b"):
        sends[name], receives[name] = \
            anyio.create_memory_object_stream(cfg.buffer)
    async with anyio.create_task_group() as group:
        group.start_soon(consumer, receives,
                           trace.actor("consumer", 0))
        async with anyio.create_task_group() as producers:
            for k, (name, send) in enumerate(sends.items()):
                log = trace.actor("producer", k).on(name)
                producers.start_soon(producer, send, k, cfg, log)
        for send in sends.values():
            await send.aclose()
