package mpsc

import (
	"testing"

	"chankit/kit/kitbench"
)

// BenchmarkMPSC: the scenario without tracing, delay or work, per
// item. `make bench` gives the cases; by hand, `go test -bench .`
// runs the registry's parameters with 10,000 items each.
func BenchmarkMPSC(b *testing.B) {
	kitbench.Run(b, "mpsc", main, kitbench.Case{
		Name: "scenario/mpsc", Items: 10000, Producers: 2,
		Consumers: 1, Buffer: 0, Total: 2 * 10000})
}
