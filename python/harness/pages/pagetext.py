"""The words of `make pages`: what the contracts mean, a scenario's
introduction, a run's parameters. docs/contracts.md, "The contracts,
in plain words", says the same at more length."""

from html import escape

LANG = {"go": "Go", "python": "Python"}

CONTRACT_WORDS = {
    "honest": "the trace names only the actors, operations and items "
              "the run's parameters allow, at times from the start "
              "to the end that never go backwards",
    "right_answer": "the consumer gets the right answer, worked out "
                    "from the parameters alone: it catches a bug "
                    "both languages share",
    "exactly_once": "every item a producer sent was received once: "
                    "nothing lost, nothing twice, nothing invented",
    "fifo_per_producer": "each consumer gets each producer's items in "
                         "the order that producer sent them",
    "same_sequence": "each consumer gets the same items in the same "
                     "order in both languages (one producer, one "
                     "consumer)",
    "bounded_by_buffer": "with capacity B, the producer's k-th send "
                         "does not complete before the consumer's "
                         "(k−B)-th receive",
    "at_most_once": "a run that stops early may leave items "
                    "unreceived, but receives none twice and none "
                    "that was never sent",
    "all_closed": "every consumer sees the end of the stream once "
                  "and receives nothing after it",
    "first_error": "main reports one error, for an item a worker "
                   "received, the same in both languages",
    "no_leaks": "nothing the scenario started is still running when "
                "main returns",
    "timeline": "each event happens at the same time in both "
                "languages, within the tolerance (paced runs only)",
    "speedup": "W workers finish CPU-bound work as much sooner than "
               "one as the program's model can on this machine's "
               "cores: near W times for Go and processes, about 1× "
               "for one event loop or threads under the GIL",
    "heartbeat": "a heartbeat that ticks every 10 ms never stops for "
                 "longer than the tolerance while a consumer computes",
}


def clip(text, most):
    """text, or its first `most` characters and how many more: a
    summary.json may hold a program's whole stderr."""
    if len(text) <= most:
        return text
    return f"{text[:most]}… ({len(text) - most:,} more characters)"


def params(values):
    return ", ".join(f"{k}={v}" for k, v in values.items())


def intro(registry, scenario, go, pythons):
    """What the page shows, and how to run it again."""
    first = pythons[0]
    model = registry.implementations[first.impls[0]].label
    others = [registry.implementations[p.impls[0]].label
              for p in pythons[1:]]
    more = (f" The other Python models ({', '.join(others)}) are "
            f"folded below it." if others else "")
    return (f"<p>Go's <code>{go.path}</code> beside Python's "
            f"<code>{first.path}</code> ({escape(model)}), block by "
            f"block: each function next to its twin, each under the "
            f"comment that says why it is written so.{escape(more)} "
            f"Then what the scenario promises, the verdict of the run, "
            f"a timeline of each variant drawn from its traces, and the "
            f"traces themselves.</p>"
            f"<p>Run it again: <code>make compare "
            f"SCENARIO={escape(scenario.id)}</code> (defaults "
            f"{escape(params(scenario.params))}).</p>")


def run_line(registry, row):
    """A row's pairing and parameters, in one sentence."""
    v = registry.variants.get(row["variant"])
    why = f" ({v.why})" if v and v.why else ""
    tol = row.get("tolerance_s")
    tolerance = f"; timeline tolerance {tol * 1000:.0f} ms" \
        if isinstance(tol, (int, float)) else ""
    return (f"<code>{escape(row['go'].get('impl') or '?')}</code> beside "
            f"<code>{escape(row['python'].get('impl') or '?')}</code>"
            f"{escape(why)}, run with "
            f"{escape(clip(params(row.get('params') or {}), 600))}"
            f"{escape(tolerance)}.")
