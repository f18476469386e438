"""workers with processes: one producer, a pool of worker processes
reading one multiprocessing.Queue. producer and worker are the
threads version's: only main, which starts processes, differs.
Twin: go/workers/workers.go"""

from chankit.processes import CONTEXT
from chankit.threads.workers import producer, worker


# The pool is a list of processes, joined once the producer is done.
def main(cfg, trace):
    q = CONTEXT.Queue(maxsize=cfg.buffer)
    pool = [CONTEXT.Process(target=worker,
                            args=(q, cfg, trace.actor("worker", k)))
            for k in range(cfg.consumers)]
    for member in pool:
        member.start()
    producer(q, cfg, trace.actor("producer", 0))
    for member in pool:
        member.join()
