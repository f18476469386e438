"""Scenarios with anyio's memory object streams: trio's channels,
written once for asyncio and trio alike. Here they run on asyncio,
anyio's default backend, in the kit's own asyncio loop: capacity 0
is Go's unbuffered channel, close ends every receiver, and a clone
per sender lets each close its own."""

MODEL = "anyio"
