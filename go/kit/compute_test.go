package kit

import "testing"

// Mix is the same computation as Python's chankit.compute.mix: the
// same results for the same rounds (python/tests/test_cpu.py holds
// Python to these numbers).
func TestMixIsPythonsMix(t *testing.T) {
	for _, c := range []struct {
		x      uint64
		rounds int
		want   uint64
	}{{0, 1000, 4841143411245973379}, {5, 3, 17165568794063451869}} {
		if got := Mix(c.x, c.rounds); got != c.want {
			t.Errorf("Mix(%d, %d) = %d, want %d", c.x, c.rounds, got,
				c.want)
		}
	}
}

// Compute is Mix from the number of units, CPURounds per unit.
func TestComputeIsUnitsOfRounds(t *testing.T) {
	if got, want := Compute(2), Mix(2, 2*CPURounds); got != want {
		t.Errorf("Compute(2) = %d, want %d", got, want)
	}
}
