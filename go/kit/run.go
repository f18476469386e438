package kit

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"
)

// Main is a scenario's main: it runs the pattern once, to the end.
type Main func(cfg Config, tr *Tracer)

type scenario struct {
	main  Main
	takes []string
}

var scenarios = map[string]scenario{}

// Register adds a scenario under its id. The flags it takes are
// the registry's (scenarios.toml, written into registry.go): a
// scenario the registry does not list cannot be registered.
func Register(id string, main Main) {
	takes, ok := registryTakes[id]
	if !ok {
		panic(fmt.Sprintf("kit.Register: scenario %q is not in "+
			"scenarios.toml (run make to write go/kit/registry.go "+
			"again)", id))
	}
	register(id, main, takes)
}

// register adds a scenario with the flags given: the kit's own
// tests, for scenarios of their own.
func register(id string, main Main, takes []string) {
	scenarios[id] = scenario{main, takes}
}

// Lossy says whether a scenario may lose items on purpose (the
// registry holds it to at_most_once, or expects exactly_once to
// fail): its tests check delivery only where it may not.
func Lossy(id string) bool { return registryLossy[id] }

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
	if err == nil && args.Help {
		var text string
		if text, err = Help(args.Scenario, Known()); err == nil {
			fmt.Fprint(stdout, text)
			return 0
		}
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

// Settle bounds how long Leftover waits for goroutines on their way
// out. Every scenario but pitfall waits for each goroutine it
// starts, so when its main returns they have all called wg.Done
// (errgroup calls it too); but one that has may not have returned
// yet, and on a busy machine it can wait a while for a core to do
// it.
const Settle = 500 * time.Millisecond

// Leftover counts the goroutines started since there were `before`
// that are still running. It waits, up to Settle, while any of them
// may be on its way out; once every one left is blocked (pitfall's
// consumer, on a channel nobody closes), they are counted at once,
// since a blocked goroutine is not about to leave.
func Leftover(before int) int {
	deadline := time.Now().Add(Settle)
	for {
		now := runtime.NumGoroutine()
		if now <= before {
			return 0
		}
		if allBlocked(now) || !time.Now().Before(deadline) {
			return now - before
		}
		time.Sleep(time.Millisecond)
	}
}

// allBlocked reports whether the runtime lists `count` goroutines,
// the caller's first, and every other one is blocked: neither
// running nor waiting for a core, as one on its way out is. In its
// very last step a goroutine is still counted by NumGoroutine but no
// longer listed: a list of another length means one is leaving (or
// starting), so not all are settled. The status is in each header:
// "goroutine 7 [chan receive]:".
func allBlocked(count int) bool {
	buf := make([]byte, 64<<10)
	n := runtime.Stack(buf, true)
	for n == len(buf) {
		buf = make([]byte, 2*len(buf))
		n = runtime.Stack(buf, true)
	}
	listed := 0
	for line := range strings.Lines(string(buf[:n])) {
		if !strings.HasPrefix(line, "goroutine ") {
			continue
		}
		if listed++; listed == 1 {
			continue // the caller
		}
		_, status, _ := strings.Cut(line, "[")
		status, _, _ = strings.Cut(status, "]")
		status, _, _ = strings.Cut(status, ",")
		switch status {
		case "runnable", "running", "syscall", "preempted",
			"copystack":
			return false
		}
	}
	return listed == count
}
