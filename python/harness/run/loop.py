"""The harness's own event loop: chankit's (slow callbacks reported
only past SLOW_CALLBACK_S), and a SIGTERM that ends it as Ctrl-C does.

A signal handler that raises KeyboardInterrupt can land in any line
of any task, half-way through starting a subprocess among them, and
leave a task unretrieved or a transport unclosed. asyncio itself
avoids that for SIGINT, by cancelling the main task from inside the
loop; it does so only where SIGINT has Python's default handler. So
SIGTERM, which must end a run even when SIGINT is ignored (a script's
background job), is handled the same way here: the loop wakes, the
main task is cancelled, every `finally` runs (programs killed,
partial results removed), and run() raises KeyboardInterrupt.
"""

import asyncio
import signal

from chankit.cli import run_loop


def run(main):
    """asyncio.run(main), with SIGTERM cancelling it from the loop."""
    terminated = []

    async def guarded():
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        before = signal.getsignal(signal.SIGTERM)

        def stop():
            terminated.append(True)
            task.cancel()

        loop.add_signal_handler(signal.SIGTERM, stop)
        try:
            return await main
        finally:
            loop.remove_signal_handler(signal.SIGTERM)
            signal.signal(signal.SIGTERM, before)

    try:
        return run_loop(guarded())
    except asyncio.CancelledError:
        if terminated:
            raise KeyboardInterrupt from None
        raise
