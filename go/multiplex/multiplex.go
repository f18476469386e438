// Package multiplex is the select scenario (select is a Go keyword,
// so it cannot name the package): one consumer receives from two
// producers' channels, a and b, and from a quit channel, whichever
// is ready first. Twin: python/chankit/aio/select.py
package multiplex

import (
	"sync"

	"chankit/kit"
)

// Each producer sends on a channel of its own and never closes it:
// the end is announced once, on quit, rather than per channel.
func producer(ch chan<- int, k int, cfg kit.Config, log kit.Actor) {
	for i := range cfg.Items {
		kit.Pause(cfg.Delay)
		item := kit.Base(k, cfg.Items) + i
		ch <- item
		log.Put(item)
	}
}

// select waits until one case is ready, and if several are, picks
// one at random. So quit may win while an item still sits in a
// buffer: on quit, the consumer takes what is left without waiting
// (the default case) before it returns.
func consumer(a, b <-chan int, quit <-chan struct{}, log kit.Actor) {
	logA, logB := log.On("a"), log.On("b")
	for {
		select {
		case item := <-a:
			logA.Get(item)
		case item := <-b:
			logB.Get(item)
		case <-quit:
			for {
				select {
				case item := <-a:
					logA.Get(item)
				case item := <-b:
					logB.Get(item)
				default:
					return
				}
			}
		}
	}
}

// main closes quit once both producers have sent everything: a
// closed channel is always ready to receive from, so closing is how
// one goroutine signals another that waits in a select.
func main(cfg kit.Config, tr *kit.Tracer) {
	a, b := make(chan int, cfg.Buffer), make(chan int, cfg.Buffer)
	quit := make(chan struct{})
	var producers, done sync.WaitGroup
	done.Go(func() { consumer(a, b, quit, tr.Actor("consumer", 0)) })
	for k, ch := range []chan int{a, b} {
		name := string(rune('a' + k))
		producers.Go(func() {
			producer(ch, k, cfg, tr.Actor("producer", k).On(name))
		})
	}
	producers.Wait()
	close(quit)
	done.Wait()
}

func init() { kit.Register("select", main) }
