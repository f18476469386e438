"""The pages in a real browser: headless Chromium (Debian's package,
which .ci/run installs) opens the index from the file system, follows
a link to a scenario, and must show both code columns and the
timeline, side by side on a wide screen and stacked on a narrow one,
without asking the network for anything. The page of a run of
200,000 events opens too, and says it draws only the run's start."""

import os
import shutil
from pathlib import Path

import pytest

from bigrun import big_run
from conftest import ROOT
from harness.pages import website

CHROMIUM = os.environ.get("CHANKIT_CHROMIUM") or \
    shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(),
    reason=f"no Chromium at {CHROMIUM}: the browser test of make pages "
           f"needs Debian's chromium package (apt-get install chromium; "
           f".ci/run installs it), or CHANKIT_CHROMIUM=<its path>")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as play:
        # Debian's Chromium, so Playwright downloads no browser.
        launched = play.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


def box(locator):
    found = locator.bounding_box()
    assert found and found["width"] > 0 and found["height"] > 0
    return found


def test_index_to_a_scenario_in_chromium(registry, browser, tmp_path):
    site = tmp_path / "pages"
    website.build(registry, ROOT / "results" / "reference", site)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto((site / "index.html").as_uri())
    assert page.locator("h1").inner_text() == "The scenarios"
    page.get_by_role("link", name="rendezvous", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/rendezvous.html")

    pair = page.locator(".pair").first
    go = box(pair.locator(".block.go pre").first)
    py = box(pair.locator(".block.python pre").first)
    assert go["width"] > 400 and py["width"] > 400
    assert py["x"] >= go["x"] + go["width"] and py["y"] == go["y"]
    assert "package rendezvous" in pair.locator(".block.go").first \
        .inner_text()
    assert "import asyncio" in pair.locator(".block.python").first \
        .inner_text()

    svg = page.locator("svg.timeline").first
    drawn = box(svg)
    assert drawn["width"] > 800 and drawn["height"] > 100
    assert svg.locator("circle").count() > 10
    assert svg.locator("polygon").count() > 10

    # The recorded traces wrap their long start event, not cut it.
    trace = page.locator("pre.trace").first
    assert trace.is_visible()
    assert trace.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert '"work":' in trace.inner_text()

    page.locator("#sources").scroll_into_view_if_needed()
    shot = tmp_path / "pages.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    keep = os.environ.get("CHANKIT_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, keep)

    # Narrow: the two columns stack, Go above Python.
    page.set_viewport_size({"width": 420, "height": 900})
    go = box(pair.locator(".block.go pre").first)
    py = box(pair.locator(".block.python pre").first)
    assert py["y"] > go["y"] + go["height"] - 1
    assert all(u.startswith("file://") for u in asked), asked
    page.close()


def test_the_page_of_a_long_run_opens(registry, browser, tmp_path):
    run, total = big_run(tmp_path / "run")
    site = tmp_path / "pages"
    website.build(registry, run, site)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto((site / "pipeline.html").as_uri())
    svg = page.locator("svg.timeline").first
    drawn = box(svg)
    # Four lanes a language, as in a short run: readable, not a
    # smear a screen tall.
    assert 800 < drawn["width"] and 100 < drawn["height"] < 600
    caption = page.locator("figcaption").first
    assert caption.is_visible()
    assert "Only the start of this run is drawn" in caption.inner_text()
    assert f"of {total:,} lines" in page.locator(
        ".tracehead").first.inner_text()
    svg.scroll_into_view_if_needed()
    shot = tmp_path / "long.png"
    page.screenshot(path=str(shot))
    keep = os.environ.get("CHANKIT_SCREENSHOT_LONG")
    if keep:
        shutil.copyfile(shot, keep)
    page.close()


def test_the_timelines_show_what_differs(registry, browser, tmp_path):
    """rendezvous and close as a reader sees them: the asyncio
    producer's early put ringed and said in words; close's lanes
    matched and its late close said. CHANKIT_SCREENSHOT_TIMELINES=docs
    keeps docs/rendezvous.png and docs/close.png."""
    site = tmp_path / "pages"
    website.build(registry, ROOT / "results" / "reference", site)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    keep = os.environ.get("CHANKIT_SCREENSHOT_TIMELINES")
    for sid, variant, said in (
            ("rendezvous", "asyncio", "asyncio's put of item 1 "
             "(producer-0) completes 100 ms earlier than Go's"),
            ("close", "joined", "joined's close (seen by consumer-0; "
             "Go's: consumer-1) comes")):
        page.goto((site / f"{sid}.html").as_uri())
        figure = page.locator(f"#run-{variant} figure")
        drawn = box(figure.locator("svg.timeline"))
        assert drawn["width"] > 800
        words = figure.locator(".apart-words")
        assert words.is_visible() and said in words.inner_text()
        assert figure.locator("circle.apart").count() == 2
        figure.scroll_into_view_if_needed()
        shot = tmp_path / f"{sid}.png"
        figure.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        if keep:
            shutil.copyfile(shot, Path(keep) / f"{sid}.png")
    page.close()
