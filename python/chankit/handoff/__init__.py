"""A true rendezvous for asyncio: Handoff, an unbuffered channel
built from asyncio primitives, and the scenarios that use it."""

MODEL = "handoff"
