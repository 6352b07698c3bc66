"""The map as people see it on a phone and on a projector, measured in real Chromium: names that stand apart
and inside the chart, markers that stand apart, the legend right under the map, a presenter's text large."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.ui.figures.map import NARROW_HEIGHT

# Every box on screen, by kind, relative to the chart's picture: the names, the markers, the legend, the
# frames of the panels, and every text with its font size.
SEEN_JS = """() => {
  const svg = document.querySelector('#map .main-svg').getBoundingClientRect();
  const box = e => { const r = e.getBoundingClientRect();
    return [r.left - svg.left, r.top - svg.top, r.right - svg.left, r.bottom - svg.top]; };
  const all = selector => [...document.querySelectorAll(selector)];
  return {
    width: svg.width, height: svg.height,
    names: all('#map .scatterlayer .textpoint text').map(e => ({text: e.textContent, box: box(e)})),
    markers: all('#map .scatterlayer .trace:not(:has(.textpoint)) .point').filter(p => p.getAttribute('d'))
      .map(box),
    legend: all('#map .legend .traces').map(box),
    frames: all('#map .shapelayer path').map(box),
    texts: all('#map svg text').filter(e => e.textContent.trim())
      .map(e => ({text: e.textContent, px: parseFloat(getComputedStyle(e).fontSize)})),
  };
}"""


def overlap(a, b, tolerance=0.5):
    return min(a[2], b[2]) - max(a[0], b[0]) > tolerance and min(a[3], b[3]) - max(a[1], b[1]) > tolerance


def open_map(page, url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector("#map .scatterlayer .textpoint")
    if width < 576:  # a phone: wait for the map's narrow layout (assets/narrow_charts.js)
        expect(page.locator("#map .js-plotly-plot .svg-container")).to_have_css("height", f"{NARROW_HEIGHT}px")
    page.locator("#map").scroll_into_view_if_needed()
    return page.evaluate(SEEN_JS)


SCREENS = [pytest.param("", 360, 780, id="phone-360"), pytest.param("", 390, 844, id="phone-390"),
           pytest.param("?present=1", 1920, 1080, id="projector-1920")]


@pytest.mark.parametrize(("query", "width", "height"), SCREENS)
def test_map_names_stand_apart_and_inside_the_chart(page, live_server, query, width, height):
    seen = open_map(page, live_server + "/" + query, width, height)
    names = seen["names"]
    assert len(names) >= 10  # the neighbours, the lake, the river and the main towns
    crowded = [(a["text"], b["text"]) for i, a in enumerate(names) for b in names[i + 1:]
               if overlap(a["box"], b["box"])]
    assert not crowded
    cut = [name["text"] for name in names if name["box"][0] < 0 or name["box"][2] > seen["width"]]
    assert not cut
    covered = [name["text"] for name in names for marker in seen["markers"] if overlap(name["box"], marker)]
    assert not covered


@pytest.mark.parametrize(("query", "width", "height"), SCREENS[:2])
def test_on_a_phone_the_markers_stand_apart_and_the_legend_right_under_the_map(page, live_server, query, width,
                                                                                height):
    seen = open_map(page, live_server + "/" + query, width, height)
    # the detail shows each organisation group of a town as a marker of its own, none over another
    detail = [marker for marker in seen["markers"] if marker[1] > seen["frames"][1][1]]
    assert len(detail) >= 7
    assert not [(a, b) for i, a in enumerate(detail) for b in detail[i + 1:] if overlap(a, b)]
    # under the map's lowest frame only the credit line (a small print line), then the legend, all of it seen
    foot = max(frame[3] for frame in seen["frames"])
    legend = seen["legend"][0]
    assert 0 <= legend[1] - foot <= 24
    assert legend[2] <= seen["width"]


def test_every_text_of_the_map_is_large_in_presentation_mode(page, live_server):
    seen = open_map(page, live_server + "/?present=1", 1920, 1080)
    assert len(seen["texts"]) >= 15
    small = [(text["text"], text["px"]) for text in seen["texts"] if text["px"] < 24]
    assert not small
