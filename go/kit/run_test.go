package kit

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// Two scenarios for these tests only, not in the registry: one with
// every knob, one with the common ones.
func init() {
	common := registryCommon
	register("test-all", func(cfg Config, tr *Tracer) {
		tr.Actor("producer", 0).Put(cfg.Items)
		tr.Actor("consumer", 0).Get(cfg.Items)
	}, append(common, "producers", "consumers", "work"))
	register("test-few", func(Config, *Tracer) {}, common)
}

// run runs the command line and returns status, stdout and stderr.
func run(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	status := Run(args, &out, &errs)
	return status, out.String(), errs.String()
}

func TestBadInput(t *testing.T) {
	for _, c := range []struct{ args, want string }{
		{"", "missing scenario (known: test-all, test-few)"},
		{"nope", `unknown scenario "nope" (known: test-all, test-few)`},
		{"test-all --items -1", "--items: must be at least 0, got -1"},
		{"test-all --items=x", `--items: "x" is not a whole number`},
		{"test-all --items 1.5", `--items: "1.5" is not a whole number`},
		{"test-all --producers 0", "--producers: must be at least 1, got 0"},
		{"test-all --consumers 0", "--consumers: must be at least 1, got 0"},
		{"test-all --buffer -2", "--buffer: must be at least 0, got -2"},
		{"test-all --delay abc", `--delay: "abc" is not a number of seconds`},
		{"test-all --delay -1", "--delay: must be at least 0, got -1"},
		{"test-all --delay inf", `--delay: "inf" is not a number of seconds`},
		{"test-all --items 1e3", `--items: "1e3" is not a whole number`},
		{"test-all --items 99999999999",
			"--items: 99999999999 is too large (at most 1000000000)"},
		{"test-all --delay 1e400", "--delay: 1e400 is too large (at most 3600)"},
		{"test-few --producers 2", "--producers does not apply to test-few"},
		{"test-all --color 1", "unknown flag --color"},
		{"test-all -items 1", "unknown flag -items"},
		{"test-all --items", "--items needs a value"},
		{"test-all --trace=yes", "--trace takes no value"},
		{"test-all test-few", `unexpected argument "test-few"`},
	} {
		status, out, errs := run(strings.Fields(c.args)...)
		if status != 2 || out != "" || errs != "chankit: "+c.want+"\n" {
			t.Errorf("%q: status %d, stdout %q, stderr %q; want 2, "+
				"chankit: %s", c.args, status, out, errs, c.want)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--items", "3", "--help"},
		{"help"}, {"help", "test-few"}, {"test-few", "--help"}} {
		// The kit's own scenarios are not in the registry, so they
		// have the general usage; the parity test in python/tests
		// compares each registry scenario's with Python's.
		status, out, errs := run(args...)
		if status != 0 || out != Usage || errs != "" {
			t.Errorf("%q: status %d, stderr %q", args, status, errs)
		}
	}
	status, out, errs := run("help", "nope")
	if want := "chankit: unknown scenario \"nope\" (known: " +
		"test-all, test-few)\n"; status != 2 || out != "" ||
		errs != want {
		t.Errorf("help nope: status %d, stdout %q, stderr %q", status,
			out, errs)
	}
	for id := range registryTakes {
		if !strings.HasPrefix(registryHelp[id],
			"usage: chankit "+id+" [flags]\n") {
			t.Errorf("%s: no help of its own: %q", id, registryHelp[id])
		}
	}
}

// Bare, a program replays the post: five items, one second apart,
// two producers where the scenario has several.
func TestDefaultsAreThePosts(t *testing.T) {
	cfg, err := Resolve(Args{Scenario: "test-all",
		Given: map[string]string{}}, Known(),
		scenarios["test-all"].takes)
	want := Config{Items: 5, Producers: 2, Consumers: 1, Buffer: 0,
		Delay: time.Second}
	if err != nil || cfg != want {
		t.Fatalf("got %+v, %v; want %+v", cfg, err, want)
	}
	cfg, _ = Resolve(Args{Scenario: "test-few",
		Given: map[string]string{}}, Known(),
		scenarios["test-few"].takes)
	if cfg.Producers != 1 || cfg.Consumers != 1 {
		t.Fatalf("knobs a scenario lacks must be 1, got %+v", cfg)
	}
}

func TestTraceLines(t *testing.T) {
	status, out, _ := run("test-all", "--items=7", "--delay", "0",
		"--trace")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if status != 0 || len(lines) != 4 {
		t.Fatalf("status %d, trace:\n%s", status, out)
	}
	var start map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &start); err != nil {
		t.Fatal(err)
	}
	if start["op"] != "start" || start["items"] != 7.0 ||
		start["scenario"] != "test-all" || start["lang"] != "go" {
		t.Fatalf("start event: %s", lines[0])
	}
	if lines[1][strings.Index(lines[1], `,"actor"`):] !=
		`,"actor":"producer-0","op":"put","item":7}` ||
		!strings.HasSuffix(lines[3],
			`"actor":"main","op":"end","running":0}`) {
		t.Fatalf("trace:\n%s", out)
	}
}

// Delay and Work are kept as durations; the start event must still
// give back the seconds the command line said, digit for digit, as
// Python's does, or the harness sees two runs of different params.
func TestStartGivesBackTheSeconds(t *testing.T) {
	for _, secs := range []string{"0.3", "1.005", "0.000065", "1e-9",
		"3599.999999999", "1e-3"} {
		_, out, _ := run("test-all", "--items=0", "--delay="+secs,
			"--work="+secs, "--trace")
		var start struct{ Delay, Work json.Number }
		line, _, _ := strings.Cut(out, "\n")
		if err := json.Unmarshal([]byte(line), &start); err != nil {
			t.Fatal(err)
		}
		want, _ := strconv.ParseFloat(secs, 64)
		for _, got := range []json.Number{start.Delay, start.Work} {
			if f, err := got.Float64(); err != nil || f != want {
				t.Errorf("--delay/--work %s: start event says %s",
					secs, got)
			}
		}
	}
}

func TestHumanOutput(t *testing.T) {
	_, out, _ := run("test-all", "--items=3", "--delay=0")
	if out != "Got number 3\n" {
		t.Fatalf("got %q", out)
	}
}

// Many goroutines trace at once: every line must stay whole and
// valid, and times must not go backwards in file order.
func TestTracerConcurrent(t *testing.T) {
	var out bytes.Buffer
	tr := NewTracer(&out, JSON)
	var wg sync.WaitGroup
	for k := range 8 {
		wg.Go(func() {
			a := tr.Actor("producer", k)
			for i := range 500 {
				a.Put(i)
			}
		})
	}
	wg.Wait()
	last := 0.0
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for _, line := range lines {
		var e struct {
			T    float64
			Item *int
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil ||
			e.Item == nil || e.T < last {
			t.Fatalf("bad or out-of-order line %q (%v)", line, err)
		}
		last = e.T
	}
	if len(lines) != 8*500 {
		t.Fatalf("%d lines, want %d", len(lines), 8*500)
	}
}

// The post's bases: producer 0 from 0, producer 1 from 10.
func TestBase(t *testing.T) {
	for _, c := range []struct{ k, items, want int }{
		{0, 5, 0}, {1, 5, 10}, {1, 10, 10}, {1, 11, 100},
		{3, 1000, 3000}, {2, 0, 20},
	} {
		if got := Base(c.k, c.items); got != c.want {
			t.Errorf("Base(%d, %d) = %d, want %d", c.k, c.items, got,
				c.want)
		}
	}
}

// The end event counts the goroutines a scenario left running: none
// for one that waits for what it started, one for test-leak, and
// that one at once: a goroutine blocked on a channel is not on its
// way out, so Leftover does not wait Settle out for it. In a
// synctest bubble, so that Leftover's wait is on virtual time.
func TestEndCountsLeftoverGoroutines(t *testing.T) {
	// The count is process-wide: let goroutines of earlier tests
	// finish exiting first, or one of them leaving would hide the
	// leak.
	waitForEarlierGoroutines(t)
	synctest.Test(t, func(t *testing.T) {
		leaked := make(chan struct{})
		defer close(leaked)
		register("test-leak", func(Config, *Tracer) {
			go func() { <-leaked }()
		}, []string{"items", "buffer", "delay"})
		defer delete(scenarios, "test-leak")
		for id, want := range map[string]int{"test-few": 0,
			"test-leak": 1} {
			start := time.Now()
			_, out, _ := run(id, "--trace")
			if waited := time.Since(start); waited >= Settle {
				t.Errorf("%s: Leftover waited %v", id, waited)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			var end struct {
				Op      string
				Running *int
			}
			err := json.Unmarshal([]byte(lines[len(lines)-1]), &end)
			if err != nil || end.Op != "end" || end.Running == nil ||
				*end.Running != want {
				t.Errorf("%s: last line %q; want an end event with "+
					"running %d", id, lines[len(lines)-1], want)
			}
		}
	})
}

// waitForEarlierGoroutines polls until the only goroutines left are
// the test runner's own (every one of them runs testing.tRunner): a
// goroutine that has called wg.Done may take a while to return on a
// busy machine, so no fixed sleep can tell that it has.
func waitForEarlierGoroutines(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	buf := make([]byte, 1<<20)
	for {
		dump := string(buf[:runtime.Stack(buf, true)])
		others := 0
		for _, g := range strings.Split(dump, "\n\n") {
			if !strings.Contains(g, "\ntesting.tRunner(") {
				others++
			}
		}
		if others == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines of earlier tests still "+
				"running:\n%s", others, dump)
		}
		time.Sleep(time.Millisecond)
	}
}

// A scenario the registry does not list cannot be registered: the
// registry, not the Go code, says which flags a scenario takes.
func TestRegisterNeedsTheRegistry(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Register of an unknown id did not panic")
		}
	}()
	Register("not-in-the-registry", func(Config, *Tracer) {})
}
