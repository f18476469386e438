package mpsc

import (
	"slices"
	"testing"
	"time"

	"chankit/kit"
	"chankit/kit/kittest"
)

// testMPSC runs the scenario once and checks that the consumer got
// every producer's items exactly once and each producer's in order.
func testMPSC(t *testing.T, producers, items, buffer int,
	delay time.Duration) {
	cfg := kittest.Config(items, producers, buffer, delay)
	got := kittest.Received(kittest.Run(t, main, cfg))["consumer-0"]
	if len(got) != producers*items {
		t.Fatalf("consumer got %d items, want %d", len(got),
			producers*items)
	}
	for k := range producers {
		var mine []int
		for _, item := range got {
			if item >= kit.Base(k, items) && item < kit.Base(k+1, items) {
				mine = append(mine, item)
			}
		}
		want := make([]int, items)
		for i := range want {
			want[i] = kit.Base(k, items) + i
		}
		if !slices.Equal(mine, want) {
			t.Fatalf("producer-%d's items arrived as %v, want %v", k,
				mine, want)
		}
	}
}

func TestTwoProducers(t *testing.T)  { testMPSC(t, 2, 1000, 0, 0) }
func TestManyProducers(t *testing.T) { testMPSC(t, 64, 100, 0, 0) }
func TestManyBuffered(t *testing.T)  { testMPSC(t, 64, 100, 16, 0) }
func TestOneProducer(t *testing.T)   { testMPSC(t, 1, 100, 1, 0) }
func TestPostPaced(t *testing.T) {
	testMPSC(t, 2, 5, 0, 5*time.Millisecond)
}
