"""Scenario sources, read side by side: where each program's file is,
the file split into blocks at the comment that opens each one, and
two files' blocks paired by the function each block defines."""

import dataclasses
import difflib
import re
from pathlib import Path

from chankit.cli import scenario_package
from chankit.registry import package_of
from harness.errors import BadInput
from harness.registry import ROOT

# Two columns of code fit side by side on a laptop screen when no
# line takes more than WIDTH columns, a tab counted as TAB (the pages
# show tabs that wide). The tests hold every scenario file to it.
WIDTH = 72
TAB = 4

# A block opens with a comment at the left margin after a blank
# line: the prose above each function in every scenario file. The
# file's own header (Go's comment, Python's docstring) and imports
# make the first block.
OPENER = re.compile(r"(//|#)")
DEFINES = re.compile(r"(?:async\s+def|def|func|class|type)\s+"
                     r"(?:\([^)]*\)\s*)?(\w+)")
HEADER = "header"


@dataclasses.dataclass(frozen=True)
class Block:
    name: str     # the function it defines, or "header"
    start: int    # the index of its first line in the file
    lines: tuple  # its lines, without the blank lines after it


@dataclasses.dataclass(frozen=True)
class Source:
    path: str     # relative to the repository
    lang: str     # "go" or "python"
    impls: tuple  # the implementations that run this file
    blocks: tuple


def split(text):
    """The blocks of a file, in order; every line not blank is in
    exactly one block."""
    lines = text.splitlines()
    starts = [0] + [i for i in range(1, len(lines))
                    if OPENER.match(lines[i])
                    and not lines[i - 1].strip()]
    blocks = []
    for n, (a, b) in enumerate(zip(starts, [*starts[1:], len(lines)])):
        body = lines[a:b]
        while body and not body[-1].strip():
            body.pop()
        blocks.append(Block(HEADER if n == 0 else name(body), a,
                            tuple(body)))
    return tuple(b for b in blocks if b.lines)


def name(lines):
    """What a block defines: its first function, else its first word
    of code (TAKES, a Go var)."""
    code = [ln for ln in lines if not OPENER.match(ln) and ln.strip()]
    for line in code:
        found = DEFINES.match(line)
        if found:
            return found.group(1)
    first = re.match(r"\w+", code[0]) if code else None
    return first.group(0) if first else "?"


def pair(left, right):
    """Rows (left block or None, right block or None): blocks of the
    same name side by side, each file in its own order. A block with
    no twin gets a row of its own, so a misnamed function shows."""
    a, b = list(left.blocks), list(right.blocks)
    match = difflib.SequenceMatcher(None, [x.name for x in a],
                                    [y.name for y in b], autojunk=False)
    rows = []
    for tag, i1, i2, j1, j2 in match.get_opcodes():
        if tag == "equal":
            rows += zip(a[i1:i2], b[j1:j2])
        else:
            rows += [(x, None) for x in a[i1:i2]]
            rows += [(None, y) for y in b[j1:j2]]
    return rows


REGISTERS = re.compile(r'^func init\(\) \{ kit\.Register\("([^"]+)",',
                       re.M)


def go_files(root=ROOT):
    """scenario id -> the Go file that registers it (its init calls
    kit.Register with the id): the Go code says where each scenario
    is, so no list of paths is kept beside it."""
    found = {}
    for path in sorted(Path(root, "go").glob("*/*.go")):
        if path.name.endswith("_test.go"):
            continue
        for sid in REGISTERS.findall(path.read_text(encoding="utf-8")):
            found[sid] = path.relative_to(root).as_posix()
    return found


def path_of(impl, sid, root=ROOT):
    """Where an implementation keeps a scenario: for Go, the file
    that registers it; for Python, the package its command runs
    (-m chankit.aio), or the one it runs the scenarios of (chankit.eager
    runs chankit.aio's)."""
    if impl.lang == "go":
        found = go_files(root)
        if sid not in found:
            raise BadInput(f"no Go file registers scenario {sid} "
                           f"(kit.Register(\"{sid}\", …) in go/*/)")
        return found[sid]
    package = package_of(impl.command)
    if package:
        package = scenario_package(package)
        return f"python/{package.replace('.', '/')}/{sid}.py"
    raise BadInput(f"cannot tell where implementation {impl.id} keeps "
                   f"its scenarios (its command has no -m)")


def sources(registry, scenario, root=ROOT):
    """Every file that implements a scenario, once, Go first, then in
    the order its variants name them."""
    found = {}
    for vid in scenario.variants:
        variant = registry.variants[vid]
        for iid in (variant.go, variant.python):
            impl = registry.implementations[iid]
            path = path_of(impl, scenario.id, root)
            _, impls = found.setdefault(path, (impl.lang, []))
            if iid not in impls:
                impls.append(iid)
    order = sorted(found, key=lambda p: found[p][0] != "go")
    return [read(root, p, *found[p]) for p in order]


def read(root, path, lang, impls):
    try:
        text = (Path(root) / path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise BadInput(f"cannot read {path}: {reason}") from None
    return Source(path, lang, tuple(impls), split(text))


def long_lines(path, text, width=WIDTH, tab=TAB):
    """Each line of a file wider than `width`, as one line of text."""
    for n, line in enumerate(text.splitlines(), 1):
        cols = len(line.expandtabs(tab))
        if cols > width:
            yield f"{path}:{n}: {cols} columns (at most {width})"
