package backpressure

import (
	"testing"

	"chankit/kit/kitbench"
)

// BenchmarkScenario: backpressure's main per item, tracing off, no
// delay or work, at each of its cases in kitbench's table.
func BenchmarkScenario(b *testing.B) {
	kitbench.Scenario(b, "backpressure", main)
}
