"""CPU-bound work: --cpu's computation is the same in both
languages, and the speedup and heartbeat contracts are judged on
synthetic traces, never on the clock: what each model should reach,
a busy machine that cannot show it ("could not be judged", never
✗), a one-core machine, and a heartbeat the work holds up."""

import asyncio
import re

import pytest

from chankit import compute as chankit_compute
from conftest import run_program
from harness.check import contracts
from harness.report import render
from harness.run import compare, runner, speedup
from harness.errors import BadInput
from harness.registry import load
from test_registry import load_edited
from tracegen import lines, start, trace

REGISTRY = load()
PARALLEL = REGISTRY.scenarios["parallel"]
STARVE = REGISTRY.scenarios["starve"]


def test_mix_is_the_same_computation_as_go():
    """kit.Mix's result for these rounds, from go/kit/compute_test.go:
    the two languages compute the same thing, not just as long."""
    assert chankit_compute.mix(0, 1000) == 4841143411245973379
    assert chankit_compute.mix(5, 3) == 17165568794063451869


def test_compute_takes_its_rounds_from_the_registry():
    rounds = REGISTRY.cpu["python_rounds"]
    assert chankit_compute.compute(2) == chankit_compute.mix(2,
                                                             2 * rounds)


@pytest.mark.parametrize("impl", ["go", "asyncio"])
def test_cpu_is_a_whole_number_of_units(impl):
    done = run_program(impl, "parallel", "--cpu", "1.5")
    assert (done.returncode, done.stderr) == \
        (2, 'chankit: --cpu: "1.5" is not a whole number\n')


# The speedup contract. A run of the parallel scenario is one
# producer and W workers; only its span (first event to end event)
# matters here: the last receive is at the end.
def run(span, workers=2, lang="python", model="asyncio", procs=None,
        cpu=10, delay=0.0):
    head = start("parallel", lang, model, items=4, producers=1,
                 delay=delay, consumers=workers) | {"cpu": cpu}
    if procs is not None:
        head["gomaxprocs"] = procs
    times = [0.001, 0.001, 0.001, round(0.001 + span, 6)]
    events = [e for i, t in enumerate(times)
              for e in ((t, "producer-0", "put", i),
                        (t, f"worker-{i % workers}", "get", i))]
    return trace(head, events, source=f"{model}-{workers}")


def judge(go_s, py_s, go_base, py_base, share=(0.8, 0.7), cores=2,
          control=1.95, workers=2, model="processes"):
    go = run(go_s, workers, "go", "channels", procs=cores)
    py = run(py_s, workers, model=model)
    context = speedup.Context(
        (run(go_base, 1, "go", "channels", procs=cores),
         run(py_base, 1, model=model)), share, cores, control)
    return contracts.speedup(go, py, contracts.Rules(0.05,
                                                     speedup=context))


def test_a_span_runs_from_the_first_event_to_the_end():
    assert speedup.span(run(0.5)) == pytest.approx(0.5)


def test_go_and_processes_that_use_both_cores_pass():
    found = judge(0.26, 0.3, 0.5, 0.5)
    assert (found.status, list(found)) == ("pass", [])
    assert found.figures[0].startswith(
        "go: 1.92× over one worker (should reach 1.60×")
    assert found.figures[1].startswith(
        "python/processes: 1.67× over one worker (should reach 1.40×")


def test_a_model_short_of_its_share_on_a_quiet_machine_fails():
    """The plain job got 1.95×: the cores were there, and processes
    used fewer than 0.7 of them."""
    found = judge(0.26, 0.45, 0.5, 0.5)
    assert found.status == "fail"
    assert found == ["python/processes: 1.11× over one worker (should "
                     "reach 1.40×: 0.7 of 2, for 2 workers on 2 cores), "
                     "while a plain job of 2 processes got 1.95× just "
                     "now"]


def test_a_busy_machine_cannot_fail_a_model_it_starved():
    """Every core busy: the plain job got only 1.2×, and Go 1.1×. Not
    ✗: could not be judged."""
    found = judge(0.45, 0.3, 0.5, 0.5, control=1.2)
    assert found.status == "unjudged"
    assert "could not be judged: a plain job of 2 processes got 1.20×" \
        in found[0]


def test_every_core_busy_is_never_a_cross():
    """under-load: the plain job gets 1.5× (its two processes beside
    two busy loops), short of the 1.7× a quiet machine gives; Go at
    0.9× and processes at 1.0× are not judged, though below their
    share of 1.5×."""
    found = judge(0.5 / 0.9, 0.5, 0.5, 0.5, control=1.5)
    assert found.status == "unjudged"
    assert len(found) == 2


def test_a_model_that_gets_its_share_of_a_busy_machine_is_unjudged():
    """1.2× of a plain job's 1.3×: short of the mark, but not of what
    the machine gave; never a pass, never a ✗."""
    assert judge(0.5 / 1.2, 0.3, 0.5, 0.5, control=1.3).status == \
        "unjudged"


def test_without_a_plain_job_a_shortfall_is_unjudged():
    assert judge(0.45, 0.3, 0.5, 0.5, control=None).status == "unjudged"


def test_serial_models_are_about_one():
    found = judge(0.26, 0.49, 0.5, 0.5, share=(0.8, 0), model="asyncio")
    assert found.status == "pass"
    assert found.figures[1] == (
        "python/asyncio: 1.02× over one worker (it computes one item at "
        "a time: about 1×, at most 1.25×)")


def test_a_serial_model_that_speeds_up_on_a_quiet_machine_fails():
    """threads that ran twice as fast: a Python without the GIL, say.
    The registry's 0 for threads is then out of date."""
    found = judge(0.26, 0.25, 0.5, 0.5, share=(0.8, 0), model="threads")
    assert found.status == "fail"
    assert found[0].startswith("python/threads: 2.00× over one worker")


def test_a_serial_models_speedup_on_a_busy_machine_is_unjudged():
    found = judge(0.26, 0.35, 0.5, 0.5, share=(0.8, 0), control=1.1,
                  model="threads")
    assert found.status == "unjudged"


def test_one_core_cannot_show_a_speedup():
    """Go's GOMAXPROCS says one core: its mark does not apply, and the
    figure says why; a serial model is still about 1×."""
    found = judge(0.5, 0.5, 0.5, 0.5, share=(0.8, 0), cores=1,
                  control=1.0, model="asyncio")
    assert found.status == "pass"
    assert found.figures[0] == \
        "go GOMAXPROCS=1: a speedup cannot be shown on one core"
    only = judge(0.5, 0.5, 0.5, 0.5, cores=1, control=1.0)
    assert only.status == "n/a"


def test_go_gomaxprocs1_is_held_to_one_core():
    go = run(0.5, 2, "go", "channels", procs=1)
    context = speedup.Context((run(0.5, 1, "go", "channels", procs=1),
                               run(0.5, 1)), (0.8, 0), 2, 1.95)
    found = speedup.check(go, run(0.5), context)
    assert "cannot be shown" in found.figures[0]


def test_the_least_disturbed_runs_are_the_measure():
    """Load from elsewhere only makes a run longer: Go's W-worker run
    that a burst stretched to 0.5 s is outdone by its run again in
    0.26 s, and the one-worker run of 0.5 s by nothing."""
    go = run(0.5, 2, "go", "channels", procs=2)
    context = speedup.Context(
        (run(0.5, 1, "go", "channels", procs=2), run(0.5, 1)),
        (0.8, 0), 2, 1.95, more=(((0.3, 0.26), (0.6, 0.55)),
                                 ((), ())))
    found = speedup.check(go, run(0.5), context)
    assert (found.status, found.figures[0][:25]) == \
        ("pass", "go: 1.92× over one worker")


def test_the_plain_job_counts_its_least_turn():
    """Quiet at one turn (1.88×) and busy at another (1.0×): the
    machine surely gave 1.0×, and that is not quiet."""
    assert speedup.plain([(2, 0.2, 0.4), None, (2, 0.15, 0.16)]) == \
        pytest.approx(1.0)
    assert speedup.plain([None]) is None


def test_a_run_too_short_to_time_does_not_apply():
    assert judge(0.05, 0.05, 0.1, 0.1).status == "n/a"


@pytest.mark.parametrize("params", [{"delay": 0.01}, {"cpu": 0},
                                    {"cpu": 4}, {"workers": 1}])
def test_speedup_applies_to_unpaced_cpu_work_of_a_pool(params):
    workers = params.pop("workers", 2)
    a = run(0.3, workers, "go", "channels", **params)
    b = run(0.3, workers, **params)
    context = speedup.Context((a, b), (0.8, 0.7), 2, 1.95)
    assert speedup.check(a, b, context) is None


def test_two_traces_alone_cannot_judge_a_speedup():
    verdicts = contracts.check(REGISTRY, PARALLEL,
                               run(0.3, lang="go", model="channels"),
                               run(0.3))
    assert {v.contract: v.status for v in verdicts}["speedup"] == "n/a"


def test_the_report_shows_a_passing_speedup():
    found = judge(0.26, 0.3, 0.5, 0.5)
    verdict = contracts.Verdict("speedup", "pass", [],
                                figures=found.figures)
    row = {"scenario": "parallel", "variant": "processes",
           "go": {"problem": ""}, "python": {"problem": ""},
           "verdicts": [verdict]}
    first, *rest = render.notes([row])[0]
    assert first == "parallel / processes: speedup holds"
    assert rest == found.figures


# The heartbeat contract: ticks every 10 ms, and a consumer that
# works 200 ms on each of two items.
def beats(stops=()):
    """A heartbeat that ticks every 10 ms from 0 to 0.5 s, except
    within the (from, to) spans in stops."""
    ticks = [round(0.01 * k, 6) for k in range(1, 50)]
    ticks = [t for t in ticks
             if not any(a < t < b for a, b in stops)]
    events = [(0.0, "producer-0", "put", 0), (0.0, "consumer-0", "get", 0),
              (0.2, "producer-0", "put", 1), (0.2, "consumer-0", "get", 1)]
    events += [(t, "heartbeat-0", "tick", None) for t in ticks]
    events.sort(key=lambda e: e[0])
    return events


def heartbeat(go_events, py_events, cpu=200):
    head = start("starve", items=2, producers=1, delay=0.0) | {"cpu": cpu}
    a = trace(head | {"lang": "go", "model": "channels"}, go_events)
    b = trace(head, py_events)
    return contracts.check(REGISTRY, STARVE, a, b, "to_thread")


def verdict(verdicts, name):
    return next(v for v in verdicts if v.contract == name)


def test_a_heartbeat_that_keeps_pace_holds():
    v = verdict(heartbeat(beats(), beats()), "heartbeat")
    assert (v.status, v.violations) == ("pass", [])
    assert re.fullmatch(r"go: the heartbeat's largest gap was 10 ms, "
                        r"from 0\.\d+s \(at most 100 ms\)", v.figures[0])


def test_a_heartbeat_held_up_by_the_work_fails():
    """asyncio: no tick while each item is worked on."""
    v = verdict(heartbeat(beats(), beats([(0.0, 0.21), (0.21, 0.42)])),
                "heartbeat")
    assert v.status == "fail"
    assert v.violations == [
        "the heartbeat stopped for 210 ms from 0.000s (python/asyncio); "
        "it may stop for at most 100 ms"]
    # All of them, and the first a registry expects where asyncio runs.
    assert verdict(contracts.check(
        REGISTRY, STARVE, *[trace(start("starve", items=2, producers=1,
                                        delay=0.0) | {"cpu": 200} | x, e)
                            for x, e in (({"lang": "go"}, beats()),
                                         ({}, beats([(0.0, 0.21)])))],
        "asyncio"), "heartbeat").expected == "differ"


def test_the_allowed_gap_is_the_tolerance_for_short_work():
    """Items of 20 ms: a stop of 60 ms is more than the 50 ms
    tolerance, though more than half an item's work too."""
    v = verdict(heartbeat(beats(), beats([(0.1, 0.16)]), cpu=20),
                "heartbeat")
    assert v.status == "fail"
    assert "at most 50 ms" in v.violations[0]


def test_a_heartbeat_that_never_ticks_stops_for_the_whole_run():
    events = [e for e in beats() if e[2] != "tick"]
    v = verdict(heartbeat(beats(), events), "heartbeat")
    assert v.violations[0].startswith(
        "the heartbeat stopped for 200 ms from 0.000s")


@pytest.mark.parametrize("edit, message", [
    (("to_thread = 0, executor = 0.7", "to_thread = 0"),
     "scenario parallel: speedup share lacks executor"),
    (("processes = 0.7,", "processes = 1.7,"),
     "scenario parallel: speedup share processes must be a number from "
     "0 to 1, got 1.7"),
    (("baseline = { consumers = 1 }", "baseline = { producers = 1 }"),
     "scenario parallel: speedup baseline has producers, which is not "
     "one of its params"),
    (('"no_leaks", "speedup"]', '"no_leaks"]'),
     "scenario parallel: the speedup contract needs a speedup table"),
    (("python_rounds = ", "python_rounds = -"),
     "[cpu] python_rounds must be a whole number of at least 1"),
])
def test_speedup_and_cpu_mistakes_are_named(tmp_path, edit, message):
    with pytest.raises(BadInput, match=re.escape(message)):
        load_edited(tmp_path, edit)


# settle(): a heartbeat that stops where it should not is run again,
# as a timeline that differs is, and weighed against the noise.
def starve_run(events, lateness=0.0, lang="go"):
    head = start("starve", lang=lang, items=2, producers=1,
                 delay=0.0) | {"cpu": 200}
    if lang == "go":
        head["model"] = "channels"
    text = lines(head, events)
    r = runner.Run(["fake"], "ok", 0, 0.1, 10.0,
                   [line + "\n" for line in text], "",
                   lateness_s=lateness)
    return runner.classify(r, hung=False)


def settle_starve(monkeypatch, tries):
    """starve/to_thread whose first try is tries[0] and whose reruns
    are the rest, each (go events, python events, lateness of Go's
    run)."""
    queue = [starve_run(events, late, lang)
             for go, py, lateness in tries[1:]
             for events, late, lang in ((go, lateness, "go"),
                                        (py, 0.0, "python"))]

    async def fake(*args):
        return queue.pop(0)

    monkeypatch.setattr(compare, "run_one", fake)
    go, py, lateness = tries[0]
    first = (starve_run(go, lateness), starve_run(py, 0.0, "python"))
    said = []
    params = dict(start("starve", items=2, producers=1, delay=0.0),
                  cpu=200)
    row = asyncio.run(compare.settle(REGISTRY, STARVE, "to_thread",
                                     first, params, "python", {},
                                     said.append))
    return row, said


# Go's heartbeat held up 130 ms by a busy machine (30 ms too long).
HELD = beats([(0.1, 0.23)])


def test_a_heartbeat_stop_that_does_not_come_back_was_noise(
        monkeypatch):
    row, said = settle_starve(monkeypatch, [(HELD, beats(), 0.0),
                                            (beats(), beats(), 0.0)])
    v = verdict(row["verdicts"], "heartbeat")
    assert (v.status, row["ok"]) == ("pass", True)
    width = max(map(len, REGISTRY.scenarios))
    assert said == [f"  {'starve':<{width}} to_thread        heartbeat "
                    "stops: running the pair again (2 of 3)"]


def test_a_heartbeat_stop_within_the_noise_is_not_judged(monkeypatch):
    """Every core busy: the probe saw the loop wake 40 ms late while
    Go ran, and Go's heartbeat stopped 30 ms too long each time."""
    row, _ = settle_starve(monkeypatch, [(HELD, beats(), 0.04)] * 3)
    v = verdict(row["verdicts"], "heartbeat")
    assert (v.status, row["ok"]) == ("unjudged", False)
    assert v.violations[0].startswith(
        "could not be judged: in 3 tries the pair always differed, by "
        "at most 30 ms beyond the tolerance")


def test_a_heartbeat_stop_beyond_the_noise_fails(monkeypatch):
    row, _ = settle_starve(monkeypatch, [(HELD, beats(), 0.0)] * 3)
    v = verdict(row["verdicts"], "heartbeat")
    assert v.status == "fail" and len(v.attempts) == 3


# settle_speedup(): a speedup that is short, or could not be judged,
# is measured again: the four programs and the plain job.
def par_run(span, workers, lang):
    head = start("parallel", lang, "channels" if lang == "go" else
                 "processes", items=4, producers=1, delay=0.0,
                 consumers=workers) | {"cpu": 10}
    if lang == "go":
        head["gomaxprocs"] = 2
    times = [0.001, 0.001, 0.001, round(0.001 + span, 6)]
    events = [e for i, t in enumerate(times)
              for e in ((t, "producer-0", "put", i),
                        (t, f"worker-{i % workers}", "get", i))]
    r = runner.Run(["fake"], "ok", 0, 0.1, 10.0,
                   [line + "\n" for line in lines(head, events)], "")
    return runner.classify(r, hung=False)


def settle_parallel(monkeypatch, spans, controls):
    """parallel/processes, each try's runs by their spans: (Go W, Go
    1, Python W, Python 1), and the plain job's speedup at each
    try."""
    queue = []  # each try: three runs of each program at W and at 1
    for go_w, go_1, py_w, py_1 in spans:
        queue += [par_run(x, w, lang) for _ in range(3)
                  for x, w, lang in ((go_w, 2, "go"), (go_1, 1, "go"),
                                     (py_w, 2, "python"),
                                     (py_1, 1, "python"))]
    plain = [x for x in controls for _ in range(4)]

    async def fake_run(registry, scenario, name, params, *rest):
        workers = params["consumers"]
        want = [r for r in queue if r.trace.params["consumers"] ==
                workers and r.trace.start["lang"] ==
                ("go" if name == "go" else "python")][0]
        queue.remove(want)
        return want

    async def fake_control(k, units, python):
        return 2, plain.pop(0) / 2, 1.0

    monkeypatch.setattr(compare, "run_one", fake_run)
    monkeypatch.setattr(speedup, "control", fake_control)
    runs = {}
    params = {"items": 4, "consumers": 2, "producers": 1, "buffer": 0,
              "delay": 0.0, "work": 0.0, "cpu": 10}
    said = []
    first = (asyncio.run(fake_run(None, None, "go", params)),
             asyncio.run(fake_run(None, None, "processes", params)))
    asyncio.run(compare.baselines(REGISTRY, PARALLEL,
                                  ("go", "processes"), params, "python",
                                  lambda *a, **k: said.append(a), runs))
    row = compare.row(REGISTRY, PARALLEL, "processes", *first, params)
    row = asyncio.run(compare.settle_speedup(
        REGISTRY, PARALLEL, "processes", row, runs, params, "python",
        lambda *a, **k: said.append(a)))
    return verdict(row["verdicts"], "speedup"), said


def test_a_short_speedup_that_does_not_come_back_was_noise(monkeypatch):
    """Go's runs all disturbed at the first try (1.0×) on a machine
    whose plain job got 1.9× each turn; at the second, 1.9×."""
    v, said = settle_parallel(monkeypatch, [
        (0.5, 0.5, 0.3, 0.5), (0.26, 0.5, 0.3, 0.5)], [1.9, 1.9])
    assert v.status == "pass"
    assert any("speedup short: running the programs again (2 of 3)"
               in " ".join(map(str, a)) for a in said)


def test_a_short_speedup_on_a_busy_machine_is_never_a_cross(
        monkeypatch):
    v, _ = settle_parallel(monkeypatch, [(0.5, 0.5, 0.5, 0.5)] * 3,
                           [1.2] * 3)
    assert v.status == "unjudged"
