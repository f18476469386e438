"""python -m chankit.anyio SCENARIO [flags]"""

from chankit.cli import run

raise SystemExit(run("chankit.anyio"))
