package kit

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"time"
)

// Main is a scenario's main: it runs the pattern once, to the end.
type Main func(cfg Config, tr *Tracer)

type scenario struct {
	main  Main
	takes []string
}

var scenarios = map[string]scenario{}

// Register adds a scenario under its id, with the flags it takes
// beyond the ones every scenario has (items, buffer, delay).
func Register(id string, main Main, takes ...string) {
	scenarios[id] = scenario{main, append(
		[]string{"items", "buffer", "delay"}, takes...)}
}

// Takes lists the flags a registered scenario takes.
func Takes(id string) []string { return scenarios[id].takes }

// Known lists the registered scenario ids, sorted.
func Known() []string {
	ids := make([]string, 0, len(scenarios))
	for id := range scenarios {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Run is the whole program: parse, check, run, exit status.
func Run(argv []string, stdout, stderr io.Writer) int {
	args, err := Parse(argv)
	if args.Help {
		fmt.Fprint(stdout, Usage)
		return 0
	}
	var cfg Config
	if err == nil {
		var takes []string
		if s, ok := scenarios[args.Scenario]; ok {
			takes = s.takes
		}
		cfg, err = Resolve(args, Known(), takes)
	}
	if err != nil {
		fmt.Fprintf(stderr, "chankit: %s\n", err)
		return 2
	}
	if os.Getenv("CHANKIT_CHECK_ONLY") == "1" {
		return 0 // the tests compare both parsers on random input
	}
	mode := Human
	if args.Trace {
		mode = JSON
	}
	tr := NewTracer(stdout, mode)
	tr.Start(args.Scenario, cfg, runtime.Version(),
		runtime.GOMAXPROCS(0))
	before := runtime.NumGoroutine()
	scenarios[args.Scenario].main(cfg, tr)
	// Closed before the count, which may wait: what a goroutine left
	// running (pitfall's consumer) does after main has returned is
	// not part of the run.
	tr.Close()
	tr.End(Leftover(before))
	return 0
}

// Settle is how long Leftover waits for goroutines to finish. Every
// scenario but pitfall waits for each goroutine it starts, so when
// its main returns they have all called wg.Done (errgroup calls it
// too); but a goroutine that has done so may not have returned yet,
// and on a busy machine it can wait a while for a core to do it. That is all the wait is for: it ends as soon as they are gone.
// Only a goroutine left running on purpose, pitfall's consumer on a
// channel nobody closes, makes Leftover wait Settle out, and it is
// then counted.
const Settle = 500 * time.Millisecond

// Leftover counts the goroutines started since there were `before`
// that are still running, after waiting up to Settle for them.
func Leftover(before int) int {
	deadline := time.Now().Add(Settle)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	return max(runtime.NumGoroutine()-before, 0)
}
