// fanin: several producers, each with a channel of its own, merged
// into one channel that a single consumer reads.
// Twin: python/chankit/aio/fanin.py
package fanin

import (
	"sync"

	"chankit/kit"
)

// Each producer owns its channel, so each closes its own when done.
func producer(ch chan<- int, k int, cfg kit.Config, log kit.Actor) {
	for i := range cfg.Items {
		kit.Pause(cfg.Delay)
		item := kit.Base(k, cfg.Items) + i
		ch <- item
		log.Put(item)
	}
	close(ch)
}

// merge forwards every input to one output, a goroutine per input,
// and closes the output once all of them have seen their input
// closed: the Go blog's pipelines article calls this fan-in.
func merge(inputs []chan int, out chan<- int) {
	var forwarders sync.WaitGroup
	for _, in := range inputs {
		forwarders.Go(func() {
			for item := range in {
				out <- item
			}
		})
	}
	forwarders.Wait()
	close(out)
}

// The consumer reads one channel and never learns there were many.
func consumer(ch <-chan int, log kit.Actor) {
	for item := range ch {
		log.Get(item)
	}
}

// main wires it up and is the consumer itself. The merged channel
// is closed once every producer is done, but a closed channel does
// not mean the goroutines have returned: main waits for them too,
// so that none is left running when it returns.
func main(cfg kit.Config, tr *kit.Tracer) {
	inputs := make([]chan int, cfg.Producers)
	merged := make(chan int, cfg.Buffer)
	var wg sync.WaitGroup
	for k := range inputs {
		inputs[k] = make(chan int, cfg.Buffer)
		wg.Go(func() {
			producer(inputs[k], k, cfg, tr.Actor("producer", k))
		})
	}
	wg.Go(func() { merge(inputs, merged) })
	consumer(merged, tr.Actor("consumer", 0))
	wg.Wait()
}

func init() { kit.Register("fanin", main) }
