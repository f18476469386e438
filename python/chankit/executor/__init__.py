"""asyncio scenarios whose CPU work runs in a ProcessPoolExecutor,
through loop.run_in_executor: each computation in a process of its
own, with its own GIL."""

MODEL = "executor"
