"""Handoff: an unbuffered channel for asyncio. send() returns only
once a receiver has taken the item, as a send on Go's unbuffered
channel does: the item travels with a future that the receiver
resolves when it takes it."""

import asyncio

CLOSED = object()


class Handoff:
    def __init__(self):
        self.slot = asyncio.Queue(maxsize=1)

    async def send(self, item):
        """Wait until a receiver has the item."""
        taken = asyncio.get_running_loop().create_future()
        await self.slot.put((item, taken))
        await taken

    async def close(self):
        """Receivers drain what was sent, then stop."""
        await self.slot.put((CLOSED, None))

    def __aiter__(self):
        return self

    async def __anext__(self):
        item, taken = await self.slot.get()
        if item is CLOSED:
            self.slot.put_nowait((CLOSED, None))  # for the next one
            raise StopAsyncIteration
        taken.set_result(None)
        return item
