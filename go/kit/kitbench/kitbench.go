// Package kitbench measures the kit's scenarios with Go's testing
// package: a scenario's own main, tracing off, no delay and no work,
// timed per item that crosses its channels.
//
// Each scenario package has one thin benchmark,
//
//	func BenchmarkScenario(b *testing.B) {
//		kitbench.Scenario(b, "spsc", main)
//	}
//
// and this package runs it at every case of the table in cases.go,
// one sub-benchmark per case, its parameters in its name:
//
//	BenchmarkScenario/spsc/buffer=0/items=10000
//	BenchmarkScenario/mpsc/producers=2/buffer=0/items=10000
//
// `make bench` picks the cases it wants with -bench; by hand,
//
//	go test -run '^$' -bench . -benchtime 1x ./...
//
// runs them all once. The names are the ones python/bench uses too,
// so that pyperf compare_to pairs a Go case with its Python twin.
package kitbench

import (
	"fmt"
	"strings"
	"testing"

	"chankit/kit"
)

// Shape is what one run of a case hands over: Items per producer,
// through a channel (or channels) of capacity Buffer.
type Shape struct {
	Producers, Consumers, Buffer, Items int
}

// Total is the items that cross the channel in one run, what the
// time is divided by: every producer sends Items.
func (s Shape) Total() int { return s.Items * max(s.Producers, 1) }

// Name is the case's name below its scenario: the knobs the
// scenario takes (kit.Takes), then buffer and items, as key=value
// elements, the form benchstat reads as configuration.
func (s Shape) Name(takes []string) string {
	var parts []string
	for _, k := range []struct {
		name  string
		value int
	}{{"producers", s.Producers}, {"consumers", s.Consumers}} {
		for _, t := range takes {
			if t == k.name {
				parts = append(parts,
					fmt.Sprintf("%s=%d", k.name, k.value))
			}
		}
	}
	parts = append(parts, fmt.Sprintf("buffer=%d", s.Buffer),
		fmt.Sprintf("items=%d", s.Items))
	return strings.Join(parts, "/")
}

// Scenario runs a scenario's main at each of its cases.
func Scenario(b *testing.B, id string, main kit.Main) {
	cases := Cases(id)
	if cases == nil {
		b.Fatalf("kitbench: no cases for scenario %q "+
			"(add it to shapes in cases.go)", id)
	}
	for _, s := range cases {
		cfg := kit.Config{Items: s.Items, Producers: s.Producers,
			Consumers: s.Consumers, Buffer: s.Buffer}
		b.Run(id+"/"+s.Name(kit.Takes(id)), func(b *testing.B) {
			tr := kit.NewTracer(nil, kit.Off)
			Measure(b, s.Total(), func() { main(cfg, tr) })
		})
	}
}

// Measure times whole runs, one per loop, and reports the time per
// item beside testing's time per run (ns/op): a run hands over
// total items, and the cost of one is what the kit compares.
func Measure(b *testing.B, total int, run func()) {
	for b.Loop() {
		run()
	}
	perItem := float64(b.Elapsed().Nanoseconds()) /
		float64(b.N) / float64(max(total, 1))
	b.ReportMetric(perItem, "ns/item")
}
