"""Channel: Go's channel for asyncio, with its capacity 0 included.
With capacity 0, send() returns only once a receiver has taken the
item (a hand-off): the item travels with a future that the receiver
resolves. With capacity B, it is a queue of B, as Go's buffered
channel is. As in Go, closing twice or sending after the close is an
error, raised here where Go would panic."""

import asyncio

CLOSED = object()


class Channel:
    def __init__(self, capacity=0):
        self.capacity = capacity
        self.slot = asyncio.Queue(maxsize=max(capacity, 1))
        self.closed = False

    async def send(self, item):
        """Capacity 0: wait until a receiver has the item."""
        if self.closed:
            raise RuntimeError("send on closed channel")
        taken = asyncio.get_running_loop().create_future()
        await self.slot.put((item, taken))
        if self.capacity == 0:
            await taken

    def close(self):
        """Receivers drain what was sent, then stop. Like Go's close
        it never waits: with the slot full no receiver is waiting,
        and the one that empties it finds the channel closed."""
        if self.closed:
            raise RuntimeError("close of closed channel")
        self.closed = True
        if not self.slot.full():
            self.slot.put_nowait((CLOSED, None))

    def __aiter__(self):
        return self

    async def __anext__(self):
        while True:
            if self.closed and self.slot.empty():
                raise StopAsyncIteration  # closed while it was full
            item, taken = await self.slot.get()
            if item is CLOSED:
                self.slot.put_nowait((CLOSED, None))  # for the next
                raise StopAsyncIteration
            if not taken.cancelled():  # its send gave up: not sent
                taken.set_result(None)
                return item
