"""Layout shift while the page loads, as Chromium measures it (the layout-shift entries behind Lighthouse's
cumulative layout shift): Dash draws its sliders, drop-downs and charts once their scripts have arrived, and
the page keeps their room meanwhile, so nothing jumps.

On a fast machine those scripts may arrive before the page's first paint, and then nothing could have moved;
so here they are held back until the page has been painted without them, as on a slow network.
"""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(("query", "viewport", "device"), [
    ("", {"width": 1350, "height": 940}, {}),  # Lighthouse's desktop screen
    ("?present=1", {"width": 1920, "height": 1080}, {}),
    ("?lang=en", {"width": 1440, "height": 900}, {}),
], ids=["desktop", "projector", "english"])
def test_the_page_does_not_move_while_it_loads(browser, live_server, query, viewport, device):
    context = browser.new_context(viewport=viewport, **device)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE)
        held: list = []  # the held requests, until None marks their release
        page.route(LATE_SCRIPTS, lambda route: route.continue_() if held[-1:] == [None] else held.append(route))
        page.goto(live_server + "/" + query)
        page.wait_for_selector(".kpi")
        page.evaluate(PAINTED)
        for route in held:
            route.continue_()
        held.append(None)
        page.wait_for_function(SETTLED, polling=100)
        assert page.evaluate(SHIFT) <= LIMIT
    finally:
        context.close()
