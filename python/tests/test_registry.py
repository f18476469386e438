"""The registry and the programs agree: every scenario it lists runs
in every implementation its variants use, with exactly the flags its
params name."""

import importlib
import re
import subprocess
import sys

import pytest

from conftest import PROGRAMS, ROOT, run_program
from harness import registry as registry_file
from harness.errors import BadInput

REGISTRY = registry_file.load()
USED = sorted({(s.id, name) for s in REGISTRY.scenarios.values()
               for v in s.variants for name in (
                   REGISTRY.variants[v].go, REGISTRY.variants[v].python)
               if name in PROGRAMS})


@pytest.mark.parametrize("impl", PROGRAMS)
def test_programs_know_the_registry_scenarios(impl):
    err = run_program(impl, "no-such-scenario").stderr
    known = re.search(r"\(known: (.*)\)", err).group(1).split(", ")
    assert set(known) >= {sid for sid, name in USED if name == impl}


@pytest.mark.parametrize("sid, impl", USED)
def test_flags_are_the_registry_params(sid, impl):
    takes = REGISTRY.scenarios[sid].takes
    for name in REGISTRY.flags:
        done = run_program(impl, sid, f"--{name}", "1", "--items", "1",
                           "--delay", "0")
        if name in takes:
            assert done.returncode == 0, done.stderr
        else:
            assert (done.returncode, done.stderr) == \
                (2, f"chankit: --{name} does not apply to {sid}\n")


@pytest.mark.parametrize("edit, message", [
    (("[variants.threads]\ngo = \"go\"", "[variants.threads]\ngo = \"c\""),
     "variant threads names unknown implementation c"),
    (('"gomaxprocs1", "threads"', '"gomaxprocs2", "threads"'),
     "scenario spsc names unknown variant gomaxprocs2"),
    (("items = 10, buffer", "items = -1, buffer"),
     "scenario spsc: --items: must be at least 0, got -1"),
    (("items = 10, buffer", "itemz = 10, buffer"),
     "scenario spsc has unknown parameter itemz"),
    (("[harness]", "[harness"), "cannot read"),
    (('help.items = "items each of the two', 'help.work = "items each'),
     "scenario select: help says what --work means, but it does not "
     "take --work"),
    (("[scenarios.spsc]", "[scenarios.help]"), "scenario help: the id "
     "is the word of `chankit help SCENARIO`"),
    (('variants = ["asyncio", "gomaxprocs1", "eager"], when',
      'variants = ["asyncio", "threads"], when'), "scenario rendezvous: the "
     "expectation for timeline names variant threads, which the "
     "scenario does not run"),
    (('variants = ["asyncio", "gomaxprocs1", "threads", "processes", '
      '"eager",\n            "trio", "anyio"]\n'
      'demo', 'variants = ["asyncio"]\nexpected_differences.'
      'exactly_once = "x"\ndemo'), "scenario spsc: exactly_once is not "
     "a contract between the two languages"),
    # Every scenario is benchmarked, or left out with its reason.
    (('pitfall = "it loses items', 'pitfal = "it loses items'),
     "[bench]: scenario pitfall is neither benchmarked nor in "
     "[bench.left_out] with its reason"),
    (("[bench.left_out]\n", '[bench.left_out]\nsieve = "slow"\n'),
     "[bench] left_out: sieve is benchmarked too"),
    (("source = \"the Programming-Language-Benchmarks' coro-prime-sieve, "
      "on their two-core machine (as issue 13 quotes them)\"\nitems = "
      "1000", "source = \"x\"\nitems = 2000"),
     "[bench.published.sieve]: items 2000 is not one of the sizes "
     "[bench] fixed runs sieve at (1000, 4000)"),
    (('scenarios = ["spsc", "mpsc", "workers"',
      'scenarios = ["sieve", "spsc", "mpsc", "workers"'),
     "[bench.profiles.quick]: sieve is in both scenarios and fixed"),
    (('fixed = [{ scenario = "sieve", items = [1000, 4000], runs = 3 }]',
      'fixed = [{ scenario = "sieve", items = [1000], runs = 3 },\n'
      '         { scenario = "sieve", items = [1000, 4000], runs = 1 }]'),
     "[bench.profiles.quick]: sieve is in fixed more than once"),
    (("[bench.published.sieve]", "[bench.published.spsc]"),
     "[bench.published.spsc]: spsc is not among [bench] fixed's "
     "scenarios"),
])
def test_registry_mistakes_are_named(tmp_path, edit, message):
    with pytest.raises(BadInput, match=re.escape(message)):
        load_edited(tmp_path, edit)


def load_edited(tmp_path, edit):
    """Load scenarios.toml with one (old, new) text replaced."""
    path = tmp_path / "scenarios.toml"
    text = registry_file.REGISTRY.read_text()
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1))
    return registry_file.load(path)


@pytest.mark.parametrize("impl", ["threads", "processes"])
def test_model_limits_agree_with_the_programs(impl):
    most = REGISTRY.implementations[impl].most
    done = run_program(impl, "mpsc", "--producers", str(most + 1))
    assert (done.returncode, done.stderr) == (
        2, f"chankit: --producers: {most + 1} is too many for this "
           f"model (at most {most})\n")
    ok = run_program(impl, "mpsc", "--producers", str(min(most, 300)),
                     "--items", "1", "--delay", "0", timeout=120)
    assert ok.returncode == 0, ok.stderr


def test_programs_read_their_limits_from_the_registry():
    """most and needs_python are the registry's alone: chankit reads
    them from scenarios.toml, and no package keeps a copy."""
    from chankit import registry as programs_registry
    for impl in REGISTRY.implementations.values():
        if impl.lang == "python":
            package_name = impl.command[-1]
            package = importlib.import_module(package_name)
            assert not hasattr(package, "MOST")
            assert not hasattr(package, "NEEDS")
            assert programs_registry.most(package_name) == impl.most
            assert programs_registry.needs(package_name) == \
                (impl.needs_python or (3,)), impl.id
    for sid, s in REGISTRY.scenarios.items():
        assert programs_registry.takes(sid) == s.takes


# Each number of [harness], [bench] and a scenario's cost, missing, of
# the wrong type, not finite or out of range.
NUMBERS = [
    ("base_s = 15.0", "base_s = -100",
     "[harness] timeout.base_s must be a positive number, got -100"),
    ("base_s = 15.0", "base_s = nan",
     "[harness] timeout.base_s must be a positive number, got nan"),
    ("base_s = 15.0", 'base_s = "15"',
     "[harness] timeout.base_s must be a positive number, got '15'"),
    ("base_s = 15.0, ", "", "[harness] timeout.base_s is missing"),
    ("per_actor_s = 2e-4", "per_actor_s = inf",
     "[harness] timeout.per_actor_s must be a positive number, got inf"),
    ("timeline = { retries = 2 }", "timeline = 2",
     "[harness] timeline must be a table, got 2"),
    ("retries = 2", "retries = 2.5", "[harness] timeline.retries must "
     "be a whole number of at least 0, got 2.5"),
    ("drift = 0.25", "drift = true",
     "[harness] tolerance.drift must be a positive number, got True"),
    ("items = 20, delay_s", "items = 0, delay_s", "[harness] "
     "calibration.items must be a whole number of at least 1, got 0"),
    ("actors = 10000", "actors = -5", "[harness] scale.actors must be "
     "a whole number of at least 1, got -5"),
    ("cost = { pace = 1.7 }", "cost = { pace = -1 }",
     "scenario timeout: cost.pace must be a positive number, got -1"),
    ("cost = { pace = 1.7 }", "cost = { pase = 1.7 }",
     "scenario timeout: cost has unknown key pase"),
    ("samples = 10", "samples = nan", "[bench.profiles.quick] samples "
     "must be a whole number of at least 1, got nan"),
    ("floors = [0, 1, 100]", "floors = [0, -1]",
     "[bench] floors[1] must be a whole number of at least 0, got -1"),
    ("min_time = 0.05", "min_time = -0.05", "[bench.profiles.quick] "
     "pyperf.min_time must be a positive number, got -0.05"),
    ('models = ["asyncio", "uvloop"', 'models = ["asyncio", "uvlop"',
     "[bench.profiles.quick]: unknown model uvlop"),
    ('{ knob = "buffer", scenario = "spsc", values = [0, 1, 10',
     '{ knob = "buffer", scenario = "spsx", values = [0, 1, 10',
     "[bench.profiles.quick]: unknown scenario spsx"),
    ("items = [1000, 4000], runs = 3", "items = [1000, 0], runs = 3",
     "[bench] fixed[0] items[1] must be a whole number of at least 1, "
     "got 0"),
    ("items = [1000, 4000], runs = 3", "items = [1000, 4000], runs = 0",
     "[bench] fixed[0] runs must be a whole number of at least 1, "
     "got 0"),
    ('"CPython 3.10" = 0.910', '"CPython 3.10" = -1',
     "[bench] published.sieve.seconds.CPython 3.10 must be a positive "
     "number, got -1"),
    ("items = [1000, 4000], runs = 3", "items = [1000, 2000000000], "
     "runs = 3", "[bench.profiles.quick]: --items: 2000000000 is too "
     "large"),
    ("values = [1, 2, 4, 16, 256, 4096]", "values = [1, 2, 10000000]",
     "[bench.profiles.quick]: --producers: 10000000 is too large "
     "(at most 1000000)"),
]


def broken(tmp_path, old, new):
    text = registry_file.REGISTRY.read_text()
    assert old in text
    path = tmp_path / "scenarios.toml"
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize("old, new, message", NUMBERS,
                         ids=[n for _, n, _ in NUMBERS])
def test_every_number_is_checked_when_the_registry_is_read(
        tmp_path, old, new, message):
    with pytest.raises(BadInput) as err:
        registry_file.load(broken(tmp_path, old, new))
    assert str(err.value).split(": ", 1)[1].startswith(message)


@pytest.mark.parametrize("command", ["compare", "demo", "scale", "bench"])
def test_a_bad_number_stops_every_command_before_it_runs(tmp_path,
                                                         command):
    """One line, status 2, and nothing run or saved."""
    path = broken(tmp_path, "base_s = 15.0", "base_s = -100")
    done = subprocess.run(
        [sys.executable, "-m", "harness", command, "--registry",
         str(path), "--results", str(tmp_path / "r")],
        capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", f"harness: {path}: [harness] timeout.base_s must be a "
        f"positive number, got -100\n")
    assert not (tmp_path / "r").exists()


def test_the_go_program_s_registry_files_are_written_from_it():
    """go/kit/registry.go (the flags, the help) and
    go/kit/kitbench/registry.go (the benchmark cases) are the
    registry's, written by make: committed, so plain `go build` and
    `go test -bench .` work, and never out of date."""
    from harness import gogen
    for path, text in gogen.wanted(REGISTRY).items():
        assert path.read_text() == text, \
            f"{path.relative_to(ROOT)} is out of date: run make"
        assert "DO NOT EDIT" in path.read_text().splitlines()[0]
    done = subprocess.run([sys.executable, "-m", "harness.gogen",
                           "--check"], capture_output=True, text=True,
                          cwd=ROOT / "python", timeout=120)
    assert (done.returncode, done.stderr) == (0, "")


# [flags]: each mistake named, before anything runs.
FLAGS = [
    ("max = 3600\nwhole = false\ndefault = 1\n",
     "max = 3600\nwhole = false\ndefault = 4000\n",
     "[flags.delay] default: --delay: 4000 is too large (at most 3600)"),
    ("max = 1_000_000_000", "max = 1e9",
     "[flags.items] max must be a whole number of at least 0, got "
     "1000000000.0"),
    ("max = 1_000_000_000", "max = 10_000_000_000",
     "[flags.items]: max must be at most 9999999999"),
    ("default = 2\nfixed = 1\n", "default = 2\n",
     "[flags.producers]: needs fixed"),
    ('every_scenario = ["items", "buffer", "delay"]',
     'every_scenario = ["items", "buffer", "delay", "work"]',
     "[flags.work]: every scenario takes it, so it needs no fixed"),
    ("whole = true\ndefault = 5", "whole = 1\ndefault = 5",
     "[flags.items] whole must be true or false, got 1"),
    ("[flags.work]", "[flags.labour]", "[flags] must declare the "
     "programs' flags"),
    ('help = "items each producer sends"', 'hlep = "items"',
     "[flags.items] help is missing"),
    ("default = 2\nfixed = 1\n", "default = 2\nfixed = 0\n",
     "[flags.producers] fixed: --producers: must be at least 1, got 0"),
    ('help.items = "items each of the two producers sends"',
     "help.items = 3", "scenario select: help.items must be a string"),
]


@pytest.mark.parametrize("old, new, message", FLAGS,
                         ids=[m.split(":")[0] + " " + n
                              for _, n, m in FLAGS])
def test_every_flag_fact_is_checked_when_the_registry_is_read(
        tmp_path, old, new, message):
    with pytest.raises(BadInput) as err:
        registry_file.load(broken(tmp_path, old, new))
    assert str(err.value).split(": ", 1)[1].startswith(message)


def test_flag_facts_live_in_the_registry_alone():
    """No program keeps a copy of [flags]: the Python program reads
    it (chankit/registry.py), the Go program has it from the file
    make writes; neither source names a limit of its own."""
    from chankit import cli
    for old in ("KNOBS", "DEFAULTS", "FIXED", "USAGE", "COMMON"):
        assert not hasattr(cli, old), old
    go = (ROOT / "go" / "kit" / "cli.go").read_text()
    for number in ("1e6", "1e7", "1000000", "3600"):
        assert number not in go, number
