"""spsc with processes: the consumer runs in a child process and a
multiprocessing.Queue carries the items between the two. Same shape
as chankit/threads/spsc.py. Twin: go/spsc/spsc.go"""

import time

from chankit.closing import close_sync, receive_sync
from chankit.processes import CONTEXT


# put() hands the item to a feeder thread that pickles it into a
# pipe, so it returns before the consumer can have it. The queue
# has no shutdown(): close_sync() always puts the sentinel.
def producer(q, cfg, log):
    for item in range(cfg.items):
        time.sleep(cfg.delay)
        q.put(item)
        log.put(item)
    close_sync(q)


# receive_sync() is Go's `range ch` for a blocking queue.
def consumer(q, log):
    for item in receive_sync(q):
        log.get(item)


# maxsize 0 means unbounded. join() waits for the consumer process
# to take the last item and exit.
def main(cfg, trace):
    q = CONTEXT.Queue(maxsize=cfg.buffer)
    receiving = CONTEXT.Process(
        target=consumer, args=(q, trace.actor("consumer", 0)))
    receiving.start()
    producer(q, cfg, trace.actor("producer", 0))
    receiving.join()
