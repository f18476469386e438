package kitbench

// The cases, as data, are scenarios.toml's [bench] table and its
// profiles, written into registry.go (Sizes, Capacities, shapes,
// sweeps) by python/harness/gogen.py: make bench works out the cases
// a profile wants from the registry and selects them here by name
// (-bench), and a value added to the registry is here after make.

// sweep varies one knob of one scenario, the others at its shape.
type sweep struct {
	scenario, knob string
	values         []int
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
