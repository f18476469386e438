package kit

import "sync/atomic"

// Compute is a consumer's CPU-bound work on an item: units of a
// fixed integer computation, with no pause and no system call, so
// that only a core can do it. One unit is CPURounds rounds of Mix,
// the count that takes about a millisecond on the machine the
// registry was measured on ([cpu] in scenarios.toml, written into
// registry.go; python -m harness.run.cpucal measures it again).
// python/chankit/compute.py is its twin: the same rounds, the same
// result, with its own count, since a round costs CPython about 67
// times what it costs Go.
func Compute(units int) uint64 {
	x := Mix(uint64(units), units*CPURounds)
	sink.Store(x)
	return x
}

// CPURounds is the rounds of Mix in one unit of Compute.
const CPURounds = registryGoRounds

// Mix runs rounds of a 64-bit linear congruential step and an
// xorshift from x: a fixed, deterministic computation that both
// languages can do the same way (chankit.compute.mix).
func Mix(x uint64, rounds int) uint64 {
	for range rounds {
		x = x*6364136223846793005 + 1442695040888963407
		x ^= x >> 33
	}
	return x
}

// sink keeps the result, so the compiler cannot drop the loop.
var sink atomic.Uint64
