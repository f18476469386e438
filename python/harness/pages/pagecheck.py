"""A compare run's summary.json, checked field by field before the
pages draw from it: every field they use has the type
results/README.md gives it, so that a run folder someone sent, or one
written by a different version of the kit, is one line naming the
field, never a traceback halfway through the site."""

import json

from harness.errors import BadInput
from harness.pages.runfolder import said
from harness.check.traces import number

VERDICTS = ("pass", "fail", "n/a", "unjudged")
EXPECTED = (None, "fail", "differ")
# More rows than a compare run could have: a run has one per variant
# of each scenario, a few dozen in all.
MAX_ROWS = 1000

KINDS = {
    "a string": lambda v: isinstance(v, str),
    "a number": number,
    "a list": lambda v: isinstance(v, list),
    "an object": lambda v: isinstance(v, dict),
    "a list of strings": lambda v: isinstance(v, list) and all(
        isinstance(x, str) for x in v),
    "a string or null": lambda v: v is None or isinstance(v, str),
}


def shown(value):
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "…"


def need(obj, key, kind, where, optional=False):
    """obj[key], which must be of the kind named (absent or null too
    if optional); BadInput names the field otherwise."""
    value = obj.get(key)
    if value is None and optional:
        return value
    if not KINDS[kind](value):
        got = "missing" if key not in obj else f"not {shown(value)}"
        raise BadInput(f"{where}.{key} must be {kind}, {got} (see "
                       f"results/README.md)")
    return value


def summary(data, path):
    """data, the parsed summary.json at path, if the pages can draw
    from it; BadInput naming the first field that is wrong."""
    if not isinstance(data, dict) or data.get("kind") != "compare":
        raise BadInput(f"{path.parent} is not a compare run (see "
                       f"results/README.md)")
    where = str(path)
    rows = need(data, "rows", "a list", where)
    if len(rows) > MAX_ROWS:
        raise BadInput(f"{where}: {len(rows)} rows, more than a compare "
                       f"run has (at most {MAX_ROWS})")
    need(data, "machine", "an object", where, optional=True)
    need(data, "skipped", "a list of strings", where, optional=True)
    need(data, "started", "a string", where, optional=True)
    seen = set()
    for n, row in enumerate(rows):
        at = f"{where}: rows[{n}]"
        if not isinstance(row, dict):
            raise BadInput(f"{at} must be an object, not {shown(row)}")
        check_row(row, at)
        pair = (row["scenario"], row["variant"])
        if pair in seen:
            raise BadInput(f"{at}: a second row for {said(pair[0])} / "
                           f"{said(pair[1])}")
        seen.add(pair)
    return data


def check_row(row, at):
    need(row, "scenario", "a string", at)
    need(row, "variant", "a string", at)
    params = need(row, "params", "an object", at, optional=True)
    for key, value in (params or {}).items():
        if not (number(value) or isinstance(value, str)):
            raise BadInput(f"{at}.params.{said(key)} must be a number "
                           f"or a string, not {shown(value)}")
    need(row, "tolerance_s", "a number", at, optional=True)
    for side in ("go", "python"):
        check_run(need(row, side, "an object", at), f"{at}.{side}")
    contracts = need(row, "contracts", "an object", at)
    for name, result in contracts.items():
        check_result(result, f"{at}.contracts.{said(name)}")


def check_run(run, at):
    for key in ("impl", "label", "problem"):
        need(run, key, "a string", at, optional=True)
    need(run, "trace", "a string", at)
    status = need(run, "status", "a string", at)
    if status == "ok":
        need(run, "wall_s", "a number", at)


def check_result(result, at):
    if not isinstance(result, dict):
        raise BadInput(f"{at} must be an object, not {shown(result)}")
    for key, allowed in (("verdict", VERDICTS), ("expected", EXPECTED)):
        if result.get(key) not in allowed:
            words = ", ".join(shown(a) for a in allowed)
            raise BadInput(f"{at}.{key} must be one of {words}, not "
                           f"{shown(result.get(key))}")
    need(result, "why", "a string or null", at, optional=True)
    need(result, "violations", "a list of strings", at, optional=True)
