"""pitfall: the blog post's main, which returns as soon as its
producer is done. Here the consumer works on each item, so it is
behind when main returns, and what it has not taken is lost. The kit
runs it to show the loss; spsc shows the fix.
Twin: go/pitfall/pitfall.go"""

import asyncio

from chankit.pause import pause


# The producer is spsc's, except that it never closes the queue:
# in the post nobody says "no more", because nobody waits to hear.
async def producer(queue, cfg, log):
    for item in range(cfg.items):
        await pause(cfg.delay)
        await queue.put(item)
        log.put(item)


# The consumer takes an item, then works on it for a while, as a
# consumer that does anything with its items does.
async def consumer(queue, cfg, log):
    while True:
        item = await queue.get()
        log.get(item)
        await pause(cfg.work)


# The bug: nothing waits for the consumer. When main returns,
# asyncio.run cancels the consumer task, whatever is still in the
# queue. The fix is spsc's: close, and wait.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    # The name keeps the task from being garbage-collected; nothing
    # ever awaits it.
    consuming = asyncio.create_task(
        consumer(queue, cfg, trace.actor("consumer", 0)))
    await producer(queue, cfg, trace.actor("producer", 0))
