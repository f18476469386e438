package spsc

import (
	"testing"

	"chankit/kit/kitbench"
)

// BenchmarkScenario: spsc's main per item, tracing off, no delay or
// work, at each of its cases in kitbench's table.
func BenchmarkScenario(b *testing.B) {
	kitbench.Scenario(b, "spsc", main)
}
