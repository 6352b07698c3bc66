"""Presenters and analysts in real Chromium: as-of stepping, presentation mode, cross-filtering."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from dashboard.data import derive
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.ui.figures.base import font_size
from tests.browser import url_query

TIMELINE_MARKERS = "#timeline .scatterlayer .point"


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


def participants(data, **params) -> str:
    return str(derive.named_participants(apply_filters(data, parse_state(params, data)).organisations))


def timeline_points(data, **params) -> int:
    state = parse_state(params, data)
    items = derive.timeline_items(data, apply_filters(data, state), state).dropna(subset=["date"])
    return len(items.drop_duplicates(["group", "date", "precision"]))  # one mark per row, date and precision


def open_dashboard(page, url):
    page.goto(url)
    page.wait_for_selector(TIMELINE_MARKERS)


def click_point(page, locator):
    """Plotly reports a click on the point under the mouse, so hover it first."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*centre)
    page.mouse.click(*centre)


def test_stepping_the_asof_date_shows_the_cluster_as_it_stood(page, live_server, data):
    open_dashboard(page, live_server + "/?asof=2015-12-31")
    expect(page.locator("#asof-label")).to_have_text("31.12.2015")
    expect(page.locator("#kpi-participants")).to_have_text(participants(data, asof="2015-12-31"))
    expect(page.locator(TIMELINE_MARKERS)).to_have_count(timeline_points(data, asof="2015-12-31"))

    page.click("#asof-next")
    expect(page.locator("#asof-label")).to_have_text("31.12.2016")
    expect(page.locator(TIMELINE_MARKERS)).to_have_count(timeline_points(data, asof="2016-12-31"))

    page.locator("#asof-prev").focus()  # the arrow keys work with the focus in the as-of bar
    page.keyboard.press("ArrowRight")
    expect(page.locator("#asof-label")).to_have_text("31.12.2017")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#asof-label")).to_have_text("31.12.2018")
    expect(page.locator("#kpi-reported")).to_have_text("около 40")
    expect(page.locator("#kpi-participants")).to_have_text(participants(data, asof="2018-12-31"))
    query_wanted = {"asof": ["2018-12-31"]}
    assert url_query(page, query_wanted) == query_wanted

    page.keyboard.press("ArrowLeft")
    expect(page.locator("#asof-label")).to_have_text("31.12.2017")
    page.log.assert_no_console_errors()


def test_play_runs_to_today_and_stops(page, live_server, data):
    open_dashboard(page, live_server + "/?asof=2023-12-31")
    page.click("#asof-play")
    expect(page.locator("#asof-label")).to_have_text("сегодня", timeout=20_000)
    expect(page.locator("#asof-play")).to_have_text("▶ Воспроизвести")
    expect(page.locator("#kpi-participants")).to_have_text(participants(data))


def test_presentation_mode_hides_controls_and_enlarges_the_view(page, live_server):
    open_dashboard(page, live_server + "/?sector=aircraft")
    expect(page.locator(".filters-col")).to_be_visible()
    small = page.locator("#kpi-participants").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")

    page.click("#present-toggle")

    expect(page.locator(".dashboard.present")).to_be_visible()
    expect(page.locator(".filters-col")).to_be_hidden()
    expect(page.locator("#section-members")).to_be_hidden()
    expect(page.locator("#present-toggle")).to_have_text("Выйти из презентации")
    large = page.locator("#kpi-participants").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert large > small * 1.4
    font = page.evaluate("() => document.querySelector('#timeline .js-plotly-plot')._fullLayout.font.size")
    assert font == font_size(True)
    query_wanted = {"sector": ["aircraft"], "present": ["1"]}
    assert url_query(page, query_wanted) == query_wanted

    page.click("#present-toggle")
    expect(page.locator(".filters-col")).to_be_visible()
    page.log.assert_no_console_errors()


def test_clicking_a_sector_bar_filters_every_view_and_clear_undoes_it(page, live_server, data):
    open_dashboard(page, live_server)
    bars = page.locator("#sectors .bars .point")
    expect(bars).to_have_count(len(derive.sector_counts(data, apply_filters(data, parse_state({}, data)), "ru")))

    # Bars are drawn bottom-up in ascending order, so the last one is the largest sector (aircraft).
    click_point(page, bars.last)

    expect(page.locator("#kpi-participants")).to_have_text(participants(data, sector=["aircraft"]))
    expect(page.locator("#filter-sector-value")).to_have_text("Авиастроение")
    query_wanted = {"sector": ["aircraft"]}
    assert url_query(page, query_wanted) == query_wanted

    page.click("#clear-selection")
    expect(page.locator("#kpi-participants")).to_have_text(participants(data))


def test_clicking_a_timeline_item_focuses_on_its_organisations(page, live_server, data):
    open_dashboard(page, live_server + "/?to=2014")
    founding = page.locator("#timeline .scatterlayer .trace").first.locator(".point").first
    click_point(page, founding)

    expect(page.locator("#selection .badge")).to_have_count(5)
    founders = data.organisations[data.organisations["status"] == "founder"]
    expect(page.locator("#kpi-participants")).to_have_text(str(len(founders)))
    assert sorted(parse_qs(urlsplit(page.url).query)["org"]) == sorted(founders["org_id"])


# Every visible text of the page outside the charts' SVG, with its computed size.
HTML_TEXT_SIZES_JS = """() => { const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) { const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element || element.closest('svg')) continue;
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(element).visibility === 'hidden') continue;
    out.push([parseFloat(getComputedStyle(element).fontSize), node.textContent.trim().slice(0, 40)]); }
  return out; }"""


def test_presentation_text_reads_from_the_back_of_the_room(page, live_server):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(live_server + "/?present=1")
    expect(page.locator("#timeline .main-svg").first).to_be_visible()
    small = [(size, text) for size, text in page.evaluate(HTML_TEXT_SIZES_JS) if size < 24]
    assert not small, small
    expect(page.locator(".chart-export").first).to_be_hidden()  # no export buttons on the screen
    for kpi in page.locator(".kpi .kpi-value").all():  # a number on one line: "25,4 млрд ₽" never broken
        line = kpi.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        assert kpi.bounding_box()["height"] < 1.5 * line, kpi.inner_text()
