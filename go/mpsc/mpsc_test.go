package mpsc

import (
	"slices"
	"testing"
	"time"

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
			if item >= base(k, items) && item < base(k+1, items) {
				mine = append(mine, item)
			}
		}
		want := make([]int, items)
		for i := range want {
			want[i] = base(k, items) + i
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

// The post's bases: producer 0 from 0, producer 1 from 10.
func TestBase(t *testing.T) {
	for _, c := range []struct{ k, items, want int }{
		{0, 5, 0}, {1, 5, 10}, {1, 10, 10}, {1, 11, 100},
		{3, 1000, 3000}, {2, 0, 20},
	} {
		if got := base(c.k, c.items); got != c.want {
			t.Errorf("base(%d, %d) = %d, want %d", c.k, c.items, got,
				c.want)
		}
	}
}
