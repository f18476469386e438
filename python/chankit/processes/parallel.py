"""parallel with processes: one producer, a pool of worker processes
reading one multiprocessing.Queue. Each process has its own
interpreter and its own GIL, so W workers compute on up to W cores
at once, as Go's do. producer and worker are the threads version's:
only main, which starts processes, differs.
Twin: go/parallel/parallel.go"""

from chankit.processes import CONTEXT
from chankit.threads.parallel import producer, worker


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
