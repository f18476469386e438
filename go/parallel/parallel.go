// parallel: CPU-bound work on a pool of workers. One producer, W
// workers reading one channel, each computing --cpu units on every
// item it takes. Go runs goroutines on every core: W workers finish
// up to W times sooner than one, as far as the cores go.
// Twin: python/chankit/aio/parallel.py
package parallel

import (
	"sync"

	"chankit/kit"
)

// The producer is workers': it sends, then closes, and does not
// know how many workers there are.
func producer(ch chan<- int, cfg kit.Config, log kit.Actor) {
	for item := range cfg.Items {
		kit.Pause(cfg.Delay)
		ch <- item
		log.Put(item)
	}
	close(ch)
}

// The work is computation, not waiting: a goroutine doing it holds
// an OS thread, and the runtime gives each of GOMAXPROCS threads a
// core, so W workers compute on up to W cores at once.
func worker(ch <-chan int, cfg kit.Config, log kit.Actor) {
	for item := range ch {
		log.Get(item)
		kit.Compute(cfg.CPU)
	}
}

// The pool is a WaitGroup: main returns once every worker is done.
func main(cfg kit.Config, tr *kit.Tracer) {
	ch := make(chan int, cfg.Buffer)
	var pool sync.WaitGroup
	for k := range cfg.Consumers {
		pool.Go(func() { worker(ch, cfg, tr.Actor("worker", k)) })
	}
	producer(ch, cfg, tr.Actor("producer", 0))
	pool.Wait()
}

func init() { kit.Register("parallel", main) }
