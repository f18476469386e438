"""python -m chankit.executor SCENARIO [flags]"""

from chankit.cli import run

raise SystemExit(run("chankit.executor"))
