// timeout: a receive that gives up after a while. The producer
// stalls before every third item, and the consumer, whose patience
// is twice the usual pause, times out once for each stall.
// Twin: python/chankit/aio/timeout.py
package timeout

import (
	"sync"
	"time"

	"chankit/kit"
)

// pause is the producer's wait before an item: the usual delay, or
// three times as long before every third item, a stall.
func pause(item int, delay time.Duration) time.Duration {
	if item%3 == 2 {
		return 3 * delay
	}
	return delay
}

// The producer is spsc's, with a stall before every third item.
func producer(ch chan<- int, cfg kit.Config, log kit.Actor) {
	for item := range cfg.Items {
		kit.Pause(pause(item, cfg.Delay))
		ch <- item
		log.Put(item)
	}
	close(ch)
}

// A select with a timer: whichever comes first, the item or the
// timer, wins. A receive that times out takes nothing, so the
// next round simply waits again; no item is lost to a timeout.
// No patience means no timeout: a nil channel is never ready, so
// the timer's case can never be chosen.
func consumer(ch <-chan int, patience time.Duration, log kit.Actor) {
	for {
		var timer <-chan time.Time
		if patience > 0 {
			timer = time.After(patience)
		}
		select {
		case item, ok := <-ch:
			if !ok {
				return
			}
			log.Get(item)
		case <-timer:
			log.Timeout()
		}
	}
}

// Patience of two pauses: a stall of three times out once. main
// waits for the consumer as spsc's does.
func main(cfg kit.Config, tr *kit.Tracer) {
	ch := make(chan int, cfg.Buffer)
	var wg sync.WaitGroup
	wg.Go(func() {
		consumer(ch, 2*cfg.Delay, tr.Actor("consumer", 0))
	})
	producer(ch, cfg, tr.Actor("producer", 0))
	wg.Wait()
}

func init() { kit.Register("timeout", main) }
