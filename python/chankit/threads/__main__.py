"""python -m chankit.threads SCENARIO [flags]"""

from chankit.cli import run

raise SystemExit(run("chankit.threads"))
