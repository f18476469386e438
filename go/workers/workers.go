// workers: fan-out. One producer, a pool of workers all reading one
// channel; each item goes to whichever worker is free.
// Twin: python/chankit/aio/workers.py
package workers

import (
	"sync"

	"chankit/kit"
)

// The producer is spsc's: it sends, then closes, and does not know
// or care how many workers there are.
func producer(ch chan<- int, cfg kit.Config, log kit.Actor) {
	for item := range cfg.Items {
		kit.Pause(cfg.Delay)
		ch <- item
		log.Put(item)
	}
	close(ch)
}

// Every worker ranges over the same channel. A receive takes an
// item away, so the channel hands each item to exactly one worker,
// and each worker sees its items in the order they were sent.
func worker(ch <-chan int, cfg kit.Config, log kit.Actor) {
	for item := range ch {
		log.Get(item)
		kit.Pause(cfg.Work)
	}
}

// The pool is a WaitGroup: main returns once every worker has seen
// the channel closed and empty.
func main(cfg kit.Config, tr *kit.Tracer) {
	ch := make(chan int, cfg.Buffer)
	var pool sync.WaitGroup
	for k := range cfg.Consumers {
		pool.Go(func() { worker(ch, cfg, tr.Actor("worker", k)) })
	}
	producer(ch, cfg, tr.Actor("producer", 0))
	pool.Wait()
}

func init() { kit.Register("workers", main) }
