package pipeline

import (
	"testing"

	"chankit/kit/kitbench"
)

// BenchmarkScenario: pipeline's main per item, tracing off, no delay
// or work, at each of its cases in kitbench's table.
func BenchmarkScenario(b *testing.B) {
	kitbench.Scenario(b, "pipeline", main)
}
