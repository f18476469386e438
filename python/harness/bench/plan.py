"""From the registry's [bench] table and a profile to the benchmark
cases: each with a name that both languages use, its parameters, and
the implementations that run it."""

import dataclasses
import importlib.util
import tomllib

from chankit.cli import known
from harness.errors import BadInput
from harness.registry import REGISTRY

# Where each implementation's results go. Every file holds the same
# benchmark names, so `pyperf compare_to` works on any two of them.
FILES = {"go": "go.json", "go-gomaxprocs1": "go-gomaxprocs1.json",
         "asyncio": "python.json", "uvloop": "python-uvloop.json",
         "threads": "python-threads.json",
         "processes": "python-processes.json",
         "handoff": "python-handoff.json"}
LABELS = {"go": "Go", "go-gomaxprocs1": "Go, GOMAXPROCS=1",
          "asyncio": "asyncio", "uvloop": "asyncio + uvloop",
          "threads": "threads, queue.Queue",
          "processes": "processes, multiprocessing.Queue",
          "handoff": "asyncio, handoff Channel"}
GO = ("go", "go-gomaxprocs1")
# The package of each Python model's scenarios.
PACKAGES = {"asyncio": "chankit.aio", "uvloop": "chankit.aio",
            "threads": "chankit.threads",
            "processes": "chankit.processes",
            "handoff": "chankit.handoff"}
# The whole programs timed from start to exit (registry ids).
PROGRAMS = ("go", "go-gomaxprocs1", "asyncio", "threads", "processes")
# How the Python side is made faster (python/bench/bm_faster.py).
FASTER = ("nowait", "batch")


@dataclasses.dataclass(frozen=True)
class Case:
    name: str        # "scenario/spsc", the same in every language
    kind: str        # floor, scenario, sweep, faster, process
    scenario: str    # "floor" for the floors
    params: dict     # items (per producer), producers, consumers, buffer
    total: int       # items through the channel per run
    impls: tuple     # implementations that run it
    knob: str = ""   # a sweep's knob, and its value
    value: int = 0


def profile(registry_path, name):
    """The [bench] table with the profile's keys in place of its own;
    an unknown profile is a BadInput."""
    bench = tomllib.loads(registry_path.read_text()).get("bench")
    if not bench:
        raise BadInput(f"{registry_path} has no [bench] table")
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


def models(settings, notes):
    """The Python models to measure, uvloop only where installed."""
    out = list(settings["models"])
    if "uvloop" in out and (why := uvloop_missing()):
        out.remove("uvloop")
        notes.append(why)
    return out


def has(model, scenario):
    package = importlib.import_module(PACKAGES[model])
    return scenario in known(package)


def shape(registry, sid, items, knobs=None):
    """A scenario's parameters for a benchmark (knobs over the
    registry's) and the items that cross its channel per run."""
    s = registry.scenario(sid)
    p = {"items": items, "producers": s.params.get("producers", 1),
         "consumers": s.params.get("consumers", 1),
         "buffer": s.params.get("buffer", 0)} | (knobs or {})
    return p, p["items"] * p["producers"]


def cases(registry, settings, chosen, notes):
    """Every case of a bench run, in the order they run."""
    py = models(settings, notes)
    items = settings["items"]
    wanted = chosen or settings["scenarios"]
    for sid in wanted:
        registry.scenario(sid)  # an unknown id is a BadInput
        if sid not in settings["scenarios"]:
            why = settings.get("left_out", {}).get(
                sid, "not in this profile")
            raise BadInput(f"{sid} is not benchmarked: {why}")
    out = [Case(f"floor/cap={cap}", "floor", "floor",
                {"items": items, "producers": 1, "consumers": 1,
                 "buffer": cap}, items, (*GO, *py))
           for cap in settings["floors"]]
    for sid in wanted:
        p, total = shape(registry, sid, items)
        out.append(Case(f"scenario/{sid}", "scenario", sid, p, total,
                        (*GO, *(m for m in py if has(m, sid)))))
    for sweep in settings["sweeps"]:
        sid, knob = sweep["scenario"], sweep["knob"]
        if sid not in wanted:
            continue
        for v in sweep["values"]:
            # Producers share the profile's items, as make scale's do.
            per = max(1, items // v) if knob == "producers" else items
            p, total = shape(registry, sid, per, {knob: v})
            out.append(Case(f"sweep/{sid}/{knob}={v}", "sweep", sid, p,
                            total, (*GO, "asyncio"), knob, v))
    if "spsc" in wanted:
        p, total = shape(registry, "spsc", items)
        out += [Case(f"faster/spsc-{v}", "faster", "spsc", p, total,
                     ("asyncio",), "variant", i)
                for i, v in enumerate(FASTER)]
    proc = settings["process"]
    for label, n in (("startup", 0), ("small-run", proc["items"])):
        p, total = shape(registry, proc["scenario"], n)
        out.append(Case(f"process/{label}", "process", proc["scenario"],
                        p, total, tuple(i for i in PROGRAMS
                                        if i in GO or i in py)))
    return out


def memory_points(registry, settings):
    """(value, params) for each point of the memory sweep."""
    m = settings["memory"]
    for v in m["values"]:
        per = max(1, m["items"] // v) if m["knob"] == "producers" \
            else m["items"]
        yield v, shape(registry, m["scenario"], per, {m["knob"]: v})[0]
