// starve: a heartbeat beside CPU-bound work. A heartbeat ticks every
// 10 ms while one consumer computes --cpu units on each item. The
// runtime preempts a goroutine that computes for long, so the
// heartbeat keeps its pace whatever the work.
// Twin: python/chankit/aio/starve.py
package starve

import (
	"sync"
	"time"

	"chankit/kit"
)

// The producer is spsc's: it sends, then closes.
func producer(ch chan<- int, cfg kit.Config, log kit.Actor) {
	for item := range cfg.Items {
		kit.Pause(cfg.Delay)
		ch <- item
		log.Put(item)
	}
	close(ch)
}

// The consumer computes on each item. It never waits while it does,
// yet it does not hold up the heartbeat: other goroutines run on
// other cores, and on one core the runtime preempts it (every 10 ms
// or so) to let them.
func consumer(ch <-chan int, cfg kit.Config, log kit.Actor) {
	for item := range ch {
		log.Get(item)
		kit.Compute(cfg.CPU)
	}
}

// The heartbeat ticks every 10 ms, short beside an item's work,
// until main says stop: a ticker's channel and a done channel, in
// one select.
func heartbeat(done <-chan struct{}, log kit.Actor) {
	ticker := time.NewTicker(10 * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case <-done:
			return
		case <-ticker.C:
			log.Tick()
		}
	}
}

// main waits for the consumer, then stops the heartbeat and waits
// for it too.
func main(cfg kit.Config, tr *kit.Tracer) {
	ch := make(chan int, cfg.Buffer)
	done := make(chan struct{})
	var beat, work sync.WaitGroup
	beat.Go(func() { heartbeat(done, tr.Actor("heartbeat", 0)) })
	work.Go(func() { consumer(ch, cfg, tr.Actor("consumer", 0)) })
	producer(ch, cfg, tr.Actor("producer", 0))
	work.Wait()
	close(done)
	beat.Wait()
}

func init() { kit.Register("starve", main) }
