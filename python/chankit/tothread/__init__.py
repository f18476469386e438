"""asyncio scenarios whose CPU work runs in asyncio.to_thread: the
event loop stays free while a thread computes (the GIL still lets
one thread compute at a time)."""

MODEL = "to_thread"
