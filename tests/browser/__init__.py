"""Browser tests, and what they share."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

from dashboard.i18n import t
from dashboard.ui.figures.base import note_lines

# A chart's empty-state note as the page holds it: its lines, one <tspan> each, with nothing between them.
EMPTY_NOTE = "".join(note_lines(t("empty_chart", "ru")))
# A marker of the map's region panel: the names' traces draw their points too, zero-sized where a name stands
# alone (a lake's, a neighbour's), so the first point may be one nobody sees.
MAP_MARKERS = "#map .subplot.xy .scatterlayer .point:not([d^='M0,0A0,0 '])"


def url_query(page, expected: dict[str, list[str]], timeout: float = 10.0) -> dict[str, list[str]]:
    """The page's query string, once it equals ``expected`` (the browser rewrites the address right after
    the views update) or the timeout has passed; the caller asserts on the value."""
    deadline = time.monotonic() + timeout
    query = parse_qs(urlsplit(page.url).query)
    while query != expected and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        query = parse_qs(urlsplit(page.url).query)
    return query


def show_grid(page, grid_id: str):
    """Scroll a table's section into view, where its grid is created once it nears the screen
    (assets/lazy_grids.js), and return the grid's locator."""
    page.locator(f"#{grid_id}-slot").scroll_into_view_if_needed()
    return page.locator(f"#{grid_id}")


# For a test that reads charts out of sight: each drawn at the next frame after it gets a figure, as a user who
# scrolled to it would see it (assets/plotly-visible.js draws it only once it nears the viewport).
DRAW_EVERY_CHART_JS = """(function draw() {
    if (window.dashboardCharts) {
        window.dashboardCharts.drawAll();
    }
    requestAnimationFrame(draw);
})();"""


def charts_drawn(page) -> None:
    """Draw every chart with its latest figure, as if each had been scrolled to: a chart out of sight holds a new
    figure aside until it nears the viewport (assets/plotly-visible.js)."""
    page.wait_for_function("() => window.dashboardCharts && (window.dashboardCharts.drawAll(), "
                           "window.dashboardCharts.waiting() === 0)")
