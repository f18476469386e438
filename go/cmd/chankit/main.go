// Command chankit runs one Go scenario: chankit SCENARIO [flags].
// Each scenario package registers itself; list every one here.
package main

import (
	"os"

	"chankit/kit"
	_ "chankit/mpsc"
	_ "chankit/spsc"
)

func main() {
	os.Exit(kit.Run(os.Args[1:], os.Stdout, os.Stderr))
}
