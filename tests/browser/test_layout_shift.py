"""Layout shift while the page loads, as Chromium measures it (the layout-shift entries behind Lighthouse's
cumulative layout shift): Dash draws its sliders, drop-downs and charts once their scripts have arrived, and
the page keeps their room meanwhile, so nothing jumps.

On a fast machine those scripts may arrive before the page's first paint, and then nothing could have moved;
so here they are held back until the page has been painted without them, as on a slow network.
"""

from __future__ import annotations

import contextlib

import pytest

from dashboard.ui import ids
from dashboard.ui.sections import comparison
from tests.browser import DRAW_EVERY_CHART_JS
from tests.conftest import DEFAULT_TIMEOUT_MS

# Google's threshold of a good cumulative layout shift is 0.1; the page is held to half of it.
LIMIT = 0.05

# Every shift from the very start, kept on the window; takeRecords() adds those not yet delivered.
OBSERVE = """
window.__shifts = [];
window.__shiftObserver = new PerformanceObserver(list => window.__shifts.push(...list.getEntries()));
window.__shiftObserver.observe({type: "layout-shift", buffered: true});
"""
# Settled: every control a label names exists (a drop-down or slider not drawn yet does not), every chart is
# drawn and no callback is under way.
SETTLED = """() => document.readyState === "complete"
    && [...document.querySelectorAll("label[for], [data-label-for]")]
        .every(label => document.getElementById(label.htmlFor || label.dataset.labelFor))
    && [...document.querySelectorAll("[role=figure]")].every(figure => figure.querySelector(".main-svg"))
    && !document.querySelector("[data-dash-is-loading=true]")"""
PAINTED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
LATE_SCRIPTS = "**/_dash-component-suites/**/async-*.js"
# Two frames after that, every shift of the settled page has been laid out and recorded.
SHIFT = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(
    [...window.__shifts, ...window.__shiftObserver.takeRecords()]
        .filter(entry => !entry.hadRecentInput).reduce((sum, entry) => sum + entry.value, 0)))))"""


# The height of every section and of every section's chart box, by the section's id; and the comparison's table.
HEIGHTS = f"""() => Object.fromEntries([...document.querySelectorAll(
        ".view[id], .view[id] [role=figure], #{ids.COMPARE_SECTOR_TABLE}")]
    .map(box => [box.id || box.closest(".view").id + " chart", box.offsetHeight]))"""
COMPARISON = ids.section(comparison.NAME)
SCREENS = pytest.mark.parametrize(("viewport", "device"), [
    ({"width": 1440, "height": 900}, {}),
    ({"width": 390, "height": 844}, {"is_mobile": True, "has_touch": True}),
], ids=["laptop", "phone"])


@contextlib.contextmanager
def loading(browser, url: str, viewport: dict, device: dict):
    """A page painted without Dash's late scripts, and a function that lets them arrive and waits until the page
    has settled."""
    context = browser.new_context(viewport=viewport, **device)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.add_init_script(DRAW_EVERY_CHART_JS)
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE)
        held: list = []  # the held requests, until None marks their release
        page.route(LATE_SCRIPTS, lambda route: route.continue_() if held[-1:] == [None] else held.append(route))
        page.goto(url)
        page.wait_for_selector(".kpi")
        page.evaluate(PAINTED)

        def settle() -> None:
            for route in held:
                route.continue_()
            held.append(None)
            page.wait_for_function(SETTLED, polling=100)

        yield page, settle
    finally:
        context.close()


@pytest.mark.parametrize(("query", "viewport", "device"), [
    ("", {"width": 1350, "height": 940}, {}),  # Lighthouse's desktop screen
    ("?present=1", {"width": 1920, "height": 1080}, {}),
    ("?lang=en", {"width": 1440, "height": 900}, {}),
], ids=["desktop", "projector", "english"])
def test_the_page_does_not_move_while_it_loads(browser, live_server, query, viewport, device):
    with loading(browser, live_server + "/" + query, viewport, device) as (page, settle):
        settle()
        assert page.evaluate(SHIFT) <= LIMIT


def first_and_settled_heights(browser, url: str, viewport: dict, device: dict) -> tuple[dict, dict]:
    """Every section's and chart's height at the first paint, and once the page, scrolled through to its end (a
    table's grid is created near the screen), has settled."""
    with loading(browser, url, viewport, device) as (page, settle):
        first = page.evaluate(HEIGHTS)
        settle()
        while page.evaluate("() => scrollY + innerHeight < document.body.scrollHeight"):
            page.mouse.wheel(0, viewport["height"])
            page.wait_for_function(SETTLED, polling=100)
        return first, page.evaluate(HEIGHTS)


@SCREENS
def test_a_chart_keeps_its_room_from_the_first_paint(browser, live_server, viewport, device):
    """Below the fold as well, where a reader scrolls to while the page loads; on a phone a chart is drawn at its
    narrow layout's height (the map: its panels stacked)."""
    first, settled = first_and_settled_heights(browser, live_server, viewport, device)
    charts = [box for box in settled if box.endswith(" chart")]
    assert len(charts) >= 5
    assert {box: first.get(box) for box in charts} == {box: settled[box] for box in charts}


@SCREENS
def test_no_section_grows_after_the_first_paint(browser, live_server, viewport, device):
    """Text lists stand in plain text until dcc.Markdown draws them (components.text_list). Not yet text tables:
    the comparison's sector table appears when drawn, and the comparison grows by it and by nothing else."""
    first, settled = first_and_settled_heights(browser, live_server, viewport, device)
    sections = [box for box in first if not box.endswith(" chart")]
    assert len(sections) >= 6
    settled[COMPARISON] -= settled.pop(ids.COMPARE_SECTOR_TABLE)
    assert {box: first[box] for box in sections} == {box: settled[box] for box in sections}


# The header's place and text, the page's own or the picture of it in the page's HTML (dashboard/web/first_paint.py)
HEADER_JS = """(header) => [...document.querySelectorAll(header + " div h1, " + header + " div .small")].map(
    (element) => [element.textContent, JSON.stringify(element.getBoundingClientRect())])"""


@SCREENS
def test_the_header_shows_with_the_first_paint_where_the_page_draws_it(browser, live_server, viewport, device):
    """The cluster's name, the data date and the coverage are in the page's HTML, shown before any script has run,
    and the page draws its own header in their place, the picture gone as it comes."""
    context = browser.new_context(viewport=viewport, **device, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server)
        pictured = page.evaluate(HEADER_JS, ".first-paint .app-header >")
    finally:
        context.close()
    with loading(browser, live_server, viewport, device) as (page, settle):
        settle()
        assert pictured and pictured == page.evaluate(HEADER_JS, "#react-entry-point .app-header >")
        assert page.locator(".first-paint").count() == 0
