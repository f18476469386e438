"""Scenario files, read side by side: split into blocks without
losing a line, paired by function, and narrow enough for two
columns."""

import pytest

from conftest import ROOT
from harness.pages import sources
from harness.errors import BadInput


def all_sources(registry):
    return [(s.id, src) for s in registry.scenarios.values()
            for src in sources.sources(registry, s)]


def test_every_line_of_every_scenario_file_is_in_one_block(registry):
    for _, src in all_sources(registry):
        lines = (ROOT / src.path).read_text().splitlines()
        covered = []
        for block in src.blocks:
            end = block.start + len(block.lines)
            assert list(block.lines) == lines[block.start:end]
            covered += range(block.start, end)
        assert covered == sorted(set(covered)), src.path
        assert set(covered) >= {i for i, ln in enumerate(lines)
                                if ln.strip()}, src.path


def test_go_and_asyncio_twins_pair_function_by_function(registry):
    # docs/programs.md promises the same functions in the same order; a
    # renamed or moved function would leave a row with one side.
    for s in registry.scenarios.values():
        go, *pythons = sources.sources(registry, s)
        aio = next(p for p in pythons if "asyncio" in p.impls)
        rows = sources.pair(go, aio)
        assert all(a and b and a.name == b.name for a, b in rows), \
            (s.id, [(a and a.name, b and b.name) for a, b in rows])
        assert rows[0][0].name == sources.HEADER


def test_split_opens_a_block_at_each_comment_after_a_blank_line():
    text = ('"""doc"""\n\nimport x\n\n\n# why p\nasync def p(q):\n'
            '    # not a block: indented\n    pass\n\n# why c\n'
            '# more why\ndef c():\n    pass\n\n\nTAKES = ()\n')
    blocks = sources.split(text)
    assert [b.name for b in blocks] == ["header", "p", "c"]
    assert blocks[1].lines == ("# why p", "async def p(q):",
                               "    # not a block: indented",
                               "    pass")
    assert blocks[2].lines[-1] == "TAKES = ()"


def test_a_twin_with_a_missing_function_gets_rows_of_its_own():
    left = sources.Source("a.go", "go", ("go",), sources.split(
        "// h\npackage a\n\n// p\nfunc p() {}\n\n// c\nfunc c() {}\n"))
    right = sources.Source("a.py", "python", ("asyncio",), sources.split(
        '"""h"""\n\n# c\ndef c():\n    pass\n'))
    rows = [(a and a.name, b and b.name)
            for a, b in sources.pair(left, right)]
    assert rows == [("header", "header"), ("p", None), ("c", "c")]


def test_scenario_lines_fit_two_columns(registry):
    found = [problem for _, src in all_sources(registry)
             for problem in sources.long_lines(
                 src.path, (ROOT / src.path).read_text())]
    assert not found, "\n".join(found)


def test_the_line_check_catches_a_long_line():
    text = "ok\n" + "\t" + "x" * (sources.WIDTH - sources.TAB + 1)
    assert list(sources.long_lines("f.go", text)) == [
        f"f.go:2: {sources.WIDTH + 1} columns "
        f"(at most {sources.WIDTH})"]
    assert not list(sources.long_lines("f.go", "\t" + "x" * 68))


def test_a_missing_source_is_one_clear_error(registry, tmp_path):
    with pytest.raises(BadInput, match="no Go file registers scenario "
                                       "spsc"):
        sources.sources(registry, registry.scenarios["spsc"],
                        root=tmp_path)
    (tmp_path / "go" / "spsc").mkdir(parents=True)
    (tmp_path / "go" / "spsc" / "spsc.go").write_text(
        'package spsc\n\nfunc init() { kit.Register("spsc", main) }\n')
    with pytest.raises(BadInput, match="cannot read python/chankit/aio/"
                                       "spsc.py"):
        sources.sources(registry, registry.scenarios["spsc"],
                        root=tmp_path)


def test_every_scenario_has_one_go_file(registry):
    """The Go file of each scenario is the one that registers it."""
    found = sources.go_files()
    assert sorted(found) == sorted(registry.scenarios)
    assert len(set(found.values())) == len(found)
