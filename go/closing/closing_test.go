package closing

import (
	"testing"

	"chankit/kit/kittest"
)

// The rules of a closed channel, which the scenario relies on and a
// reader must know. Each is a runtime fact, checked here rather
// than shown in a demo: two of them crash the program.
func TestReceiveFromClosedReturnsAtOnce(t *testing.T) {
	ch := make(chan int, 2)
	ch <- 7
	close(ch)
	// What was buffered before the close is still delivered...
	if item, ok := <-ch; item != 7 || !ok {
		t.Fatalf("got %d, %v; want 7, true", item, ok)
	}
	// ...then every receive returns the zero value, without waiting.
	for range 3 {
		if item, ok := <-ch; item != 0 || ok {
			t.Fatalf("got %d, %v; want 0, false", item, ok)
		}
	}
}

func TestSendOnClosedPanics(t *testing.T) {
	ch := make(chan int, 1)
	close(ch)
	wantPanic(t, "send on closed channel", func() { ch <- 1 })
}

func TestCloseTwicePanics(t *testing.T) {
	ch := make(chan int)
	close(ch)
	wantPanic(t, "close of closed channel", func() { close(ch) })
}

func wantPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		err, _ := recover().(error)
		if err == nil || err.Error() != want {
			t.Fatalf("recovered %v; want panic %q", err, want)
		}
	}()
	f()
}

// One close ends every consumer, each exactly once, after its last
// item.
func TestCloseReachesEveryConsumer(t *testing.T) {
	cfg := kittest.Config(50, 1, 1, 0)
	cfg.Consumers = 4
	events := kittest.Run(t, main, cfg)
	closed, got := map[string]int{}, 0
	for _, e := range events {
		switch e.Op {
		case "closed":
			closed[e.Actor]++
		case "get":
			got++
			if closed[e.Actor] > 0 {
				t.Errorf("%s got %d after the close", e.Actor, e.Item)
			}
		}
	}
	if got != 50 || len(closed) != 4 {
		t.Fatalf("%d items, closes %v; want 50 and 4 consumers",
			got, closed)
	}
	for who, n := range closed {
		if n != 1 {
			t.Errorf("%s saw the close %d times", who, n)
		}
	}
}
