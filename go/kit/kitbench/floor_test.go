package kitbench

import (
	"fmt"
	"testing"
)

// BenchmarkFloor: the channel alone, Floor, at each capacity and
// size; the names are the scenarios' without producers, consumers
// or scenario (BenchmarkFloor/buffer=0/items=10000), so a scenario
// is read against the floor of its own buffer and items.
func BenchmarkFloor(b *testing.B) {
	for _, size := range Sizes {
		for _, capacity := range Capacities {
			name := fmt.Sprintf("buffer=%d/items=%d", capacity, size)
			b.Run(name, func(b *testing.B) {
				Measure(b, size, func() { Floor(size, capacity) })
			})
		}
	}
}

// The floor must deliver every item and end: a quick check that
// runs with the tests, unlike the benchmark.
func TestFloorEnds(t *testing.T) {
	for _, capacity := range Capacities {
		Floor(1000, capacity)
	}
}

// Every case has a name of its own, or the harness could not tell
// two apart, and a sweep of producers keeps at least one item each.
func TestCasesAreDistinct(t *testing.T) {
	takes := []string{"items", "buffer", "delay", "producers",
		"consumers"}
	for id := range shapes {
		seen := map[string]bool{}
		for _, s := range Cases(id) {
			name := s.Name(takes)
			if seen[name] {
				t.Errorf("%s: two cases named %s", id, name)
			}
			seen[name] = true
			if s.Items < 1 || s.Total() < s.Items {
				t.Errorf("%s/%s: %d items, %d in all", id, name,
					s.Items, s.Total())
			}
		}
	}
	if Cases("pitfall") != nil {
		t.Error("pitfall is not benchmarked, yet has cases")
	}
}
