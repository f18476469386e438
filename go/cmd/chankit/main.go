// Command chankit runs one Go scenario: chankit SCENARIO [flags].
// Each scenario package registers itself; list every one here.
package main

import (
	"os"

	_ "chankit/backpressure"
	_ "chankit/cancel"
	_ "chankit/closing"
	_ "chankit/failfast"
	_ "chankit/fanin"
	"chankit/kit"
	_ "chankit/mpsc"
	_ "chankit/multiplex"
	_ "chankit/parallel"
	_ "chankit/pipeline"
	_ "chankit/pitfall"
	_ "chankit/ratelimit"
	_ "chankit/rendezvous"
	_ "chankit/sieve"
	_ "chankit/spsc"
	_ "chankit/starve"
	_ "chankit/timeout"
	_ "chankit/workers"
)

func main() {
	os.Exit(kit.Run(os.Args[1:], os.Stdout, os.Stderr))
}
