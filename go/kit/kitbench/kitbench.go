// Package kitbench runs a scenario's main in a Go benchmark, without
// tracing, and reports its cost per item, so that each scenario's
// benchmark is one line (see go/spsc/spsc_bench_test.go). `make
// bench` says which cases to run through CHANKIT_BENCH_CASES (JSON,
// from scenarios.toml); without it each benchmark runs one case.
package kitbench

import (
	"encoding/json"
	"os"
	"testing"

	"chankit/kit"
)

// Case is one benchmark: its name, shared with the Python side, and
// the parameters of one run. Total is the items that cross the
// channel in one run (items × producers where there are several):
// what the cost is divided by.
type Case struct {
	Name      string `json:"name"`
	Scenario  string `json:"scenario"`
	Items     int    `json:"items"`
	Producers int    `json:"producers"`
	Consumers int    `json:"consumers"`
	Buffer    int    `json:"buffer"`
	Total     int    `json:"total"`
}

// Cases are the cases for one scenario ("floor" for the floors):
// the ones CHANKIT_BENCH_CASES lists, or else the fallback.
func Cases(b *testing.B, id string, fallback Case) []Case {
	raw := os.Getenv("CHANKIT_BENCH_CASES")
	if raw == "" {
		return []Case{fallback}
	}
	var all, mine []Case
	if err := json.Unmarshal([]byte(raw), &all); err != nil {
		b.Fatalf("CHANKIT_BENCH_CASES: %v", err)
	}
	for _, c := range all {
		if c.Scenario == id {
			mine = append(mine, c)
		}
	}
	return mine
}

// Run benchmarks a scenario's main, one sub-benchmark per case.
func Run(b *testing.B, id string, main kit.Main, fallback Case) {
	for _, c := range Cases(b, id, fallback) {
		cfg := kit.Config{Items: c.Items, Producers: c.Producers,
			Consumers: c.Consumers, Buffer: c.Buffer}
		b.Run(c.Name, func(b *testing.B) {
			tr := kit.NewTracer(nil, kit.Off)
			Measure(b, c.Total, func() { main(cfg, tr) })
		})
	}
}

// Measure runs one whole run per loop and reports the time per item
// as well as per run (ns/op), since a run hands over total items.
func Measure(b *testing.B, total int, run func()) {
	for b.Loop() {
		run()
	}
	perItem := float64(b.Elapsed().Nanoseconds()) /
		float64(b.N) / float64(max(total, 1))
	b.ReportMetric(perItem, "ns/item")
}
