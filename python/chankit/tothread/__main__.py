"""python -m chankit.tothread SCENARIO [flags]"""

from chankit.cli import run

raise SystemExit(run("chankit.tothread"))
