"""The timeline read without a mouse, in real Chromium: milestone labels on the chart that never overlap, on
screen, in presentation mode and in print; the number of items a date holds; the empty state."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from dashboard.data import derive
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.i18n import t
from tests.browser import EMPTY_NOTE

TIMELINE_MARKERS = "#timeline .scatterlayer .point"
LABELS = "#timeline .annotation-text"


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


def milestones(data, **params) -> list[str]:
    state = parse_state(params, data)
    items = derive.timeline_items(data, apply_filters(data, state), state)
    return [label for label in items["label"] if label]


def label_boxes(page) -> dict[str, dict]:
    """Every milestone label's box, read in one go: plotly.js draws the labels anew when the chart resizes (for
    print, say), so one read per label could find a label of the old drawing already gone."""
    page.wait_for_selector(LABELS)
    return page.evaluate("""(selector) => Object.fromEntries([...document.querySelectorAll(selector)].map(label => {
        const box = label.getBoundingClientRect();
        return [label.textContent, {x: box.x, y: box.y, width: box.width, height: box.height}];
    }))""", LABELS)


def assert_apart(boxes: dict[str, dict]) -> None:
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        apart = (box_a["x"] + box_a["width"] <= box_b["x"] or box_b["x"] + box_b["width"] <= box_a["x"]
                 or box_a["y"] + box_a["height"] <= box_b["y"] or box_b["y"] + box_b["height"] <= box_a["y"])
        assert apart, f"{a!r} {box_a} overlaps {b!r} {box_b}"


@pytest.mark.parametrize(("query", "viewport"), [
    ("", {"width": 1440, "height": 900}), ("?lang=en", {"width": 1440, "height": 900}),
    ("", {"width": 1024, "height": 768}), ("?present=1", {"width": 1920, "height": 1080}),
    ("", {"width": 390, "height": 844}), ("?lang=en", {"width": 360, "height": 800}),  # phones
])
def test_milestones_are_named_on_the_chart_and_never_overlap(page, live_server, data, query, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server + "/" + query)
    if viewport["width"] < 576:  # a phone's chart takes its narrow layout once drawn (assets/narrow_charts.js)
        page.wait_for_function("() => document.querySelector('#timeline .js-plotly-plot')?.layout?.meta?.narrowed")
    lang = "en" if "lang=en" in query else "ru"
    boxes = label_boxes(page)
    assert sorted(boxes) == sorted(milestones(data, lang=lang))
    assert len(boxes) == 7
    assert_apart(boxes)
    plot = page.locator("#timeline .main-svg").first.bounding_box()
    for box in boxes.values():  # within the chart, above its rows
        assert plot["x"] <= box["x"] and box["x"] + box["width"] <= plot["x"] + plot["width"]
    size = float(page.locator(LABELS).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert size == (24 if "present" in query else 12)  # at least 24 px on a projector
    page.log.assert_no_console_errors()


def test_a_date_with_several_items_shows_their_number_and_names_them_all_on_hover(page, live_server, data):
    page.goto(live_server)
    page.wait_for_selector(TIMELINE_MARKERS)
    # the ten members of the 2019 interregional cluster: one mark, in the region's context, never in the joinings
    context = page.locator("#timeline .scatterlayer .trace").last
    crowded = context.locator(".textpoint text", has_text="×10")
    expect(crowded).to_have_count(1)
    joinings = page.locator("#timeline .scatterlayer .trace").nth(1)
    expect(joinings.locator(".textpoint text", has_text="×5")).to_have_count(1)  # the five founders
    point = context.locator(".point").nth(2)
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator("#timeline .hoverlayer .hovertext")
    expect(hover).to_contain_text("14.02.2019 · 10")
    orgs = data.organisations
    for name in orgs.loc[orgs["status"] == "interregional_member", "name_ru"]:
        expect(hover).to_contain_text(name)


def test_the_printout_names_the_milestones_and_does_not_ask_to_hover(page, live_server, data):
    page.set_viewport_size({"width": 1050, "height": 740})  # A4 landscape within its margins
    page.goto(live_server)
    page.wait_for_selector(LABELS)
    page.emulate_media(media="print")
    section = page.locator("#section-timeline")
    expect(section.get_by_text(t("timeline_legend", "ru"))).to_be_visible()
    expect(section.get_by_text(t("timeline_hover", "ru"))).to_be_hidden()
    visible_text = section.evaluate("e => e.innerText")
    assert "аведите" not in visible_text and "курсор" not in visible_text
    boxes = label_boxes(page)
    assert sorted(boxes) == sorted(milestones(data))
    assert_apart(boxes)


def test_nothing_matching_says_so_without_invented_axes(page, live_server):
    page.goto(live_server + "/?sector=electrical&from=2014&to=2015")
    note = page.locator("#timeline .annotation-text")
    expect(note).to_have_text(EMPTY_NOTE)
    expect(page.locator(TIMELINE_MARKERS)).to_have_count(0)
    expect(page.locator("#timeline .xtick")).to_have_count(0)
    expect(page.locator("#timeline .ytick")).to_have_count(0)


# The margins the timeline is drawn with and those its axes took (plotly.js widens a margin its tick labels
# need, then lays the whole chart out again), and the chart's and its row names' and dates' boxes.
MARGINS_JS = """() => {
    const gd = document.querySelector('#timeline .js-plotly-plot');
    const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    return {given: [gd._fullLayout.margin.l, gd._fullLayout.margin.b], taken: [gd._fullLayout._size.l,
            gd._fullLayout._size.b], chart: box(gd.querySelector('.main-svg')),
            ticks: [...gd.querySelectorAll(".ytick text, .xtick text")].map(box).filter((b) => b[2] > b[0])};
}"""


@pytest.mark.parametrize(("query", "viewport"), [
    ("", {"width": 1400, "height": 1000}), ("?lang=en", {"width": 1400, "height": 1000}),
    ("?present=1", {"width": 1920, "height": 1080}), ("?lang=en&present=1", {"width": 1920, "height": 1080}),
    ("", {"width": 390, "height": 844}),
])
def test_the_rows_names_and_dates_fit_the_margins_the_timeline_is_drawn_with(page, live_server, query, viewport):
    """Laid out once: the timeline is in sight at the top of the page, drawn anew at every switch of language or
    presentation mode, and a second layout was half of its drawing."""
    page.set_viewport_size(viewport)
    page.goto(live_server + "/" + query)
    page.wait_for_selector(TIMELINE_MARKERS)
    if viewport["width"] < 576:
        page.wait_for_function("() => document.querySelector('#timeline .js-plotly-plot')?.layout?.meta?.narrowed")
    margins = page.evaluate(MARGINS_JS)
    assert margins["taken"] == margins["given"]
    left, top, right, bottom = margins["chart"]
    assert len(margins["ticks"]) > 5
    for tick in margins["ticks"]:  # every name and date whole on the chart
        assert left <= tick[0] and tick[2] <= right and top <= tick[1] and tick[3] <= bottom, (tick, margins["chart"])
