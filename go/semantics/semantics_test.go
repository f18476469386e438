// The Go column of docs/semantics.md: the checks that
// python/harness/semantics/checks.py runs on each Python primitive,
// run on Go's channel (modelled on Go's test/chan programs fifo.go,
// zerosize.go, nonblock.go, doubleselect.go and select3.go). Every
// rule holds; with CHANKIT_SEMANTICS_OUT set, the cells are written
// there as JSON for `make semantics`.
package semantics

import (
	"encoding/json"
	"os"
	"runtime"
	"testing"
	"time"
)

type cell struct {
	Holds string `json:"holds"`
	Note  string `json:"note"`
}

func yes(ok bool, note string) cell {
	if ok {
		return cell{"yes", note}
	}
	return cell{"no", note}
}

// fails reports whether f panics, as a send or close on a closed
// channel does.
func fails(f func()) (failed bool) {
	defer func() { failed = recover() != nil }()
	f()
	return false
}

// rounds hands the scheduler round, as the Python checks do.
func rounds() {
	for range 20 {
		runtime.Gosched()
	}
}

var checks = map[string]func() cell{
	"rendezvous": func() cell {
		ch := make(chan int)
		select {
		case ch <- 1: // nonblock.go: no receiver, so no send
			return yes(false, "the send completed alone")
		default:
		}
		sent := make(chan bool)
		go func() { ch <- 1; sent <- true }()
		rounds()
		<-ch
		return yes(<-sent, "the send waits until a receiver "+
			"takes the item")
	},
	"fifo": func() cell {
		ch := make(chan int, 10)
		go func() {
			for i := range 100 {
				ch <- i
			}
		}()
		for i := range 100 {
			if <-ch != i {
				return yes(false, "")
			}
		}
		return yes(true, "")
	},
	"close_wakes_all": func() cell {
		ch := make(chan int, 1)
		ended := make(chan bool)
		for range 3 {
			go func() { _, ok := <-ch; ended <- !ok }()
		}
		close(ch)
		n := 0
		for range 3 {
			if <-ended {
				n++
			}
		}
		return yes(n == 3, "3 of 3 waiting receivers ended")
	},
	"drain_then_end": func() cell {
		ch := make(chan int, 5)
		ch <- 1
		ch <- 2
		ch <- 3
		close(ch)
		var got []int
		for v := range ch {
			got = append(got, v)
		}
		return yes(len(got) == 3 && got[0] == 1 && got[2] == 3, "")
	},
	"send_after_close": func() cell {
		ch := make(chan int, 5)
		close(ch)
		return yes(fails(func() { ch <- 1 }), "panic")
	},
	"close_twice": func() cell {
		ch := make(chan int, 1)
		close(ch)
		return yes(fails(func() { close(ch) }), "panic")
	},
	"deadline": func() cell {
		// select3.go: a timer case that wins leaves the item.
		ch, got := make(chan int, 1), 0
		go func() {
			for i := range 200 {
				ch <- i
			}
		}()
		for got < 200 {
			select {
			case <-ch:
				got++
			case <-time.After(time.Microsecond):
			}
		}
		return yes(got == 200, "a select with time.After: an item "+
			"is received or left")
	},
	"select": func() cell {
		// doubleselect.go: both ready, one taken, the other left.
		a, b := make(chan string, 1), make(chan string, 1)
		a <- "a"
		b <- "b"
		var got []string
		select {
		case v := <-a:
			got = append(got, v)
		case v := <-b:
			got = append(got, v)
		}
		for _, ch := range []chan string{a, b} {
			select {
			case v := <-ch:
				got = append(got, v)
			default:
			}
		}
		return yes(len(got) == 2, "select")
	},
	"len_cap": func() cell {
		ch := make(chan int, 5)
		ch <- 1
		ch <- 2
		return yes(len(ch) == 2 && cap(ch) == 5, "len(ch), cap(ch)")
	},
}

func TestGoKeepsEveryRule(t *testing.T) {
	cells := map[string]cell{}
	for rule, check := range checks {
		cells[rule] = check()
		if cells[rule].Holds != "yes" {
			t.Errorf("%s: %+v", rule, cells[rule])
		}
	}
	out := os.Getenv("CHANKIT_SEMANTICS_OUT")
	if out == "" {
		return
	}
	data, err := json.MarshalIndent(map[string]any{
		"primitives": map[string]any{"go": map[string]any{
			"title": "Go channel", "runtime": runtime.Version(),
			"cells": cells}}}, "", "  ")
	if err == nil {
		err = os.WriteFile(out, append(data, '\n'), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}
