"""scenarios.toml, read and checked before anything runs."""

import dataclasses
import math
import operator
import re
import tomllib
from pathlib import Path

from chankit import registry as programs_registry
from chankit.cli import DIGITS, Config, UsageError
from chankit.cli import value as check_value
from harness.errors import BadInput

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "scenarios.toml"


@dataclasses.dataclass(frozen=True)
class Implementation:
    id: str
    lang: str
    label: str
    command: tuple
    env: dict
    most: int | None
    needs_python: tuple = ()  # the oldest Python it runs on


@dataclasses.dataclass(frozen=True)
class Variant:
    id: str
    go: str
    python: str
    why: str


# The comparisons a `when` may make: delay = 0 is a number alone,
# delay > 0 the string "> 0".
COMPARE = {"=": operator.eq, "!=": operator.ne, "<": operator.lt,
           "<=": operator.le, ">": operator.gt, ">=": operator.ge}


@dataclasses.dataclass(frozen=True)
class Expectation:
    """Why a contract is known to fail or differ, and where: in some
    variants only (none named: in all), and for some parameters only
    (when: (param, comparison, value) triples, all of which hold).
    known: the name of the [known] reason it quotes, if it does."""
    why: str
    variants: tuple = ()
    when: tuple = ()
    known: str = ""

    def applies(self, variant, params):
        """For a run of this variant with these params (either None:
        any)."""
        if self.variants and variant is not None and \
                variant not in self.variants:
            return False
        return params is None or all(
            COMPARE[op](params[name], value)
            for name, op, value in self.when)

    def where(self):
        """"variants asyncio, threads; when buffer = 0", or ""."""
        parts = [f"variants {', '.join(self.variants)}"] \
            if self.variants else []
        if self.when:
            parts.append("when " + ", ".join(
                f"{name} {op} {value:g}" for name, op, value in self.when))
        return "; ".join(parts)


def expectations(value):
    """An entry of expected_failures or expected_differences as
    Expectations: a bare reason is one that always applies."""
    if value is None:
        return ()
    return (Expectation(value),) if isinstance(value, str) else value


@dataclasses.dataclass(frozen=True)
class Scenario:
    id: str
    description: str
    params: dict
    contracts: tuple
    variants: tuple
    # contract -> a reason, or Expectations: the first that applies
    # to a run is the one quoted
    expected_failures: dict
    expected_differences: dict
    demo: str
    scale: bool
    oracle: str = ""  # its name in harness/check/oracles.py
    # What a run costs beyond items × (delay + work) and items ×
    # producers, as factors on those (runner.timeout_for): pace,
    # volume, and power where it grows as (items * producers) ** power.
    # Only a scenario that is not linear in them says so.
    cost: dict = dataclasses.field(default_factory=dict)
    # What a flag means in this scenario, where [flags]' help does not
    # say it well: {flag: text}, for `chankit help <id>`.
    help: dict = dataclasses.field(default_factory=dict)
    # The speedup contract's table (speedup.py): baseline, share,
    # serial, quiet, least_s, least_cpu, runs; empty where none.
    speedup: dict = dataclasses.field(default_factory=dict)

    def expects(self, contract, variant=None, params=None):
        """("fail" | "differ" | "", why) for a contract in a run of a
        variant with params (either None: any)."""
        for kind, table in (("fail", self.expected_failures),
                            ("differ", self.expected_differences)):
            for e in expectations(table.get(contract)):
                if e.applies(variant, params):
                    return kind, e.why
        return "", ""

    @property
    def takes(self):
        """The flags this scenario takes: every key of its params."""
        return tuple(self.params)


@dataclasses.dataclass(frozen=True)
class Registry:
    scenarios: dict
    implementations: dict
    variants: dict
    timeout: dict
    tolerance: dict
    scale: dict
    timeline: dict      # retries: how often a doubtful pair reruns
    calibration: dict   # the noise measurement before a compare run
    # [flags]: {name: chankit.registry.Flag}, the programs' numeric
    # flags, and those every scenario takes
    flags: dict = dataclasses.field(default_factory=dict)
    common: tuple = ()
    bench: dict = dataclasses.field(default_factory=dict)  # [bench]
    cpu: dict = dataclasses.field(default_factory=dict)  # [cpu]
    # the heartbeat contract's allowance: work_share
    heartbeat: dict = dataclasses.field(
        default_factory=lambda: {"work_share": 0.5})

    def scenario(self, sid):
        if sid not in self.scenarios:
            raise BadInput(f'unknown scenario "{sid}" (known: '
                           f'{", ".join(sorted(self.scenarios))})')
        return self.scenarios[sid]


def scenario(sid, v, every=(), known=None):
    """One [scenarios.<id>] table. It promises the contracts every
    scenario promises, then its own. An expectation is a reason, a
    table (see expectation()), or a list of them."""
    expected = {}
    for kind in ("expected_failures", "expected_differences"):
        expected[kind] = {}
        for contract, value in v.get(kind, {}).items():
            tables = value if isinstance(value, list) else [value]
            expected[kind][contract] = tuple(
                expectation(x, known or {}) for x in tables)
    return Scenario(sid, v["description"], dict(v["params"]),
                    tuple(dict.fromkeys([*every, *v["contracts"]])),
                    tuple(v["variants"]),
                    expected["expected_failures"],
                    expected["expected_differences"],
                    v.get("demo", ""), bool(v.get("scale", False)),
                    str(v.get("oracle", "")), dict(v.get("cost", {})),
                    dict(v.get("help", {})),
                    dict(v.get("speedup", {})))


def expectation(value, known):
    """A reason; or { why = "…" } or { known = "<name>" } (a reason
    written once, under [known]), with variants = [...] and when =
    { param = value, … } to limit it."""
    if isinstance(value, str):
        return Expectation(value)
    name = str(value.get("known", ""))
    why = known.get(name, "") if name else str(value["why"])
    when = tuple((param, *condition(param, x))
                 for param, x in value.get("when", {}).items())
    return Expectation(why, tuple(value.get("variants", ())), when, name)


CONDITION = re.compile(r"\s*(!=|<=|>=|<|>|=)\s*(\S+)\s*")


def condition(param, x):
    """when's value: a number (equal to it) or "> 0" and the like."""
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return "=", x
    m = CONDITION.fullmatch(x) if isinstance(x, str) else None
    try:
        return m[1], float(m[2])
    except (TypeError, ValueError):
        raise ValueError(f"when: {param} = {x!r} is neither a number "
                         f"nor a comparison such as \"> 0\"") from None


def version(text):
    """ "3.13" -> (3, 13)"""
    return tuple(int(part) for part in str(text).split("."))


def load(path=REGISTRY):
    """Read the registry; any mistake in it is a BadInput."""
    from harness.check.contracts import CONTRACTS, CROSS
    from harness.check.oracles import ORACLES
    try:
        data = tomllib.loads(Path(path).read_text())
        numbers = [*check("[harness]", data.get("harness"), HARNESS),
                   *check("[bench]", data.get("bench"), BENCH),
                   *check("[cpu]", data.get("cpu"), CPU),
                   *(p for k, v in data.get("scenarios", {}).items()
                     for p in check(f"scenario {k}: cost",
                                    v.get("cost", {}), COST, exact=True)),
                   *(p for k, v in data.get("scenarios", {}).items()
                     for p in check(f"scenario {k}: help",
                                    v.get("help", {}), HELP)),
                   *(p for k, v in data.get("scenarios", {}).items()
                     if "speedup" in v
                     for p in check(f"scenario {k}: speedup",
                                    v["speedup"], SPEEDUP, exact=True)),
                   *flag_problems(data.get("flags"))]
        if numbers:
            raise BadInput(f"{path}: {numbers[0]}")
        impls = {k: Implementation(k, v["lang"], v["label"],
                                   tuple(v["command"]), v.get("env", {}),
                                   v.get("most"),
                                   version(v.get("needs_python", "3")))
                 for k, v in data["implementations"].items()}
        variants = {k: Variant(k, v["go"], v["python"], v.get("why", ""))
                    for k, v in data["variants"].items()}
        every = tuple(data["contracts"]["every_scenario"])
        known = {k: str(v) for k, v in data.get("known", {}).items()}
        scenarios = {k: scenario(k, v, every, known)
                     for k, v in data["scenarios"].items()}
        registry = Registry(scenarios, impls, variants,
                            dict(data["harness"]["timeout"]),
                            dict(data["harness"]["tolerance"]),
                            dict(data["harness"]["scale"]),
                            dict(data["harness"]["timeline"]),
                            dict(data["harness"]["calibration"]),
                            programs_registry.flags(data["flags"]),
                            programs_registry.every_scenario(
                                data["flags"]),
                            dict(data["bench"]),
                            dict(data["cpu"]),
                            dict(data["harness"]["heartbeat"]))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise BadInput(f"cannot read {path}: {err}") from None
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise BadInput(f"{path}: missing or malformed entry {err}") \
            from None
    except programs_registry.Unreadable as err:
        raise BadInput(f"{path}: {err}") from None
    flags = registry.flags
    problems = [
        *(f"variant {v.id} names unknown implementation {name}"
          for v in variants.values() for name in (v.go, v.python)
          if name not in impls),
        *(f"scenario {s.id} names unknown variant {v}"
          for s in scenarios.values() for v in s.variants
          if v not in variants),
        *(f"scenario {s.id} names unknown contract {c}"
          for s in scenarios.values() for c in s.contracts
          if c not in CONTRACTS),
        *(f"scenario {s.id} has unknown parameter {p}"
          for s in scenarios.values() for p in s.params
          if p not in flags),
        *(f"scenario {s.id} lacks parameter {p}"
          for s in scenarios.values() for p in registry.common
          if p not in s.params),
        *(f"scenario {s.id}: help says what --{p} means, but it does "
          f"not take --{p} (its params do not name it)"
          for s in scenarios.values() for p in s.help
          if p not in s.params),
        *(f"scenario {s.id}: the id is the word of `chankit help "
          f"SCENARIO`, so no scenario may have it"
          for s in scenarios.values() if s.id == "help"),
        *(f"scenario {s.id} expects {c} to fail but does not promise it"
          for s in scenarios.values()
          for c in (*s.expected_failures, *s.expected_differences)
          if c not in s.contracts),
        *(f"scenario {s.id}: the expectation for {c} names variant "
          f"{v}, which the scenario does not run"
          for s in scenarios.values() for c, e in each_expectation(s)
          for v in e.variants if v not in s.variants),
        *(f"scenario {s.id}: the expectation for {c} names unknown "
          f"known reason {e.known} (known: {', '.join(sorted(known))})"
          for s in scenarios.values() for c, e in each_expectation(s)
          if e.known and e.known not in known),
        *(f"scenario {s.id}: the expectation for {c} is limited to "
          f"{name}, which is not one of its params"
          for s in scenarios.values() for c, e in each_expectation(s)
          for name, _, _ in e.when if name not in s.params),
        *(f"scenario {s.id} lacks an oracle (the right answer: one "
          f"of {', '.join(ORACLES)})" for s in scenarios.values()
          if not s.oracle),
        *(f"scenario {s.id} names unknown oracle {s.oracle} (known: "
          f"{', '.join(ORACLES)})" for s in scenarios.values()
          if s.oracle and s.oracle not in ORACLES),
        *(f"scenario {s.id}: {c} is not a contract between the two "
          f"languages, so it cannot be an expected difference"
          for s in scenarios.values() for c in s.expected_differences
          if c not in CROSS),
    ]
    problems += speedup_problems(scenarios, variants)
    problems += bench_problems(data["bench"], registry)
    for s in scenarios.values():
        for name, value in s.params.items():
            if name in flags:
                try:
                    check_flag(flags, name, repr(value))
                except UsageError as err:
                    problems.append(f"scenario {s.id}: {err}")
    if problems:
        raise BadInput(f"{path}: {problems[0]}")
    return registry


# What each number in scenarios.toml must be: a kind's words, a
# {key: rule} table (a key ending in "?" may be left out), or [rule]
# for a list. Checked when the registry is read, before anything runs:
# a NaN, a negative or a string would otherwise surface as a traceback
# after every program has run, or as a timeout of -100 s.
POSITIVE = "a positive number"
NUMBER0 = "a number of at least 0"
COUNT = "a whole number of at least 1"
COUNT0 = "a whole number of at least 0"
TEXT = "a string"
HARNESS = {
    "timeout": {"base_s": POSITIVE, "pace_factor": POSITIVE,
                "per_item_s": POSITIVE, "per_actor_s": POSITIVE},
    "tolerance": {"min_s": POSITIVE, "fraction": POSITIVE,
                  "startup_s": POSITIVE, "drift": POSITIVE},
    "timeline": {"retries": COUNT0},
    "calibration": {"items": COUNT, "delay_s": POSITIVE},
    "scale": {"items": COUNT, "actors": COUNT},
    "heartbeat": {"work_share": POSITIVE},
}
COST = {"pace?": POSITIVE, "volume?": POSITIVE, "power?": POSITIVE}
HELP = {"*": TEXT}  # a scenario's help: {flag: what it means there}
BOOL = "true or false"
FLAG = {"min": COUNT0, "max": COUNT0, "whole": BOOL,
        "default": NUMBER0, "fixed?": NUMBER0, "help": TEXT,
        "note?": TEXT}
SPEEDUP = {"baseline": {}, "share": {}, "serial": POSITIVE,
           "quiet": POSITIVE, "least_s": POSITIVE,
           "least_cpu": COUNT, "runs": COUNT}
CPU = {"unit_s": POSITIVE, "measured_on": TEXT, "go_rounds": COUNT,
       "python_rounds": COUNT}
PROFILE = {
    "why?": TEXT, "items?": COUNT, "samples?": COUNT, "go_rounds?": COUNT,
    "py_rounds?": COUNT, "go_benchtime?": TEXT,
    "pyperf?": {"processes": COUNT, "values": COUNT, "warmups": COUNT0,
                "min_time?": POSITIVE, "loops?": COUNT},
    "scenarios?": [TEXT], "floors?": [COUNT0], "models?": [TEXT],
    "sweeps?": [{"knob": TEXT, "scenario": TEXT, "values": [COUNT0]}],
    "memory?": {"scenario": TEXT, "knob": TEXT, "items": COUNT,
                "values": [COUNT]},
    "process?": {"scenario": TEXT, "items": COUNT0},
    "fixed?": [{"scenario": TEXT, "items": [COUNT], "runs": COUNT}],
    "checks?": {"spsc_over_floor": POSITIVE, "spread": POSITIVE},
}
PUBLISHED = {"source": TEXT, "items": COUNT, "seconds": {"*": POSITIVE}}
BENCH = {**PROFILE, "left_out?": {"*": TEXT},
         "published?": {"*": PUBLISHED}, "profiles": {}}
# What a profile must have once laid over [bench].
NEEDED = ("items", "samples", "go_benchtime", "pyperf", "scenarios",
          "floors", "models", "sweeps", "memory", "process", "fixed")


def check(where, x, rule, exact=False):
    """The problems with x against rule, as lines. A table's keys the
    rule does not name must be numbers of at least 0 (exact: are
    mistakes), so a new one cannot be a NaN either; a rule {"*": r}
    holds every key to r."""
    if isinstance(rule, list):
        if not isinstance(x, list):
            return [f"{where} must be a list, got {x!r}"]
        return [p for n, v in enumerate(x)
                for p in check(f"{where}[{n}]", v, rule[0])]
    if isinstance(rule, dict):
        if not isinstance(x, dict):
            return [f"{where} must be a table, got {x!r}"]
        if list(rule) == ["*"]:
            return [p for key, v in x.items()
                    for p in check(inside(where, key), v, rule["*"])]
        known = {k.rstrip("?"): k for k in rule}
        out = [f"{inside(where, k)} is missing" for k in rule
               if not k.endswith("?") and k not in x]
        for key, v in x.items():
            inner = inside(where, key)
            if key in known:
                out += check(inner, v, rule[known[key]])
            elif exact:
                out.append(f"{where} has unknown key {key}")
            elif rule and not isinstance(v, (dict, list)):
                out += check(inner, v, NUMBER0)
        return out
    return [] if fits(x, rule) else [f"{where} must be {rule}, got {x!r}"]


def inside(where, key):
    """[harness] timeout, [harness] timeout.base_s"""
    return f"{where} {key}" if where.endswith("]") else f"{where}.{key}"


def fits(x, kind):
    if kind == TEXT:
        return isinstance(x, str)
    if kind == BOOL:
        return isinstance(x, bool)
    if isinstance(x, bool) or not isinstance(x, (int, float)) or \
            (kind in (COUNT, COUNT0) and not isinstance(x, int)):
        return False
    return math.isfinite(x) and (x > 0 if kind in (POSITIVE, COUNT)
                                 else x >= 0)


def check_flag(flags, name, raw):
    """The programs' reading of a value of flag `name` (a KeyError
    for no such flag), with [flags]' limits: a UsageError if they
    would refuse it."""
    f = flags[name]
    return check_value(name, raw, f.low, f.high, f.whole)


def flag_problems(table):
    """[flags]: a table per flag of the programs (chankit.cli.Config's
    fields, which both languages' code has), its limits whole numbers
    that both print alike, its default and fixed values ones its own
    limits allow; `fixed` exactly where not every scenario takes it."""
    if not isinstance(table, dict):
        return [f"[flags] must be a table, got {table!r}"]
    out = check("[flags] every_scenario", table.get("every_scenario"),
                [TEXT])
    out += [p for name, v in table.items() if name != "every_scenario"
            for p in check(f"[flags.{name}]", v, FLAG, exact=True)]
    if out:
        return out
    flags = programs_registry.flags(table)
    fields = [f.name for f in dataclasses.fields(Config)]
    if sorted(flags) != sorted(fields):
        return [f"[flags] must declare the programs' flags, "
                f"{', '.join(fields)}; it declares "
                f"{', '.join(flags) or 'none'}"]
    common = table["every_scenario"]
    out += [f"[flags] every_scenario: unknown flag {name}"
            for name in common if name not in flags]
    for f in flags.values():
        where = f"[flags.{f.name}]"
        if f.low > f.high:
            out.append(f"{where}: min {f.low} is more than max {f.high}")
        if f.whole and f.high >= 10 ** DIGITS:
            out.append(f"{where}: max must be at most "
                       f"{10 ** DIGITS - 1} (a whole number of more "
                       f"digits is read as too large)")
        if f.name in common and f.fixed is not None:
            out.append(f"{where}: every scenario takes it, so it "
                       f"needs no fixed value")
        if f.name not in common and f.fixed is None:
            out.append(f"{where}: needs fixed, the value a scenario "
                       f"that does not take it sees")
        for kind, raw in (("default", f.default), ("fixed", f.fixed)):
            if raw is None:
                continue
            try:
                check_flag(flags, f.name, raw)
            except UsageError as err:
                out.append(f"{where} {kind}: {err}")
    return out


def bench_problems(bench, registry):
    """Each profile laid over [bench]: complete, naming scenarios,
    models and knobs that exist, with values the programs take; and
    every scenario either benchmarked or left out with its reason,
    never both."""
    from harness.bench.cases import PACKAGES
    out = []
    measured = {*bench.get("scenarios", ()),
                *(f["scenario"] for f in bench.get("fixed", ()))}
    left = set(bench.get("left_out", {}))
    out += [f"[bench] left_out: {s} is benchmarked too"
            for s in sorted(measured & left)]
    out += [f"[bench]: scenario {s} is neither benchmarked nor in "
            f"[bench.left_out] with its reason"
            for s in registry.scenarios if s not in measured | left]
    out += [f"[bench] left_out: unknown scenario {s}"
            for s in sorted(left - set(registry.scenarios))]
    sizes = {f["scenario"]: f["items"] for f in bench.get("fixed", ())}
    for s, p in bench.get("published", {}).items():
        if s not in sizes:
            out.append(f"[bench.published.{s}]: {s} is not among "
                       f"[bench] fixed's scenarios")
        elif p["items"] not in sizes[s]:
            out.append(f"[bench.published.{s}]: items {p['items']} is "
                       f"not one of the sizes [bench] fixed runs {s} at "
                       f"({', '.join(map(str, sizes[s]))}), so the "
                       f"report would have nowhere to show it")
    for name, profile in bench["profiles"].items():
        where = f"[bench.profiles.{name}]"
        out += check(where, profile, PROFILE)
        if out:
            return out
        s = {k: v for k, v in bench.items() if k != "profiles"} | profile
        out += [f"{where}: {k} is missing" for k in NEEDED if k not in s]
        if out:
            return out
        # A scenario is measured one way: per item, or at fixed sizes.
        fixed = [f["scenario"] for f in s["fixed"]]
        out += [f"{where}: {x} is in both scenarios and fixed; a "
                f"scenario is benchmarked per item or at fixed sizes, "
                f"not both" for x in dict.fromkeys(fixed)
                if x in s["scenarios"]]
        out += [f"{where}: {x} is in fixed more than once"
                for x in dict.fromkeys(fixed) if fixed.count(x) > 1]
        runs = [*s["scenarios"], s["memory"]["scenario"],
                s["process"]["scenario"],
                *(f["scenario"] for f in s["fixed"]),
                *(w["scenario"] for w in s["sweeps"])]
        out += [f"{where}: unknown scenario {x}" for x in runs
                if x not in registry.scenarios]
        out += [f"{where}: unknown model {m} (known: "
                f"{', '.join(PACKAGES)})" for m in s["models"]
                if m not in PACKAGES]
        fixed = [{"knob": "items", "values": f["items"]}
                 for f in s["fixed"]]
        for w in (*s["sweeps"], s["memory"], *fixed):
            for v in w["values"]:
                try:
                    check_flag(registry.flags, w["knob"], repr(v))
                except KeyError:
                    out.append(f"{where}: unknown knob {w['knob']}")
                    break
                except UsageError as err:
                    out.append(f"{where}: {err}")
    return out


def speedup_problems(scenarios, variants):
    """A speedup table names a share for each program the scenario
    runs, and nothing else, and a baseline of its own params; the
    contract is promised where the table is, and only there."""
    out = []
    for s in scenarios.values():
        promised = "speedup" in s.contracts
        if promised != bool(s.speedup):
            out.append(f"scenario {s.id}: the speedup contract needs a "
                       f"speedup table, and the table the contract")
            continue
        if not promised:
            continue
        runs = {name for v in s.variants
                for name in (variants[v].go, variants[v].python)}
        share = s.speedup["share"]
        out += [f"scenario {s.id}: speedup share lacks {name}"
                for name in sorted(runs - set(share))]
        out += [f"scenario {s.id}: speedup share names {name}, which "
                f"it does not run" for name in sorted(set(share) - runs)]
        out += [f"scenario {s.id}: speedup share {name} must be a "
                f"number from 0 to 1, got {x!r}"
                for name, x in share.items()
                if not fits(x, NUMBER0) or x > 1]
        out += [f"scenario {s.id}: speedup baseline has {name}, which "
                f"is not one of its params"
                for name in s.speedup["baseline"] if name not in s.params]
    return out


def each_expectation(s):
    """(contract, Expectation) for all of a scenario's."""
    for table in (s.expected_failures, s.expected_differences):
        for contract, value in table.items():
            for e in expectations(value):
                yield contract, e


