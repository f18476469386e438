"""spsc with processes: the consumer runs in a child process and a
multiprocessing.Queue carries the items between the two. producer and
consumer are the threads version's, word for word: only main, which
starts a process instead of a thread, differs.
Twin: go/spsc/spsc.go

A multiprocessing.Queue's put() hands the item to a feeder thread
that pickles it into a pipe, so it returns before the consumer can
have it; and the queue has no shutdown(), so close_sync() always
puts the sentinel, then waits for the feeder thread to flush it and
exit."""

from chankit.processes import CONTEXT
from chankit.threads.spsc import consumer, producer


# maxsize 0 means unbounded. join() waits for the consumer process
# to take the last item and exit.
def main(cfg, trace):
    q = CONTEXT.Queue(maxsize=cfg.buffer)
    receiving = CONTEXT.Process(
        target=consumer, args=(q, trace.actor("consumer", 0)))
    receiving.start()
    producer(q, cfg, trace.actor("producer", 0))
    receiving.join()
