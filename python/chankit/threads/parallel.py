"""parallel with threads: one producer, a pool of worker threads
reading one queue.Queue, each computing --cpu units on every item.
Same shape as chankit/aio/parallel.py. A thread must hold the GIL to
run Python code, so the pool computes on one core at a time: W
threads take as long as one. Twin: go/parallel/parallel.go"""

import queue
import threading

from chankit.closing import close_sync, receive_sync
from chankit.compute import compute
from chankit.pause import pause_sync


# The producer puts, then closes: one close ends every worker.
def producer(q, cfg, log):
    for item in range(cfg.items):
        pause_sync(cfg.delay)
        q.put(item)
        log.put(item)
    close_sync(q)


# Every worker reads the same queue and computes on what it takes;
# the GIL lets one of them compute at a time.
def worker(q, cfg, log):
    for item in receive_sync(q):
        log.get(item)
        compute(cfg.cpu)


# The pool is a list of threads, joined once the producer is done.
def main(cfg, trace):
    q = queue.Queue(maxsize=cfg.buffer)
    pool = [threading.Thread(target=worker,
                             args=(q, cfg, trace.actor("worker", k)))
            for k in range(cfg.consumers)]
    for member in pool:
        member.start()
    producer(q, cfg, trace.actor("producer", 0))
    for member in pool:
        member.join()
