"""python -m chankit.processes SCENARIO [flags]"""

from chankit.cli import run

raise SystemExit(run("chankit.processes"))
