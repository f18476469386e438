"""asyncio's scenarios on a loop whose tasks start eagerly
(asyncio.eager_task_factory, new in Python 3.12): create_task() runs
the new task at once, up to its first await, instead of scheduling it
for the loop's next turn. The scenarios are chankit.aio's own modules,
unchanged; chankit/cli.py sets the factory on the loop, keyed by this
MODEL. Older Pythons lack it, and the program refuses to run there
(scenarios.toml's needs_python, which chankit/cli.py checks)."""

MODEL = "eager"
# The package whose scenario modules this model runs.
SCENARIOS = "chankit.aio"
