"""close: ending a stream with anyio's close. One close of the
sending side reaches every consumer: each drains what is left, then
its receive() raises EndOfStream, Go's `ok == false`.
Twin: go/closing/closing.go"""

import anyio

from chankit.pause import pause_anyio as pause


# The producer closes the sending side once, however many consumers
# there are: `async with` is Go's close(ch) at the end.
async def producer(send, cfg, log):
    async with send:
        for item in range(cfg.items):
            await pause(cfg.delay)
            await send.send(item)
            log.put(item)


# EndOfChannel plays the part of Go's ok: it comes once the channel
# is closed and empty, to every consumer, and never in place of an
# item still buffered.
async def consumer(receive, cfg, log):
    while True:
        try:
            item = await receive.receive()
        except anyio.EndOfStream:
            log.closed()
            return
        log.get(item)
        await pause(cfg.work)


# Every consumer shares the receiving side, and main's task group waits
# for them all.
# anyio warns of a stream end left open, so main closes the
# receiving side too, once the group is done.
async def main(cfg, trace):
    send, receive = anyio.create_memory_object_stream(cfg.buffer)
    async with receive, anyio.create_task_group() as group:
        for k in range(cfg.consumers):
            group.start_soon(consumer, receive, cfg,
                               trace.actor("consumer", k))
        await producer(send, cfg, trace.actor("producer", 0))
