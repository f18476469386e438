"""How noisy the machine is right now, measured two ways, so that a
timeline difference can be told apart from scheduling jitter.

- calibrate(): before a compare run, each runtime (Go and asyncio)
  runs spsc with many short sleeps, and the trace says by how much
  its sleeps overshot: that runtime's timing noise at this moment.
- Probe: while each program runs, the harness's own event loop
  sleeps a few milliseconds over and over and notes how late it
  wakes: the machine's scheduling delay during that very run.

Neither decides a verdict alone; contracts.within_noise() and
run/compare.py use them (docs/contracts.md, "The timeline rule").
"""

import statistics

import numpy as np

from harness.run import plan, runner

def overshoot(trace, delay):
    """How much later than `delay` each of the producer's sends came
    after the one before, in seconds: its sleeps' overshoot."""
    who = trace.code(trace.actors, "producer-0")
    puts = trace.t[trace.mask("put") & (trace.who == who)]
    return np.maximum(np.diff(puts) - delay, 0.0).tolist()


async def calibrate(registry, python, settings):
    """Each runtime's sleep overshoot now: {impl: {median_ms,
    max_ms}}. A runtime whose calibration run fails is left out (its
    scenario runs will then say what is wrong)."""
    spsc = registry.scenario("spsc")
    delay = settings["delay_s"]
    full, _ = plan.params(spsc, {"items": settings["items"],
                                 "delay": delay,
                                 "buffer": settings["items"]})
    found = {}
    for name in ("go", "asyncio"):
        impl = registry.implementations[name]
        run = await runner.run(plan.command(impl, spsc, full, python),
                               impl.env, runner.timeout_for(registry,
                                                            full))
        if not (run.ok and run.trace):
            continue
        late = overshoot(run.trace, delay) or [0.0]
        found[name] = {"median_ms": ms(statistics.median(late)),
                       "max_ms": ms(max(late))}
    return found


def ms(seconds):
    return round(seconds * 1000, 2)


def level(calibration, *runs):
    """The noise a verdict is judged against, in seconds: the worst
    overshoot calibration saw, or the worst probe of these runs."""
    worst = [c["max_ms"] / 1000 for c in calibration.values()]
    worst += [r.lateness_s for r in runs if r is not None]
    return max(worst, default=0.0)
