package multiplex

import (
	"bytes"
	"strings"
	"testing"

	"chankit/kit"
)

// quit can be ready at the same time as items still in the buffers,
// and select then picks at random. The consumer must take those
// items before it returns, whichever case select picked first.
func TestQuitDoesNotLoseBufferedItems(t *testing.T) {
	for range 50 {
		a, b := make(chan int, 3), make(chan int, 3)
		for i := range 3 {
			a <- i
			b <- 10 + i
		}
		quit := make(chan struct{})
		close(quit)
		var out bytes.Buffer
		tr := kit.NewTracer(&out, kit.JSON)
		consumer(a, b, quit, tr.Actor("consumer", 0))
		if got := strings.Count(out.String(), `"op":"get"`); got != 6 {
			t.Fatalf("took %d of 6 items:\n%s", got, out.String())
		}
	}
}
