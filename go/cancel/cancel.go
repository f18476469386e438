// cancel: stopping early. Producers would send forever; the
// consumer takes as many items as it wants, then cancels a context,
// and every producer stops, whatever it was waiting on.
// Twin: python/chankit/aio/cancel.py
package cancel

import (
	"context"
	"sync"

	"chankit/kit"
)

// A goroutine cannot be stopped from outside: it must look at
// ctx.Done() wherever it may wait, here in the pause (which
// kit.PauseContext cuts short) and in the send, or it waits forever
// once nobody receives (a leak). With no last item to count to,
// producer k sends k, k+P, k+2P, … (P producers), so that no two
// ever send the same number.
func producer(ctx context.Context, ch chan<- int, k int,
	cfg kit.Config, log kit.Actor) {
	for item := k; ; item += cfg.Producers {
		if kit.PauseContext(ctx, cfg.Delay) != nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case ch <- item:
			log.Put(item)
		}
	}
}

// The consumer decides when it has enough and calls cancel: one
// call reaches every goroutine holding the context.
func consumer(ch <-chan int, want int, cancel func(), log kit.Actor) {
	for range want {
		log.Get(<-ch)
	}
	log.Cancel()
	cancel()
}

// main waits for the producers as well: cancel only asks them to
// stop, and returning before they have would leave them running.
func main(cfg kit.Config, tr *kit.Tracer) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan int, cfg.Buffer)
	var producers sync.WaitGroup
	for k := range cfg.Producers {
		producers.Go(func() {
			producer(ctx, ch, k, cfg, tr.Actor("producer", k))
		})
	}
	consumer(ch, cfg.Items, cancel, tr.Actor("consumer", 0))
	producers.Wait()
}

func init() { kit.Register("cancel", main) }
