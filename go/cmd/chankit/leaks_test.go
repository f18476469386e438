package main

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"chankit/kit"
)

// leaky is the scenario that leaves a goroutine running on purpose:
// pitfall shows the blog post's main, which does not wait for its
// consumer. goleak must find that consumer, or this test can never
// fail.
const leaky = "pitfall"

// Every scenario but pitfall waits for each goroutine it starts
// before its main returns: after a run, goleak finds none of them,
// and the end event counts none. Each run ignores the goroutines
// that were there before it (pitfall's consumer among them, once
// pitfall has run), so one scenario's leak is not blamed on another.
func TestNoScenarioLeaks(t *testing.T) {
	base := runtime.NumGoroutine()
	leftBehind = 0
	for _, id := range kit.Known() {
		t.Run(id, func(t *testing.T) {
			// The end event counts goroutines against those there
			// when the run began: one of an earlier subtest still on
			// its way out (tRunner's, on a busy machine) would hide
			// one the run leaves. So wait for those to be gone: at
			// most this subtest's own, and the consumers pitfall
			// left, beside what the test began with.
			settle(base + 1 + leftBehind)
			before := goleak.IgnoreCurrent()
			running := runSmall(t, id)
			err := findLeaks(before)
			if id == leaky {
				if err == nil || !strings.Contains(err.Error(),
					"chankit/pitfall.consumer") {
					t.Fatalf("goleak did not find pitfall's consumer "+
						"left running: %v", err)
				}
				if running < 1 {
					t.Fatalf("the end event counts %d goroutines "+
						"running; pitfall leaves its consumer", running)
				}
				leftBehind += running
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if running != 0 {
				t.Fatalf("the end event counts %d goroutines running",
					running)
			}
		})
	}
}

// runSmall runs a scenario as the command line would, with 20 items
// and no pauses, and returns the end event's count of goroutines
// left running.
func runSmall(t *testing.T, id string) int {
	t.Helper()
	out := runTraced(t, id, "20", "3")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var end struct {
		Op      string
		Running *int
	}
	last := lines[len(lines)-1]
	if json.Unmarshal([]byte(last), &end) != nil || end.Op != "end" ||
		end.Running == nil {
		t.Fatalf("last line %q is not an end event", last)
	}
	return *end.Running
}

// findLeaks asks goleak until it finds nothing, for up to leakWait.
// goleak's own retries last under half a second, and on a busy
// machine a goroutine that has called wg.Done can wait longer than
// that for a core to return on: the extra wait keeps the test from
// depending on the machine's load. A real leak is a goroutine that
// never returns, so it is still found, only later.
func findLeaks(options ...goleak.Option) error {
	deadline := time.Now().Add(leakWait)
	for {
		err := goleak.Find(options...)
		if err == nil || time.Now().After(deadline) {
			return err
		}
	}
}

const leakWait = 5 * time.Second

// leftBehind counts the goroutines pitfall's runs have left.
var leftBehind int

// settle waits, up to leakWait, until at most `most` goroutines run.
func settle(most int) {
	deadline := time.Now().Add(leakWait)
	for runtime.NumGoroutine() > most && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
}
