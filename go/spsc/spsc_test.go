package spsc

import (
	"slices"
	"testing"
	"time"

	"chankit/kit/kittest"
)

// testSPSC runs the scenario once and checks what a reader of the
// post expects: every number, once, in order, at the producer's pace.
func testSPSC(t *testing.T, items, buffer int, delay time.Duration) {
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
	if took := time.Since(start); took < time.Duration(items)*delay {
		t.Fatalf("took %v, less than %d delays of %v", took, items,
			delay)
	}
}

func TestUnbuffered(t *testing.T)    { testSPSC(t, 1000, 0, 0) }
func TestBufferOne(t *testing.T)     { testSPSC(t, 1000, 1, 0) }
func TestBuffered(t *testing.T)      { testSPSC(t, 1000, 100, 0) }
func TestBufferHuge(t *testing.T)    { testSPSC(t, 10, 1000, 0) }
func TestNoItems(t *testing.T)       { testSPSC(t, 0, 0, 0) }
func TestPaced(t *testing.T)         { testSPSC(t, 5, 0, 5*time.Millisecond) }
func TestPacedBuffered(t *testing.T) { testSPSC(t, 5, 10, 5*time.Millisecond) }
