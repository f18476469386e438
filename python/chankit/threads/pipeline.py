"""pipeline with threads: generate, square, add up, one thread per
stage (N squarers with --consumers N). Same shape as
chankit/aio/pipeline.py. Twin: go/pipeline/pipeline.go"""

import queue
import threading

from chankit.closing import close_sync, receive_sync
from chankit.pause import pause_sync


# The first stage puts 1..N and closes its output when done.
def generate(out, cfg, log):
    for n in range(1, cfg.items + 1):
        pause_sync(cfg.delay)
        out.put(n)
        log.put(n)
    close_sync(out)


# A middle stage receives until its input is closed and puts on.
def square(source, out, log):
    into, onto = log.on("numbers"), log.on("squares")
    for n in receive_sync(source):
        into.get(n)
        out.put(n * n)
        onto.put(n * n)


# The last stage drains its input.
def total(source, log):
    result = 0
    for sq in receive_sync(source):
        log.get(sq)
        result += sq
    return result


# Every stage runs at once. Joining the first two stages is main's
# signal to close the squares queue; joining the last waits for it
# to drain.
def main(cfg, trace):
    numbers = queue.Queue(maxsize=cfg.buffer)
    squares = queue.Queue(maxsize=cfg.buffer)
    last = threading.Thread(target=total, args=(
        squares, trace.actor("consumer", 0).on("squares")))
    senders = [threading.Thread(target=generate, args=(
        numbers, cfg, trace.actor("producer", 0).on("numbers")))]
    senders += [threading.Thread(target=square, args=(
        numbers, squares, trace.actor("square", k)))
        for k in range(cfg.consumers)]
    for stage in (last, *senders):
        stage.start()
    for stage in senders:
        stage.join()
    close_sync(squares)
    last.join()
