"""python -m chankit.shutdown SCENARIO [flags]"""

from chankit.cli import run

raise SystemExit(run("chankit.shutdown"))
