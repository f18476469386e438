"""mpsc: several producers feed one consumer through one anyio
memory object stream. Producer k counts up from its own base (0, 10,
20, … for small runs: chankit.items), so every item tells who made
it. Twin: go/mpsc/mpsc.go"""

import anyio

from chankit.items import base
from chankit.pause import pause_anyio as pause


# Each producer sends on a clone of the sending side, and closes its
# own clone when done. The channel ends when the last clone closes:
# the count Go's main keeps with a WaitGroup before close(ch), anyio
# keeps in the stream.
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
# only the producers hold the channel open; the task group waits for
# them and for the consumer.
# anyio warns of a stream end left open, so main closes the
# receiving side too, once the group is done.
async def main(cfg, trace):
    send, receive = anyio.create_memory_object_stream(cfg.buffer)
    async with receive, anyio.create_task_group() as group:
        group.start_soon(consumer, receive,
                           trace.actor("consumer", 0))
        async with send:
            for k in range(cfg.producers):
                group.start_soon(producer, send.clone(), k, cfg,
                                   trace.actor("producer", k))
