package spsc

import (
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"chankit/kit/kittest"
)

// testSPSC runs the scenario once and checks what a reader of the
// post expects: every number, once, in order, at the producer's pace.
// It runs in a synctest bubble, where time is virtual: the pace is
// then exact however busy the machine is, and the sleeps cost nothing.
func testSPSC(t *testing.T, items, buffer int, delay time.Duration) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		cfg := kittest.Config(items, 1, buffer, delay)
		events := kittest.Run(t, main, cfg)
		want := make([]int, items)
		for i := range want {
			want[i] = i
		}
		got := kittest.Received(events)["consumer-0"]
		if !slices.Equal(got, want) {
			t.Fatalf("consumer got %v, want %v", got, want)
		}
		// The producer sleeps one delay before each put and nothing
		// else waits on the clock: so many delays, no more, no less.
		took := time.Since(start)
		if took != time.Duration(items)*delay {
			t.Fatalf("took %v, want %d delays of %v", took, items,
				delay)
		}
		for _, e := range events {
			at := time.Duration(e.Item+1) * delay
			if e.Op == "put" && e.T != at.Seconds() {
				t.Fatalf("item %d put at %vs, want %v", e.Item, e.T,
					at)
			}
		}
	})
}

func TestUnbuffered(t *testing.T)    { testSPSC(t, 1000, 0, 0) }
func TestBufferOne(t *testing.T)     { testSPSC(t, 1000, 1, 0) }
func TestBuffered(t *testing.T)      { testSPSC(t, 1000, 100, 0) }
func TestBufferHuge(t *testing.T)    { testSPSC(t, 10, 1000, 0) }
func TestNoItems(t *testing.T)       { testSPSC(t, 0, 0, 0) }
func TestPaced(t *testing.T)         { testSPSC(t, 5, 0, 5*time.Millisecond) }
func TestPacedBuffered(t *testing.T) { testSPSC(t, 5, 10, 5*time.Millisecond) }
