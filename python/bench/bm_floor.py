"""The floor: one queue alone, the least any scenario pays per item.

One producer puts 0..ITEMS-1 into one queue of capacity BUFFER and
one consumer gets them until a sentinel: no scenario, no tracing, no
pause. The time is reported per item (pyperf's inner_loops).

Models, as the kit's programs have them, by package:
- chankit.aio (asyncio, and uvloop: the same on another loop):
  asyncio.Queue between two tasks (maxsize 0 is unbounded, as the
  kit's --buffer 0 is in Python);
- chankit.eager: the same, the consumer task started eagerly
  (asyncio.eager_task_factory on the loop, Python 3.12+);
- threads: queue.Queue between two threads;
- processes: multiprocessing.Queue to a forked process;
- handoff: chankit's Channel, whose capacity 0 is Go's unbuffered
  channel (each send waits for the receiver);
- trio: a trio memory channel, on trio's loop; anyio: an anyio
  memory object stream, on asyncio. Both close as Go does, and their
  capacity 0 is Go's too.
"""

import asyncio
import inspect
import queue
import threading

from _common import loop_factory, metadata, on_trio, runner, trio_timer
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
        channel.close()


async def trio_floor(items, buffer):
    import trio
    send, receive = trio.open_memory_channel(buffer)

    async def consume():
        async for _ in receive:
            pass

    async with trio.open_nursery() as nursery:
        nursery.start_soon(consume)
        async with send:
            for item in range(items):
                await send.send(item)


async def anyio_floor(items, buffer):
    import anyio
    send, receive = anyio.create_memory_object_stream(buffer)

    async def consume():
        async for _ in receive:
            pass

    async with anyio.create_task_group() as group:
        group.start_soon(consume)
        async with send:
            for item in range(items):
                await send.send(item)


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


# The primitive under each model's package: the floor is chosen by
# the package make bench names (--package, from the registry's
# command), so a model on another loop shares its package's floor.
FLOORS = {"chankit.aio": asyncio_floor, "chankit.joined": asyncio_floor,
          "chankit.shutdown": asyncio_floor,
          "chankit.eager": asyncio_floor,
          "chankit.handoff": handoff_floor,
          "chankit.trio": trio_floor, "chankit.anyio": anyio_floor,
          "chankit.threads": threads_floor,
          "chankit.processes": processes_floor}


if __name__ == "__main__":
    r, args = runner({"name": str, "model": str, "package": str,
                      "loop": str, "items": int, "buffer": int,
                      "total": int})
    if args.package not in FLOORS:
        raise SystemExit(f"no floor for package {args.package} "
                         f"(known: {', '.join(FLOORS)})")
    floor = FLOORS[args.package]
    about = dict(inner_loops=args.total, metadata=metadata(args))
    if on_trio(args.package):
        r.bench_time_func(args.name, trio_timer, floor, args.items,
                          args.buffer, **about)
    elif inspect.iscoroutinefunction(floor):
        r.bench_async_func(args.name, floor, args.items, args.buffer,
                           loop_factory=loop_factory(args.loop,
                                                     args.package),
                           **about)
    else:
        r.bench_func(args.name, floor, args.items, args.buffer, **about)
