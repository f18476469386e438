"""Scenarios with trio's memory channels: the twins of the Go
programs on a real channel. open_memory_channel(0) is Go's unbuffered
channel (each send waits for a receiver), closing the sending side
ends every receiver's `async for`, and a clone per sender lets each
close its own. trio runs its own loop (trio.run), not asyncio's."""

MODEL = "trio"
LOOP = "trio"
