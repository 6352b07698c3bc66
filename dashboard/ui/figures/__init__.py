"""Figure builders: pure functions from derived DataFrames to plotly figures, as the dicts ``dcc.Graph`` takes.

Each builder writes its traces and layout as plain dicts (:func:`figure`). A ``plotly.graph_objects.Figure``
would cost more than the rest of a filter change: ``plotly.express`` and plotly.py's validation 10–50 ms per
figure, and even unvalidated, its construction and the deep copy it makes to be serialised about 13 ms for
the four main charts. The tests pass every builder's output through ``go.Figure``, which validates it.
"""

from __future__ import annotations

import datetime as dt
import functools
import textwrap
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from dashboard.data import geo
from dashboard.data.vocab import DATE_PRECISION, TIMELINE_GROUP
from dashboard.i18n import format_date, t

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Plotly's "separators": decimal mark then thousands mark.
SEPARATORS = {"ru": ", ", "en": ".,"}
DATE_TICKS = {"ru": "%m.%Y", "en": "%b %Y"}
# Marks traces that do not depend on the filters (the outline), which a filter change leaves alone.
STATIC = "static"
# Positions in the customdata of clickable points, read by the click callbacks. A map point carries its
# settlement and sector only: the server looks its organisations up (their ids would double its bytes).
MAP_SETTLEMENT = 3
MAP_SECTOR = 4
TIMELINE_ORG_IDS = 3
SECTOR_ID = 0
# Beyond this many items a timeline row is bundled per month; a bundle lists this many titles.
MAX_TIMELINE_MARKERS = 300
MAX_TITLES_IN_HOVER = 2
# Margin, in degrees of latitude, around the markers in the enlarged detail map.
PRECISION_SYMBOLS = {code: term.symbol for code, term in DATE_PRECISION.items()}
# Category labels (sector names) wrap onto lines of about this many characters: on one line, the longest
# took half a chart's width from its bars.
LABEL_LINE = 32
# Width of a character of the chart font, in font sizes, as measured for the long Cyrillic sector names.
CHAR_EM = 0.62


# The look of plotly's "plotly_white" for the 2-D scatter and bar charts drawn here. The whole template (7 kB,
# mostly for trace types never drawn) would travel and be copied with every figure.
_AXIS = {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8", "zerolinewidth": 2, "ticks": "",
         "automargin": True, "title": {"standoff": 15}}
TEMPLATE = {
    "layout": {"paper_bgcolor": "white", "plot_bgcolor": "white", "hovermode": "closest", "xaxis": _AXIS,
               "yaxis": _AXIS, "annotationdefaults": {"arrowcolor": "#2a3f5f", "arrowhead": 0, "arrowwidth": 1}},
    "data": {"bar": [{"marker": {"line": {"color": "white", "width": 0.5}}}]},
}


# A plotly figure: {"data": [trace dicts], "layout": {...}}, with numpy arrays where there are many values.
Figure = dict[str, Any]


def figure(traces: list[dict], layout: dict) -> Figure:
    """A figure from trace and layout dicts as they are (see the module docstring)."""
    return {"data": traces, "layout": layout}


def point_data(*columns: object) -> np.ndarray:
    """Per-point hover and click values (customdata) as one text array: serialised in one go, where an object
    array is walked item by item."""
    return np.column_stack([np.asarray(column, dtype=str) for column in columns])


def iso_dates(dates: pd.Series | np.ndarray) -> np.ndarray:
    """Dates as YYYY-MM-DD: a third of the bytes of the timestamps plotly.py would write."""
    return np.datetime_as_string(np.asarray(dates, dtype="datetime64[D]"), unit="D")


def graph_config(lang: str, filename: str) -> dict:
    """dcc.Graph config: Russian/English modebar, no cloud buttons, PNG export at presentation resolution."""
    return {
        "displaylogo": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "responsive": True,
        "locale": lang,
        "toImageButtonOptions": {"format": "png", "scale": 3, "filename": filename},
    }


def font_size(present: bool) -> int:
    return 20 if present else 13


@functools.lru_cache(maxsize=1024)
def wrap_label(label: str) -> str:
    """A category label (a sector's name) on lines of about :data:`LABEL_LINE` characters."""
    return "<br>".join(textwrap.wrap(label, LABEL_LINE)) or label


def label_margin(labels: Iterable[str], present: bool) -> dict[str, int]:
    """A left margin for every one of ``labels`` wrapped (all the axis can show, so that it stays the same
    whatever the filters: a new margin makes plotly.js lay the chart out twice); the axis's automargin still
    widens it should a font run wider."""
    longest = max((len(line) for label in set(labels) for line in wrap_label(label).split("<br>")), default=0)
    return {"l": round(longest * CHAR_EM * font_size(present)) + 10}


def count_ticks(top: float) -> dict:
    """Axis ticks for whole counts up to ``top``: below ten, plotly.js would mark halves too, which the integer
    format shows as 0 1 1 2 2."""
    return {"tickformat": ",d", **({"dtick": 1} if top < 10 else {})}


def base_layout(lang: str, present: bool = False, **kwargs: object) -> dict:
    """Shared look; presentation mode (a projector at the far end of a room) gets large type and pure contrast."""
    return {
        "template": TEMPLATE,
        "font": {"family": FONT, "size": font_size(present), "color": "#000000" if present else "#2a3f5f"},
        "separators": SEPARATORS[lang],
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "hoverlabel": {"align": "left", "font": {"size": 18 if present else 13}},
        **kwargs,
    }


def _hover_source(url: str) -> str:
    return url if len(url) <= 70 else url[:67] + "…"


# What a timeline marker needs of its item; the marker of a month bundle also has a "count".
TIMELINE_FIELDS = ("date", "precision", "title", "date_label", "source", "org_ids")


@functools.lru_cache(maxsize=4096)
def _month_label(month: int, lang: str) -> str:
    """A month (counted from January 1970) as the timeline names it: every redraw names the same few hundred."""
    return format_date(dt.date(1970 + month // 12, month % 12 + 1, 1), "month", lang)


def _monthly(columns: dict[str, np.ndarray], rows: np.ndarray, lang: str) -> dict[str, object]:
    """The items at ``rows`` of one timeline row bundled per month: what the eye cannot separate is sent as
    one marker. ``rows`` are in date order, so each month is one run of them."""
    months = columns["date"][rows].astype("datetime64[M]")
    starts = np.flatnonzero(np.r_[True, months[1:] != months[:-1]])
    count = np.diff(np.r_[starts, len(months)])
    titles = columns["title"]
    shown = titles[rows[starts]]
    for k in range(1, MAX_TITLES_IN_HOVER):
        more = count > k
        shown[more] += "<br>" + titles[rows[starts[more] + k]]
    and_more = {n: "<br>" + t("and_more", lang, n=n - MAX_TITLES_IN_HOVER) for n in set(count.tolist())
                if n > MAX_TITLES_IN_HOVER}
    shown += [and_more.get(n, "") for n in count.tolist()]
    months = months[starts]
    return {
        "date": pd.DatetimeIndex(months), "precision": ["month"] * len(starts), "title": shown,
        "date_label": [f"{_month_label(month, lang)} · {n}"
                       for month, n in zip(months.astype(np.int64).tolist(), count.tolist(), strict=True)],
        # A month of a crowded row is too broad to focus on, or to credit to one source: its hover lists what
        # it holds, the tables and exports give every source.
        "source": [""] * len(starts),
        "org_ids": [()] * len(starts),
        "count": count,
    }


def timeline_figure(items: pd.DataFrame, lang: str, present: bool = False) -> Figure:
    """Dated items as markers on a date axis, one row per timeline group; symbol shows date precision.

    A row with more items than a screen can show is drawn as one marker per month, sized by its count.
    """
    # Arrays, not frames: selecting rows of every column of a registry-sized timeline is the slow part.
    codes, found = pd.factorize(items["group"])
    codes[items["date"].isna().to_numpy()] = -1
    order = np.argsort(codes, kind="stable")  # group by group, each in date order
    ranges = {group: np.searchsorted(codes[order], [code, code + 1]) for code, group in enumerate(found)}
    groups = [g for g in TIMELINE_GROUP if g in ranges and ranges[g][1] > ranges[g][0]]
    columns = {field: items[field].to_numpy() for field in TIMELINE_FIELDS}
    traces = []
    base_size = 20 if present else 14
    for group in groups:
        chosen = order[slice(*ranges[group])]
        bundled = len(chosen) > MAX_TIMELINE_MARKERS
        rows = _monthly(columns, chosen, lang) if bundled else {field: columns[field][chosen] for field in columns}
        term = TIMELINE_GROUP[group]
        traces.append({
            "type": "scatter", "x": iso_dates(rows["date"]), "y": np.full(len(rows["date"]), term.label(lang)),
            "mode": "markers", "name": term.label(lang),
            "marker": {"size": base_size + 3 * np.log2(rows["count"]) if bundled else base_size, "color": term.colour,
                       "symbol": np.array([PRECISION_SYMBOLS[p] for p in rows["precision"]]),
                       "line": {"width": 2, "color": term.colour}},
            "customdata": point_data(rows["title"], rows["date_label"], [_hover_source(url) for url in rows["source"]],
                                     [" ".join(ids) for ids in rows["org_ids"]]),
            "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[0]}" + (
                "" if bundled else f"<br>{t('source', lang)}: %{{customdata[2]}}") + "<extra></extra>",
        })
    # Every group keeps its row, empty or not: the chart keeps its size whatever the filters, so a filter
    # change redraws it once (a new height makes plotly.js resize and draw it all again).
    labels = [term.label(lang) for term in reversed(TIMELINE_GROUP.values())]
    return figure(traces, base_layout(
        lang, present, height=(160 if present else 120) + (75 if present else 55) * len(labels),
        showlegend=False,
        xaxis={"type": "date", "tickformat": DATE_TICKS[lang], "showgrid": True},
        yaxis={"categoryorder": "array", "categoryarray": labels, "range": [-0.5, len(labels) - 0.5],
               "automargin": True},
    ))


def map_figure(points: pd.DataFrame, boundary: dict, sectors: dict[str, str], sector_colours: dict[str, str],
               lang: str, inset: tuple[list[float], list[float]] | None = None, districts: dict | None = None,
               present: bool = False) -> Figure:
    """The oblast outline and one marker per (settlement, sector) on plain SVG axes.

    Longitude and latitude are drawn on cartesian axes whose aspect ratio corrects for latitude: it needs
    no map tiles, no topojson and no WebGL, so it renders on any office PC with no internet. ``inset`` gives
    the ranges of an enlarged detail beside the region, where the markers crowd one corner of it.

    The traces are the same for every filter state of a package (the outline, marked ``meta="static"``,
    then one marker trace per sector of ``sectors`` per panel, then the town names), so a filter change
    can send the marker traces alone (:func:`dynamic_traces`).
    """
    traces = []
    panels = [("x", "y"), ("x2", "y2")] if inset else [("x", "y")]
    # Float arrays (gaps as NaN, sent as null) rather than lists, which are serialised item by item; to four
    # decimals (about 10 m, far below a pixel), which halves their bytes.
    outline_lon, outline_lat = geo.outline_array(boundary).round(4)
    district_lines = geo.outline_array(districts).round(4) if districts is not None else None
    static = {"type": "scatter", "mode": "lines", "hoverinfo": "skip", "showlegend": False, "meta": STATIC}
    for xaxis, yaxis in panels:
        if district_lines is not None:
            traces.append({**static, "x": district_lines[0], "y": district_lines[1], "xaxis": xaxis, "yaxis": yaxis,
                           "line": {"width": 0.6, "color": "#b0b7c3"}, "name": "districts"})
        traces.append({**static, "x": outline_lon, "y": outline_lat, "xaxis": xaxis, "yaxis": yaxis,
                       "line": {"width": 1.5, "color": "#495057"}, "name": "boundary"})
    names = ["<br>".join(n) + (f"<br>{t('and_more', lang, n=count - len(n))}" if count > len(n) else "")
             for n, count in zip(points["names"], points["count"], strict=True)]
    customdata = point_data(points["settlement"], points["count"], names, points["settlement_id"], points["sector"])
    point_sectors = points["sector"].to_numpy()
    lon, lat = points["lon"].to_numpy(dtype=float), points["lat"].to_numpy(dtype=float)
    size = (14 if present else 10) + 8 * np.sqrt(points["count"].to_numpy(dtype=float))
    for sector, label in sectors.items():
        rows = point_sectors == sector
        for xaxis, yaxis in panels:
            traces.append({
                "type": "scatter", "x": lon[rows], "y": lat[rows], "mode": "markers",
                "name": label, "xaxis": xaxis, "yaxis": yaxis, "legendgroup": sector,
                "showlegend": xaxis == "x" and bool(rows.any()),
                "marker": {"size": size[rows], "color": sector_colours[sector], "line": {"width": 1, "color": "white"},
                           "opacity": 0.9},
                "customdata": customdata[rows],
                "hovertemplate": ("<b>%{customdata[0]}</b> — %{fullData.name}: %{customdata[1]}<br>"
                                  "%{customdata[2]}<extra></extra>"),
            })
    min_lon, min_lat, max_lon, max_lat = geo.bounds(boundary)
    # hidden axes: nothing to measure for margins (automargin would still measure on every redraw)
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": False, "automargin": False}
    # One degree of latitude is 1/cos(latitude) times as long as one of longitude.
    aspect = 1 / np.cos(np.radians((min_lat + max_lat) / 2))
    layout = base_layout(
        lang, present, height=700 if present else 560, legend={"orientation": "h", "y": -0.02}, plot_bgcolor="white",
        xaxis={**hidden, "domain": [0, 0.5] if inset else [0, 1], "range": [min_lon - 0.5, max_lon + 0.5]},
        yaxis={**hidden, "scaleanchor": "x", "scaleratio": aspect, "range": [min_lat - 0.3, max_lat + 0.3]},
    )
    if inset:
        # a town's points are one run of rows (map_points lists them town by town)
        settlement_ids = points["settlement_id"].to_numpy()
        towns = np.flatnonzero(np.r_[True, settlement_ids[1:] != settlement_ids[:-1]]) if len(points) else []
        traces.append({
            "type": "scatter", "x": points["town_lon"].to_numpy()[towns], "y": points["town_lat"].to_numpy()[towns],
            "mode": "text", "text": points["settlement"].to_numpy()[towns].tolist(), "xaxis": "x2", "yaxis": "y2",
            "textfont": {"size": 12, "color": "#212529"}, "hoverinfo": "skip", "showlegend": False, "name": "towns"})
        layout.update(
            xaxis2={**hidden, "domain": [0.54, 1], "range": inset[0]},
            yaxis2={**hidden, "scaleanchor": "x2", "scaleratio": aspect, "range": inset[1]},
            shapes=[{"type": "rect", "xref": "x", "yref": "y", "x0": inset[0][0], "x1": inset[0][1],
                     "y0": inset[1][0], "y1": inset[1][1], "line": {"width": 1, "color": "#e69f00", "dash": "dot"}}],
            annotations=[{"text": t("map_inset", lang), "x": 0.77, "y": 1.0, "xref": "paper", "yref": "paper",
                          "showarrow": False, "font": {"size": 12, "color": "#495057"}}],
        )
    return figure(traces, layout)


def dynamic_traces(fig: Figure) -> dict[int, dict]:
    """The traces of a figure that depend on the filters, by index: what a filter change has to send."""
    return {i: trace for i, trace in enumerate(fig["data"]) if trace.get("meta") != STATIC}


def growth_figure(series: pd.DataFrame, reported: pd.DataFrame, sector_labels: dict[str, str],
                  sector_colours: dict[str, str], lang: str, present: bool = False) -> Figure:
    """Named participants stacked by sector as steps, reported counts as separate unconnected markers."""
    dates, counts = iso_dates(series["date"]), series["count"].to_numpy()
    codes, sectors = pd.factorize(series["sector"])  # in order of first appearance, as groupby(sort=False)
    by_sector = {sector: np.flatnonzero(codes == code) for code, sector in enumerate(sectors)}
    traces = [{
        "type": "scatter", "x": dates[rows], "y": counts[rows], "name": sector_labels[sector],
        "mode": "lines", "line": {"shape": "hv", "width": 1, "color": sector_colours[sector]}, "stackgroup": "named",
        "hovertemplate": f"{sector_labels[sector]}: %{{y}}<extra></extra>",
    } for sector, rows in by_sector.items()]
    if not reported.empty:
        traces.append({
            "type": "scatter", "x": iso_dates(reported["date"]), "y": reported["count"].to_numpy(),
            "name": t("growth_reported", lang), "mode": "markers+text",
            "marker": {"symbol": "diamond", "size": 20 if present else 14, "color": "#212529"},
            "text": list(reported["label"]), "textposition": "top center", "cliponaxis": False,
            "customdata": point_data(reported["date_label"], [_hover_source(url) for url in reported["source"]]),
            "hovertemplate": (f"<b>%{{text}}</b> (%{{customdata[0]}})<br>{t('source', lang)}: "
                              "%{customdata[1]}<extra></extra>"),
        })
    # each sector's count only grows, so the stack is highest where every sector is at its highest
    top = max(sum(int(counts[rows].max()) for rows in by_sector.values()), *reported["count"], 1)
    return figure(traces, base_layout(
        lang, present, height=620 if present else 480, hovermode="closest",
        legend={"traceorder": "reversed", "orientation": "h", "y": -0.12, "yanchor": "top"},
        xaxis={"type": "date", "tickformat": DATE_TICKS[lang]},
        yaxis={"title": {"text": t("count_axis", lang)}, **count_ticks(top), "range": [0, 1.15 * top]},
    ))


def sectors_figure(counts: pd.DataFrame, sector_colours: dict[str, str], lang: str, present: bool = False,
                   axis_labels: Iterable[str] = ()) -> Figure:
    """Named participants per sector as horizontal bars; a click on a bar filters the dashboard by it.

    The chart is as high, and its labels as wide (``axis_labels``: every sector's), as all the package's
    sectors (``sector_colours``) need, whatever the filters show: a new size makes plotly.js lay it out and
    draw it all again."""
    order = np.argsort(counts["count"].to_numpy(), kind="quicksort")  # as counts.sort_values("count")
    values, labels, sectors = (counts[column].to_numpy()[order] for column in ("count", "label", "sector"))
    bars = {
        "type": "bar", "x": values, "y": [wrap_label(label) for label in labels], "orientation": "h",
        "text": values, "textposition": "outside",
        "marker": {"color": [sector_colours[s] for s in sectors]}, "customdata": sectors.reshape(-1, 1),
        "hovertemplate": "%{y}: %{x}<extra></extra>", "cliponaxis": False,
    }
    return figure([bars], base_layout(
        lang, present, height=(90 if present else 60) + (60 if present else 40) * max(len(sector_colours), 1),
        margin={"t": 10, "r": 10, "b": 10, **label_margin([*axis_labels, *labels], present)},
        xaxis={"title": {"text": t("count_axis", lang)}, **count_ticks(max([*values.tolist(), 1])),
               "rangemode": "tozero"},
        yaxis={"automargin": True},
    ))
