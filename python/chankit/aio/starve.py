"""starve: a heartbeat beside CPU-bound work. A heartbeat task ticks
every 10 ms while one consumer computes --cpu units on each item.
One event loop runs both, and it cannot take the loop away from a
task that does not await: the heartbeat stops while the consumer
computes. Twin: go/starve/starve.go"""

import asyncio

from chankit.closing import close, receive
from chankit.compute import compute
from chankit.pause import pause


# The producer is spsc's: it puts, then closes.
async def producer(queue, cfg, log):
    for item in range(cfg.items):
        await pause(cfg.delay)
        await queue.put(item)
        log.put(item)
    await close(queue)


# The consumer computes on each item without awaiting: the loop is
# its until the item is done, and the heartbeat's sleep, long over,
# waits for it (chankit/tothread/starve.py hands the work away).
async def consumer(queue, cfg, log):
    async for item in receive(queue):
        log.get(item)
        compute(cfg.cpu)


# The heartbeat ticks every 10 ms, short beside an item's work,
# until main cancels it.
async def heartbeat(log):
    while True:
        await asyncio.sleep(0.010)
        log.tick()


# main waits for the consumer, then stops the heartbeat and waits
# for it too.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as group:
        beat = group.create_task(heartbeat(trace.actor("heartbeat", 0)))
        work = group.create_task(
            consumer(queue, cfg, trace.actor("consumer", 0)))
        await producer(queue, cfg, trace.actor("producer", 0))
        await work
        beat.cancel()
