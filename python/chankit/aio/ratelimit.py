"""ratelimit: items handed out at a fixed rate, one every --delay
seconds. asyncio has no ticker; a loop that sleeps until the next
point of a fixed schedule is one: a late put does not push every
later one back, as sleeping between puts would.
Twin: go/ratelimit/ratelimit.go"""

import asyncio

from chankit.closing import close, receive
from chankit.pause import pause


# The producer waits for each point of the schedule before it puts.
# If a put is late, the next sleeps are shorter, or none: the loop
# catches up on every missed point, where Go's ticker keeps one
# missed tick and drops the rest.
async def producer(queue, cfg, log):
    loop = asyncio.get_running_loop()
    tick = loop.time()
    for item in range(cfg.items):
        tick += cfg.delay
        await pause(max(0.0, tick - loop.time()))
        await queue.put(item)
        log.put(item)
    await close(queue)


# The consumer takes the items as they come.
async def consumer(queue, log):
    async for item in receive(queue):
        log.get(item)


# main is spsc's: the rate lives in the producer alone.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    async with asyncio.TaskGroup() as group:
        group.create_task(consumer(queue, trace.actor("consumer", 0)))
        await producer(queue, cfg, trace.actor("producer", 0))
