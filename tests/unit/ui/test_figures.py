"""Tests for dashboard/ui/figures: pure builders from derived frames to plotly figures."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.io.json import to_json_plotly

from dashboard.data import derive
from dashboard.data.counts import GROUPS
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.vocab import DATE_PRECISION, TIMELINE_GROUP, sector_colours
from dashboard.i18n import catalogue, t
from dashboard.ui import ids, page
from dashboard.ui.figures import base as fig_base
from dashboard.ui.figures import growth as fig_growth
from dashboard.ui.figures import map as fig_map
from dashboard.ui.figures import timeline as fig_timeline
from dashboard.ui.sections import comparison
from dashboard.ui.view import View
from tests import packages as pk

LONG_URL = "https://example.org/" + "a" * 80


@pytest.fixture(scope="module")
def data():
    return pk.bundled()


@pytest.fixture(scope="module")
def colours(data):
    return sector_colours(list(data.sectors["sector_id"]))


def map_spec(data, colours, points, lang="ru", **kwargs) -> dict:
    """The map as the dashboard draws it: the package's layers, the enlarged detail of its towns."""
    layers = {"neighbours": data.neighbours, "water": data.water, "towns": data.towns, **kwargs}
    return fig_map.map_figure(points, data.boundary, lang, inset=derive.map_inset(data), **layers)


def draw_map(data, colours, points, lang="ru", **kwargs) -> go.Figure:
    return go.Figure(map_spec(data, colours, points, lang, **kwargs))


def view(data, query: dict | None = None):
    state = parse_state(query or {}, data)
    return state, apply_filters(data, state)


def timeline_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["date", "precision", "group", "title", "date_label", "source"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["label"] = ""
    frame["org_ids"] = [[f"org-{i}"] for i in range(len(frame))]
    return frame


def points_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=derive.MAP_POINT_COLUMNS)


def markers(fig: go.Figure, xaxis: str = "x") -> list:
    return [t for t in fig.data if t.mode == "markers" and (t.xaxis or "x") == xaxis]


# ---------------------------------------------------------------------------------------------------------
# timeline
# ---------------------------------------------------------------------------------------------------------

# Rows, and the band of milestone labels kept whatever the filters (7 lines of 19 px, 8 px padding).
TIMELINE_HEIGHT = 120 + 55 * len(TIMELINE_GROUP) + 7 * 19 + 8

SMALL_TIMELINE = [
    ("2014-11-20", "day", "agreement", "Founding", "20 Nov 2014", "https://a.example/1"),
    ("2018-12-01", "month", "agreement", "Joining", "Dec 2018", "https://a.example/2"),
    ("2016-07-01", "after", "context", "Other cluster", "not before Jul 2016", LONG_URL),
    (None, "unknown", "event", "Undated event", "date unknown", "https://a.example/3"),
]


def test_timeline_one_trace_per_group_with_dates():
    fig = go.Figure(fig_timeline.timeline_figure(timeline_frame(SMALL_TIMELINE), "en"))
    # The only event is undated, so it has no row on the date axis.
    assert [t.name for t in fig.data] == ["Agreements", "Regional context"]
    agreements, context = fig.data
    assert list(agreements.x) == ["2014-11-20", "2018-12-01"]
    assert list(agreements.y) == ["Agreements", "Agreements"]
    assert list(agreements.marker.symbol) == [DATE_PRECISION["day"].symbol, DATE_PRECISION["month"].symbol]
    assert list(context.marker.symbol) == ["triangle-right-open"]
    assert agreements.marker.color == TIMELINE_GROUP["agreement"].colour
    assert [list(row) for row in agreements.customdata] == [
        ["Founding", "20 Nov 2014", "https://a.example/1", "org-0"],
        ["Joining", "Dec 2018", "https://a.example/2", "org-1"]]
    # every group keeps its row, so the chart keeps its size whatever the filters
    assert fig.layout.yaxis.categoryarray == tuple(t.label("en") for t in reversed(TIMELINE_GROUP.values()))
    assert fig.layout.yaxis.range == (-0.5, len(TIMELINE_GROUP) - 0.5)
    assert fig.layout.height == TIMELINE_HEIGHT


def test_timeline_hover_shows_the_source():
    fig = go.Figure(fig_timeline.timeline_figure(timeline_frame(SMALL_TIMELINE), "en"))
    for trace in fig.data:
        assert trace.hovertemplate == ("<b>%{customdata[1]}</b><br>%{customdata[0]}<br>Source: %{customdata[2]}"
                                       "<extra></extra>")
    ru = go.Figure(fig_timeline.timeline_figure(timeline_frame(SMALL_TIMELINE), "ru"))
    assert "<br>Источник: %{customdata[2]}" in ru.data[0].hovertemplate
    assert [t.name for t in ru.data] == ["Соглашения", "Контекст региона"]


def test_timeline_shortens_long_sources_in_hover():
    fig = go.Figure(fig_timeline.timeline_figure(timeline_frame(SMALL_TIMELINE), "en"))
    shown = fig.data[1].customdata[0][2]
    assert len(LONG_URL) > 70
    assert shown == LONG_URL[:67] + "…"
    assert len(shown) == 68


def test_timeline_items_of_one_date_are_one_mark_with_their_number_and_every_name():
    founders = [("2014-11-20", "day", "joining", f"Founder {i}", "20 Nov 2014", f"https://a.example/{i % 2}")
                for i in range(4)]
    rows = [*founders, ("2014-11-01", "month", "joining", "Known to the month", "Nov 2014", "https://b.example"),
            ("2015-01-10", "day", "joining", "Alone", "10 Jan 2015", "https://c.example")]
    fig = go.Figure(fig_timeline.timeline_figure(timeline_frame(rows), "en"))
    (joinings,) = fig.data
    # a month-precise item of the same month keeps its own mark and symbol
    assert list(joinings.x) == ["2014-11-01", "2014-11-20", "2015-01-10"]
    assert list(joinings.marker.symbol) == [DATE_PRECISION[p].symbol for p in ("month", "day", "day")]
    assert list(joinings.text) == ["", "×4", ""]
    title, date_label, sources, org_ids = joinings.customdata[1]
    assert title.split("<br>") == [f"Founder {i}" for i in range(4)]
    assert date_label == "20 Nov 2014 · 4"
    assert sources.split("<br>") == ["https://a.example/0", "https://a.example/1"]
    assert org_ids.split() == ["org-0", "org-1", "org-2", "org-3"]  # a click selects them all
    assert list(joinings.customdata[2]) == ["Alone", "10 Jan 2015", "https://c.example", "org-5"]


def test_timeline_names_a_crowded_date_up_to_a_limit():
    many = fig_timeline.MAX_TITLES_ON_A_DATE + 3
    rows = [("2019-02-14", "day", "context", f"Member {i}", "14 Feb 2019", f"https://a.example/{i}")
            for i in range(many)]
    (context,) = go.Figure(fig_timeline.timeline_figure(timeline_frame(rows), "en")).data
    title, _, sources, _ = context.customdata[0]
    assert title.split("<br>") == [f"Member {i}" for i in range(fig_timeline.MAX_TITLES_ON_A_DATE)] + [
        t("and_more", "en", n=3)]
    assert len(sources.split("<br>")) == fig_timeline.MAX_SOURCES_ON_A_DATE + 1
    assert list(context.text) == [f"×{many}"]


@pytest.mark.parametrize("present", [False, True])
def test_timeline_names_the_milestones_above_the_rows(present):
    rows = [("2014-11-20", "day", "agreement", "Founding agreement", "20 Nov 2014", "https://a.example/1"),
            ("2015-08-01", "month", "agreement", "Management agreement", "Aug 2015", "https://a.example/2"),
            ("2016-01-01", "year", "project", "A project", "2016", "https://a.example/3"),
            ("2023-07-26", "day", "event", "Renaming", "26 Jul 2023", "https://a.example/4")]
    frame = timeline_frame(rows)
    frame["label"] = ["Founded", "Management", "", "Renamed"]
    fig = go.Figure(fig_timeline.timeline_figure(frame, "en", present))
    labels = fig.layout.annotations
    assert [a.text for a in labels] == ["Founded", "Management", "Renamed"]
    assert [a.x for a in labels] == ["2014-11-20", "2015-08-01", "2023-07-26"]
    assert {a.font.size for a in labels} == {24 if present else 12}
    # the first two are close: the second stands a line lower; the last ends at its point, by the axis's end
    shifts = [a.yshift for a in labels]
    assert shifts[0] > shifts[1] and shifts[2] == shifts[0]
    assert [a.xanchor for a in labels] == ["left", "left", "right"]
    assert fig.layout.margin.t > max(shifts)
    # a leader per label drops from it to its point: the agreements are the top row, the event the fourth
    rows_from_top = {shape.x0: shape.y0 for shape in fig.layout.shapes if shape.ysizemode != "pixel"}
    n = len(TIMELINE_GROUP)
    assert rows_from_top == {"2014-11-20": (n - 0.5) / n, "2015-08-01": (n - 0.5) / n,
                             "2023-07-26": (n - 3.5) / n}
    assert fig.layout.height == fig_timeline.timeline_figure(timeline_frame([]), "en", present)["layout"]["height"]


def test_timeline_of_the_real_data(data):
    state, filtered = view(data)
    items = derive.timeline_items(data, filtered, state)
    fig = go.Figure(fig_timeline.timeline_figure(items, "ru"))
    dated = items[items["date"].notna()]
    assert [t.name for t in fig.data] == ["Соглашения", "Вступления", "Проекты", "События", "Контекст региона"]
    # one mark per date (and date precision) of a row, with the number of its items beside it when several
    marks = dated.drop_duplicates(["group", "date", "precision"])
    assert [len(t.x) for t in fig.data] == [
        (marks["group"] == g).sum() for g in ("agreement", "joining", "project", "event", "context")]
    counted = [int(text[1:]) if text else 1 for t in fig.data for text in t.text]
    assert sum(counted) == len(dated) == 48
    sources = {url for t in fig.data for row in t.customdata for url in row[2].split("<br>")}
    assert sources == {s if len(s) <= 70 else s[:67] + "…" for s in dated["source"]}
    assert all(s.startswith("http") for s in sources)


def test_timeline_empty():
    fig = go.Figure(fig_timeline.timeline_figure(timeline_frame([]), "ru"))
    assert len(fig.data) == 0
    assert fig.layout.height == TIMELINE_HEIGHT
    # no invented axes (plotly.js would draw dates of the year 2000), the note says what to do instead
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert [a.text.replace("<br>", " ") for a in fig.layout.annotations] == [t("empty_chart", "ru")]


@pytest.mark.parametrize("query", [{"sector": ["aircraft"]}, {"q": ["нет такого"]}, {"to": ["2015"]}])
def test_charts_keep_their_size_whatever_the_filters(data, query):
    sizes = []
    for state in (parse_state({}, data), parse_state(query, data)):
        values = page.chart_values(View(data, state))
        charts = [values[(chart, "figure")] for chart in ("timeline", "map", "growth", "sectors")]
        sizes.append([fig["layout"]["height"] for fig in [*charts, comparison.render(data, state, None, None)[0]]])
    assert sizes[0] == sizes[1]


def test_long_sector_names_wrap_and_their_margin_stays_whatever_the_filters(data):
    long_name = max(data.sectors["name_ru"], key=len)
    assert len(long_name) > fig_base.LABEL_LINE  # the bundled data has one: the test can fail
    margins = []
    for state in (parse_state({}, data), parse_state({"sector": ["aircraft"]}, data)):
        sectors = page.chart_values(View(data, state))[(ids.SECTORS, "figure")]
        compared = comparison.render(data, state, None, None)[0]
        margins.append([sectors["layout"]["margin"]["l"], compared["layout"]["margin"]["l"]])
    assert margins[0] == margins[1]
    # wide enough for the longest line of the longest name at the measured width of the font
    longest_line = max(len(line) for line in fig_base.wrap_label(long_name).split("<br>"))
    assert longest_line <= fig_base.LABEL_LINE < margins[0][0] / (fig_base.CHAR_EM * 13)
    labels = page.chart_values(View(data, parse_state({}, data)))[(ids.SECTORS, "figure")]["data"][0]["y"]
    assert fig_base.wrap_label(long_name) in labels and fig_base.wrap_label(long_name).replace("<br>", " ") == long_name


def test_sectors_with_nothing_to_count_say_so_without_axes(data):
    # the case of the issue: electrical engineering in 2014-2015 drew bars from -1 to 3
    state = parse_state({"sector": ["electrical"], "from": ["2014"], "to": ["2015"]}, data)
    sectors = page.chart_values(View(data, state))[(ids.SECTORS, "figure")]["layout"]
    assert sectors["xaxis"]["visible"] is False and sectors["yaxis"]["visible"] is False
    assert [a["text"].replace("<br>", " ") for a in sectors["annotations"]] == [catalogue.PAGE["empty_chart"][0]]
    whole = page.chart_values(View(data, parse_state({}, data)))[(ids.SECTORS, "figure")]["layout"]
    assert "annotations" not in whole and whole["xaxis"].get("visible", True)


# ---------------------------------------------------------------------------------------------------------
# map
# ---------------------------------------------------------------------------------------------------------


def test_map_of_the_real_data(data, colours):
    _, filtered = view(data)
    points = derive.map_points(data, filtered, "ru")
    fig = draw_map(data, colours, points)
    # The towns crowd one corner of the oblast, so an enlarged detail stands beside the whole region.
    panels = ["x", "x2"]
    for layer in ("neighbours", "lakes", "rivers", "boundary"):
        assert [t.xaxis or "x" for t in fig.data if t.name == layer] == panels
        assert all(t.meta == fig_base.STATIC for t in fig.data if t.name == layer)
    assert fig.layout.xaxis.domain == (0, 0.5)
    assert fig.layout.xaxis2.domain == (0.54, 1)
    expected_points = sorted(zip(points["settlement_id"], points["group"], strict=True))
    for panel in panels:
        traces = markers(fig, panel)
        assert sum(len(t.x) for t in traces) == len(points) == 7
        # One trace per count group, empty or not, so a filter change can replace them in place.
        assert [t.legendgroup for t in traces] == list(GROUPS)
        assert sum(1 for t in traces if len(t.x)) == points["group"].nunique() == 5
        clicked = sorted((row[fig_map.MAP_SETTLEMENT], row[fig_map.MAP_GROUP]) for t in traces for row in t.customdata)
        assert clicked == expected_points
        assert sum(int(row[1]) for t in traces for row in t.customdata) == 12
    # One legend entry per group drawn, not two, named as counts.GROUPS' groups are.
    assert [t.name for t in markers(fig, "x") if t.showlegend] == [
        "Участники кластера", "Орган поддержки", "Ожидаемый участник", "Участник межрегионального авиакластера (2019)",
        "Филиал участника"]
    assert [t.showlegend for t in markers(fig, "x2")] == [False] * len(markers(fig, "x2"))
    # The region and its neighbours, Lake Baikal and the Angara are named on the whole region only.
    names = {t.name: t for t in fig.data}
    # (Buryatia's name would overlap Lake Baikal's, which goes first)
    assert {"Красноярский край", "Якутия"} <= set(names["neighbour names"].text)
    assert list(names["water names"].text) == ["оз. Байкал", "Ангара"]
    assert [t.xaxis or "x" for t in fig.data if t.name in ("neighbour names", "water names")] == ["x", "x"]
    # Main towns are named on the region, the towns of the detail in the detail.
    main, detail = [t for t in fig.data if t.name == "towns"]
    assert {"Братск", "Усть-Илимск", "Тулун"} <= set(main.text)
    assert not {"Иркутск", "Шелехов"} & set(main.text)
    assert {"Иркутск", "Усолье-Сибирское", "Шелехов", "Ангарск"} <= set(detail.text)
    assert fig.layout.annotations[0].text == "Карта: Natural Earth; GSHHG; GeoNames"


def test_map_customdata_names_the_point_and_a_click_finds_its_organisations(data, colours):
    _, filtered = view(data)
    points = derive.map_points(data, filtered, "en")
    fig = draw_map(data, colours, points, "en")
    support = next(t for t in markers(fig) if t.legendgroup == "support")
    assert support.name == "Support body"  # the hover names the group by %{fullData.name}
    assert "%{fullData.name}" in support.hovertemplate
    assert support.customdata.shape == (1, 5)
    assert list(support.customdata[0]) == [
        "Irkutsk", "3",
        "Irkutsk Oblast Cluster Development Centre<br>Irkutsk Oblast Entrepreneurship Support Fund<br>"
        "Irkutsk Oblast Industrial Development Fund",
        "irkutsk", "support"]
    row = support.customdata[0]
    assert derive.point_organisations(data, filtered, row[fig_map.MAP_SETTLEMENT], row[fig_map.MAP_GROUP]) == [
        "cdc-irkutsk", "support-fund-irkutsk", "frp-irkutsk"]
    assert derive.point_organisations(data, filtered, "irkutsk", "no-such-group") == []


def test_each_status_is_drawn_distinctly(data, colours):
    fig = draw_map(data, colours, derive.map_points(data, view(data)[1], "ru"))
    looks = {(t.marker.symbol, t.marker.color) for t in markers(fig)}
    assert len(looks) == len(GROUPS)
    # the expected are hollow: their outline is their colour
    expected = next(t for t in markers(fig) if t.legendgroup == "expected")
    assert expected.marker.symbol == "circle-open" and expected.marker.line.color == expected.marker.color


def test_map_marker_size_grows_with_count():
    points = points_frame([
        {"settlement_id": "a", "settlement": "A", "group": "members", "group_label": "M", "town_lat": 60.0,
         "town_lon": 100.0, "count": 1, "names": ["one"], "org_ids": ["o1"]},
        {"settlement_id": "b", "settlement": "B", "group": "members", "group_label": "M", "town_lat": 55.0,
         "town_lon": 110.0, "count": 4, "names": ["w", "x", "y", "z"], "org_ids": ["o2", "o3", "o4", "o5"]},
    ])
    boundary = {"type": "Polygon", "coordinates": [pk.square(95.0, 50.0, 20.0)]}
    fig = go.Figure(fig_map.map_figure(points, boundary, "en"))
    # Points spread over the region: no enlarged detail, and no layer but the outline.
    assert [t.name for t in fig.data if t.meta == fig_base.STATIC] == ["boundary"]
    trace = next(t for t in markers(fig) if len(t.x))
    assert list(trace.marker.size) == [18.0, 26.0]
    assert list(trace.x) == [100.0, 110.0]  # one point per town: on its centre
    assert list(trace.customdata[:, fig_map.MAP_SETTLEMENT]) == ["a", "b"]
    assert list(trace.customdata[:, 2]) == ["one", "w<br>x<br>y<br>z"]
    assert fig.layout.xaxis.range == (94.5, 115.5)
    assert fig.layout.yaxis.range == (49.7, 70.3)
    assert "xaxis2" not in fig.layout.to_plotly_json()
    # Each town is named beside its point: the name's invisible marker is as wide as the point.
    towns = next(t for t in fig.data if t.name == "towns")
    assert list(towns.text) == ["A", "B"] and list(towns.marker.size) == [18.0, 26.0]
    assert list(towns.textposition) == ["middle right", "middle right"]


def test_a_towns_points_stand_in_a_row_left_of_its_name():
    points = points_frame([
        {"settlement_id": "a", "settlement": "A", "group": group, "group_label": group, "town_lat": 60.0,
         "town_lon": 100.0, "count": count, "names": ["n"] * count, "org_ids": ["o"] * count}
        for group, count in (("members", 4), ("support", 1), ("expected", 1))])
    sizes = fig_map.marker_sizes(points["count"], present=False)
    offsets = fig_map.row_offsets(points, sizes, deg_per_px=0.01)
    # the last stands on the centre, the others to its left without touching
    assert offsets[-1] == 0 and offsets[0] < offsets[1] < offsets[2]
    gaps_px = pd.Series(offsets).diff().dropna().to_numpy() / 0.01
    assert list(gaps_px) == pytest.approx([(26 + 18) / 2 + fig_map.ROW_GAP_PX, 18 + fig_map.ROW_GAP_PX])


def test_map_without_points_keeps_its_geography_and_says_nothing_matches(data, colours):
    fig = draw_map(data, colours, points_frame([]))
    boundary = next(t for t in fig.data if t.name == "boundary")
    assert boundary.meta == fig_base.STATIC and len(boundary.x) == len(boundary.y) > 100
    assert len(next(t for t in fig.data if t.name == "rivers").x) > 50
    assert all(len(t.x) == 0 and not t.showlegend for t in markers(fig))
    assert {name for t in fig.data if t.name == "towns" for name in t.text} >= {"Братск", "Иркутск"}
    assert fig.layout.xaxis.visible is False  # hidden as always: no invented axes
    notes = [a.text for a in fig.layout.annotations]
    assert "Под выбранные фильтры ничего не подходит. Расширьте период или снимите часть фильтров." in {
        note.replace("<br>", " ") for note in notes}


def test_only_marker_and_name_traces_travel_on_a_filter_change(data, colours):
    everything = draw_map(data, colours, derive.map_points(data, view(data)[1], "ru"))
    aircraft = map_spec(data, colours, derive.map_points(data, view(data, {"sector": ["aircraft"]})[1], "ru"))
    assert len(everything.data) == len(aircraft["data"])
    dynamic = fig_map.dynamic_traces(aircraft)
    assert {everything.data[i].name for i in range(len(everything.data)) if i not in dynamic} == {
        "neighbours", "lakes", "rivers", "boundary", "neighbour names", "water names"}
    assert {aircraft["data"][i]["name"] for i in dynamic} - {"towns"} == {
        derive.group_label(group, "ru") for group in GROUPS}
    assert sum(len(trace["x"]) for trace in dynamic.values() if trace["mode"] == "markers") == 2


def test_map_with_districts_draws_them_under_the_boundary(data, colours):
    districts = pk.two_squares_geojson(104.0, 52.0, 0.5)
    _, filtered = view(data)
    points = derive.map_points(data, filtered, "ru")
    fig = draw_map(data, colours, points, districts=districts)
    names = [t.name for t in fig.data]
    assert names.count("districts") == 2  # one per panel
    for panel in ("x", "x2"):
        layers = [t.name for t in fig.data if (t.xaxis or "x") == panel and t.meta == fig_base.STATIC]
        assert layers.index("neighbours") < layers.index("districts") < layers.index("boundary")
    assert sum(len(t.x) for t in markers(fig, "x")) == len(points)


# ---------------------------------------------------------------------------------------------------------
# growth
# ---------------------------------------------------------------------------------------------------------


def growth(data, colours, query=None, lang="ru"):
    state, filtered = view(data, query)
    series = derive.growth_series(data, filtered, state)
    reported = derive.reported_counts(data, filtered, lang)
    labels = derive.lookup(data.sectors, "sector_id", lang)
    return series, reported, go.Figure(fig_growth.growth_figure(series, reported, labels, colours, lang,
                                                                 filters_organisations=state.filters_organisations))


def texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_growth_reported_counts_are_never_joined_by_a_line(data, colours):
    _, reported, fig = growth(data, colours)
    reported_traces = [t for t in fig.data if t.name == "Заявленное число участников"]
    assert len(reported_traces) == 1
    trace = reported_traces[0]
    assert trace.mode == "markers+text"
    assert "lines" not in trace.mode
    assert list(trace.y) == [40, 76]
    assert list(trace.text) == ["около 40", "76"]
    assert [pd.Timestamp(x) for x in trace.x] == [pd.Timestamp("2018-12-01"), pd.Timestamp("2022-04-14")]
    shown = [s if len(s) <= 70 else s[:67] + "…" for s in reported["source"]]
    assert [list(row) for row in trace.customdata] == [
        ["12.2018", shown[0], "«…около сорока предприятий и организаций Приангарья»"],
        ["не ранее 04.2022", shown[1], "«Машиностроительный (76 участников)» в списке территориальных кластеров"]]
    assert "Источник: %{customdata[1]}" in trace.hovertemplate
    assert trace.stackgroup is None
    # a panel of its own, on its own scale: never stacked with, nor measured against, the named organisations
    assert trace.yaxis == "y2"
    assert fig.layout.yaxis2.domain[0] > fig.layout.yaxis.domain[1]
    assert fig.layout.yaxis2.range == pytest.approx((0, 1.3 * 76))


def test_growth_reported_counts_carry_their_date_source_and_wording(data, colours):
    _, _, fig = growth(data, colours)
    labels = [a for a in fig.layout.annotations if a.yref == "y2"]
    assert [(a.x, a.y) for a in labels] == [("2018-12-01", 40), ("2022-04-14", 76)]
    plain = [a.text.replace("<br>", " ") for a in labels]
    assert plain[0] == "<b>12.2018</b> · uprom.tech <i>«…около сорока предприятий и организаций Приангарья»</i>"
    assert plain[1] == ("<b>не ранее 04.2022</b> · krio.devindex.ru <i>«Машиностроительный (76 участников)» в списке "
                        "территориальных кластеров</i>")
    # each label towards the middle of the chart, its count on the other side of the point
    assert [a.xanchor for a in labels] == ["left", "right"]
    trace = next(t for t in fig.data if t.yaxis == "y2")
    assert list(trace.textposition) == ["middle left", "middle right"]
    assert texts(fig)[:2] == ["Заявленное число участников — весь кластер, разные источники",
                              "Названы в источниках: 8 — это не вся численность кластера"]


def test_growth_reported_labels_stay_inside_the_chart_in_english(data, colours):
    _, _, fig = growth(data, colours, {"lang": ["en"]}, lang="en")
    labels = [a.text for a in fig.layout.annotations if a.yref == "y2"]
    assert labels[0].startswith("<b>Dec 2018</b> · uprom.tech<br><i>\"…about forty enterprises")
    assert all(len(line) <= 60 for label in labels for line in label.split("<br>"))


def test_a_filtered_growth_chart_says_the_reported_counts_ignore_the_filter(data, colours):
    _, _, fig = growth(data, colours, {"sector": ["aircraft"]})
    title = texts(fig)[0]
    assert title.startswith("Заявленное число участников — весь кластер")
    assert "Заявленные числа — по всему кластеру: фильтры, кроме периода, на них не действуют." in title
    assert texts(fig)[1] == "Названы в источниках, под фильтры: 2"
    _, _, whole = growth(data, colours)
    assert "не действуют" not in " ".join(texts(whole))


def test_growth_named_participants_are_stacked_steps(data, colours):
    series, _, fig = growth(data, colours)
    named = [t for t in fig.data if t.stackgroup == "named"]
    assert len(named) == series["sector"].nunique() == 7
    assert len(fig.data) == len(named) + 1
    for trace in named:
        assert trace.mode == "lines"
        assert trace.line.shape == "hv"
        assert trace.yaxis in (None, "y")
    labels = derive.lookup(data.sectors, "sector_id", "ru")
    assert [t.name for t in named] == [labels[s] for s in series["sector"].unique()]
    aircraft = next(t for t in named if t.name == "Авиастроение")
    assert list(aircraft.y) == list(series.loc[series["sector"] == "aircraft", "count"])
    assert aircraft.line.color == colours["aircraft"]
    # Room above the stacked total, on a scale of its own (the reported counts have theirs).
    assert fig.layout.yaxis.range == pytest.approx((0, 1.15 * 8))
    # the legend names the series as what it is; the reported counts are labelled on the chart instead
    assert fig.layout.legend.title.text == "Названные участники (нарастающим итогом):"
    assert [t.showlegend for t in fig.data if t.yaxis == "y2"] == [False]


def test_growth_without_named_participants(data, colours):
    series, _, fig = growth(data, colours, {"sector": ["electrical"]})
    assert series.empty
    assert [t.mode for t in fig.data] == ["markers+text"]
    assert fig.layout.yaxis2.range == pytest.approx((0, 1.3 * 76))
    assert fig.layout.yaxis.visible is False
    assert texts(fig)[-1] == ("Под фильтры не подходит ни одна названная организация. Расширьте период или "
                              "снимите часть фильтров.")


def test_growth_with_one_reported_count_and_no_named_participant_spans_two_years(data, colours):
    _, _, fig = growth(data, colours, {"sector": ["electrical"], "to": ["2020"]})
    assert fig.layout.xaxis.range == ("2017-12-01", "2019-12-01")


def test_growth_without_reported_counts(data, colours):
    series, reported, fig = growth(data, colours, {"to": ["2016"]}, lang="en")
    assert reported.empty
    assert all(t.mode == "lines" for t in fig.data)
    total = series.groupby("date")["count"].sum().max()
    assert total == 7  # the 8 named participants less Usolye-Promtech, which joined in 2018
    assert fig.layout.yaxis.range == pytest.approx((0, 1.15 * 7))
    assert "yaxis2" not in fig.to_dict()["layout"]
    assert texts(fig) == ["Named in sources: 7 — not the cluster's whole membership"]


@pytest.mark.parametrize("query", [{"sector": ["electrical"], "from": ["2014"], "to": ["2015"]},
                                   {"q": ["nothing matches this"], "to": ["2016"]}])
def test_growth_with_nothing_hides_its_axes_and_says_so(data, colours, query):
    series, reported, fig = growth(data, colours, query)
    assert series.empty and reported.empty
    assert len(fig.data) == 0
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert [text.replace("<br>", " ") for text in texts(fig)] == [catalogue.PAGE["empty_chart"][0]]


def test_growth_with_nothing():
    series = pd.DataFrame(columns=["date", "sector", "count"])
    reported = pd.DataFrame(columns=["date", "count", "label", "date_label", "source", "source_name", "wording"])
    fig = go.Figure(fig_growth.growth_figure(series, reported, {}, {}, "en"))
    assert len(fig.data) == 0
    assert fig.layout.yaxis.range == pytest.approx((0, 1.15))
    assert [text.replace("<br>", " ") for text in texts(fig)] == [catalogue.PAGE["empty_chart"][1]]


# ---------------------------------------------------------------------------------------------------------
# locale
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "separators", "ticks"), [("ru", ", ", "%m.%Y"), ("en", ".,", "%b %Y")])
def test_separators_and_date_ticks(data, colours, lang, separators, ticks):
    state, filtered = view(data, {"lang": [lang]})
    timeline = go.Figure(fig_timeline.timeline_figure(derive.timeline_items(data, filtered, state), lang))
    map_fig = draw_map(data, colours, derive.map_points(data, filtered, lang), lang)
    _, _, growth_fig = growth(data, colours, {"lang": [lang]}, lang)
    for fig in (timeline, map_fig, growth_fig):
        assert fig.layout.separators == separators
    assert timeline.layout.xaxis.tickformat == ticks
    assert growth_fig.layout.xaxis.tickformat == ticks
    assert growth_fig.layout.yaxis.title.text == ("Число организаций" if lang == "ru" else "Organisations")


# ---------------------------------------------------------------------------------------------------------
# every figure the dashboard sends is valid plotly (the builders skip plotly.py's validation for speed)
# ---------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic_data(tmp_path_factory):
    from dashboard.data.package import load_package
    from tools import synthetic
    return load_package(synthetic.generate(tmp_path_factory.mktemp("synthetic") / "pkg", 1000))


def sent_figures(data, query: dict) -> dict[str, dict]:
    """Every figure of the page for ``query``, as the browser receives it (serialised as Dash does)."""
    state = parse_state(query, data)
    values = page.render(View(data, state))
    sent = {key[0]: value for key, value in values.items() if key[1] == "figure"}
    sent["compare"], _ = comparison.render(data, state, None, None)
    return json.loads(to_json_plotly(sent))  # as Dash serialises a response


@pytest.mark.parametrize("query", [
    {}, {"lang": ["en"]}, {"present": ["1"]}, {"sector": ["aircraft"], "from": ["2015"], "to": ["2018"]},
    {"q": ["nothing matches this"]},
])
@pytest.mark.parametrize("package", ["bundled", "synthetic"])
def test_every_sent_figure_passes_plotly_validation(request, package, query):
    data = request.getfixturevalue("data" if package == "bundled" else "synthetic_data")
    sent = sent_figures(data, query)
    assert len(sent) == 6  # timeline, map, growth, sectors, network, comparison
    for name, spec in sent.items():
        validated = go.Figure(spec)  # raises ValueError naming any invalid property
        assert len(validated.data) == len(spec["data"]), name
        assert spec["layout"]["template"] == fig_base.TEMPLATE, name


@pytest.mark.parametrize(("top", "dtick"), [(1, 1), (3, 1), (9, 1), (10, None), (87, None)])
def test_count_axes_mark_whole_numbers_only(top, dtick):
    # below ten plotly.js would put ticks at halves, which the integer format shows as 0 1 1 2 2
    assert fig_base.count_ticks(top) == {"tickformat": ",d", **({"dtick": dtick} if dtick else {})}


def test_the_charts_of_a_small_selection_count_in_whole_numbers(data):
    state = parse_state({"sector": ["aircraft"], "to": ["2017"]}, data)
    values = page.chart_values(View(data, state))
    compared = comparison.render(data, state, None, None)[0]
    assert values[(ids.SECTORS, "figure")]["layout"]["xaxis"]["dtick"] == 1
    assert values[(ids.GROWTH, "figure")]["layout"]["yaxis"]["dtick"] == 1
    assert compared["layout"]["xaxis"]["dtick"] == 1


def test_a_chart_with_nothing_to_draw_hides_its_axes_and_says_how_to_widen_the_view():
    layout = fig_base.no_data(fig_base.base_layout("ru", xaxis={"type": "date"}, xaxis2={"range": [0, 1]}), "ru")
    assert not layout["xaxis"]["visible"] and not layout["yaxis"]["visible"] and not layout["xaxis2"]["visible"]
    assert layout["xaxis"]["type"] == "date"
    assert layout["annotations"][0]["text"].startswith("Под выбранные фильтры ничего не<br>подходит. Расширьте")
    assert max(map(len, layout["annotations"][0]["text"].split("<br>"))) <= fig_base.NOTE_LINE  # fits a phone
    assert fig_base.no_data(fig_base.base_layout("en"), "en")["annotations"][0]["text"].startswith("Nothing matches")


def test_a_milestone_label_too_wide_for_its_side_is_moved_into_the_chart():
    from dashboard.ui.figures.timeline import SHIFT_MARGIN_PX, _shift_into
    assert _shift_into(0.5, 0.2, False, 300) == 0  # fits: stays at its point
    # ends at its point 0.3 of the way in, half the chart wide: 0.2 of 300 px past the start, and the margin
    assert _shift_into(0.3, 0.5, True, 300) == 60 + SHIFT_MARGIN_PX
    assert _shift_into(0.8, 0.4, False, 300) == -(60 + SHIFT_MARGIN_PX)  # starts there, runs past the end


def font_sizes(spec: object, within: str = "") -> list[tuple[str, float]]:
    """Every text size a figure sets (in a font or textfont), with where it is set."""
    if isinstance(spec, dict):
        return [found for key, value in spec.items() for found in font_sizes(value, f"{within}.{key}")
                if not (key == "size" and not within.endswith("font"))] + (
            [(within, spec["size"])] if within.endswith("font") and "size" in spec else [])
    if isinstance(spec, list):
        return [found for i, value in enumerate(spec) for found in font_sizes(value, f"{within}[{i}]")]
    return []


@pytest.mark.parametrize("query", [{"present": ["1"]}, {"present": ["1"], "to": ["2016"], "lang": ["en"]}])
def test_presented_charts_set_no_text_under_24_px(data, query):
    sent = sent_figures(data, query)
    del sent[ids.MAP]  # the map's own helper sees to its text
    small = {name: [(where, size) for where, size in font_sizes(spec) if size < 24] for name, spec in sent.items()}
    assert not any(small.values()), small


def test_a_phones_timeline_puts_a_count_above_its_mark_where_the_next_mark_is_close():
    rows = [("2014-11-20", "day", "joining", f"Founder {i}", "20 Nov 2014", "") for i in range(5)]
    rows += [("2014-12-20", "day", "joining", f"Next {i}", "20 Dec 2014", "") for i in range(2)]
    rows += [("2024-01-10", "day", "joining", "Late", "10 Jan 2024", "")]
    fig = fig_timeline.timeline_figure(timeline_frame(rows), "en")
    (joinings,) = fig["data"]
    assert list(joinings["text"]) == ["×5", "×2", ""]
    assert joinings["textposition"] == "middle right"  # a wide chart has room beside each mark
    # on a phone "×5" beside its mark would run into the next one ("×5×2"): above it
    places = fig["layout"]["meta"]["narrow_traces"]["0"]["textposition"]
    assert list(places) == ["top center", "middle right", "middle right"]


def test_a_phones_growth_chart_wraps_its_legend_and_grows_by_its_lines(data, colours):
    _, _, fig = growth(data, colours, {})
    meta = fig.layout.meta
    names = [trace["name"] for trace in meta["narrow_traces"].values()]
    assert len(names) == len(fig.data)
    lines = [line for name in names for line in name.split("<br>")]
    assert max(len(line) for line in lines) <= fig_base.NARROW_LEGEND_LINE
    assert meta["narrow"]["height"] > fig.layout.height
    # the counts stand in their labels, the markers alone on the reported panel
    assert meta["narrow_traces"][str(len(fig.data) - 1)]["mode"] == "markers"
    reported = [note["text"] for note in meta["narrow"]["annotations"] if note.get("yref") == "y2"]
    assert reported and all(text.startswith("<b>") and " · " in text for text in reported)


@pytest.mark.parametrize("chart", ["sectors", "compare"])
def test_a_phones_bar_charts_wrap_their_names_shorter_on_taller_rows(data, chart):
    spec = sent_figures(data, {})[chart]
    narrow = spec["layout"]["meta"]["narrow"]
    # every sector the package has, whatever the filters show
    sectors = derive.lookup(data.sectors, "sector_id", "ru").values()
    assert sorted(narrow["yaxis.tickvals"]) == sorted(fig_base.wrap_label(label) for label in sectors)
    lines = [line for text in narrow["yaxis.ticktext"] for line in text.split("<br>")]
    assert max(len(line) for line in lines) <= fig_base.NARROW_LABEL_LINE
    assert narrow["margin.l"] < spec["layout"]["margin"]["l"]
    assert narrow["height"] > spec["layout"]["height"]
