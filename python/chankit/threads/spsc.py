"""spsc with threads: one producer thread, one consumer thread and
a queue.Queue between them. Same shape as chankit/aio/spsc.py, with
blocking calls where asyncio awaits. Twin: go/spsc/spsc.go"""

import queue
import threading

from chankit.closing import close_sync, receive_sync
from chankit.pause import pause_sync


# The producer is the only one that puts, so it is the one that
# closes (Queue.shutdown() on 3.13+, a sentinel before).
def producer(q, cfg, log):
    for item in range(cfg.items):
        pause_sync(cfg.delay)
        q.put(item)
        log.put(item)
    close_sync(q)


# receive_sync() is Go's `range ch` for a blocking queue.
def consumer(q, log):
    for item in receive_sync(q):
        log.get(item)


# maxsize 0 means unbounded, as for asyncio. join() is the wait
# that keeps main from returning before the last item is taken.
def main(cfg, trace):
    q = queue.Queue(maxsize=cfg.buffer)
    receiving = threading.Thread(
        target=consumer, args=(q, trace.actor("consumer", 0)))
    receiving.start()
    producer(q, cfg, trace.actor("producer", 0))
    receiving.join()
