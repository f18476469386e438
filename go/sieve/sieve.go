// sieve: the concurrent prime sieve of Go's test/chan/sieve1.go. A
// generator sends 2, 3, 4, ... and each prime found starts a sift
// that passes on only the numbers the prime does not divide, so the
// first number out of the chain is always the next prime. Twin:
// python/chankit/aio/sieve.py
package sieve

import (
	"context"
	"sync"

	"chankit/kit"
)

// The generator never runs out: the context is how main tells it,
// and every sift, to stop once it has its primes. Its sends are
// traced, so that each prime main gets is one it sent.
func generate(ctx context.Context, ch chan<- int, cfg kit.Config,
	log kit.Actor) {
	for n := 2; ; n++ {
		if kit.PauseContext(ctx, cfg.Delay) != nil {
			return
		}
		select {
		case ch <- n:
			log.Put(n)
		case <-ctx.Done():
			return
		}
	}
}

// A sift owns its out channel. Both its receive and its send give
// up on cancel: the stage before or after may have stopped already.
func sift(ctx context.Context, in <-chan int, out chan<- int,
	prime int) {
	for {
		var n int
		select {
		case n = <-in:
		case <-ctx.Done():
			return
		}
		if n%prime == 0 {
			continue
		}
		select {
		case out <- n:
		case <-ctx.Done():
			return
		}
	}
}

// main takes N primes off the end of the chain, adding a sift for
// each; then it cancels and waits for the generator and every sift
// to go. (sieve1.go's main returns and leaves them all running.)
func main(cfg kit.Config, tr *kit.Tracer) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	log := tr.Actor("consumer", 0)
	ch := make(chan int, cfg.Buffer)
	gen := tr.Actor("producer", 0)
	wg.Go(func() { generate(ctx, ch, cfg, gen) })
	for range cfg.Items {
		prime := <-ch
		log.Get(prime)
		in, out := ch, make(chan int, cfg.Buffer)
		wg.Go(func() { sift(ctx, in, out, prime) })
		ch = out
	}
	cancel()
	wg.Wait()
}

func init() { kit.Register("sieve", main) }
