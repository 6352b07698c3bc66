"""What keeps large registries readable and responses small: bundling, caps and their notes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.data import derive
from dashboard.data.counts import GROUP_OF_STATUS
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.ui import ids, page
from dashboard.ui.figures import map as fig_map
from dashboard.ui.figures import timeline as fig_timeline
from dashboard.ui.sections import tables
from dashboard.ui.view import View
from tests import packages as pk
from tools import synthetic


def many_items(n: int) -> pd.DataFrame:
    dates = pd.date_range("2015-01-01", periods=n, freq="D")
    return pd.DataFrame({
        "date": dates, "precision": "day", "group": "joining", "title": [f"Org {i}" for i in range(n)],
        "date_label": [d.strftime("%d.%m.%Y") for d in dates], "source": "https://example.invalid/s",
        "org_ids": [[f"o{i}"] for i in range(n)], "label": "",
    })


def test_a_crowded_timeline_row_is_bundled_per_month():
    items = many_items(fig_timeline.MAX_TIMELINE_MARKERS + 100)  # 400 days from 01.01.2015
    fig = go.Figure(fig_timeline.timeline_figure(items, "ru"))
    (trace,) = fig.data
    months = items["date"].dt.to_period("M").nunique()
    assert len(trace.x) == months
    first = trace.customdata[0]
    assert first[1] == "01.2015 · 31"
    assert first[0].count("<br>") == fig_timeline.MAX_TITLES_IN_HOVER  # the first titles, then "…и ещё N"
    assert first[0].endswith(f"…и ещё {31 - fig_timeline.MAX_TITLES_IN_HOVER}")
    assert first[3] == ""  # a month is too broad to focus on
    assert first[2] == "" and "Источник" not in trace.hovertemplate  # or to credit to one source


def test_a_small_timeline_is_not_bundled():
    items = many_items(fig_timeline.MAX_TIMELINE_MARKERS)
    assert len(go.Figure(fig_timeline.timeline_figure(items, "ru")).data[0].x) == fig_timeline.MAX_TIMELINE_MARKERS


def test_map_hover_lists_a_limited_number_of_names():
    names = [f"Org {i}" for i in range(derive.MAX_NAMES)]
    points = pd.DataFrame([{
        "settlement_id": "irkutsk", "settlement": "Иркутск", "group": "members", "group_label": "Участники",
        "town_lat": 52.3, "town_lon": 104.3, "count": 40, "names": names,
        "org_ids": [f"o{i}" for i in range(40)]}])
    data = pk.bundled()
    fig = go.Figure(fig_map.map_figure(points, data.boundary, "ru"))
    marker = next(t for t in fig.data if t.mode == "markers")
    hover_names = marker.customdata[0][2]
    assert hover_names.count("<br>") == derive.MAX_NAMES
    assert hover_names.endswith(f"…и ещё {40 - derive.MAX_NAMES}")


def test_a_crowded_map_point_keeps_its_first_names_and_ids_and_counts_all(tmp_path):
    data = load_package(synthetic.generate(tmp_path / "pkg", 1000))
    state = parse_state({}, data)
    filtered = apply_filters(data, state)
    points = derive.map_points(data, filtered, "ru")
    crowded = points.loc[points["count"].idxmax()]
    assert crowded["count"] > derive.MAX_IDS
    orgs = filtered.organisations
    members = orgs[(orgs["settlement_id"] == crowded["settlement_id"])
                   & (orgs["status"].map(GROUP_OF_STATUS) == crowded["group"])]
    assert crowded["count"] == len(members)
    assert crowded["org_ids"] == list(members["org_id"].head(derive.MAX_IDS))
    assert crowded["names"] == list(members["name_ru"].head(derive.MAX_NAMES))
    assert points["count"].sum() == (derive.organisation_places(data)[orgs.index] == "map").sum()


def test_tables_receive_a_limited_number_of_rows_and_say_so(monkeypatch):
    data = pk.bundled()
    state = parse_state({}, data)
    monkeypatch.setattr(tables, "MAX_TABLE_ROWS", 5)
    values = page.render(View(data, state))
    total = len(apply_filters(data, state).organisations)
    assert len(values[(ids.MEMBERS_TABLE, "rowData")]) == 5
    assert values[(ids.table_note(ids.MEMBERS_TABLE), "children")] == (
        f"Показаны первые 5 из {total}. Все строки — в выгрузке (XLSX, CSV).")
    assert len(derive.member_rows(data, apply_filters(data, state), "ru")) == total  # exports take them all


def test_growth_series_is_cumulative_per_sector(monkeypatch):
    data = pk.bundled()
    state = parse_state({}, data)
    series = derive.growth_series(data, apply_filters(data, state), state)
    for _, rows in series.groupby("sector"):
        assert rows["count"].is_monotonic_increasing
    assert list(dict.fromkeys(series["sector"])) == [s for s in data.sectors["sector_id"] if s in set(series["sector"])]


def test_dates_formatted_by_column_read_as_one_by_one():
    from dashboard.i18n import format_date, format_dates
    dates = pd.Series(pd.to_datetime(["2014-11-20", "2018-12-01", "2021-01-01", "2022-04-14", None, "2016-07-01"]))
    precisions = pd.Series(["day", "month", "year", "after", "unknown", "unknown"])
    for lang in ("ru", "en"):
        assert list(format_dates(dates, precisions, lang)) == [
            format_date(d, p, lang) for d, p in zip(dates, precisions, strict=True)]
