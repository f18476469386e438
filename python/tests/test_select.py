"""asyncio's stand-in for Go's select, asyncio.wait(...,
FIRST_COMPLETED), has a trap: when two get() tasks finish in the
same round, handling one and cancelling the rest loses the other's
item. These tests show the trap losing an item, and the kit's select
consumer, in the very same situation, keeping every one."""

import asyncio

from chankit.aio import select
from chankit.trace import Mode, Tracer


async def naive_round(queues):
    """The trap: one get per queue, take the first finished, cancel
    the rest."""
    gets = [asyncio.create_task(q.get()) for q in queues]
    done, pending = await asyncio.wait(
        gets, return_when=asyncio.FIRST_COMPLETED)
    first = done.pop().result()
    for task in gets:
        task.cancel()  # a finished task ignores this: its item is gone
    return first


async def both_ready(consume):
    """Two queues with an item each before anyone waits, so both get
    tasks finish in the same round; returns what is left queued."""
    queues = [asyncio.Queue(), asyncio.Queue()]
    queues[0].put_nowait(1)
    queues[1].put_nowait(2)
    taken = await consume(queues)
    left = [q.get_nowait() for q in queues if not q.empty()]
    return taken, left


def test_cancelling_the_rest_loses_an_item():
    taken, left = asyncio.run(both_ready(naive_round))
    # One item was handled, and the other is in neither place: it
    # was taken off its queue by a get whose result nobody read.
    assert taken in (1, 2) and left == []


def test_the_kits_consumer_keeps_every_item(capfd):
    async def consume(queues):
        quit = asyncio.Event()
        task = asyncio.create_task(select.consumer(
            dict(zip("ab", queues)), quit,
            Tracer(Mode.JSON).actor("consumer", 0)))
        await asyncio.sleep(0.01)  # both gets finish together
        quit.set()
        await task

    asyncio.run(both_ready(consume))
    out = capfd.readouterr().out
    assert '"ch":"a","item":1}' in out and '"ch":"b","item":2}' in out
