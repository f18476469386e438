"""python -m chankit.eager SCENARIO [flags]"""

from chankit.cli import run

raise SystemExit(run("chankit.eager"))
