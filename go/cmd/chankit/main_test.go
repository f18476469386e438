package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"chankit/kit"
	"chankit/kit/kittest"
)

// Every registered scenario, run as the command line would run it,
// under the race detector when go test -race: it exits 0, its trace
// parses, no item is received twice or without being sent, and
// every item sent is received (but in the scenarios that stop early
// or, as pitfall does, lose items on purpose: kit.Lossy, from the
// registry).

func TestEveryScenario(t *testing.T) {
	for _, id := range kit.Known() {
		t.Run(id, func(t *testing.T) {
			out := runTraced(t, id, "200", "4", "--buffer", "1")
			sent, got := map[string]int{}, map[string]int{}
			for _, line := range strings.Split(strings.TrimSpace(
				out), "\n") {
				var e kittest.Event
				if err := json.Unmarshal([]byte(line), &e); err != nil {
					t.Fatalf("bad line %q: %v", line, err)
				}
				key := fmt.Sprint(e.Ch, "/", e.Item)
				switch e.Op {
				case "put":
					sent[key]++
				case "get":
					got[key]++
				}
			}
			for _, key := range slices.Sorted(maps.Keys(got)) {
				if got[key] > sent[key] {
					t.Errorf("%s sent %d times, received %d", key,
						sent[key], got[key])
				}
			}
			if kit.Lossy(id) {
				return
			}
			for _, key := range slices.Sorted(maps.Keys(sent)) {
				if got[key] != sent[key] {
					t.Errorf("%s sent %d times, received %d", key,
						sent[key], got[key])
				}
			}
			if len(got) != len(sent) {
				t.Errorf("received %d distinct items, sent %d", len(got),
					len(sent))
			}
		})
	}
}

// runTraced runs a scenario as the command line would, traced, with
// these items and producers, no pauses, three consumers, a unit of
// CPU work per item and any extra flags, and returns its trace.
func runTraced(t *testing.T, id, items, producers string,
	extra ...string) string {
	t.Helper()
	args := append([]string{id, "--items", items, "--delay", "0",
		"--trace"}, extra...)
	flags := map[string][]string{"producers": {"--producers", producers},
		"consumers": {"--consumers", "3"}, "work": {"--work", "0"},
		"cpu": {"--cpu", "1"}}
	for _, flag := range kit.Takes(id) {
		args = append(args, flags[flag]...)
	}
	var out, errs bytes.Buffer
	if status := kit.Run(args, &out, &errs); status != 0 {
		t.Fatalf("status %d: %s", status, errs.String())
	}
	return out.String()
}
