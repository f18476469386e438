package kit

import (
	"io"
	"strconv"
	"sync"
	"time"
)

// Mode says what a Tracer writes.
type Mode int

const (
	Human Mode = iota // "Got number N" per item a consumer gets
	JSON              // one JSON Lines event per put and get
	Off               // nothing: for benchmarks
)

// Tracer records events. It is safe for many goroutines: one mutex
// keeps lines whole and their times in file order, and each line is
// written at once, so a program that hangs or dies has shown every
// event up to that point.
type Tracer struct {
	mu     sync.Mutex
	w      io.Writer
	mode   Mode
	start  time.Time
	buf    []byte
	closed bool // once main has returned: a goroutine left running
	// (as the pitfall scenario leaves its consumer) writes nothing
}

// NewTracer starts the clock: t=0 is the moment the scenario starts.
func NewTracer(w io.Writer, mode Mode) *Tracer {
	return &Tracer{w: w, mode: mode, start: time.Now()}
}

// Actor is one goroutine's name in the trace, e.g. "producer-1",
// and the channel it uses, where a scenario has several.
type Actor struct {
	t        *Tracer
	name, ch string
	last     bool // a consumer or worker: the end of the line
}

// Actor names the k-th goroutine of a role.
func (t *Tracer) Actor(role string, k int) Actor {
	last := role == "consumer" || role == "worker"
	return Actor{t, role + "-" + strconv.Itoa(k), "", last}
}

// Main is main's own name in the trace, for what main reports.
func (t *Tracer) Main() Actor { return Actor{t, "main", "", false} }

// On is the same actor, on the channel named ch.
func (a Actor) On(ch string) Actor {
	a.ch = ch
	return a
}

// Put records that a send has completed.
func (a Actor) Put(item int) {
	if a.t.mode == JSON {
		a.t.event(a, "put", item)
	}
}

// Get records that a receive has completed.
func (a Actor) Get(item int) {
	switch a.t.mode {
	case JSON:
		a.t.event(a, "get", item)
	case Human:
		if !a.last {
			return // a middle stage's receive is not news
		}
		a.t.write(func(b []byte) []byte {
			b = append(b, "Got number "...)
			return append(strconv.AppendInt(b, int64(item), 10), '\n')
		})
	}
}

// Error records that an item failed, as main learned it.
func (a Actor) Error(item int) {
	if a.t.mode == JSON {
		a.t.event(a, "error", item)
	}
}

// Timeout records a receive that gave up waiting.
func (a Actor) Timeout() { a.mark("timeout") }

// Cancel records that this actor told the others to stop.
func (a Actor) Cancel() { a.mark("cancel") }

// Closed records that this actor saw its channel closed.
func (a Actor) Closed() { a.mark("closed") }

// Tick records one beat of a heartbeat.
func (a Actor) Tick() { a.mark("tick") }

// mark writes an event that carries no item.
func (a Actor) mark(op string) {
	if a.t.mode == JSON {
		a.t.event(a, op, noItem)
	}
}

const noItem = -1 << 63

func (t *Tracer) event(a Actor, op string, item int) {
	t.write(func(b []byte) []byte {
		b = t.head(b, a.name, op)
		if a.ch != "" {
			b = append(append(append(b, `,"ch":"`...), a.ch...), '"')
		}
		if item == noItem {
			return append(b, "}\n"...)
		}
		b = append(b, `,"item":`...)
		return append(strconv.AppendInt(b, int64(item), 10), "}\n"...)
	})
}

// head starts an event line: {"t":…,"actor":…,"op":…
func (t *Tracer) head(b []byte, actor, op string) []byte {
	secs := time.Since(t.start).Seconds()
	b = append(b, `{"t":`...)
	b = strconv.AppendFloat(b, secs, 'f', 6, 64)
	b = append(b, `,"actor":"`...)
	b = append(b, actor...)
	b = append(b, `","op":"`...)
	return append(append(b, op...), '"')
}

// write builds one line under the lock (so its time is taken in
// file order) and hands it to the writer whole.
func (t *Tracer) write(line func([]byte) []byte) {
	t.mu.Lock()
	if !t.closed {
		t.buf = line(t.buf[:0])
		t.w.Write(t.buf)
	}
	t.mu.Unlock()
}

// Start writes the first event: what ran, with which parameters.
func (t *Tracer) Start(id string, cfg Config, runtime string,
	procs int) {
	if t.mode != JSON {
		return
	}
	t.write(func(b []byte) []byte {
		b = t.head(b, "main", "start")
		b = append(b, `,"scenario":"`+id+`","lang":"go"`...)
		b = append(b, `,"model":"channels","runtime":"`+runtime+`"`...)
		b = append(b, `,"gomaxprocs":`...)
		b = strconv.AppendInt(b, int64(procs), 10)
		b = appendParams(b, cfg)
		return append(b, "}\n"...)
	})
}

func appendParams(b []byte, cfg Config) []byte {
	for _, kv := range []struct {
		k string
		v int
	}{{"items", cfg.Items}, {"producers", cfg.Producers},
		{"consumers", cfg.Consumers}, {"buffer", cfg.Buffer}} {
		b = append(b, `,"`+kv.k+`":`...)
		b = strconv.AppendInt(b, int64(kv.v), 10)
	}
	b = append(b, `,"delay":`...)
	b = strconv.AppendFloat(b, seconds(cfg.Delay), 'g', -1, 64)
	b = append(b, `,"work":`...)
	b = strconv.AppendFloat(b, seconds(cfg.Work), 'g', -1, 64)
	b = append(b, `,"cpu":`...)
	return strconv.AppendInt(b, int64(cfg.CPU), 10)
}

// Close ends the trace for every actor: a goroutine left running
// (as pitfall leaves its consumer) writes nothing after main has
// returned.
func (t *Tracer) Close() {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
}

// End writes the last event, with the number of goroutines the
// scenario left running. Run calls it once, after Close: the trace
// is closed to the actors, not to main's own last word.
func (t *Tracer) End(running int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.mode == JSON {
		b := append(t.head(t.buf[:0], "main", "end"), `,"running":`...)
		b = strconv.AppendInt(b, int64(running), 10)
		t.buf = append(b, "}\n"...)
		t.w.Write(t.buf)
	}
}
