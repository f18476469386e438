// rendezvous: an unbuffered channel is a meeting. A send completes
// only when a receiver takes the item, so a fast producer moves at
// the pace of a slow consumer, item by item.
// Twins: python/chankit/aio/rendezvous.py (a queue of one, which
// is not the same) and python/chankit/handoff/rendezvous.py (which is)
package rendezvous

import (
	"sync"

	"chankit/kit"
)

// The producer pauses only for --delay (none by default here);
// otherwise each send waits for the consumer.
func producer(ch chan<- int, cfg kit.Config, log kit.Actor) {
	for item := range cfg.Items {
		kit.Pause(cfg.Delay)
		ch <- item
		log.Put(item)
	}
	close(ch)
}

// The consumer takes an item, then works on it; the producer's next
// send completes when the consumer comes back for it.
func consumer(ch <-chan int, cfg kit.Config, log kit.Actor) {
	for item := range ch {
		log.Get(item)
		kit.Pause(cfg.Work)
	}
}

// Capacity 0 (the default) is the rendezvous; a larger --buffer
// turns it into backpressure.
func main(cfg kit.Config, tr *kit.Tracer) {
	ch := make(chan int, cfg.Buffer)
	var wg sync.WaitGroup
	wg.Go(func() { consumer(ch, cfg, tr.Actor("consumer", 0)) })
	producer(ch, cfg, tr.Actor("producer", 0))
	wg.Wait()
}

func init() { kit.Register("rendezvous", main) }
