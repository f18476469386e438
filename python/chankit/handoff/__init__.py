"""A true rendezvous for asyncio: Channel, Go's channel (capacity 0
included) built from asyncio primitives, and the scenarios that use
it."""

MODEL = "handoff"
