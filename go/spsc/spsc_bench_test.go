package spsc

import (
	"testing"

	"chankit/kit/kitbench"
)

// BenchmarkSPSC: the scenario without tracing, delay or work, per
// item. `make bench` gives the cases; by hand, `go test -bench .`
// runs the registry's parameters with 10,000 items each.
func BenchmarkSPSC(b *testing.B) {
	kitbench.Run(b, "spsc", main, kitbench.Case{
		Name: "scenario/spsc", Items: 10000, Producers: 1,
		Consumers: 1, Buffer: 0, Total: 10000})
}
