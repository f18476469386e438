"""python -m chankit.trio SCENARIO [flags]"""

from chankit.cli import run

raise SystemExit(run("chankit.trio"))
