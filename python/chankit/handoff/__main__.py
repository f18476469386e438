"""python -m chankit.handoff SCENARIO [flags]"""

from chankit.cli import run

raise SystemExit(run("chankit.handoff"))
