package kitbench

import "testing"

// BenchmarkFloor: the channel alone, one sub-benchmark per capacity
// that `make bench` asks for (floor/cap=0 alone by default).
func BenchmarkFloor(b *testing.B) {
	fallback := Case{Name: "floor/cap=0", Items: 10000, Total: 10000}
	for _, c := range Cases(b, "floor", fallback) {
		b.Run(c.Name, func(b *testing.B) {
			Measure(b, c.Total, func() { Floor(c.Items, c.Buffer) })
		})
	}
}

// The floor must deliver every item and end: a quick check that
// runs with the tests, unlike the benchmark.
func TestFloorEnds(t *testing.T) {
	for _, capacity := range []int{0, 1, 100} {
		Floor(1000, capacity)
	}
}
