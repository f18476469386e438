"""scenarios.toml, read and checked before anything runs."""

import dataclasses
import tomllib
from pathlib import Path

from chankit.cli import COMMON, KNOBS, UsageError
from chankit.cli import value as check_value
from harness.errors import BadInput

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "scenarios.toml"
RULES = {name: rest for name, *rest in KNOBS}
KNOB_NAMES = tuple(RULES)


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


@dataclasses.dataclass(frozen=True)
class Scenario:
    id: str
    description: str
    params: dict
    contracts: tuple
    variants: tuple
    expected_failures: dict
    expected_differences: dict
    demo: str
    scale: bool
    # contract -> the variants its expectation is limited to
    expected_in: dict = dataclasses.field(default_factory=dict)

    def expects(self, contract, variant):
        """("fail" | "differ" | "", why) for a contract in a variant
        (variant None: any)."""
        limit = self.expected_in.get(contract)
        if limit is not None and variant is not None and \
                variant not in limit:
            return "", ""
        if contract in self.expected_failures:
            return "fail", self.expected_failures[contract]
        if contract in self.expected_differences:
            return "differ", self.expected_differences[contract]
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

    def scenario(self, sid):
        if sid not in self.scenarios:
            raise BadInput(f'unknown scenario "{sid}" (known: '
                           f'{", ".join(sorted(self.scenarios))})')
        return self.scenarios[sid]


def scenario(sid, v):
    """One [scenarios.<id>] table. An expectation is a reason, or a
    table { why = "…", variants = [...] } that limits it to some."""
    expected, limits = {}, {}
    for kind in ("expected_failures", "expected_differences"):
        expected[kind] = {}
        for contract, value in v.get(kind, {}).items():
            if isinstance(value, dict):
                limits[contract] = tuple(value["variants"])
                value = value["why"]
            expected[kind][contract] = str(value)
    return Scenario(sid, v["description"], dict(v["params"]),
                    tuple(v["contracts"]), tuple(v["variants"]),
                    expected["expected_failures"],
                    expected["expected_differences"],
                    v.get("demo", ""), bool(v.get("scale", False)),
                    limits)


def version(text):
    """ "3.13" -> (3, 13)"""
    return tuple(int(part) for part in str(text).split("."))


def load(path=REGISTRY):
    """Read the registry; any mistake in it is a BadInput."""
    from harness.contracts import CONTRACTS, CROSS
    try:
        data = tomllib.loads(Path(path).read_text())
        impls = {k: Implementation(k, v["lang"], v["label"],
                                   tuple(v["command"]), v.get("env", {}),
                                   v.get("most"),
                                   version(v.get("needs_python", "3")))
                 for k, v in data["implementations"].items()}
        variants = {k: Variant(k, v["go"], v["python"], v.get("why", ""))
                    for k, v in data["variants"].items()}
        scenarios = {k: scenario(k, v)
                     for k, v in data["scenarios"].items()}
        registry = Registry(scenarios, impls, variants,
                            dict(data["harness"]["timeout"]),
                            dict(data["harness"]["tolerance"]),
                            dict(data["harness"]["scale"]),
                            dict(data["harness"]["timeline"]),
                            dict(data["harness"]["calibration"]))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise BadInput(f"cannot read {path}: {err}") from None
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise BadInput(f"{path}: missing or malformed entry {err}") \
            from None
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
          if p not in KNOB_NAMES),
        *(f"scenario {s.id} lacks parameter {p}"
          for s in scenarios.values() for p in COMMON
          if p not in s.params),
        *(f"scenario {s.id} expects {c} to fail but does not promise it"
          for s in scenarios.values()
          for c in (*s.expected_failures, *s.expected_differences)
          if c not in s.contracts),
        *(f"scenario {s.id}: the expectation for {c} names variant "
          f"{v}, which the scenario does not run"
          for s in scenarios.values()
          for c, limit in s.expected_in.items() for v in limit
          if v not in s.variants),
        *(f"scenario {s.id}: {c} is not a contract between the two "
          f"languages, so it cannot be an expected difference"
          for s in scenarios.values() for c in s.expected_differences
          if c not in CROSS),
    ]
    for s in scenarios.values():
        for name, value in s.params.items():
            if name in KNOB_NAMES:
                try:
                    check_value(name, repr(value), *RULES[name])
                except UsageError as err:
                    problems.append(f"scenario {s.id}: {err}")
    if problems:
        raise BadInput(f"{path}: {problems[0]}")
    return registry
