"""sieve: the concurrent prime sieve of Go's test/chan/sieve1.go, on
trio memory channels. A generator sends 2, 3, 4, ... and each prime
found starts a sift that passes on only the numbers the prime does
not divide, so the first number out of the chain is always the next
prime. Twin: go/sieve/sieve.go"""

import itertools

import trio

from chankit.pause import pause_trio as pause


# The generator never runs out: main cancels the nursery, which
# stops it, and every sift, at the await it is waiting on. Its sends
# are traced, so that each prime main gets is one it sent.
async def generate(send, cfg, log):
    for n in itertools.count(2):
        await pause(cfg.delay)
        await send.send(n)
        log.put(n)


# A sift passes on what its prime does not divide.
async def sift(receive, send, prime):
    async for n in receive:
        if n % prime:
            await send.send(n)


# Capacity 0 is Go's unbuffered channel. main takes N primes off the
# end of the chain, adding a sift for each, then cancels the nursery:
# trio's nursery is the WaitGroup, and nothing outlives it.
async def main(cfg, trace):
    log = trace.actor("consumer", 0)
    send, receive = trio.open_memory_channel(cfg.buffer)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(generate, send, cfg,
                           trace.actor("producer", 0))
        for _ in range(cfg.items):
            prime = await receive.receive()
            log.get(prime)
            send, out = trio.open_memory_channel(cfg.buffer)
            nursery.start_soon(sift, receive, send, prime)
            receive = out
        nursery.cancel_scope.cancel()
