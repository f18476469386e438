"""python -m chankit.joined SCENARIO [flags]"""

from chankit.cli import run

raise SystemExit(run("chankit.joined"))
