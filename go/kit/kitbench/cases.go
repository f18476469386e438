package kitbench

// The cases, as data. They mirror scenarios.toml's [bench] table and
// its profiles: make bench works out the cases a profile wants from
// the registry and selects them here by name (-bench); one it does
// not find is reported as missing, so a value added to the registry
// must be added here too. The table holds every profile's cases at
// once, so a profile is a choice among them, not a new build.

// Sizes are the items per run, per producer, of the profiles
// (smoke, quick, full): each case comes in each size.
var Sizes = []int{1000, 10000, 100000}

// Capacities are the floors' channel capacities.
var Capacities = []int{0, 1, 100}

// shapes: each benchmarked scenario at its registry parameters
// ([scenarios.<id>] params), its items left to Sizes.
var shapes = map[string]Shape{
	"spsc":         {Producers: 1, Consumers: 1, Buffer: 0},
	"mpsc":         {Producers: 2, Consumers: 1, Buffer: 0},
	"workers":      {Producers: 1, Consumers: 4, Buffer: 0},
	"fanin":        {Producers: 3, Consumers: 1, Buffer: 0},
	"pipeline":     {Producers: 1, Consumers: 1, Buffer: 0},
	"backpressure": {Producers: 1, Consumers: 1, Buffer: 2},
	"rendezvous":   {Producers: 1, Consumers: 1, Buffer: 0},
}

// sweep varies one knob of one scenario, the others at its shape.
type sweep struct {
	scenario, knob string
	values         []int
}

var sweeps = []sweep{
	{"spsc", "buffer", []int{0, 1, 10, 100, 1000}},
	{"mpsc", "producers", []int{1, 2, 4, 16, 256}},
	{"workers", "consumers", []int{1, 2, 4, 16, 256}},
	// The items sweep is its own size, so it is not repeated for
	// each of Sizes.
	{"spsc", "items", []int{100, 1000, 10000, 100000, 1000000}},
}

// Cases are a scenario's cases, in order, each once: its shape in
// each size, then each sweep's points. nil for a scenario that is
// not benchmarked.
func Cases(id string) []Shape {
	base, ok := shapes[id]
	if !ok {
		return nil
	}
	var out []Shape
	seen := map[Shape]bool{}
	add := func(s Shape) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, size := range Sizes {
		add(with(base, "items", size))
	}
	for _, w := range sweeps {
		if w.scenario != id {
			continue
		}
		for _, v := range w.values {
			if w.knob == "items" {
				add(with(base, "items", v))
				continue
			}
			for _, size := range Sizes {
				add(with(with(base, "items", size), w.knob, v))
			}
		}
	}
	return out
}

// with sets one knob. More producers share the items out among
// them (at least one each), as make scale's do, so that a point of
// the producers sweep moves about as many items as its neighbours.
func with(s Shape, knob string, v int) Shape {
	switch knob {
	case "items":
		s.Items = v
	case "buffer":
		s.Buffer = v
	case "consumers":
		s.Consumers = v
	case "producers":
		s.Items = max(1, s.Items/v)
		s.Producers = v
	default:
		panic("kitbench: unknown knob " + knob)
	}
	return s
}
