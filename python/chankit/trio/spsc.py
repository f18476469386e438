"""spsc: one producer, one consumer, one trio memory channel, which
is a Go channel: capacity 0 is a rendezvous, and closing the sending
side ends the receiver's loop. Twin: go/spsc/spsc.go"""

import trio

from chankit.pause import pause_trio as pause


# The producer owns the sending side, so it is the one that closes
# it: `async with` closes it when the producer is done, as Go's
# close(ch) does. The receiver still drains what is buffered.
async def producer(send, cfg, log):
    async with send:
        for item in range(cfg.items):
            await pause(cfg.delay)
            await send.send(item)
            log.put(item)


# `async for` over the receiving side is Go's `range ch`: it ends
# once the channel is closed and empty, with no sentinel and no count.
async def consumer(receive, log):
    async for item in receive:
        log.get(item)


# Capacity 0 is Go's unbuffered channel: each send waits for the
# consumer. The nursery is main's WaitGroup: it returns once the
# consumer is done, and no task it started can outlive it.
async def main(cfg, trace):
    send, receive = trio.open_memory_channel(cfg.buffer)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(consumer, receive,
                           trace.actor("consumer", 0))
        await producer(send, cfg, trace.actor("producer", 0))
