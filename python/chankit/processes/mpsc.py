"""mpsc with processes: producer processes feed one consumer process
through a multiprocessing.Queue. producer and consumer are the
threads version's: only main, which starts processes, differs.
Twin: go/mpsc/mpsc.go"""

from chankit.closing import close_sync
from chankit.processes import CONTEXT
from chankit.threads.mpsc import consumer, producer


# Joining the producer processes is main's signal to close; joining
# the consumer waits for it to drain the queue.
def main(cfg, trace):
    q = CONTEXT.Queue(maxsize=cfg.buffer)
    receiving = CONTEXT.Process(
        target=consumer, args=(q, trace.actor("consumer", 0)))
    receiving.start()
    producers = [CONTEXT.Process(
        target=producer, args=(q, k, cfg, trace.actor("producer", k)))
        for k in range(cfg.producers)]
    for process in producers:
        process.start()
    for process in producers:
        process.join()
    close_sync(q)
    receiving.join()
