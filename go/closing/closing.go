// Package closing is the close scenario: ending a stream. The
// producer closes the channel, and each consumer learns of it from a
// receive, with the `item, ok` form: one close reaches every
// consumer. Twin: python/chankit/aio/close.py (a sentinel);
// python/chankit/joined/close.py and python/chankit/shutdown/close.py
// end the stream the other ways.
package closing

import (
	"sync"

	"chankit/kit"
)

// Only a sender closes, and only once: closing a closed channel
// panics, and so does sending on one (closing_test.go shows both).
// So the one producer closes, after its last send.
func producer(ch chan<- int, cfg kit.Config, log kit.Actor) {
	for item := range cfg.Items {
		kit.Pause(cfg.Delay)
		ch <- item
		log.Put(item)
	}
	close(ch)
}

// A receive from a closed channel never blocks: once the buffer is
// drained, it returns the zero value at once, with ok false. ok,
// not the value, tells the end: 0 is a real item too. (`range ch`,
// as spsc uses, is this loop written short.)
func consumer(ch <-chan int, cfg kit.Config, log kit.Actor) {
	for {
		item, ok := <-ch
		if !ok {
			log.Closed()
			return
		}
		log.Get(item)
		kit.Pause(cfg.Work)
	}
}

// close is a broadcast: it wakes every consumer waiting on the
// channel, however many there are, which one item in a queue
// cannot do: the Python twin has to put one sentinel per consumer.
func main(cfg kit.Config, tr *kit.Tracer) {
	ch := make(chan int, cfg.Buffer)
	var wg sync.WaitGroup
	for k := range cfg.Consumers {
		wg.Go(func() { consumer(ch, cfg, tr.Actor("consumer", k)) })
	}
	producer(ch, cfg, tr.Actor("producer", 0))
	wg.Wait()
}

func init() { kit.Register("close", main) }
