"""Go's channel rules against each Python primitive: every cell of
docs/semantics.md is decided here again (the Python columns; go test
decides Go's), must equal the committed data, and is written to
build/semantics/python-<version>.json for `make semantics`."""

import json
import platform

import pytest

from harness.semantics import checks, table

MEASURED = {}


def committed():
    return json.loads(table.DATA.read_text())["primitives"]


@pytest.fixture(scope="module", autouse=True)
def written():
    yield
    if not MEASURED:
        return
    runtime = (f"{platform.python_implementation().lower()}-"
               f"{platform.python_version()}")
    out = {"primitives": {
        pid: {"title": checks.title(pid), "runtime": runtime,
              "cells": cells} for pid, cells in MEASURED.items()}}
    table.BUILD.mkdir(parents=True, exist_ok=True)
    path = table.BUILD / f"python-{platform.python_version()}.json"
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False)
                    + "\n")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("rule", checks.RULES)
@pytest.mark.parametrize("pid", checks.PRIMITIVES)
def test_each_cell_is_what_the_committed_data_says(pid, rule):
    if not checks.available(pid):
        pytest.skip(f"{checks.title(pid)} is not in this Python")
    cell = checks.check(pid, rule)
    MEASURED.setdefault(pid, {})[rule] = cell
    assert cell["holds"] in ("yes", "no", "idiom")
    assert cell["holds"] == committed()[pid]["cells"][rule]["holds"], \
        "the committed table is out of date: run make semantics"


def test_the_committed_table_is_what_the_data_gives():
    assert table.TABLE.read_text() == table.render(
        json.loads(table.DATA.read_text()))


def test_every_primitive_and_rule_is_in_the_data():
    prims = committed()
    assert list(prims) == table.ORDER
    for entry in prims.values():
        assert list(entry["cells"]) == list(checks.RULES) or \
            set(entry["cells"]) == set(checks.RULES)
