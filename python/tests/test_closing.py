"""close() and receive(): Go's close(ch) and `range ch` for Python
queues. One close must end any number of consumers, after they have
drained every item, on every Python the kit supports."""

import asyncio
import queue
import sys
import threading

import pytest

from chankit.closing import close, close_sync, receive, receive_sync, take
from chankit.processes import CONTEXT

HAS_SHUTDOWN = sys.version_info >= (3, 13)


async def drain_with(consumers, items, maxsize):
    q = asyncio.Queue(maxsize=maxsize)
    got = []

    async def consumer():
        async for item in receive(q):
            got.append(item)
            await asyncio.sleep(0)

    async with asyncio.TaskGroup() as group:
        for _ in range(consumers):
            group.create_task(consumer())
        for item in range(items):
            await q.put(item)
        await close(q)
    return got


@pytest.mark.parametrize("consumers", [1, 2, 7])
@pytest.mark.parametrize("maxsize", [0, 1, 3])
def test_asyncio_close_ends_every_consumer_after_the_last_item(
        consumers, maxsize):
    got = asyncio.run(drain_with(consumers, 50, maxsize))
    assert sorted(got) == list(range(50))


@pytest.mark.parametrize("consumers", [1, 2, 7])
def test_thread_close_ends_every_consumer_after_the_last_item(consumers):
    q, got = queue.Queue(maxsize=2), []
    threads = [threading.Thread(target=lambda: got.extend(receive_sync(q)))
               for _ in range(consumers)]
    for t in threads:
        t.start()
    for item in range(50):
        q.put(item)
    close_sync(q)
    for t in threads:
        t.join(timeout=10)
    assert not any(t.is_alive() for t in threads)
    assert sorted(got) == list(range(50))


def test_take_is_one_step_of_receive_and_leaves_nothing_behind():
    """take() gives each item, then (None, False) to every caller;
    the generator of each step is closed before take() returns, so
    no task is left to close it later."""
    async def scenario():
        q = asyncio.Queue()
        for item in (0, 1):
            await q.put(item)
        await close(q)
        got = [await take(q) for _ in range(4)]
        await asyncio.sleep(0)  # what a finalizer scheduled, runs
        return got, asyncio.all_tasks() - {asyncio.current_task()}
    got, others = asyncio.run(scenario())
    assert got == [(0, True), (1, True), (None, False), (None, False)]
    assert not others


def test_close_sync_waits_for_a_process_queues_feeder_thread():
    """multiprocessing.Queue's put() starts a thread in the putting
    process; close_sync() leaves it flushed and gone."""
    before = threading.active_count()
    q = CONTEXT.Queue()
    consumer = CONTEXT.Process(target=receive_sync, args=(q,))
    consumer.start()
    for item in range(100):
        q.put(item)
    close_sync(q)
    assert threading.active_count() == before
    consumer.join(timeout=10)
    assert consumer.exitcode == 0


@pytest.mark.skipif(not HAS_SHUTDOWN, reason="Queue.shutdown() needs "
                    "Python 3.13; this Python uses the sentinel path")
def test_on_313_close_uses_shutdown_and_puts_then_fail():
    async def scenario():
        q = asyncio.Queue()
        await q.put(1)
        await close(q)
        with pytest.raises(asyncio.QueueShutDown):
            await q.put(2)
        return [item async for item in receive(q)]
    assert asyncio.run(scenario()) == [1]


@pytest.mark.skipif(HAS_SHUTDOWN, reason="Python 3.13+ uses shutdown()")
def test_before_313_close_puts_the_sentinel():
    q = queue.Queue()
    close_sync(q)
    assert q.get_nowait() is None


def test_channel_of_capacity_0_hands_off():
    """send() returns only once the receiver has the item."""
    from chankit.handoff._channel import Channel

    async def scenario():
        channel, order = Channel(), []

        async def receiver():
            await asyncio.sleep(0.05)
            async for item in channel:
                order.append(f"got {item}")

        async with asyncio.TaskGroup() as group:
            group.create_task(receiver())
            await channel.send(1)
            order.append("sent 1")
            channel.close()
        return order
    assert asyncio.run(scenario()) == ["got 1", "sent 1"]


def test_channel_close_rules_are_gos():
    from chankit.handoff._channel import Channel

    async def scenario():
        channel = Channel(capacity=2)
        await channel.send(1)  # a buffered send does not wait
        channel.close()
        with pytest.raises(RuntimeError, match="close of closed"):
            channel.close()
        with pytest.raises(RuntimeError, match="send on closed"):
            await channel.send(2)
        return [item async for item in channel]
    assert asyncio.run(scenario()) == [1]


def test_a_cancelled_send_delivers_nothing():
    from chankit.handoff._channel import Channel

    async def scenario():
        channel = Channel()
        sending = asyncio.create_task(channel.send("late"))
        await asyncio.sleep(0.01)
        sending.cancel()
        await asyncio.gather(sending, return_exceptions=True)
        async with asyncio.TaskGroup() as group:
            group.create_task(channel.send("next"))
            got = await anext(aiter(channel))
        return got
    assert asyncio.run(scenario()) == "next"


def test_channel_close_never_waits_on_a_full_buffer():
    """Go's close returns at once, full buffer or not; so does
    Channel's, and the receivers still drain the buffer, then stop."""
    from chankit.handoff._channel import Channel

    async def scenario():
        channel = Channel(capacity=2)
        await channel.send(1)
        await channel.send(2)
        channel.close()  # not a coroutine: it cannot wait
        return [item async for item in channel]
    assert asyncio.run(scenario()) == [1, 2]
