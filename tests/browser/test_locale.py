"""assets/plotly-locale-ru.js really localises plotly.js in a browser.

A minimal Dash app (not the dashboard) that loads only that asset shows the same figure
twice: with ``config={"locale": "ru"}`` and, as a control, with the default locale.
We read the SVG tick labels and modebar titles back.
"""

from __future__ import annotations

import json

import dash
import pytest
from dash import dcc, html

LOCALE_FILE = "plotly-locale-ru.js"
RU_SHORT_MONTHS = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
EN_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SPACES = ("\u00a0", "\u202f", " ")  # nbsp, narrow nbsp, plain space

FIGURE = {
    "data": [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01"],
            "y": [1_200_000, 2_500_000, 1_800_000, 3_400_000, 2_900_000, 4_100_000],
        }
    ],
    "layout": {
        "xaxis": {"type": "date", "dtick": "M1", "tickformat": "%b %Y"},
        "yaxis": {"tickformat": ",d"},
        "width": 700,
        "height": 400,
    },
}

# A page without Dash: plotly.js is already there when the locale file runs
# (the file's immediate `if (window.Plotly)` branch).
PLAIN_PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<div id="g-ru"></div><div id="g-en"></div>
<script src="/_dash-component-suites/plotly/package_data/plotly.min.js"></script>
<script src="/assets/%(locale)s"></script>
<script>
  var fig = %(fig)s;
  Plotly.newPlot('g-ru', fig.data, fig.layout, {locale: 'ru'});
  Plotly.newPlot('g-en', fig.data, fig.layout);
</script></body></html>"""


def _app(assets_dir, eager_loading: bool) -> dash.Dash:
    # only our locale file, so other people's assets cannot influence this test
    only_locale = r"^(?!" + LOCALE_FILE.replace(".", r"\.") + r"$).*"
    app = dash.Dash(
        __name__, assets_folder=str(assets_dir), assets_ignore=only_locale, eager_loading=eager_loading
    )
    app.layout = html.Div(
        [
            dcc.Graph(id="g-ru", figure=FIGURE, config={"locale": "ru"}),
            dcc.Graph(id="g-en", figure=FIGURE),
        ]
    )
    app.server.add_url_rule(
        "/plain", "plain", lambda: PLAIN_PAGE % {"locale": LOCALE_FILE, "fig": json.dumps(FIGURE)}
    )
    return app


def _tick_texts(page, graph_id: str, axis: str) -> list[str]:
    return page.locator(f"#{graph_id} .{axis}axislayer-above .{axis}tick text").all_text_contents()


def _modebar_titles(page, graph_id: str) -> list[str]:
    return page.locator(f"#{graph_id} .modebar-btn").evaluate_all("els => els.map(e => e.dataset.title)")


# lazy: Dash's default; dcc.Graph injects plotly.js long after the assets ran.
# eager: plotly.js is a <script> tag, still after the assets.  Dash lists plotly.min.js once
#   per Dash() instance in the process, so a second app makes the page load plotly.js twice;
#   we build a throwaway app first to always cover that.
# plotly-first: plain page, plotly.js loaded before the locale file.
@pytest.mark.parametrize("mode", ["lazy", "eager", "plotly-first"])
def test_ru_locale_formats_ticks_and_modebar(serve_app, page, assets_dir, mode):
    assert (assets_dir / LOCALE_FILE).is_file()
    if mode == "eager":
        dash.Dash(__name__, assets_folder=str(assets_dir), eager_loading=True)
    url = serve_app(_app(assets_dir, eager_loading=(mode == "eager")))

    page.goto(url + ("/plain" if mode == "plotly-first" else "/"))
    for gid in ("g-ru", "g-en"):
        page.wait_for_selector(f"#{gid} .yaxislayer-above .ytick text")
        page.wait_for_selector(f"#{gid} .xaxislayer-above .xtick text")

    ru_y, en_y = _tick_texts(page, "g-ru", "y"), _tick_texts(page, "g-en", "y")
    ru_x, en_x = _tick_texts(page, "g-ru", "x"), _tick_texts(page, "g-en", "x")

    # control: the default locale uses commas and English months
    assert any("," in t for t in en_y), en_y
    assert any(m in t for t in en_x for m in EN_SHORT_MONTHS), en_x

    # ru: space as thousands separator ("2 000 000"), no commas
    big = [t for t in ru_y if sum(ch.isdigit() for ch in t) >= 7]
    assert big, ru_y
    assert all(any(s in t for s in SPACES) and "," not in t for t in big), ru_y
    assert "2\u00a0000\u00a0000" in ru_y, ru_y

    # ru: Russian month abbreviations, no English ones
    assert any(m in t for t in ru_x for m in RU_SHORT_MONTHS), ru_x
    assert not any(m in t for t in ru_x for m in EN_SHORT_MONTHS), ru_x

    # ru: the dictionary is applied to the modebar (button titles live in data-title)
    ru_titles, en_titles = _modebar_titles(page, "g-ru"), _modebar_titles(page, "g-en")
    assert {"Сбросить оси", "Скачать график в формате PNG"} <= set(ru_titles), ru_titles
    assert {"Reset axes", "Download plot as a PNG"} <= set(en_titles), en_titles

    page.log.assert_no_external_requests(url)
    page.log.assert_no_console_errors()
