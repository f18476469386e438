package rendezvous

import (
	"testing"

	"chankit/kit/kitbench"
)

// BenchmarkRendezvous: the scenario without tracing, delay or work, per
// item. `make bench` gives the cases; by hand, `go test -bench .`
// runs the registry's parameters with 10,000 items each.
func BenchmarkRendezvous(b *testing.B) {
	kitbench.Run(b, "rendezvous", main, kitbench.Case{
		Name: "scenario/rendezvous", Items: 10000, Producers: 1,
		Consumers: 1, Buffer: 0, Total: 10000})
}
