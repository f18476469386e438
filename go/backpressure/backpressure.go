// backpressure: a fast producer and a slow consumer. Once the
// channel's buffer is full, each send waits for the consumer to take
// an item, so the consumer sets the producer's pace.
// Twin: python/chankit/aio/backpressure.py
package backpressure

import (
	"sync"

	"chankit/kit"
)

// The producer pauses only for --delay (none by default here);
// otherwise only a full buffer can stop it.
func producer(ch chan<- int, cfg kit.Config, log kit.Actor) {
	for item := range cfg.Items {
		kit.Pause(cfg.Delay)
		ch <- item
		log.Put(item)
	}
	close(ch)
}

// The consumer works on each item; while it does, the buffer fills.
func consumer(ch <-chan int, cfg kit.Config, log kit.Actor) {
	for item := range ch {
		log.Get(item)
		kit.Pause(cfg.Work)
	}
}

// The capacity is the only limit on how far ahead the producer can
// run: --buffer items, plus the one the consumer is taking.
func main(cfg kit.Config, tr *kit.Tracer) {
	ch := make(chan int, cfg.Buffer)
	var wg sync.WaitGroup
	wg.Go(func() { consumer(ch, cfg, tr.Actor("consumer", 0)) })
	producer(ch, cfg, tr.Actor("producer", 0))
	wg.Wait()
}

func init() { kit.Register("backpressure", main) }
