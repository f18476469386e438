// Package kittest runs a scenario's main in a test and reads back
// its trace, so that each scenario's tests stay a few lines long.
package kittest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"chankit/kit"
)

// Event is one line of a JSON Lines trace.
type Event struct {
	T     float64 `json:"t"`
	Actor string  `json:"actor"`
	Op    string  `json:"op"`
	Ch    string  `json:"ch"`
	Item  int     `json:"item"`
}

// Run runs main once with a JSON tracer and returns its put and get
// events, failing the test on any line that is not a valid event.
func Run(t *testing.T, main kit.Main, cfg kit.Config) []Event {
	t.Helper()
	var out bytes.Buffer
	tr := kit.NewTracer(&out, kit.JSON)
	main(cfg, tr)
	var events []Event
	lines := bufio.NewScanner(&out)
	for lines.Scan() {
		var e Event
		if err := json.Unmarshal(lines.Bytes(), &e); err != nil {
			t.Fatalf("bad trace line %q: %v", lines.Text(), err)
		}
		events = append(events, e)
	}
	return events
}

// Config builds a Config the way the command line would.
func Config(items, producers, buffer int,
	delay time.Duration) kit.Config {
	return kit.Config{Items: items, Producers: producers, Consumers: 1,
		Buffer: buffer, Delay: delay}
}

// Received lists the items each actor got, in the order it got them.
func Received(events []Event) map[string][]int {
	got := map[string][]int{}
	for _, e := range events {
		if e.Op == "get" {
			got[e.Actor] = append(got[e.Actor], e.Item)
		}
	}
	return got
}
