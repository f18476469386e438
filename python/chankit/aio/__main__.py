"""python -m chankit.aio SCENARIO [flags]"""

from chankit.cli import run

raise SystemExit(run("chankit.aio"))
