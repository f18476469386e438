// Package kit is what every Go scenario shares and none should show:
// flag parsing, validation, tracing and the table of scenarios.
// python/chankit/cli.py is its twin; the two must answer every
// command line with the same words and the same exit status, so the
// parser is written out here rather than borrowed from package flag
// (which words errors its own way and accepts -items as well).
package kit

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Config is one run's parameters. A scenario that does not take a
// knob (spsc takes no --producers) sees its fixed value. Delay and
// Work are given in seconds and kept to the nearest nanosecond, the
// finest pause Go has; the trace writes them back in seconds.
type Config struct {
	Items, Producers, Consumers, Buffer int
	Delay, Work                         time.Duration
	CPU                                 int // units of kit.Compute
}

// knob is one numeric flag: its smallest and largest legal value,
// whether it counts things (else it is seconds), its value when not
// given, and the value a scenario that does not take it sees. The
// flags themselves are scenarios.toml's [flags], written into
// registry.go as knobs.
type knob struct {
	name        string
	min, max    float64
	integer     bool
	dflt, fixed string
}

// UsageError is a bad command line: one line on stderr, exit 2.
type UsageError struct{ msg string }

func (e UsageError) Error() string { return e.msg }

func usageErr(format string, a ...any) error {
	return UsageError{fmt.Sprintf(format, a...)}
}

var (
	wholeRE  = regexp.MustCompile(`^-?[0-9]+$`)
	numberRE = regexp.MustCompile(`^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$`)
)

// Args is a parsed command line, not yet checked against a scenario.
type Args struct {
	Scenario string
	Given    map[string]string
	Trace    bool
	Help     bool
}

// Parse splits a command line into the scenario id and its flags.
func Parse(argv []string) (Args, error) {
	a := Args{Given: map[string]string{}}
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		if arg == "-h" || arg == "--help" {
			a.Help = true
			return a, nil
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			// `chankit help SCENARIO`: the word first, then the id.
			if arg == "help" && a.Scenario == "" && !a.Help {
				a.Help = true
				continue
			}
			if a.Scenario != "" {
				return a, usageErr("unexpected argument %s", quote(arg))
			}
			a.Scenario = arg
			continue
		}
		name, value, hasValue := strings.Cut(arg, "=")
		key := strings.TrimPrefix(name, "--")
		switch {
		case name == "--trace" && hasValue:
			return a, usageErr("--trace takes no value")
		case name == "--trace":
			a.Trace = true
		case !strings.HasPrefix(name, "--") || !isKnob(key):
			return a, usageErr("unknown flag %s", escape(name))
		case hasValue:
			a.Given[key] = value
		case i+1 < len(argv):
			i++
			a.Given[key] = argv[i]
		default:
			return a, usageErr("%s needs a value", name)
		}
	}
	return a, nil
}

func isKnob(name string) bool {
	for _, k := range knobs {
		if k.name == name {
			return true
		}
	}
	return false
}

// Resolve checks the flags against the scenario and fills defaults.
func Resolve(a Args, known []string, takes []string) (Config, error) {
	if err := checkScenario(a.Scenario, known); err != nil {
		return Config{}, err
	}
	values := map[string]float64{}
	for _, k := range knobs {
		raw, given := a.Given[k.name]
		if given && !slices.Contains(takes, k.name) {
			return Config{}, usageErr("--%s does not apply to %s",
				k.name, a.Scenario)
		}
		if !given && !slices.Contains(takes, k.name) {
			raw = k.fixed
		} else if !given {
			raw = k.dflt
		}
		v, err := k.value(raw)
		if err != nil {
			return Config{}, err
		}
		values[k.name] = v
	}
	return Config{
		Items:     int(values["items"]),
		Producers: int(values["producers"]),
		Consumers: int(values["consumers"]),
		Buffer:    int(values["buffer"]),
		Delay:     duration(values["delay"]),
		Work:      duration(values["work"]),
		CPU:       int(values["cpu"]),
	}, nil
}

// checkScenario says whether the program knows the scenario id, in
// the one line a bad command line gets.
func checkScenario(id string, known []string) error {
	if id == "" {
		return usageErr("missing scenario (known: %s)",
			strings.Join(known, ", "))
	}
	if !slices.Contains(known, id) {
		return usageErr("unknown scenario %s (known: %s)",
			quote(id), strings.Join(known, ", "))
	}
	return nil
}

// Help is what --help prints: the general usage, or with a scenario
// named (chankit help SCENARIO, chankit SCENARIO --help), that
// scenario's, from the registry. A scenario the registry lacks (one
// of the kit's own tests) has the general usage.
func Help(id string, known []string) (string, error) {
	if id == "" {
		return Usage, nil
	}
	if err := checkScenario(id, known); err != nil {
		return "", err
	}
	if text, ok := registryHelp[id]; ok {
		return text, nil
	}
	return Usage, nil
}

// duration rounds to the nearest nanosecond rather than truncating,
// so that any value of at most nine decimals comes back whole from
// seconds: 1.005 s times 1e9 is 1004999999.99… in floating point.
func duration(s float64) time.Duration {
	return time.Duration(math.Round(s * float64(time.Second)))
}

// seconds is d in seconds as the command line gave it: one division
// of two exact numbers, rounded once, where time.Duration.Seconds
// adds two rounded parts.
func seconds(d time.Duration) float64 {
	return float64(d) / float64(time.Second)
}

// value reads and bounds-checks one flag value.
func (k knob) value(raw string) (float64, error) {
	if k.integer && !wholeRE.MatchString(raw) {
		return 0, usageErr("--%s: %s is not a whole number", k.name,
			quote(raw))
	}
	if !k.integer && !numberRE.MatchString(raw) {
		return 0, usageErr("--%s: %s is not a number of seconds",
			k.name, quote(raw))
	}
	v, tooLarge := 0.0, false
	if k.integer {
		// By its digits, so that no length of input can overflow;
		// Python reads it the same way.
		digits := strings.TrimLeft(strings.TrimPrefix(raw, "-"), "0")
		if digits == "" {
			digits = "0"
		}
		n, _ := strconv.Atoi(digits)
		v, tooLarge = float64(n), len(digits) > maxDigits
		if strings.HasPrefix(raw, "-") && digits != "0" {
			v, tooLarge = -1, false
		}
	} else {
		var err error
		v, err = strconv.ParseFloat(raw, 64)
		tooLarge = err != nil || math.IsInf(v, 0)
	}
	if tooLarge || v > k.max {
		return 0, usageErr("--%s: %s is too large (at most %s)",
			k.name, raw, strconv.FormatFloat(k.max, 'f', -1, 64))
	}
	if v < k.min {
		return 0, usageErr("--%s: must be at least %s, got %s",
			k.name, strconv.FormatFloat(k.min, 'f', -1, 64), raw)
	}
	return v, nil
}

// A whole number with more significant digits is too large.
const maxDigits = 10

// escape keeps printable ASCII, escapes \ and ", and writes every
// other byte as \xNN: the same rule as Python's, so messages match
// byte for byte whatever the user typed.
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == '"':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "\\x%02x", c)
		}
	}
	return b.String()
}

func quote(s string) string { return `"` + escape(s) + `"` }
