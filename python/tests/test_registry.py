"""The registry and the programs agree: every scenario it lists runs
in every implementation its variants use, with exactly the flags its
params name."""

import importlib
import re

import pytest

from chankit.cli import KNOBS
from conftest import PROGRAMS, run_program
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
    for name, *_ in KNOBS:
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
    (('variants = ["asyncio", "gomaxprocs1"], when',
      'variants = ["asyncio", "threads"], when'), "scenario rendezvous: the "
     "expectation for timeline names variant threads, which the "
     "scenario does not run"),
    (('variants = ["asyncio", "gomaxprocs1", "threads", "processes"]\n'
      'demo', 'variants = ["asyncio"]\nexpected_differences.'
      'exactly_once = "x"\ndemo'), "scenario spsc: exactly_once is not "
     "a contract between the two languages"),
])
def test_registry_mistakes_are_named(tmp_path, edit, message):
    path = tmp_path / "scenarios.toml"
    text = registry_file.REGISTRY.read_text()
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1))
    with pytest.raises(BadInput, match=re.escape(message)):
        registry_file.load(path)


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


def test_python_requirements_agree_with_the_programs():
    """needs_python in the registry is what the package says."""
    for impl in REGISTRY.implementations.values():
        if impl.lang == "python":
            package = importlib.import_module(impl.command[-1])
            assert getattr(package, "NEEDS", (3,)) == \
                impl.needs_python, impl.id
