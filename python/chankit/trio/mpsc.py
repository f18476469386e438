"""mpsc: several producers feed one consumer through one trio memory
channel. Producer k counts up from its own base (0, 10, 20, … for
small runs: chankit.items), so every item tells who made it.
Twin: go/mpsc/mpsc.go"""

import trio

from chankit.items import base
from chankit.pause import pause_trio as pause


# Each producer sends on a clone of the sending side, and closes its
# own clone when done. The channel ends when the last clone closes:
# the count Go's main keeps with a WaitGroup before close(ch), trio
# keeps in the channel.
async def producer(send, k, cfg, log):
    async with send:
        for i in range(cfg.items):
            await pause(cfg.delay)
            item = base(k, cfg.items) + i
            await send.send(item)
            log.put(item)


# The consumer is the same as in spsc: it cannot tell how many
# producers there are, only that the channel is closed and empty.
async def consumer(receive, log):
    async for item in receive:
        log.get(item)


# main hands each producer a clone and closes its own at once, so
# only the producers hold the channel open; the nursery waits for
# them and for the consumer.
async def main(cfg, trace):
    send, receive = trio.open_memory_channel(cfg.buffer)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(consumer, receive,
                           trace.actor("consumer", 0))
        async with send:
            for k in range(cfg.producers):
                nursery.start_soon(producer, send.clone(), k, cfg,
                                   trace.actor("producer", k))
