"""timeout: a get that gives up after a while. The producer stalls
before every third item, and the consumer, whose patience is twice
the usual pause, times out once for each stall.
Twin: go/timeout/timeout.go"""

import asyncio

from chankit import pause as kit
from chankit.closing import close, take


# pause is the producer's wait before an item: the usual delay, or
# three times as long before every third item, a stall.
def pause(item, delay):
    if item % 3 == 2:
        return 3 * delay
    return delay


# The producer is spsc's, with a stall before every third item.
# kit.pause is the kit's (chankit/pause.py), as kit.Pause is in Go;
# the bare pause is this file's, above.
async def producer(queue, cfg, log):
    for item in range(cfg.items):
        await kit.pause(pause(item, cfg.delay))
        await queue.put(item)
        log.put(item)
    await close(queue)


# asyncio.timeout() cancels the get when time is up. A cancelled
# get takes nothing (the item stays queued for the next one), so
# the next round simply waits again; no item is lost to a timeout.
# take() is Go's `item, ok := <-ch` (chankit/closing.py). No
# patience means no timeout: asyncio.timeout(None) never fires.
async def consumer(queue, patience, log):
    while True:
        try:
            async with asyncio.timeout(patience or None):
                item, ok = await take(queue)
        except TimeoutError:
            log.timeout()
            continue
        if not ok:
            return
        log.get(item)


# Patience of two pauses: a stall of three times out once.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as group:
        group.create_task(
            consumer(queue, 2 * cfg.delay, trace.actor("consumer", 0)))
        await producer(queue, cfg, trace.actor("producer", 0))
