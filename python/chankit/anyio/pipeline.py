"""pipeline: stages joined by anyio memory object streams, as in
the Go blog's pipelines article: generate numbers, square them, add
up the squares. With --consumers N the middle stage runs as N tasks:
the squares then arrive in any order, but each exactly once.
Twin: go/pipeline/pipeline.go"""

import anyio

from chankit.pause import pause_anyio as pause


# The first stage sends 1..N and closes its output when done.
async def generate(out, cfg, log):
    async with out:
        for n in range(1, cfg.items + 1):
            await pause(cfg.delay)
            await out.send(n)
            log.put(n)


# A middle stage receives until its input is closed and sends on;
# each squarer holds a clone of the output and closes it when done.
# The trace names the channel of each side.
async def square(source, out, log):
    into, onto = log.on("numbers"), log.on("squares")
    async with out:
        async for n in source:
            into.get(n)
            await out.send(n * n)
            onto.put(n * n)


# The last stage drains its input; it ends when the last squarer
# has closed its clone.
async def total(source, log):
    result = 0
    async for sq in source:
        log.get(sq)
        result += sq
    return result


# Each channel is closed by whoever sends on it: the clones take the
# place of Go's squarers WaitGroup, which closes squares after the
# last squarer is done.
# anyio warns of a stream end left open, so main closes the
# receiving side too, once the group is done.
async def main(cfg, trace):
    numbers_in, numbers = anyio.create_memory_object_stream(cfg.buffer)
    squares_in, squares = anyio.create_memory_object_stream(cfg.buffer)
    async with numbers, squares, anyio.create_task_group() as group:
        group.start_soon(generate, numbers_in, cfg,
                           trace.actor("producer", 0).on("numbers"))
        async with squares_in:
            for k in range(cfg.consumers):
                group.start_soon(square, numbers, squares_in.clone(),
                                   trace.actor("square", k))
        await total(squares, trace.actor("consumer", 0).on("squares"))
