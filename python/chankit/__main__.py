"""python -m chankit SCENARIO [flags]: the asyncio scenarios."""

from chankit.cli import run

raise SystemExit(run("chankit.aio"))
