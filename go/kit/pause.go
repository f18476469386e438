package kit

import (
	"context"
	"time"
)

// Pause is a producer's wait before a send, or a consumer's work on
// an item: d of doing nothing. A delay of 0 is no pause at all:
// Pause returns at once, without handing the core to another
// goroutine. time.Sleep(0) already does; the rule is stated here
// because it is the kit's, not an accident of time.Sleep: the Python
// twins keep it too, where asyncio.sleep(0) would yield to every
// ready task.
func Pause(d time.Duration) {
	if d > 0 {
		time.Sleep(d)
	}
}

// PauseContext is Pause for a goroutine that must stop when ctx is
// cancelled: it returns ctx.Err() as soon as ctx is done, nil once d
// has passed. A delay of 0 is no pause here either; it only looks at
// ctx, so a cancelled goroutine still stops at its next pause.
func PauseContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
