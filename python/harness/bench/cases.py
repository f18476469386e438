"""From the registry to the benchmark cases: each with a name that
both languages use, its parameters, and the models that run it.

Everything here is read from the loaded registry (harness.registry):
the Go and Python programs are its [implementations], their labels
its labels, a Python model's package the `-m` of its command; the
[bench] table and a profile say which cases to run.

A case's name is its parameters, the way Go names sub-benchmarks:

    Floor/buffer=0/items=10000
    Scenario/mpsc/producers=2/buffer=0/items=10000
    Fixed/sieve/buffer=0/items=1000

Go's benchmarks (go/kit/kitbench) build the same names, with
"Benchmark" in front; python/bench's programs are given them. So
`pyperf compare_to go.json python.json` pairs each Go case with its
Python twin, and `go test -bench` selects a case by its name.
"""

import dataclasses
import importlib
import importlib.util
import platform
import sys
from collections.abc import Mapping

from chankit.cli import known
from chankit.registry import package_of as command_package
from harness.check.oracles import HANDOFFS
from harness.errors import BadInput
from harness.registry import REGISTRY

# Bench models that are a registry implementation run on another
# event loop: the registry's programs have no flag for the loop, so
# the bench runs the implementation's package on it in-process.
LOOPS = {"uvloop": "asyncio"}
# How the Python side is made faster (python/bench/bm_faster.py).
FASTER = ("nowait", "batch")
# The knobs that shape a case, in the order a name gives them;
# producers and consumers only where the scenario takes them.
SHAPE = ("producers", "consumers", "buffer", "items")


@dataclasses.dataclass(frozen=True)
class Model:
    """An implementation as the bench sees it."""
    id: str
    lang: str       # go, python
    label: str
    file: str       # its pyperf JSON in the run folder
    package: str = ""   # Python: the package of its scenarios
    loop: str = ""      # an event loop other than asyncio's
    gomaxprocs: str = ""  # Go: its GOMAXPROCS, "" for the default


@dataclasses.dataclass(frozen=True)
class Case:
    name: str        # "Scenario/spsc/buffer=0/items=10000", shared
    kind: str        # floor, scenario, sweep, faster, fixed, process
    scenario: str    # "floor" for the floors
    params: dict     # items (per producer), producers, consumers, buffer
    total: int       # items through the channel per run
    impls: tuple     # models that run it
    knob: str = ""   # a sweep's knob, and its value
    value: int = 0
    handoffs: int = 0  # a fixed-size run's, where an oracle knows them
    runs: int = 0      # a fixed-size case's runs, over all rounds


def package_of(impl):
    """A Python implementation's package, from its command's -m
    ("chankit.aio"), or "" where it has none."""
    return command_package(impl.command)


def go_models(registry):
    """The Go implementations, the default one (no GOMAXPROCS of its
    own) first: its file is go.json, the left side of compare_to."""
    impls = [i for i in registry.implementations.values()
             if i.lang == "go"]
    impls.sort(key=lambda i: "GOMAXPROCS" in i.env)
    return [Model(i.id, "go", i.label, f"{i.id}.json" if n else
                  "go.json", gomaxprocs=str(i.env.get("GOMAXPROCS", "")))
            for n, i in enumerate(impls)]


def python_model(registry, name, first):
    """A Python model: a registry implementation, or one of LOOPS.
    The first model measured is the right side of compare_to,
    python.json; the others have their id in their file's name."""
    base = registry.implementations.get(LOOPS.get(name, name))
    if base is None or base.lang != "python" or not package_of(base):
        raise BadInput(f"unknown bench model {name} (known: "
                       f"{', '.join(packages(registry))})")
    loop = name if name in LOOPS else ""
    label = f"{base.label}, on {loop}" if loop else base.label
    return Model(name, "python", label,
                 "python.json" if first else f"python-{name}.json",
                 package_of(base), loop)


def packages(registry):
    """{model: package} for every Python model the bench can run."""
    out = {i.id: package_of(i) for i in registry.implementations.values()
           if i.lang == "python" and package_of(i)}
    return out | {m: out[base] for m, base in LOOPS.items()
                  if base in out}


class _Packages(Mapping):
    """PACKAGES, {model: package}, for harness.registry, which checks
    [bench] models against it while it loads the registry, before
    there is a Registry to ask. Worked out from the default registry
    on first use; the check inside that one load passes any model
    (the check of the load that asked is the one that counts)."""

    def __init__(self):
        self._table, self._loading = None, False

    def _get(self):
        if self._loading:
            return None
        if self._table is None:
            from harness.registry import load
            self._loading = True
            try:
                self._table = packages(load(REGISTRY))
            finally:
                self._loading = False
        return self._table

    def __contains__(self, model):
        table = self._get()
        return True if table is None else model in table

    def __getitem__(self, model):
        return (self._get() or {})[model]

    def __iter__(self):
        return iter(self._get() or {})

    def __len__(self):
        return len(self._get() or {})


PACKAGES = _Packages()


def profile(registry, name):
    """The [bench] table with the profile's keys in place of its own;
    an unknown profile is a BadInput. registry: the loaded registry
    (harness.registry.load), which has checked [bench] and every
    profile, so that no number reaches a run unchecked."""
    bench = registry.bench
    profiles = bench.get("profiles", {})
    if name not in profiles:
        raise BadInput(f'unknown profile "{name}" (known: '
                       f'{", ".join(profiles)})')
    return {k: v for k, v in bench.items() if k != "profiles"} | \
        profiles[name] | {"profile": name}


def uvloop_missing():
    """Why uvloop cannot be measured here, or "" if it can."""
    if importlib.util.find_spec("uvloop") is None:
        return ("uvloop is not installed in this environment (its "
                "install is optional and failed or was skipped): the "
                "uvloop rows are left out")
    return ""


def too_old(registry, name):
    """Why a model cannot be measured on this Python (its registry
    implementation's needs_python), or "" if it can."""
    impl = registry.implementations.get(LOOPS.get(name, name))
    needs = getattr(impl, "needs_python", ())
    if impl is None or sys.version_info >= needs:
        return ""
    return (f"{name} needs Python {'.'.join(map(str, needs))} or newer, "
            f"and this is Python {platform.python_version()}: the "
            f"{name} rows are left out")


def models(registry, settings, notes):
    """{id: Model}: the Go implementations, then the profile's Python
    models in its order, uvloop only where installed, and a model
    only on a Python it runs on (needs_python); each one left out
    is a note."""
    out = {m.id: m for m in go_models(registry)}
    names = list(settings["models"])
    first = True
    for name in names:
        why = (uvloop_missing() if name == "uvloop" else "") or \
            too_old(registry, name)
        if why:
            notes.append(why)
            continue
        out[name] = python_model(registry, name, first)
        first = False
    return out


def has(model, scenario):
    """Whether a Python model has the scenario (a module of its
    package); Go has every benchmarked scenario."""
    if model.lang == "go":
        return True
    return scenario in known(importlib.import_module(model.package))


def name(kind, scenario, params, takes=()):
    """A case's name: "Floor/buffer=0/items=10000",
    "Scenario/mpsc/producers=2/buffer=0/items=10000". takes: the
    scenario's knobs (its registry params), which decide whether
    producers and consumers are named."""
    parts = [f"{k}={params[k]}" for k in SHAPE
             if k in ("buffer", "items") or k in takes]
    head = [kind.capitalize()] + ([] if kind == "floor" else [scenario])
    return "/".join(head + parts)


def shape(registry, sid, items, knobs=None):
    """A scenario's parameters for a benchmark (knobs over the
    registry's) and the items that cross its channel per run."""
    s = registry.scenario(sid)
    p = {"items": items, "producers": s.params.get("producers", 1),
         "consumers": s.params.get("consumers", 1),
         "buffer": s.params.get("buffer", 0)} | (knobs or {})
    return p, p["items"] * p["producers"]


def cases(registry, settings, chosen, measured):
    """Every case of a bench run, in the order they run. measured:
    the models, as models() gives them."""
    go = tuple(m for m in measured if measured[m].lang == "go")
    py = [m for m in measured if measured[m].lang == "python"]
    items = settings["items"]
    fixed = {f["scenario"]: f for f in settings["fixed"]}
    # Each scenario once, however often it was asked for.
    wanted = list(dict.fromkeys(chosen or [*settings["scenarios"],
                                           *fixed]))
    for sid in wanted:
        registry.scenario(sid)  # an unknown id is a BadInput
        if sid not in settings["scenarios"] and sid not in fixed:
            why = settings.get("left_out", {}).get(
                sid, "not in this profile")
            raise BadInput(f"{sid} is not benchmarked: {why}")

    def scenario(kind, sid, p, total, impls, knob="", value=0):
        takes = registry.scenario(sid).params
        return Case(name(kind if kind != "sweep" else "scenario", sid,
                         p, takes), kind, sid, p, total, impls, knob,
                    value)

    out = []
    for cap in settings["floors"]:
        p = {"items": items, "producers": 1, "consumers": 1,
             "buffer": cap}
        out.append(Case(name("floor", "floor", p), "floor", "floor", p,
                        items, (*go, *py)))
    for sid in wanted:
        if sid in fixed:
            continue
        p, total = shape(registry, sid, items)
        out.append(scenario("scenario", sid, p, total, (*go, *(
            m for m in py if has(measured[m], sid)))))
    for sweep in settings["sweeps"]:
        sid, knob = sweep["scenario"], sweep["knob"]
        if sid not in wanted:
            continue
        for v in sweep["values"]:
            # Producers share the profile's items, as make scale's do.
            per = max(1, items // v) if knob == "producers" else items
            p, total = shape(registry, sid, per, {knob: v})
            out.append(scenario("sweep", sid, p, total,
                                (*go, *py[:1]), knob, v))
    if "spsc" in wanted and py:
        p, total = shape(registry, "spsc", items)
        out += [Case(f"Faster/spsc/{v}/items={items}", "faster", "spsc",
                     p, total, tuple(py[:1]), "variant", i)
                for i, v in enumerate(FASTER)]
    # The whole programs are the registry's own (not LOOPS' models,
    # which exist only in-process) that have the scenario.
    def programs(sid):
        return (*go, *(m for m in py if not measured[m].loop
                       and has(measured[m], sid)))
    for sid in wanted:
        count = HANDOFFS.get(registry.scenario(sid).oracle)
        # Smallest first: the report sets each size against it.
        for n in sorted(set(fixed.get(sid, {}).get("items", ()))):
            p, total = shape(registry, sid, n)
            out.append(dataclasses.replace(
                scenario("fixed", sid, p, total, programs(sid),
                         "items", n),
                handoffs=count(p) if count else 0,
                runs=fixed[sid]["runs"]))
    sid = settings["process"]["scenario"]
    for n in (0, settings["process"]["items"]):
        p, total = shape(registry, sid, n)
        out.append(Case(f"Process/{sid}/items={n}", "process", sid, p,
                        total, programs(sid), "items", n))
    return out


def runs_in_round(case, n, rounds):
    """How many times a fixed-size case's programs run in round n of
    `rounds`: its `runs` shared out, the first rounds taking one more
    where they do not divide evenly (0: not in this round)."""
    return case.runs // rounds + (n <= case.runs % rounds)


def go_cases(todo):
    """The cases Go's testing package runs, each name once: a sweep's
    point at the scenario's own parameters is that scenario's case."""
    out = {}
    for c in todo:
        if c.kind in ("floor", "scenario", "sweep"):
            out.setdefault(c.name, c)
    return list(out.values())


def memory_points(registry, settings):
    """(value, params) for each point of the memory sweep."""
    m = settings["memory"]
    for v in m["values"]:
        per = max(1, m["items"] // v) if m["knob"] == "producers" \
            else m["items"]
        yield v, shape(registry, m["scenario"], per, {m["knob"]: v})[0]
