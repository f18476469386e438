"""pipeline: stages joined by queues, as in the Go blog's pipelines
article: generate numbers, square them, add up the squares. With
--consumers N the middle stage runs as N tasks: the squares then
arrive in any order, but each exactly once.
Twin: go/pipeline/pipeline.go"""

import asyncio

from chankit.closing import close, receive
from chankit.pause import pause


# The first stage puts 1..N and closes its output when done.
async def generate(out, cfg, log):
    for n in range(1, cfg.items + 1):
        await pause(cfg.delay)
        await out.put(n)
        log.put(n)
    await close(out)


# A middle stage receives until its input is closed and puts on;
# the trace names the queue of each side.
async def square(source, out, log):
    into, onto = log.on("numbers"), log.on("squares")
    async for n in receive(source):
        into.get(n)
        await out.put(n * n)
        onto.put(n * n)


# The last stage drains its input; it ends when the middle stage
# has closed it.
async def total(source, log):
    result = 0
    async for sq in receive(source):
        log.get(sq)
        result += sq
    return result


# Each queue is closed by the stage that puts on it; with several
# squarers, by whoever waits for all of them: here, a TaskGroup.
async def main(cfg, trace):
    numbers = asyncio.Queue(maxsize=cfg.buffer)
    squares = asyncio.Queue(maxsize=cfg.buffer)

    async def squarers():
        async with asyncio.TaskGroup() as group:
            for k in range(cfg.consumers):
                group.create_task(square(numbers, squares,
                                         trace.actor("square", k)))
        await close(squares)

    async with asyncio.TaskGroup() as group:
        group.create_task(generate(
            numbers, cfg, trace.actor("producer", 0).on("numbers")))
        group.create_task(squarers())
        await total(squares, trace.actor("consumer", 0).on("squares"))
