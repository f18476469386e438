// Package failfast is the errors scenario: a pool of workers where
// one fails. errgroup cancels the others and hands main the first
// error. Twin: python/chankit/aio/errors.py
package failfast

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"

	"chankit/kit"
)

// Failed is the error a worker returns for the item it cannot
// handle; main reads the item back out of it.
type Failed struct{ item int }

func (f Failed) Error() string {
	return fmt.Sprintf("item %d failed", f.item)
}

// The producer stops when the group's context is cancelled, and
// closes the channel in every case, so that no worker waits on it.
func producer(ctx context.Context, ch chan<- int, cfg kit.Config,
	log kit.Actor) error {
	defer close(ch)
	for item := range cfg.Items {
		if err := kit.PauseContext(ctx, cfg.Delay); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ch <- item:
			log.Put(item)
		}
	}
	return nil
}

// A worker returns an error instead of panicking; the group does
// the rest. The others learn of it from ctx, which cuts their work
// short, or from the channel, which the stopped producer closes.
func worker(ctx context.Context, ch <-chan int, bad int,
	cfg kit.Config, log kit.Actor) error {
	for item := range ch {
		log.Get(item)
		if item == bad {
			return Failed{item}
		}
		if err := kit.PauseContext(ctx, cfg.Work); err != nil {
			return err
		}
	}
	return nil
}

// Wait returns the first error only: the others' ctx errors, which
// follow from it, are dropped. The middle item is the bad one.
func main(cfg kit.Config, tr *kit.Tracer) {
	group, ctx := errgroup.WithContext(context.Background())
	ch := make(chan int, cfg.Buffer)
	group.Go(func() error {
		return producer(ctx, ch, cfg, tr.Actor("producer", 0))
	})
	for k := range cfg.Consumers {
		group.Go(func() error {
			log := tr.Actor("worker", k)
			return worker(ctx, ch, cfg.Items/2, cfg, log)
		})
	}
	if err, ok := group.Wait().(Failed); ok {
		tr.Main().Error(err.item)
	}
}

func init() { kit.Register("errors", main) }
