"""select: one consumer takes from two producers' channels, a and b,
whichever is ready first. trio has no select, by design: its authors'
answer (python-trio/trio#242) is a task per channel, each forwarding
into one merged channel that the consumer reads alone.
Twin: go/multiplex/multiplex.go"""

import trio

from chankit.items import base
from chankit.pause import pause_trio as pause


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
async def consumer(channels, log):
    merged_in, merged = trio.open_memory_channel(0)

    async def forward(name, source, out):
        async with out:
            async for item in source:
                await out.send((name, item))

    async with trio.open_nursery() as nursery:
        async with merged_in:
            for name, source in channels.items():
                nursery.start_soon(forward, name, source,
                                   merged_in.clone())
        async for name, item in merged:
            log.on(name).get(item)


# Closing a and b is quit: once both producers are done, main closes
# their channels, and the consumer takes what is left, then stops.
async def main(cfg, trace):
    sends, receives = {}, {}
    for name in ("a", "b"):
        sends[name], receives[name] = \
            trio.open_memory_channel(cfg.buffer)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(consumer, receives,
                           trace.actor("consumer", 0))
        async with trio.open_nursery() as producers:
            for k, (name, send) in enumerate(sends.items()):
                log = trace.actor("producer", k).on(name)
                producers.start_soon(producer, send, k, cfg, log)
        for send in sends.values():
            await send.aclose()
