"""The charts' own text (plotly.js draws it as SVG, which the page's CSS does not size) as people see it: whole
on a phone, and large enough to read from the back of the room on a projector."""

from __future__ import annotations

import itertools

import pytest

from dashboard.ui import ids
from tests.browser import DRAW_EVERY_CHART_JS

PHONE = {"is_mobile": True, "has_touch": True}
# Every chart but the map (tests/browser/test_map.py and test_screens.py look after its text).
CHARTS = (ids.TIMELINE, ids.GROWTH, ids.SECTORS, ids.NETWORK, ids.COMPARE_FIGURE)
PRESENT_PX = 24  # the least size a presenter's text may have (the page's HTML text: test_presenting.py)
# Drawn, and on a phone narrowed where the figure has a layout for one (assets/narrow_charts.js).
SETTLED_JS = """([charts, phone]) => charts.every(chart => {
  const gd = document.querySelector('#' + chart + ' .js-plotly-plot');
  const meta = gd && gd.layout && gd.layout.meta;
  return gd && gd.querySelector('.main-svg text') && !(phone && meta && meta.narrow && !meta.narrowed); })"""
# Every visible SVG text of a chart: its size, and how far inside the chart's box each of its edges stands.
TEXTS_JS = """(chart) => {
  const gd = document.querySelector('#' + chart + ' .js-plotly-plot'), frame = gd.getBoundingClientRect();
  return [...gd.querySelectorAll('.main-svg text')].filter(e => e.textContent.trim()).map(e => {
    const box = e.getBoundingClientRect();
    return {text: e.textContent.slice(0, 40), size: parseFloat(getComputedStyle(e).fontSize),
            left: box.left - frame.left, right: frame.right - box.right, top: box.top - frame.top,
            bottom: frame.bottom - box.bottom, width: box.width, height: box.height};
  }).filter(text => text.width > 0); }"""


@pytest.fixture
def chart_texts(browser, live_server):
    """The SVG texts of every chart of :data:`CHARTS` on the dashboard at ``query`` in a window of ``size``."""
    contexts = []

    def open_(size: tuple[int, int], query: str = "", phone: bool = False) -> dict[str, list[dict]]:
        context = browser.new_context(viewport={"width": size[0], "height": size[1]}, **(PHONE if phone else {}))
        contexts.append(context)
        context.add_init_script(DRAW_EVERY_CHART_JS)
        page = context.new_page()
        page.goto(live_server + query)
        page.wait_for_function(SETTLED_JS, arg=[list(CHARTS), phone])
        return {chart: page.evaluate(TEXTS_JS, chart) for chart in CHARTS}

    yield open_
    for context in contexts:
        context.close()


def cut(texts: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The texts of each chart that run past an edge of its box, where plotly.js clips them."""
    return {chart: [text for text in shown if min(text["left"], text["right"], text["top"], text["bottom"]) < -0.5]
            for chart, shown in texts.items()}


def crowded(texts: dict[str, list[dict]]) -> dict[str, list[tuple[str, str]]]:
    """The pairs of texts of each chart drawn over each other: sharing more than half the height of the smaller
    and more than a sliver of width (a text's box holds some space around its letters, which may touch)."""
    def over(a: dict, b: dict) -> bool:
        across = min(a["left"] + a["width"], b["left"] + b["width"]) - max(a["left"], b["left"])
        down = min(a["top"] + a["height"], b["top"] + b["height"]) - max(a["top"], b["top"])
        return across > 2 and down > min(a["height"], b["height"]) / 2

    return {chart: [(a["text"], b["text"]) for a, b in itertools.combinations(shown, 2) if over(a, b)]
            for chart, shown in texts.items()}


@pytest.mark.parametrize("width", [360, 390])
def test_chart_texts_stand_whole_and_apart_on_a_phone(chart_texts, width):
    texts = chart_texts((width, 844), phone=True)
    assert all(texts.values()), texts
    assert not any(cut(texts).values()), cut(texts)
    assert not any(crowded(texts).values()), crowded(texts)


def test_every_chart_text_reads_from_the_back_of_the_room(chart_texts):
    texts = chart_texts((1920, 1080), "/?present=1")
    assert all(texts.values()), texts
    small = {chart: [(text["size"], text["text"]) for text in shown if text["size"] < PRESENT_PX]
             for chart, shown in texts.items()}
    assert not any(small.values()), small
    assert not any(cut(texts).values()), cut(texts)
    assert not any(crowded(texts).values()), crowded(texts)
