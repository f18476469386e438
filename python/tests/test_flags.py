"""One command-line contract for both languages: the same flags, the
same defaults, and for bad input the same one line and status 2."""

import json
import os
import subprocess

import pytest
from hypothesis import given, settings, strategies as st

from conftest import PROGRAMS, run_program
from harness import registry as registry_file

REGISTRY = registry_file.load()
KNOWN = ", ".join(sorted(REGISTRY.scenarios))
# Each program knows the scenarios whose variants use it.
KNOWN_BY = {impl: ", ".join(sorted({
    s.id for s in REGISTRY.scenarios.values() for v in s.variants
    if impl in (REGISTRY.variants[v].go, REGISTRY.variants[v].python)}))
    for impl in PROGRAMS}
# The programs that run the blog post's two scenarios (the cases below
# use them); the others share the same parser, and test_registry
# checks their flags.
SEED = [impl for impl in PROGRAMS if "spsc" in KNOWN_BY[impl].split(", ")]

BAD = [
    ([], "missing scenario (known: {known})"),
    (["nope"], 'unknown scenario "nope" (known: {known})'),
    (["n\u00e9\n"], 'unknown scenario "n\\xc3\\xa9\\x0a" (known: {known})'),
    (["spsc", "--items", "1" + "0" * 400],
     f"--items: 1{'0' * 400} is too large (at most 1000000000)"),
    (["spsc", "--items", "-" + "9" * 400],
     f"--items: must be at least 0, got -{'9' * 400}"),
    (["spsc", "--\u00e9"], "unknown flag --\\xc3\\xa9"),
    (["spsc", "--items", "-1"], "--items: must be at least 0, got -1"),
    (["mpsc", "--items=-3"], "--items: must be at least 0, got -3"),
    (["spsc", "--items", "ten"], '--items: "ten" is not a whole number'),
    (["spsc", "--items", "1_000"],
     '--items: "1_000" is not a whole number'),
    (["spsc", "--items", " 5"], '--items: " 5" is not a whole number'),
    (["mpsc", "--producers", "0"],
     "--producers: must be at least 1, got 0"),
    (["mpsc", "--producers", "2.5"],
     '--producers: "2.5" is not a whole number'),
    (["spsc", "--buffer", "-1"], "--buffer: must be at least 0, got -1"),
    (["spsc", "--buffer", "10000001"],
     "--buffer: 10000001 is too large (at most 10000000)"),
    (["spsc", "--delay", "soon"],
     '--delay: "soon" is not a number of seconds'),
    (["spsc", "--delay", "nan"],
     '--delay: "nan" is not a number of seconds'),
    (["spsc", "--delay", "0x10"],
     '--delay: "0x10" is not a number of seconds'),
    (["spsc", "--delay", "-0.5"], "--delay: must be at least 0, got -0.5"),
    (["spsc", "--producers", "2"], "--producers does not apply to spsc"),
    (["mpsc", "--consumers", "2"], "--consumers does not apply to mpsc"),
    (["spsc", "--verbose"], "unknown flag --verbose"),
    (["spsc", "-items", "3"], "unknown flag -items"),
    (["spsc", "--ite", "3"], "unknown flag --ite"),
    (["spsc", "--delay"], "--delay needs a value"),
    (["spsc", "--trace=true"], "--trace takes no value"),
    (["spsc", "mpsc"], 'unexpected argument "mpsc"'),
    (["help", "nope"], 'unknown scenario "nope" (known: {known})'),
    (["nope", "--help"], 'unknown scenario "nope" (known: {known})'),
    (["help", "spsc", "mpsc"], 'unexpected argument "mpsc"'),
    (["spsc", "help"], 'unexpected argument "help"'),
    (["help", "spsc", "--delay"], "--delay needs a value"),
]


@pytest.mark.parametrize("impl", SEED)
@pytest.mark.parametrize("args, message", BAD,
                         ids=[" ".join(a) or "(none)" for a, _ in BAD])
def test_bad_input_is_one_line_and_status_2(impl, args, message):
    done = run_program(impl, *args)
    message = message.replace("{known}", KNOWN_BY[impl])
    assert (done.returncode, done.stdout, done.stderr) == \
        (2, "", f"chankit: {message}\n")


def test_help_is_the_same_everywhere():
    texts = {impl: run_program(impl, "--help") for impl in PROGRAMS}
    assert {t.returncode for t in texts.values()} == {0}
    assert len({t.stdout for t in texts.values()}) == 1
    assert "unbuffered channel" in texts["go"].stdout
    assert "unbounded queue" in texts["go"].stdout
    assert "chankit help SCENARIO" in texts["go"].stdout
    for f in REGISTRY.flags.values():
        assert f"--{f.name} " in texts["go"].stdout
    # help with no scenario is the same general usage
    assert run_program("go", "help").stdout == texts["go"].stdout


@pytest.mark.parametrize("sid", sorted(REGISTRY.scenarios))
def test_each_scenario_has_its_own_help_the_same_everywhere(sid):
    """chankit help <id> and chankit <id> --help: the scenario's
    description and only the flags it takes, each with what it means
    there (the registry's help.<flag>, else [flags]' help), in every
    program that has the scenario, word for word."""
    s = REGISTRY.scenarios[sid]
    impls = [impl for impl in PROGRAMS
             if sid in KNOWN_BY[impl].split(", ")]
    texts = {run_program(impl, *args).stdout for impl in impls
             for args in (["help", sid], [sid, "--help"])}
    assert len(texts) == 1, texts
    text = texts.pop()
    assert text.startswith(f"usage: chankit {sid} [flags]\n")
    assert " ".join(text.split()).count(s.description) == 1
    for f in REGISTRY.flags.values():
        shown = f"--{f.name} {'N' if f.whole else 'S'}"
        assert (shown in text) == (f.name in s.takes), f.name
        if f.name in s.takes:
            meaning = s.help.get(f.name, f.help)
            assert " ".join(meaning.split()) in " ".join(text.split())


@pytest.mark.parametrize("impl", SEED)
@pytest.mark.parametrize("scenario, producers", [("spsc", 1),
                                                 ("mpsc", 2)])
def test_bare_program_replays_the_post(impl, scenario, producers):
    """Defaults are the post's: 5 items, 1 s apart, 2 producers in
    mpsc (the pacing is dropped here to keep the test fast)."""
    done = run_program(impl, scenario, "--delay=0", "--trace")
    start = json.loads(done.stdout.splitlines()[0])
    assert done.returncode == 0 and done.stderr == ""
    assert (start["items"], start["producers"], start["buffer"]) == \
        (5, producers, 0)
    human = run_program(impl, scenario, "--delay", "0").stdout
    items = [0, 1, 2, 3, 4] + ([10, 11, 12, 13, 14] if producers == 2
                               else [])
    assert sorted(human.splitlines()) == \
        sorted(f"Got number {n}" for n in items)


@pytest.mark.parametrize("impl", SEED)
def test_trace_lines_have_the_documented_fields(impl):
    done = run_program(impl, "mpsc", "--items", "3", "--delay", "0.001",
                       "--trace", "--producers", "3")
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert events[0]["op"] == "start" and events[-1]["op"] == "end"
    body = events[1:-1]
    assert len(body) == 2 * 3 * 3
    for e in body:
        assert set(e) == {"t", "actor", "op", "item"}
        assert isinstance(e["t"], float) and isinstance(e["item"], int)
        assert e["op"] in ("put", "get")
    assert [e["t"] for e in events] == sorted(e["t"] for e in events) \
        or impl == "processes"  # one clock, but several writers


# Random command lines: the tokens the parsers know, numbers in every
# shape, and any text a shell can pass (no NUL), in any order.
ARG_TEXT = st.text(st.characters(blacklist_characters="\x00",
                                 blacklist_categories=["Cs"]), max_size=8)
TOKENS = st.one_of(
    st.sampled_from(["spsc", "mpsc", "workers", "pipeline", "help",
                     "--items",
                     "--producers", "--consumers", "--buffer", "--delay",
                     "--work", "--trace",
                     "--trace=", "-h", "--", "-", "--items=", "=", ""]),
    st.from_regex(r"-?[0-9]{0,14}(\.[0-9]{0,3})?(e-?[0-9]{1,3})?",
                  fullmatch=True),
    st.builds(lambda k, v: f"--{k}={v}", st.sampled_from(
        ["items", "delay", "producers", "consumers", "buffer", "work",
         "x"]), ARG_TEXT),
    ARG_TEXT,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(TOKENS, max_size=5))
def test_both_parsers_answer_any_command_line_alike(argv):
    env = {**os.environ, "CHANKIT_CHECK_ONLY": "1"}
    answers = [subprocess.run([*PROGRAMS[impl], *argv], capture_output=True,
                              env=env, timeout=30)
               for impl in ("go", "asyncio")]
    go, py = ((a.returncode, a.stdout, a.stderr) for a in answers)
    assert go == py
    assert go[0] in (0, 2)
    assert go[2].count(b"\n") <= 1
