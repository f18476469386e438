package workers

import (
	"testing"

	"chankit/kit/kitbench"
)

// BenchmarkWorkers: the scenario without tracing, delay or work, per
// item. `make bench` gives the cases; by hand, `go test -bench .`
// runs the registry's parameters with 10,000 items each.
func BenchmarkWorkers(b *testing.B) {
	kitbench.Run(b, "workers", main, kitbench.Case{
		Name: "scenario/workers", Items: 10000, Producers: 1,
		Consumers: 4, Buffer: 0, Total: 10000})
}
