"""rendezvous with a trio memory channel of capacity 0: a true
hand-off, as Go's unbuffered channel is. send() returns only once the
consumer has taken the item, so the timeline matches Go's with no
expected difference. Twin: go/rendezvous/rendezvous.go"""

import trio

from chankit.pause import pause_trio as pause


# The producer pauses only for --delay (none by default here);
# otherwise each send waits for the consumer.
async def producer(send, cfg, log):
    async with send:
        for item in range(cfg.items):
            await pause(cfg.delay)
            await send.send(item)
            log.put(item)


# The consumer takes an item, then works on it; the producer's next
# send completes when the consumer comes back for it.
async def consumer(receive, cfg, log):
    async for item in receive:
        log.get(item)
        await pause(cfg.work)


# Capacity 0 (the default) is the rendezvous, with nothing built by
# hand; a larger --buffer turns it into backpressure, as in Go.
async def main(cfg, trace):
    send, receive = trio.open_memory_channel(cfg.buffer)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(consumer, receive, cfg,
                           trace.actor("consumer", 0))
        await producer(send, cfg, trace.actor("producer", 0))
