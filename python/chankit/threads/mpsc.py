"""mpsc with threads: producer threads feed one consumer thread
through a queue.Queue. Producer k counts up from its own base, so
every item is unique and tells who made it. Twin: go/mpsc/mpsc.go"""

import queue
import threading

from chankit.closing import close_sync, receive_sync
from chankit.items import base
from chankit.pause import pause_sync


# A producer only puts; main closes once every producer is done.
def producer(q, k, cfg, log):
    for i in range(cfg.items):
        pause_sync(cfg.delay)
        item = base(k, cfg.items) + i
        q.put(item)
        log.put(item)


# The consumer cannot tell how many producers there are, only that
# the queue is closed and empty.
def consumer(q, log):
    for item in receive_sync(q):
        log.get(item)


# Joining the producer threads is main's signal to close; joining
# the consumer waits for it to drain the queue.
def main(cfg, trace):
    q = queue.Queue(maxsize=cfg.buffer)
    receiving = threading.Thread(
        target=consumer, args=(q, trace.actor("consumer", 0)))
    receiving.start()
    producers = [threading.Thread(
        target=producer, args=(q, k, cfg, trace.actor("producer", k)))
        for k in range(cfg.producers)]
    for thread in producers:
        thread.start()
    for thread in producers:
        thread.join()
    close_sync(q)
    receiving.join()
