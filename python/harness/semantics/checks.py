"""Which of Go's channel rules each Python primitive keeps, each
decided by a small check, modelled on Go's test/chan programs
(fifo.go, zerosize.go, nonblock.go, doubleselect.go, select3.go).
go/semantics/semantics_test.go runs the same checks on Go's channel.

A check answers "yes" (the rule holds), "no", or "idiom" (no such
primitive, but the library's recommended idiom keeps the rule), with
a short note. No check depends on timing: "has not happened" is
decided after handing the scheduler round many times, where the
thing would have happened if it could, and a deadline is modelled as
a cancel at the very step the item arrives (the worst moment).

The asyncio-family primitives are driven through anyio, which runs
them on asyncio and trio's channel on trio, so one check serves all.
"""

import asyncio
import multiprocessing
import queue
import threading

import anyio

RULES = {
    "rendezvous": "capacity 0 is a rendezvous",
    "fifo": "FIFO",
    "close_wakes_all": "close wakes every receiver",
    "drain_then_end": "receive after close drains, then ends",
    "send_after_close": "send after close fails loudly",
    "close_twice": "closing twice fails",
    "deadline": "a receive can give up on a deadline without losing "
                "an item",
    "select": "select over several channels without losing an item",
    "len_cap": "len and cap observable",
}

ROUNDS = 20  # scheduler rounds after which "not yet" means "not"


async def rounds(n=ROUNDS):
    for _ in range(n):
        await anyio.sleep(0)


class Ended(Exception):
    """A receive found the channel closed and empty (Go's ok false)."""


class AsyncioQueue:
    title = "asyncio.Queue"
    backend = "asyncio"
    closes = False

    def make(self, cap):
        return asyncio.Queue(maxsize=cap)

    async def send(self, ch, item):
        await ch.put(item)

    def send_now(self, ch, item):
        ch.put_nowait(item)

    async def recv(self, ch):
        return await ch.get()

    def close(self, ch):
        raise NotImplementedError

    def len_cap(self, ch):
        return ch.qsize(), ch.maxsize


class ShutdownQueue(AsyncioQueue):
    title = "asyncio.Queue + shutdown() (3.13+)"
    closes = True

    def available(self):
        return hasattr(asyncio.Queue, "shutdown")

    async def recv(self, ch):
        try:
            return await ch.get()
        except asyncio.QueueShutDown:
            raise Ended from None

    def close(self, ch):
        ch.shutdown()


class Handoff(AsyncioQueue):
    title = "chankit Handoff (Channel)"
    closes = True

    def make(self, cap):
        from chankit.handoff._channel import Channel
        return Channel(cap)

    async def send(self, ch, item):
        await ch.send(item)

    send_now = None  # no send that never waits

    async def recv(self, ch):
        try:
            return await anext(ch)
        except StopAsyncIteration:
            raise Ended from None

    def close(self, ch):
        ch.close()

    def len_cap(self, ch):
        return None  # capacity is kept, the number buffered is not


class MemoryChannel:
    """trio's memory channel; anyio's memory object stream (its
    twin) below."""
    title = "trio memory channel"
    backend = "trio"
    closes = True

    def make(self, cap):
        import trio
        return trio.open_memory_channel(cap)

    async def send(self, ch, item):
        await ch[0].send(item)

    def send_now(self, ch, item):
        ch[0].send_nowait(item)

    async def recv(self, ch):
        import trio
        try:
            return await ch[1].receive()
        except trio.EndOfChannel:
            raise Ended from None

    def close(self, ch):
        ch[0].close()

    def len_cap(self, ch):
        s = ch[0].statistics()
        return s.current_buffer_used, s.max_buffer_size


class MemoryStream(MemoryChannel):
    title = "anyio memory object stream"
    backend = "asyncio"

    def make(self, cap):
        ch = anyio.create_memory_object_stream(cap)
        self.made.append(ch)  # anyio warns of a stream left open
        return ch

    made = []

    def tidy(self):
        while self.made:
            for end in self.made.pop():
                end.close()

    async def recv(self, ch):
        try:
            return await ch[1].receive()
        except anyio.EndOfStream:
            raise Ended from None


async def recv_or_end(p, ch):
    try:
        return await p.recv(ch), True
    except Ended:
        return None, False


async def rendezvous(p):
    ch, sent = p.make(0), []
    async with anyio.create_task_group() as tg:
        async def sender():
            await p.send(ch, 1)
            sent.append(1)
        tg.start_soon(sender)
        await rounds()
        waited = not sent
        got = await p.recv(ch)
        await rounds()
    if not waited:
        return "no", "capacity 0 is unbounded: the send returned " \
                     "with no receiver"
    return ("yes" if got == 1 and sent else "no"), \
        "the send waits until a receiver takes the item"


async def fifo(p):
    ch, got = p.make(10), []
    async with anyio.create_task_group() as tg:
        async def sender():
            for i in range(100):
                await p.send(ch, i)
        tg.start_soon(sender)
        for _ in range(100):
            got.append(await p.recv(ch))
    return ("yes" if got == list(range(100)) else "no"), ""


async def close_wakes_all(p):
    if not p.closes:
        return "no", "no close: a sentinel per receiver instead"
    ch, ended = p.make(1), []
    async with anyio.create_task_group() as tg:
        async def receiver():
            _, ok = await recv_or_end(p, ch)
            ended.append(not ok)
        for _ in range(3):
            tg.start_soon(receiver)
        await rounds()
        p.close(ch)
        await rounds()
        tg.cancel_scope.cancel()
    return ("yes" if ended == [True] * 3 else "no"), \
        f"{sum(ended)} of 3 waiting receivers ended"


async def drain_then_end(p):
    if not p.closes:
        return "no", "no close"
    ch, got = p.make(5), []
    for i in (1, 2, 3):
        await p.send(ch, i)
    p.close(ch)
    while True:
        item, ok = await recv_or_end(p, ch)
        if not ok:
            break
        got.append(item)
    return ("yes" if got == [1, 2, 3] else "no"), ""


async def send_after_close(p):
    if not p.closes:
        return "no", "no close"
    ch = p.make(5)
    p.close(ch)
    try:
        await p.send(ch, 1)
    except Exception as err:  # noqa: BLE001 (which one is the note)
        return "yes", type(err).__name__
    return "no", "the send was accepted"


async def close_twice(p):
    if not p.closes:
        return "no", "no close"
    ch = p.make(1)
    p.close(ch)
    try:
        p.close(ch)
    except Exception as err:  # noqa: BLE001
        return "yes", type(err).__name__
    return "no", "the second close does nothing"


async def deadline(p):
    """The receive is cancelled (its deadline fires) in the very step
    the item reaches it: the item must be received or still there."""
    ch, got = p.make(0 if p.send_now is None else 1), []
    async with anyio.create_task_group() as tg:
        scope = anyio.CancelScope()

        async def receiver():
            with scope:
                got.append(await p.recv(ch))
        tg.start_soon(receiver)
        await rounds()
        if p.send_now is None:  # a sender task reaches it first
            tg.start_soon(p.send, ch, "item")
            await anyio.sleep(0)
        else:
            p.send_now(ch, "item")
        scope.cancel()
        await rounds()
        tg.cancel_scope.cancel()
    got += [] if got else await poll(p, ch)
    return ("yes" if got == ["item"] else "no"), \
        "cancelled as the item arrived: " + \
        ("kept" if got else "lost")


async def poll(p, ch):
    """[the next item] if one comes within ROUNDS, else []."""
    got = []
    async with anyio.create_task_group() as tg:
        async def receive():
            got.append(await p.recv(ch))
        tg.start_soon(receive)
        await rounds()
        tg.cancel_scope.cancel()
    return got


async def select(p):
    """Both channels hold an item when the select starts."""
    a, b = p.make(1), p.make(1)
    await p.send(a, "a")
    await p.send(b, "b")
    if isinstance(p, MemoryChannel):
        return await forwarded(p, a, b)
    gets = [asyncio.ensure_future(p.recv(ch)) for ch in (a, b)]
    done, pending = await asyncio.wait(
        gets, return_when=asyncio.FIRST_COMPLETED)
    first = next(iter(done)).result()
    for task in gets:
        if task is not next(iter(done)):
            task.cancel()  # "the rest": a finished get holds an item
    await asyncio.gather(*gets, return_exceptions=True)
    left = [*await poll(p, a), *await poll(p, b)]
    kept = sorted([first, *left]) == ["a", "b"]
    return "no", ("no select; asyncio.wait(FIRST_COMPLETED) over "
                  "get() tasks, cancelling the rest, " +
                  ("kept both" if kept else "lost an item"))


async def forwarded(p, a, b):
    """trio's and anyio's answer: a forwarding task per channel into
    one channel, which the consumer reads alone."""
    merged, got = p.make(0), []
    async with anyio.create_task_group() as tg:
        async def forward(ch):
            await p.send(merged, await p.recv(ch))
        for ch in (a, b):
            tg.start_soon(forward, ch)
        got = [await p.recv(merged), await p.recv(merged)]
    return ("idiom" if sorted(got) == ["a", "b"] else "no"), \
        "no select, by design; forwarders into one channel lose nothing"


async def len_cap(p):
    ch = p.make(5)
    await p.send(ch, 1)
    await p.send(ch, 2)
    seen = p.len_cap(ch)
    if seen is None:
        return "no", "not public"
    return ("yes" if tuple(seen) == (2, 5) else "no"), ""


ASYNC_CHECKS = {"rendezvous": rendezvous, "fifo": fifo,
                "close_wakes_all": close_wakes_all,
                "drain_then_end": drain_then_end,
                "send_after_close": send_after_close,
                "close_twice": close_twice, "deadline": deadline,
                "select": select, "len_cap": len_cap}


def run_async(p, rule):
    async def check():
        return await ASYNC_CHECKS[rule](p)
    try:
        return anyio.run(check, backend=p.backend)
    finally:
        getattr(p, "tidy", lambda: None)()


# queue.Queue and multiprocessing.Queue: blocking, checked directly.

def sync_check(kind, rule):
    make = queue.Queue if kind == "queue" else multiprocessing.Queue
    if rule == "rendezvous":
        q = make(0)
        q.put_nowait(1)  # had it been a rendezvous, this would fail
        return "no", "capacity 0 is unbounded: put() never waits"
    if rule == "fifo":
        q = make(10)
        t = threading.Thread(target=lambda: [q.put(i)
                                             for i in range(100)])
        t.start()
        got = [q.get() for _ in range(100)]
        t.join()
        return ("yes" if got == list(range(100)) else "no"), ""
    if rule == "deadline":
        # get(timeout=) gives up under the queue's lock: an item is
        # either returned or left. Counted, not timed.
        q, got = make(1), []
        t = threading.Thread(target=lambda: [q.put(i)
                                             for i in range(200)])
        t.start()
        while len(got) < 200:
            try:
                got.append(q.get(timeout=1e-4))
            except queue.Empty:
                pass
        t.join()
        return ("yes" if got == list(range(200)) else "no"), \
            "get(timeout=): an item is returned or left"
    if rule == "select":
        return "no", "no select"
    if rule == "len_cap":
        q = make(5)
        q.put(1)
        q.put(2)
        if kind == "queue":
            ok = (q.qsize(), q.maxsize) == (2, 5)
            return ("yes" if ok else "no"), "qsize(), maxsize"
        return "no", "qsize() only (not on macOS); no public capacity"
    if kind == "queue":
        return "no", "no close (3.13 adds shutdown(), as asyncio's)"
    return mp_close_check(rule)


def mp_close_check(rule):
    """multiprocessing.Queue.close() means "this process puts no
    more": it closes this process's ends, and tells no receiver."""
    q = multiprocessing.Queue(5)
    if rule == "send_after_close":
        q.close()
        try:
            q.put(1)
        except ValueError:
            return "yes", "ValueError"
        return "no", "the put was accepted"
    if rule == "close_twice":
        q.close()
        q.close()
        return "no", "the second close does nothing"
    # close_wakes_all, drain_then_end: a receiver in another process
    # drains what was put, then waits on: no end ever reaches it.
    out = multiprocessing.Queue()
    child = multiprocessing.Process(target=mp_receiver, args=(q, out))
    child.start()
    q.put(1)
    q.close()
    q.join_thread()
    seen = out.get()
    child.join()
    ended = seen == [1, "end"]
    return ("yes" if ended else "no"), \
        "close() is the sender's own: receivers get no end"


def mp_receiver(q, out):
    seen = [q.get()]
    try:
        q.get(timeout=0.2)  # only so that the check itself ends
    except queue.Empty:
        seen.append("nothing: still waiting")
    except (ValueError, EOFError, OSError):
        seen.append("end")
    out.put(seen)


PRIMITIVES = {
    "asyncio": AsyncioQueue(), "asyncio_shutdown": ShutdownQueue(),
    "handoff": Handoff(), "trio": MemoryChannel(),
    "anyio": MemoryStream(), "queue": "queue.Queue",
    "multiprocessing": "multiprocessing.Queue",
}


def title(pid):
    p = PRIMITIVES[pid]
    return p if isinstance(p, str) else p.title


def available(pid):
    p = PRIMITIVES[pid]
    return getattr(p, "available", lambda: True)()


def check(pid, rule):
    """{"holds": yes/no/idiom, "note": …} for one cell."""
    p = PRIMITIVES[pid]
    if isinstance(p, str):
        holds, note = sync_check(pid, rule)
    else:
        holds, note = run_async(p, rule)
    return {"holds": holds, "note": note}
