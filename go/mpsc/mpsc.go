// mpsc: several producers feed one consumer through one channel.
// Producer k counts up from its own base (0, 10, 20, … for small
// runs: kit.Base), so every item is unique and tells who made it.
// Twin: python/chankit/aio/mpsc.py
package mpsc

import (
	"sync"

	"chankit/kit"
)

// A producer only sends. With several senders none of them may
// close the channel (a send on a closed channel panics), so
// closing is left to main, once every producer is done.
func producer(ch chan<- int, k int, cfg kit.Config, log kit.Actor) {
	for i := range cfg.Items {
		kit.Pause(cfg.Delay)
		item := kit.Base(k, cfg.Items) + i
		ch <- item
		log.Put(item)
	}
}

// The consumer is the same as in spsc: it cannot tell how many
// producers there are, only that the channel is closed and empty.
func consumer(ch <-chan int, log kit.Actor) {
	for item := range ch {
		log.Get(item)
	}
}

// One WaitGroup counts the producers so that main knows when to
// close; a second waits for the consumer to drain the channel.
func main(cfg kit.Config, tr *kit.Tracer) {
	ch := make(chan int, cfg.Buffer)
	var done sync.WaitGroup
	done.Go(func() { consumer(ch, tr.Actor("consumer", 0)) })
	var producers sync.WaitGroup
	for k := range cfg.Producers {
		producers.Go(func() {
			producer(ch, k, cfg, tr.Actor("producer", k))
		})
	}
	producers.Wait()
	close(ch)
	done.Wait()
}

func init() { kit.Register("mpsc", main) }
