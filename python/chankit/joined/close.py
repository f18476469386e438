"""close, the join() way: the producer never marks the end. main
waits on Queue.join() until every item put has been marked done,
then cancels the consumers, which would otherwise wait forever.
Twin: go/closing/closing.go"""

import asyncio

from chankit.pause import pause


# The producer only puts: there is nothing to close.
async def producer(queue, cfg, log):
    for item in range(cfg.items):
        await pause(cfg.delay)
        await queue.put(item)
        log.put(item)


# task_done() after every item, in a finally: join() counts puts
# against task_done() calls, and one call missed blocks it forever.
# The consumer learns the end by being cancelled.
async def consumer(queue, cfg, log):
    try:
        while True:
            item = await queue.get()
            try:
                log.get(item)
                await pause(cfg.work)
            finally:
                queue.task_done()
    except asyncio.CancelledError:
        log.closed()
        raise


# join() returns when the last item has been handled, not when it
# was taken: unlike Go's close, it waits for the work as well. The
# sleep(0) lets every consumer start before it can be cancelled: a
# task cancelled before its first step never runs at all.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    consumers = [
        asyncio.create_task(
            consumer(queue, cfg, trace.actor("consumer", k)))
        for k in range(cfg.consumers)]
    await producer(queue, cfg, trace.actor("producer", 0))
    await queue.join()
    await asyncio.sleep(0)
    for task in consumers:
        task.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
