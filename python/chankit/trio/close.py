"""close: ending a stream with trio's close. One close of the
sending side reaches every consumer: each drains what is left, then
its receive() raises EndOfChannel, Go's `ok == false`.
Twin: go/closing/closing.go"""

import trio

from chankit.pause import pause_trio as pause


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
        except trio.EndOfChannel:
            log.closed()
            return
        log.get(item)
        await pause(cfg.work)


# Every consumer shares the receiving side, and main's nursery waits
# for them all.
async def main(cfg, trace):
    send, receive = trio.open_memory_channel(cfg.buffer)
    async with trio.open_nursery() as nursery:
        for k in range(cfg.consumers):
            nursery.start_soon(consumer, receive, cfg,
                               trace.actor("consumer", k))
        await producer(send, cfg, trace.actor("producer", 0))
