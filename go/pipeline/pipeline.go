// pipeline: stages joined by channels, as in the Go blog's pipelines
// article: generate numbers, square them, add up the squares. With
// --consumers N the middle stage runs as N goroutines: the squares
// then arrive in any order, but each exactly once.
// Twin: python/chankit/aio/pipeline.py
package pipeline

import (
	"sync"

	"chankit/kit"
)

// The first stage sends 1..N and closes its output when done.
func generate(out chan<- int, cfg kit.Config, log kit.Actor) {
	for n := 1; n <= cfg.Items; n++ {
		kit.Pause(cfg.Delay)
		out <- n
		log.Put(n)
	}
	close(out)
}

// A middle stage receives until its input is closed and sends on;
// the trace names the channel of each side.
func square(in <-chan int, out chan<- int, log kit.Actor) {
	from, to := log.On("numbers"), log.On("squares")
	for n := range in {
		from.Get(n)
		out <- n * n
		to.Put(n * n)
	}
}

// The last stage drains its input; it ends when the middle stage
// has closed it.
func total(in <-chan int, log kit.Actor) int {
	sum := 0
	for sq := range in {
		log.Get(sq)
		sum += sq
	}
	return sum
}

// Each channel is closed by the stage that sends on it; with several
// squarers, by whoever waits for all of them: here, squarers.
func main(cfg kit.Config, tr *kit.Tracer) {
	numbers := make(chan int, cfg.Buffer)
	squares := make(chan int, cfg.Buffer)

	// The squarers share one output, so none of them may close it:
	// a WaitGroup of their own says when the last one is done.
	squarers := func() {
		var group sync.WaitGroup
		for k := range cfg.Consumers {
			group.Go(func() {
				square(numbers, squares, tr.Actor("square", k))
			})
		}
		group.Wait()
		close(squares)
	}

	// main is the last stage. Once squares is closed, every stage
	// has sent all it will, but its goroutine may not have returned
	// yet: main waits for them before it returns.
	var wg sync.WaitGroup
	wg.Go(func() {
		generate(numbers, cfg, tr.Actor("producer", 0).On("numbers"))
	})
	wg.Go(squarers)
	total(squares, tr.Actor("consumer", 0).On("squares"))
	wg.Wait()
}

func init() { kit.Register("pipeline", main) }
