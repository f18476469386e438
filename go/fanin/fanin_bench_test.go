package fanin

import (
	"testing"

	"chankit/kit/kitbench"
)

// BenchmarkFanin: the scenario without tracing, delay or work, per
// item. `make bench` gives the cases; by hand, `go test -bench .`
// runs the registry's parameters with 10,000 items each.
func BenchmarkFanin(b *testing.B) {
	kitbench.Run(b, "fanin", main, kitbench.Case{
		Name: "scenario/fanin", Items: 10000, Producers: 3,
		Consumers: 1, Buffer: 0, Total: 3 * 10000})
}
