package backpressure

import (
	"testing"

	"chankit/kit/kitbench"
)

// BenchmarkBackpressure: the scenario without tracing, delay or work, per
// item. `make bench` gives the cases; by hand, `go test -bench .`
// runs the registry's parameters with 10,000 items each.
func BenchmarkBackpressure(b *testing.B) {
	kitbench.Run(b, "backpressure", main, kitbench.Case{
		Name: "scenario/backpressure", Items: 10000, Producers: 1,
		Consumers: 1, Buffer: 2, Total: 10000})
}
