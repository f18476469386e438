"""How to make the Python side faster: spsc, rewritten for speed.

The kit's spsc (chankit/aio/spsc.py) awaits put() and get() once per
item, so each item pays for two coroutines. Each VARIANT changes one
thing and keeps the result: every item delivered once, in order.

- nowait: the producer uses put_nowait(), which cannot fail on an
  unbounded queue (the kit's --buffer 0), and the consumer, once
  woken, drains the queue with get_nowait() until it is empty:
  no coroutine per item, the same queue.
- batch: the producer puts lists of BATCH items, one queue operation
  per batch; the consumer walks each list. Go could batch too: this
  shows how far Python gets, not a fair race.

uvloop, the third, needs no code: it is spsc on another loop (the
python-uvloop.json results). Times are per item.
"""

import asyncio

from _common import metadata, runner

BATCH = 100
END = None


async def nowait(items):
    q = asyncio.Queue()  # unbounded: put_nowait never raises

    async def consume():
        while True:
            item = await q.get()  # wait for one item …
            while item is not END:
                try:
                    item = q.get_nowait()  # … then take all there is
                except asyncio.QueueEmpty:
                    break
            if item is END:
                return

    async with asyncio.TaskGroup() as group:
        group.create_task(consume())
        for item in range(items):
            q.put_nowait(item)
        q.put_nowait(END)


async def batch(items):
    q = asyncio.Queue()

    async def consume():
        while (chunk := await q.get()) is not END:
            for item in chunk:
                pass

    async with asyncio.TaskGroup() as group:
        group.create_task(consume())
        for start in range(0, items, BATCH):
            await q.put(list(range(start, min(start + BATCH, items))))
        await q.put(END)


VARIANTS = {"nowait": nowait, "batch": batch}


if __name__ == "__main__":
    r, args = runner({"name": str, "variant": str, "items": int,
                      "total": int})
    r.bench_async_func(args.name, VARIANTS[args.variant], args.items,
                       inner_loops=args.total,
                       metadata=metadata(args, batch=BATCH))
