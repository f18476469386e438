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
			args := []string{id, "--items", "200", "--delay", "0",
				"--buffer", "1", "--trace"}
			extra := map[string][]string{"producers": {"--producers", "4"},
				"consumers": {"--consumers", "3"}, "work": {"--work", "0"}}
			for _, flag := range kit.Takes(id) {
				args = append(args, extra[flag]...)
			}
			var out, errs bytes.Buffer
			if status := kit.Run(args, &out, &errs); status != 0 {
				t.Fatalf("status %d: %s", status, errs.String())
			}
			sent, got := map[string]int{}, map[string]int{}
			for _, line := range strings.Split(strings.TrimSpace(
				out.String()), "\n") {
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
