"""Building traces by hand for the checker's tests."""

import json

from harness.check import traces


def start(scenario="mpsc", lang="python", model="asyncio", items=3,
          producers=2, delay=0.1, buffer=0, consumers=1, work=0):
    return {"t": 0.0, "actor": "main", "op": "start",
            "scenario": scenario, "lang": lang, "model": model,
            "items": items, "producers": producers,
            "consumers": consumers,
            "buffer": buffer, "delay": delay, "work": work}


def lines(head, events, ended=True, running=None):
    """JSON Lines for a start event, (t, actor, op, item) tuples (item
    None: an event without one) and an end event, which says how
    many actors were left running if told."""
    out = [json.dumps(head)]
    out += [json.dumps({"t": t, "actor": a, "op": op}
                       | ({} if i is None else {"item": i}))
            for t, a, op, i in events]
    if ended:
        last = max([head["t"], *(e[0] for e in events)])
        end = {"t": last, "actor": "main", "op": "end"}
        if running is not None:
            end["running"] = running
        out.append(json.dumps(end))
    return out


def trace(head, events, ended=True, source="test", running=None):
    return traces.parse(lines(head, events, ended, running), source)


def mpsc_run(order, items=3, delay=0.1):
    """A legal mpsc run of two producers: producer k's i-th item is
    base + i, sent at (i+1)*delay and received at once; `order` is
    the sequence of producers whose next item the consumer takes. A
    send that waited for the consumer to take a later item first
    completes when that one did: a trace's times never go back."""
    events, taken, now = [], [0, 0], 0.0
    for k in order:
        i = taken[k]
        taken[k] += 1
        item = 10 * k + i
        now = max(now, round((i + 1) * delay, 6))
        events.append((now, f"producer-{k}", "put", item))
        events.append((now, "consumer-0", "get", item))
    return events
