// spsc: one producer, one consumer, one channel. The producer
// sends 0..N-1, pausing before each send; the consumer takes each
// number as it arrives. Twin: python/chankit/aio/spsc.py
package spsc

import (
	"sync"

	"chankit/kit"
)

// The producer owns the channel's sending side, so it is the one
// that closes it: close is how a Go sender says "no more items".
// Receivers may still drain what is buffered after the close.
func producer(ch chan<- int, cfg kit.Config, log kit.Actor) {
	for item := range cfg.Items {
		kit.Pause(cfg.Delay)
		ch <- item
		log.Put(item)
	}
	close(ch)
}

// range over a channel receives until the channel is closed and
// empty, so the consumer needs no sentinel and no item count.
func consumer(ch <-chan int, log kit.Actor) {
	for item := range ch {
		log.Get(item)
	}
}

// With capacity 0 the channel is unbuffered: each send waits for
// the consumer to take the item. main must still wait for the
// consumer: after the last send it may not yet have handled that
// item, and with a buffer it may not even have taken it. The
// WaitGroup is that wait. (The blog post's main does not wait.)
func main(cfg kit.Config, tr *kit.Tracer) {
	ch := make(chan int, cfg.Buffer)
	var wg sync.WaitGroup
	wg.Go(func() { consumer(ch, tr.Actor("consumer", 0)) })
	producer(ch, cfg, tr.Actor("producer", 0))
	wg.Wait()
}

func init() { kit.Register("spsc", main) }
