"""The map in real headless Chromium: its geography, its legend of statuses, town names never under a marker,
and what it shows when nothing matches."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.data import derive
from dashboard.data.counts import GROUPS
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.i18n import t
from dashboard.ui.figures import map as fig_map
from tests.browser import EMPTY_NOTE

# The marker traces are the scatter traces of points without text; the towns' names are text points.
MARKERS = "#map .scatterlayer .trace:not(:has(.textpoint)) .point"
# Every box on screen of the marker points and of the texts, by kind.
BOXES_JS = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const markers = [...document.querySelectorAll(arguments_markers)]
    .filter(p => getComputedStyle(p).opacity !== '0' && p.getAttribute('d')).map(box);
  const texts = [...document.querySelectorAll('#map .scatterlayer .textpoint text')]
    .map(e => ({text: e.textContent, box: box(e)}));
  return {markers, texts};
}"""


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


def open_map(page, url):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(url)
    page.wait_for_selector("#map .scatterlayer .textpoint")
    page.locator("#map").scroll_into_view_if_needed()


def boxes(page):
    return page.evaluate(BOXES_JS.replace("arguments_markers", repr(MARKERS)))


def overlap(a, b, tolerance=1.0):
    return (min(a[2], b[2]) - max(a[0], b[0]) > tolerance) and (min(a[3], b[3]) - max(a[1], b[1]) > tolerance)


def town_names(data, lang):
    filtered = apply_filters(data, parse_state({}, data))
    marked = set(derive.map_points(data, filtered, lang)["settlement"])
    return marked | {name for name, _, _ in fig_map.geo.labels(data.towns, lang)}


@pytest.mark.parametrize("query", ["", "?present=1", "?lang=en"])
def test_town_names_are_never_covered_by_a_marker_nor_by_each_other(page, live_server, data, query):
    open_map(page, live_server + query)
    lang = "en" if "lang=en" in query else "ru"
    seen = boxes(page)
    towns = [text for text in seen["texts"] if text["text"] in town_names(data, lang)]
    # the main towns and the towns with points are named, fewer at a projector's 24 px
    assert len(towns) >= (8 if "present" in query else 10)
    assert seen["markers"]
    for town in towns:
        covering = [marker for marker in seen["markers"] if overlap(town["box"], marker)]
        assert not covering, f"{town['text']} is under a marker"
    for i, first in enumerate(towns):
        for second in towns[i + 1:]:
            assert not overlap(first["box"], second["box"]), f"{first['text']} overlaps {second['text']}"
    page.log.assert_no_external_requests(live_server)


def test_map_shows_its_geography_and_a_legend_of_statuses(page, live_server, data):
    open_map(page, live_server)
    texts = {text["text"] for text in boxes(page)["texts"]}
    assert {"оз. Байкал", "Ангара", "Красноярский край", "Братск", "Иркутск"} <= texts  # Buryatia's under Baikal's
    legend = page.locator("#map .legend .traces .legendtext")
    filtered = apply_filters(data, parse_state({}, data))
    shown = [group for group in GROUPS if group in set(derive.map_points(data, filtered, "ru")["group"])]
    expect(legend).to_have_text([derive.group_label(group, "ru") for group in shown])
    # each status its own symbol in the legend
    symbols = page.locator("#map .legend .traces .legendpoints path").evaluate_all(
        "paths => paths.map(p => p.getAttribute('d') + p.style.fill + p.style.stroke)")
    assert len(set(symbols)) == len(shown)
    expect(page.locator("#map")).to_contain_text(t("map_credit", "ru"))
    expect(page.locator("#map")).to_contain_text(t("map_inset", "ru"))
    page.log.assert_no_console_errors()


def test_map_of_nothing_keeps_its_geography_and_says_so(page, live_server):
    open_map(page, live_server + "?sector=electrical&from=2014&to=2015")
    expect(page.locator("#map")).to_contain_text(EMPTY_NOTE)
    expect(page.locator(MARKERS)).to_have_count(0)
    texts = {text["text"] for text in boxes(page)["texts"]}
    assert {"оз. Байкал", "Братск", "Иркутск"} <= texts
