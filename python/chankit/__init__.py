"""chankit: Go channels and Python queues, side by side.

The scenarios live in one package per Python model: chankit.aio
(asyncio.Queue, the twin of the Go programs), chankit.threads
(queue.Queue) and chankit.processes (multiprocessing.Queue).
"""
