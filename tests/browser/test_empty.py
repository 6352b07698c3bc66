"""What a person sees in real Chromium when nothing matches the filters, and what the growth chart says on its
face (no hover needed): each reported count with its date, source and wording, the named organisations as a
series of their own."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.i18n import t
from dashboard.ui import ids
from tests.browser import EMPTY_NOTE

# The case from the issue: no electrical engineering organisation is named in 2014-2015.
EMPTY_QUERY = "/?sector=electrical&from=2014&to=2015"
EMPTY_CHARTS = (ids.GROWTH, ids.SECTORS, ids.NETWORK, ids.COMPARE_FIGURE)


def annotations(page, chart: str) -> list[str]:
    return page.locator(f"#{chart} .annotation-text").all_text_contents()


def overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


@pytest.mark.parametrize("chart", EMPTY_CHARTS)
def test_an_empty_chart_says_so_and_invents_no_axis(page, live_server, chart):
    page.goto(live_server + EMPTY_QUERY)
    figure = page.locator(f"#{chart}")
    message = figure.locator(".annotation-text").first
    expect(message).to_be_visible()
    # no ticks at all: plotly.js would otherwise invent a range (dates of the year 2000, bars from -1 to 3)
    expect(figure.locator(".xtick, .ytick")).to_have_count(0)
    assert not any("2000" in text for text in figure.locator("text").all_text_contents())


def test_empty_charts_tell_how_to_widen_the_view(page, live_server):
    page.goto(live_server + EMPTY_QUERY)
    expect(page.locator(f"#{ids.SECTORS} .annotation-text")).to_have_text(EMPTY_NOTE)
    expect(page.locator(f"#{ids.GROWTH} .annotation-text")).to_have_text(EMPTY_NOTE)
    expect(page.locator(f"#{ids.NETWORK} .annotation-text")).to_have_text(EMPTY_NOTE)
    expect(page.locator(f"#{ids.COMPARE_FIGURE} .annotation-text")).to_have_text(
        t("compare_no_participants", "ru") + t("compare_widen", "ru"))  # two lines of one annotation


@pytest.mark.parametrize("grid", ids.GRIDS)
def test_an_empty_table_says_so_above_and_inside_its_grid(page, live_server, grid):
    page.goto(live_server + EMPTY_QUERY)
    note = page.locator(f"#{ids.table_note(grid)}")
    expect(note).to_have_text(t("empty_chart", "ru"))
    note.scroll_into_view_if_needed()
    overlay = page.locator(f"#{grid} .ag-overlay-no-rows-center")  # the grid is created once it nears the screen
    # a ceiling, not a measure: the grid's script loads on first use, slowly on a busy machine
    expect(overlay).to_be_visible(timeout=20_000)
    expect(overlay).to_have_text(t("empty_chart", "ru"))


def test_the_growth_chart_labels_each_reported_count_and_the_named_series(page, live_server):
    page.goto(live_server + "/")
    chart = page.locator(f"#{ids.GROWTH}")
    expect(chart.locator(".annotation-text").first).to_be_visible()
    texts = annotations(page, ids.GROWTH)
    assert texts[:2] == [t("growth_reported_panel", "ru"), t("growth_named_panel", "ru", named=8)]
    labels = texts[2:]
    assert len(labels) == 2
    assert labels[0].startswith("12.2018 · uprom.tech") and "около сорока предприятий и организаций" in labels[0]
    assert labels[1].startswith("не ранее 04.2022 · krio.devindex.ru") and "(76 участников)»" in labels[1]
    # the counts themselves beside their points
    expect(chart.locator(".scatterlayer .textpoint")).to_have_text(["около 40", "76"])
    # the named organisations: a legend titled as what they are, with no entry for the reported counts
    expect(chart.locator(".legendtitletext")).to_have_text(t("growth_named", "ru") + ":")
    assert t("growth_reported", "ru") not in chart.locator(".legendtext").all_text_contents()
    # every label readable: none overlaps another, nor a count, and each lies inside the chart
    boxes = [box.bounding_box() for box in chart.locator(".annotation").all()]
    counts = [box.bounding_box() for box in chart.locator(".scatterlayer .textpoint").all()]
    reported = boxes[2:]
    assert not overlap(reported[0], reported[1])
    assert not any(overlap(label, count) for label in reported for count in counts)
    plot = chart.locator(".main-svg").first.bounding_box()
    assert all(plot["x"] <= box["x"] and box["x"] + box["width"] <= plot["x"] + plot["width"] for box in reported)


def test_a_filtered_growth_chart_says_the_reported_counts_ignore_the_filter(page, live_server):
    page.goto(live_server + "/?sector=aircraft")
    chart = page.locator(f"#{ids.GROWTH}")
    expect(chart.locator(".annotation-text").first).to_contain_text(t("growth_reported_unfiltered", "ru"))
    expect(chart.locator(".annotation-text").nth(1)).to_have_text(t("growth_named_panel_filtered", "ru", named=2))
    expect(page.locator(f"#{ids.summary(ids.GROWTH)}")).to_contain_text(t("growth_reported_unfiltered", "ru"))


def test_the_empty_note_fits_a_phone_wide_chart(page, live_server):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server + EMPTY_QUERY)
    for chart in (ids.SECTORS, ids.GROWTH, ids.NETWORK):
        figure = page.locator(f"#{chart}")
        note = figure.locator(".annotation-text").first
        expect(note).to_be_visible()
        frame, text = figure.bounding_box(), note.bounding_box()
        assert frame["x"] <= text["x"] and text["x"] + text["width"] <= frame["x"] + frame["width"], chart
