"""The floor: one queue alone, the least any scenario pays per item.

One producer puts 0..ITEMS-1 into one queue of capacity BUFFER and
one consumer gets them until a sentinel: no scenario, no tracing, no
pause. The time is reported per item (pyperf's inner_loops).

Models, as the kit's programs have them:
- asyncio / uvloop: asyncio.Queue between two tasks (maxsize 0 is
  unbounded, as the kit's --buffer 0 is in Python);
- threads: queue.Queue between two threads;
- processes: multiprocessing.Queue to a forked process;
- handoff: chankit's Channel, whose capacity 0 is Go's unbuffered
  channel (each send waits for the receiver).
"""

import asyncio
import queue
import threading

from _common import loop_factory, metadata, runner
from chankit.handoff._channel import Channel
from chankit.processes import CONTEXT

END = None  # the sentinel: the consumer stops at it


async def asyncio_floor(items, buffer):
    q = asyncio.Queue(maxsize=buffer)

    async def consume():
        while await q.get() is not END:
            pass

    async with asyncio.TaskGroup() as group:
        group.create_task(consume())
        for item in range(items):
            await q.put(item)
        await q.put(END)


async def handoff_floor(items, buffer):
    channel = Channel(buffer)

    async def consume():
        async for _ in channel:
            pass

    async with asyncio.TaskGroup() as group:
        group.create_task(consume())
        for item in range(items):
            await channel.send(item)
        await channel.close()


def drain(q):
    while q.get() is not END:
        pass


def threads_floor(items, buffer):
    q = queue.Queue(maxsize=buffer)
    consumer = threading.Thread(target=drain, args=(q,))
    consumer.start()
    for item in range(items):
        q.put(item)
    q.put(END)
    consumer.join()


def processes_floor(items, buffer):
    q = CONTEXT.Queue(maxsize=buffer)
    consumer = CONTEXT.Process(target=drain, args=(q,))
    consumer.start()
    for item in range(items):
        q.put(item)
    q.put(END)
    consumer.join()


FLOORS = {"asyncio": asyncio_floor, "uvloop": asyncio_floor,
          "handoff": handoff_floor, "threads": threads_floor,
          "processes": processes_floor}


if __name__ == "__main__":
    r, args = runner({"name": str, "model": str, "items": int,
                      "buffer": int, "total": int})
    floor, loop = FLOORS[args.model], loop_factory(args.model)
    about = dict(inner_loops=args.total, metadata=metadata(args))
    if loop:
        r.bench_async_func(args.name, floor, args.items, args.buffer,
                           loop_factory=loop, **about)
    else:
        r.bench_func(args.name, floor, args.items, args.buffer, **about)
