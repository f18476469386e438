"""CPU-bound work, for every Python scenario: a consumer's --cpu
units on each item. go/kit/compute.go is its twin (kit.Compute).

A unit is ROUNDS rounds of mix(), a fixed integer computation with
no pause and no system call, so only a core can do it; ROUNDS is the
count that takes about a millisecond on the machine the registry was
measured on ([cpu] in scenarios.toml; python -m harness.run.cpucal
measures it again). The rounds are Go's, with the same result; the
count is Python's own, since a round costs CPython about 67 times
what it costs Go.

compute() holds its thread for the whole of the work: in asyncio it
holds the event loop, in threads the GIL. A scenario that wants the
loop free runs it elsewhere (asyncio.to_thread, an executor).
"""

from chankit import registry

MASK = (1 << 64) - 1


def compute(units):
    """units of work; returns the result, as kit.Compute does."""
    return mix(units, units * registry.cpu_rounds("python"))


def mix(x, rounds):
    """rounds of a 64-bit linear congruential step and an xorshift
    from x, as Go's kit.Mix does them."""
    for _ in range(rounds):
        x = (x * 6364136223846793005 + 1442695040888963407) & MASK
        x ^= x >> 33
    return x
