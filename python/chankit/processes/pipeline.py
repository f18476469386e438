"""pipeline with processes: generate, square, add up, one process per
stage (N squarers with --consumers N). The stages are the threads
version's: only main, which starts processes, differs.
Twin: go/pipeline/pipeline.go"""

from chankit.closing import close_sync
from chankit.processes import CONTEXT
from chankit.threads.pipeline import generate, square, total


# Every stage runs at once. Joining the first two stages is main's
# signal to close the squares queue; joining the last waits for it
# to drain.
def main(cfg, trace):
    numbers = CONTEXT.Queue(maxsize=cfg.buffer)
    squares = CONTEXT.Queue(maxsize=cfg.buffer)
    last = CONTEXT.Process(target=total, args=(
        squares, trace.actor("consumer", 0).on("squares")))
    senders = [CONTEXT.Process(target=generate, args=(
        numbers, cfg, trace.actor("producer", 0).on("numbers")))]
    senders += [CONTEXT.Process(target=square, args=(
        numbers, squares, trace.actor("square", k)))
        for k in range(cfg.consumers)]
    for stage in (last, *senders):
        stage.start()
    for stage in senders:
        stage.join()
    close_sync(squares)
    last.join()
