// pitfall: the blog post's main, which returns as soon as its
// producer is done. Here the consumer works on each item, so it is
// behind when main returns, and what it has not taken is lost. The
// kit runs it to show the loss; spsc shows the fix.
// Twin: python/chankit/aio/pitfall.py
package pitfall

import "chankit/kit"

// The producer is spsc's, except that it never closes the channel:
// in the post nobody says "no more", because nobody waits to hear.
func producer(ch chan<- int, cfg kit.Config, log kit.Actor) {
	for item := range cfg.Items {
		kit.Pause(cfg.Delay)
		ch <- item
		log.Put(item)
	}
}

// The consumer takes an item, then works on it for a while, as a
// consumer that does anything with its items does.
func consumer(ch <-chan int, cfg kit.Config, log kit.Actor) {
	for item := range ch {
		log.Get(item)
		kit.Pause(cfg.Work)
	}
}

// The bug: nothing waits for the consumer. When main returns, the
// program ends, and the consumer goroutine ends with it, whatever is
// still in the channel. The fix is spsc's: close, and wait. This is
// the one scenario that starts a goroutine with a bare `go` and no
// WaitGroup, on purpose: the consumer it leaves running is what the
// harness's no_leaks contract and go test's goleak check must see.
func main(cfg kit.Config, tr *kit.Tracer) {
	ch := make(chan int, cfg.Buffer)
	go consumer(ch, cfg, tr.Actor("consumer", 0))
	producer(ch, cfg, tr.Actor("producer", 0))
}

func init() { kit.Register("pitfall", main) }
