// ratelimit: items handed out at a fixed rate, one every --delay
// seconds. A time.Ticker keeps a fixed schedule: a late send does
// not push every later one back, as sleeping between sends would.
// Twin: python/chankit/aio/ratelimit.py
package ratelimit

import (
	"sync"
	"time"

	"chankit/kit"
)

// The producer waits for each tick before it sends. A ticker needs
// a period above 0: with --delay 0 there is no rate to keep. If a
// send is late, the ticker keeps one missed tick and drops the rest,
// so it catches up by one; the asyncio twin catches up on them all.
func producer(ch chan<- int, cfg kit.Config, log kit.Actor) {
	var tick <-chan time.Time
	if cfg.Delay > 0 {
		ticker := time.NewTicker(cfg.Delay)
		defer ticker.Stop()
		tick = ticker.C
	}
	for item := range cfg.Items {
		if tick != nil {
			<-tick
		}
		ch <- item
		log.Put(item)
	}
	close(ch)
}

// The consumer takes the items as they come.
func consumer(ch <-chan int, log kit.Actor) {
	for item := range ch {
		log.Get(item)
	}
}

// main is spsc's: the rate lives in the producer alone.
func main(cfg kit.Config, tr *kit.Tracer) {
	ch := make(chan int, cfg.Buffer)
	var wg sync.WaitGroup
	wg.Go(func() { consumer(ch, tr.Actor("consumer", 0)) })
	producer(ch, cfg, tr.Actor("producer", 0))
	wg.Wait()
}

func init() { kit.Register("ratelimit", main) }
