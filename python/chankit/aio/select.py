"""select: one consumer takes from two producers' queues, a and b,
and stops when told to on quit, whichever is ready first. asyncio
has no select; asyncio.wait(..., FIRST_COMPLETED) over one get()
task per queue is the nearest thing, and it has a trap.
Twin: go/multiplex/multiplex.go"""

import asyncio

from chankit.items import base
from chankit.pause import pause


# Each producer puts on a queue of its own and never closes it: the
# end is announced once, on quit, rather than per queue.
async def producer(queue, k, cfg, log):
    for i in range(cfg.items):
        await pause(cfg.delay)
        item = base(k, cfg.items) + i
        await queue.put(item)
        log.put(item)


# The trap: two get() tasks can finish in the same round, and then
# both hold an item. Taking one and cancelling "the rest" loses the
# other: cancel() does nothing to a finished task, and its item is
# dropped with it. So every finished get is handled, and only gets
# still waiting, which hold nothing, are cancelled. Then, as in Go,
# what is left in the queues is taken without waiting.
async def consumer(queues, quit, log):
    gets = {name: asyncio.create_task(q.get())
            for name, q in queues.items()}
    stop = asyncio.create_task(quit.wait())
    while not stop.done():
        await asyncio.wait([*gets.values(), stop],
                           return_when=asyncio.FIRST_COMPLETED)
        for name, task in gets.items():
            if task.done():
                log.on(name).get(task.result())
                gets[name] = asyncio.create_task(queues[name].get())
    for task in gets.values():
        task.cancel()
    await asyncio.wait(gets.values())
    for name, queue in queues.items():
        while not queue.empty():
            log.on(name).get(queue.get_nowait())


# quit is an Event: set() wakes every task waiting on it, as
# closing quit does in Go.
async def main(cfg, trace):
    queues = {name: asyncio.Queue(maxsize=cfg.buffer)
              for name in ("a", "b")}
    quit = asyncio.Event()
    async with asyncio.TaskGroup() as group:
        group.create_task(
            consumer(queues, quit, trace.actor("consumer", 0)))
        async with asyncio.TaskGroup() as producers:
            for k, (name, queue) in enumerate(queues.items()):
                log = trace.actor("producer", k).on(name)
                producers.create_task(producer(queue, k, cfg, log))
        quit.set()
