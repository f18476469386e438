"""sieve: the concurrent prime sieve of Go's test/chan/sieve1.go. A
generator sends 2, 3, 4, ... and each prime found starts a sift that
passes on only the numbers the prime does not divide, so the first
number out of the chain is always the next prime. Twin:
go/sieve/sieve.go"""

import asyncio
import itertools

from chankit.pause import pause


# The generator never runs out: main cancels it, and every sift,
# once it has its primes. Its sends are traced, so that each prime
# main gets is one it sent.
async def generate(queue, cfg, log):
    for n in itertools.count(2):
        await pause(cfg.delay)
        await queue.put(n)
        log.put(n)


# A sift passes on what its prime does not divide. A cancel reaches
# it at whichever await it is stopped on.
async def sift(inq, outq, prime):
    while True:
        n = await inq.get()
        if n % prime:
            await outq.put(n)


# maxsize 0 would be unbounded, and the generator, which never ends,
# would fill memory without once letting the loop run anything else:
# so a queue holds at least one. main takes N primes off the end of
# the chain, adding a sift for each, then cancels every task; the
# TaskGroup waits for them to go.
async def main(cfg, trace):
    log = trace.actor("consumer", 0)
    queue = asyncio.Queue(maxsize=max(cfg.buffer, 1))
    async with asyncio.TaskGroup() as group:
        gen = trace.actor("producer", 0)
        tasks = [group.create_task(generate(queue, cfg, gen))]
        for _ in range(cfg.items):
            prime = await queue.get()
            log.get(prime)
            out = asyncio.Queue(maxsize=max(cfg.buffer, 1))
            tasks.append(group.create_task(sift(queue, out, prime)))
            queue = out
        for task in tasks:
            task.cancel()
