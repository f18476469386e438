"""From the registry and the user's overrides to the runs to make."""

import dataclasses
import platform
import sys

from chankit import registry as programs_registry
from chankit.cli import UsageError
from harness.errors import BadInput
from harness.registry import ROOT, check_flag

PYTHON = f"Python {platform.python_version()}"


def overrides(registry, given):
    """Check the user's parameters with the programs' own rules and
    the registry's limits ([flags])."""
    checked = {}
    for name, raw in given.items():
        if raw is None:
            continue
        try:
            checked[name] = check_flag(registry.flags, name, raw)
        except UsageError as err:
            raise BadInput(str(err)) from None
    return checked


def params(scenario, checked):
    """A scenario's parameters: the registry's, then the user's for
    the knobs it has. Returns them and the overrides it cannot take."""
    merged = dict(scenario.params)
    ignored = sorted(k for k in checked if k not in merged)
    merged.update({k: v for k, v in checked.items() if k in merged})
    # The others are what the programs give a scenario that does not
    # take them: [flags]' fixed values, as the programs read them.
    full = {f.name: int(f.fixed) if f.whole else float(f.fixed)
            for f in programs_registry.flags().values()
            if f.fixed is not None} | merged
    return full, ignored


def flags(scenario, full):
    """The command-line flags that ask a program for these params."""
    out = []
    for name in scenario.takes:
        out += [f"--{name}", repr(full[name])]
    return out


def program(impl, python):
    """An implementation's program, as the registry declares it:
    {python} and {root} filled in; the scenario and flags follow."""
    return [part.replace("{python}", python).replace("{root}", str(ROOT))
            for part in impl.command]


def command(impl, scenario, full, python, trace=True):
    """The argv for one implementation of one scenario; with no
    params (full is None) the program runs with its own defaults."""
    argv = program(impl, python)
    argv.append(scenario.id)
    if full is not None:
        argv += flags(scenario, full)
    return argv + (["--trace"] if trace else [])


@dataclasses.dataclass
class Selection:
    scenarios: list
    variants: dict  # scenario id -> its variant ids


def select(registry, scenario_ids, variant_ids):
    """The scenarios and variants to run; unknown names are BadInput."""
    chosen = [registry.scenario(s) for s in dict.fromkeys(scenario_ids)] \
        or list(registry.scenarios.values())
    for v in variant_ids:
        if v not in registry.variants:
            raise BadInput(f'unknown variant "{v}" (known: '
                           f'{", ".join(registry.variants)})')
    variants = {s.id: [v for v in s.variants
                       if not variant_ids or v in variant_ids]
                for s in chosen}
    chosen = [s for s in chosen if variants[s.id]]
    if not chosen:
        raise BadInput("no scenario has the variants asked for")
    return Selection(chosen, variants)


def applicable(selection, checked):
    """An override no chosen scenario takes is a mistake, worded as
    the programs word it; one that only some take is applied there."""
    for name in checked:
        takers = [s for s in selection.scenarios if name in s.takes]
        if not takers:
            ids = ", ".join(s.id for s in selection.scenarios)
            raise BadInput(f"--{name} does not apply to {ids}")


LONG_S = 600  # a scenario slower than this is named before it runs


def long_runs(selection, checked):
    """A line for each scenario that will surely take longer than
    LONG_S at these parameters: its pauses alone (each item's delay,
    or its work shared among the consumers) add up to that. A
    scenario that fixes its own work (pitfall's slow consumer) keeps
    it when ITEMS grows; the user should know before waiting."""
    notes = []
    for s in selection.scenarios:
        full, _ = params(s, checked)
        each = max(full["delay"], full["work"] / full["consumers"])
        least = full["items"] * each
        if least > LONG_S:
            notes.append(
                f"{s.id} takes at least {duration(least)} at these "
                f"parameters ({full['items']:,} items, {each:g} s "
                f"each); Ctrl-C stops it, SCENARIO= leaves it out")
    return notes


def duration(seconds):
    if seconds < 2 * 3600:
        return f"{seconds / 60:,.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:,.1f} h"
    return f"{seconds / 86400:,.0f} days"


def fit(registry, selection, checked):
    """Drop the variants whose programs cannot run this many actors
    (scenarios.toml, `most`) or on this Python (`needs_python`);
    returns a note for each one dropped.
    BadInput if nothing is left to run."""
    notes = []
    for s in selection.scenarios:
        full, _ = params(s, checked)
        keep = []
        for vid in selection.variants[s.id]:
            v = registry.variants[vid]
            over = [(impl, n) for impl in (v.go, v.python)
                    for n in ("producers", "consumers")
                    if registry.implementations[impl].most is not None
                    and full[n] > registry.implementations[impl].most]
            old = [impl for impl in (v.go, v.python) if sys.version_info
                   < registry.implementations[impl].needs_python]
            if over:
                impl, n = over[0]
                notes.append(f"{s.id} / {vid} skipped: {impl} runs at most "
                             f"{registry.implementations[impl].most} {n}")
            elif old:
                needs = registry.implementations[old[0]].needs_python
                notes.append(f"{s.id} / {vid} skipped: {old[0]} needs "
                             f"Python {'.'.join(map(str, needs))} or "
                             f"newer, and this is {PYTHON}")
            else:
                keep.append(vid)
        selection.variants[s.id] = keep
    selection.scenarios = [s for s in selection.scenarios
                           if selection.variants[s.id]]
    if not selection.scenarios:
        raise BadInput("nothing left to run: " + "; ".join(notes))
    return notes
