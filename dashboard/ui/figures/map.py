"""The participants map on plain SVG axes: the region among its neighbours, its lakes, rivers and towns, and one
marker per town and membership group."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.data import geo
from dashboard.data.derive import MAP_GROUP_STYLE, group_label
from dashboard.data.memo import cached
from dashboard.i18n import t
from dashboard.ui.figures.base import (
    NARROW_CHART_WIDTH,
    STATIC,
    Figure,
    base_layout,
    figure,
    font_size,
    no_data,
    point_data,
    wrap_label,
)

# Positions in the customdata of clickable points, read by the click callbacks. A map point carries its
# settlement and count group only: the server looks its organisations up (their ids would double its bytes).
MAP_SETTLEMENT = 3
MAP_GROUP = 4

# Plotly's marker for each shape of derive.MAP_GROUP_STYLE.
SHAPES = {
    "circle": {"symbol": "circle", "line": {"width": 1, "color": "white"}},
    "diamond": {"symbol": "diamond", "line": {"width": 1, "color": "white"}},
    "square": {"symbol": "square", "line": {"width": 1, "color": "white"}},
    "triangle-up": {"symbol": "triangle-up", "line": {"width": 1, "color": "white"}},
    "circle-open": {"symbol": "circle-open", "line": {"width": 2.5}},
    "x": {"symbol": "x-thin-open", "line": {"width": 2}},
}
GROUP_MARKERS = {group: {**SHAPES[shape], "color": colour,
                         "line": {"color": colour, **SHAPES[shape]["line"]}}
                 for group, (colour, shape) in MAP_GROUP_STYLE.items()}

LAND = {"fill": "#e9ecef", "line": "#adb5bd"}
WATER = {"fill": "#b3d4ee", "line": "#6fa8d6", "text": "#1f5f99"}
TEXT = "#212529"
MUTED = "#6c757d"
# Pixels between the markers of one town's row: markers are sized in pixels, positions in degrees.
ROW_GAP_PX = 4
# The narrowest usual chart widths, for which markers and names are placed: an office screen's, a projector's
# (1920 px) and a phone's (base.NARROW_CHART_WIDTH; the map is wider on most phones and then only roomier).
TYPICAL_WIDTH_PX = 800
PRESENT_WIDTH_PX = 1600
# A name's character in font sizes, as Chromium draws the towns' names (the widest, "Нижнеудинск", 0.66).
NAME_EM = 0.68
# The legend's room below the map: rows of this many font sizes (the statuses fill two in presentation mode).
LEGEND_ROWS = 2
LEGEND_ROW_EM = 1.6
TOWN_DOT_PX = 5
# The aspect ratio can widen the detail's visible range beyond its ranges: geography is sent this far around.
DETAIL_MARGIN_DEG = 1.5
# On a phone the detail stands under the region, each as wide as the screen, rather than beside it at half of it
# (too narrow for the towns' names): the layout assets/narrow_charts.js gives a narrow chart. Each panel's height
# is its share of the map's, as tall as the panel is for its width; NARROW_GAP_PX stands between them.
NARROW_MAP_PX = 760
NARROW_GAP_PX = 24
# On a phone the legend stands one status a row (of 30 px) right under the credit line (of 18 px), a long status
# on two lines.
CREDIT_PX = 18
NARROW_LEGEND_PX = (len(MAP_GROUP_STYLE) + 1) * 30 + CREDIT_PX + 6  # a long status takes two lines
NARROW_HEIGHT = 10 + NARROW_MAP_PX + NARROW_LEGEND_PX


def marker_sizes(counts: np.ndarray, present: bool) -> np.ndarray:
    """A point's diameter in pixels: its area grows with its number of organisations."""
    return (14 if present else 10) + 8 * np.sqrt(np.asarray(counts, dtype=float))


def row_offsets(points: pd.DataFrame, sizes: np.ndarray, deg_per_px: float) -> np.ndarray:
    """How far (degrees of longitude) each point stands left of its town centre: a town's points form a row
    ending at the centre, so the town's name, right of the centre, is never under one of them."""
    offsets = np.zeros(len(points))
    towns = points["settlement_id"].to_numpy()
    for i in range(1, len(points)):
        if towns[i] == towns[i - 1]:
            offsets[i] = offsets[i - 1] + (sizes[i - 1] + sizes[i]) / 2 + ROW_GAP_PX
    # the last of a row stands on the centre: shift every row so
    last = np.r_[towns[1:] != towns[:-1], True] if len(points) else np.array([], dtype=bool)
    row_end = pd.Series(np.where(last, offsets, np.nan)).bfill().to_numpy()
    return (offsets - row_end) * deg_per_px


def map_figure(points: pd.DataFrame, boundary: dict, lang: str, inset: tuple[list[float], list[float]] | None = None,
               districts: dict | None = None, neighbours: dict | None = None, water: dict | None = None,
               towns: dict | None = None, present: bool = False) -> Figure:
    """The region, its neighbours, lakes, rivers and towns, and one marker per (town, count group).

    Longitude and latitude are drawn on cartesian axes whose aspect ratio corrects for latitude: it needs
    no map tiles, no topojson and no WebGL, so it renders on any office PC with no internet. ``inset`` gives
    the ranges of an enlarged detail beside the region, where the markers crowd one corner of it.

    The traces are the same for every filter state of a package (the geography, marked ``meta="static"``,
    then one marker trace per count group per panel, then the town names per panel), so a filter change
    can send the marker and name traces alone (:func:`dynamic_traces`).
    """
    min_lon, min_lat, max_lon, max_lat = geo.bounds(boundary)
    ranges = {"x": ([min_lon - 0.5, max_lon + 0.5], [min_lat - 0.3, max_lat + 0.3])}
    if inset:
        ranges["x2"] = inset
    panels = [(xaxis, "y" + xaxis[1:]) for xaxis in ranges]
    domain_width = 0.5 if inset else 1.0
    # One degree of latitude is 1/cos(latitude) times as long as one of longitude.
    aspect = 1 / np.cos(np.radians((min_lat + max_lat) / 2))
    height = 760 if present else 600
    font_px = font_size(present)
    # what a presenter shows is as large as the rest of the chart's text; on a screen the credit is small print
    small_px = font_px if present else 10
    # the credit line on its own (a long legend row, in English say, reaches under it), then the legend's rows
    legend_px = LEGEND_ROWS * round(LEGEND_ROW_EM * font_px) + round(1.3 * small_px)
    wide = _scales(ranges, aspect, PRESENT_WIDTH_PX if present else TYPICAL_WIDTH_PX, height, 10 + legend_px,
                   {"x": [0, domain_width], "x2": [0.54, 1]}, {"x": [0, 1], "x2": [0, 1]})
    narrow_domains = _narrow_domains(ranges, aspect)
    narrow = _scales(ranges, aspect, NARROW_CHART_WIDTH, NARROW_HEIGHT, NARROW_LEGEND_PX,
                     {panel: [0, 1] for panel in ranges}, narrow_domains)
    size = marker_sizes(points["count"].to_numpy(), present)
    labelled = _labelled_towns(points, size, towns, lang)
    places = {layout: _place(labelled, ranges, inset, scales, aspect, neighbours, water, lang, present)
              for layout, scales in (("wide", wide), ("narrow", narrow))}
    traces = []
    named = {}  # (panel, kind): the index of its trace of names
    narrow_traces = {}  # index: what the trace shows otherwise on a phone
    for xaxis, yaxis in panels:
        # the detail receives only the geography around it (a margin keeps cut edges out of sight)
        (lon0, lon1), (lat0, lat1) = ranges[xaxis]
        clip = None if xaxis == "x" else (lon0 - DETAIL_MARGIN_DEG, lat0 - DETAIL_MARGIN_DEG,
                                          lon1 + DETAIL_MARGIN_DEG, lat1 + DETAIL_MARGIN_DEG)
        traces += _geography(xaxis, yaxis, boundary, districts, neighbours, water, clip)
        for kind in ("neighbour names", "water names"):
            if (xaxis, kind) in places["wide"]:
                named[xaxis, kind] = len(traces)
                traces.append(_names_trace(places["wide"][xaxis, kind], kind, xaxis, present))

    listed = ["<br>".join(n) + (f"<br>{t('and_more', lang, n=count - len(n))}" if count > len(n) else "")
             for n, count in zip(points["names"], points["count"], strict=True)]
    customdata = point_data(points["settlement"], points["count"], listed, points["settlement_id"], points["group"])
    point_groups = points["group"].to_numpy()
    lat = points["town_lat"].to_numpy(dtype=float)
    town_lon = points["town_lon"].to_numpy(dtype=float)
    # A town's points stand in a row, spaced for the narrower of the wide and phone layouts; on the region
    # beside an enlarged detail they stand on the town: the detail shows the row.
    offsets = {xaxis: row_offsets(points, size, 1 / min(wide[xaxis], narrow[xaxis])) * (xaxis != "x" or not inset)
               for xaxis, _ in panels}
    for group, style in GROUP_MARKERS.items():
        rows = point_groups == group
        label = group_label(group, lang)
        if wrap_label(label) != label:
            # a phone's legend, one status a line, is too narrow for a long one
            narrow_traces[str(len(traces))] = {"name": wrap_label(label)}
        for xaxis, yaxis in panels:
            traces.append({
                "type": "scatter", "x": (town_lon + offsets[xaxis])[rows], "y": lat[rows], "mode": "markers",
                "name": label, "xaxis": xaxis, "yaxis": yaxis, "legendgroup": group,
                "showlegend": xaxis == "x" and bool(rows.any()),
                "marker": {**style, "size": size[rows], "opacity": 0.95},
                "customdata": customdata[rows],
                "hovertemplate": ("<b>%{customdata[0]}</b> — %{fullData.name}: %{customdata[1]}<br>"
                                  "%{customdata[2]}<extra></extra>"),
            })
    for xaxis, _ in panels:
        named[xaxis, "towns"] = len(traces)
        traces.append(_names_trace(places["wide"][xaxis, "towns"], "towns", xaxis, present))

    # hidden axes: nothing to measure for margins (automargin would still measure on every redraw)
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": False, "automargin": False}
    layout = base_layout(
        lang, present, height=height, plot_bgcolor="white",
        # the legend stands in a bottom margin kept for two rows of it: however many rows the statuses take,
        # the map keeps its scale, for which the towns' names were placed clear of the markers
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"},
        xaxis={**hidden, "domain": [0, domain_width], "range": ranges["x"][0]},
        yaxis={**hidden, "scaleanchor": "x", "scaleratio": aspect, "range": ranges["x"][1]},
    )
    layout["margin"]["b"] += legend_px
    annotations = [{"text": t("map_credit", lang), "x": 1, "y": 0, "xref": "paper", "yref": "paper",
                    "xanchor": "right", "yanchor": "top", "showarrow": False,
                    "font": {"size": small_px, "color": MUTED}}]
    if inset:
        layout.update(
            meta={"narrow": _narrow_layout(ranges, narrow_domains),
                  # the names placed for a phone's panels, which assets/narrow_charts.js draws there
                  "narrow_traces": {**narrow_traces, **{str(index): _name_points(places["narrow"][key], nested=False)
                                                        for key, index in named.items()}}},
            xaxis2={**hidden, "domain": [0.54, 1], "range": inset[0]},
            yaxis2={**hidden, "scaleanchor": "x2", "scaleratio": aspect, "range": inset[1]},
            shapes=[
                # where the detail lies on the region, and the detail's own frame
                {"type": "rect", "xref": "x", "yref": "y", "x0": inset[0][0], "x1": inset[0][1],
                 "y0": inset[1][0], "y1": inset[1][1], "line": {"width": 1.5, "color": "#e69f00"}},
                {"type": "rect", "xref": "x2 domain", "yref": "y2 domain", "x0": 0, "x1": 1, "y0": 0, "y1": 1,
                 "line": {"width": 1.5, "color": "#e69f00"}},
            ],
        )
        annotations.append({"text": t("map_inset", lang), "x": 0, "y": 1, "xref": "x2 domain", "yref": "y2 domain",
                            "xanchor": "left", "yanchor": "top", "showarrow": False, "bgcolor": "white",
                            "font": {"size": font_px if present else 12, "color": "#495057"}})
    layout["annotations"] = annotations
    if points.empty:
        # the geography stays; the note says that nothing matches and how to widen the filters
        note = no_data({}, lang)["annotations"][0]
        layout["annotations"] = [*annotations, {**note, "bgcolor": "rgba(255,255,255,0.9)",
                                                "font": {**note["font"], "size": font_px if present else 15}}]
    return figure(traces, layout)


def _narrow_domains(ranges: dict[str, tuple[list[float], list[float]]], aspect: float) -> dict[str, list[float]]:
    """Each panel's y domain on a phone: the region above, the detail below, each as tall as it is for its width."""
    tall = {panel: (lat[1] - lat[0]) * aspect / (lon[1] - lon[0]) for panel, (lon, lat) in ranges.items()}
    if "x2" not in tall:
        return {"x": [0, 1]}
    gap = NARROW_GAP_PX / NARROW_MAP_PX
    detail = (1 - gap) * tall["x2"] / (tall["x"] + tall["x2"])
    return {"x": [detail + gap, 1], "x2": [0, detail]}


def _scales(ranges: dict[str, tuple[list[float], list[float]]], aspect: float, width: float, height: float,
            bottom: float, x_domains: dict[str, list[float]], y_domains: dict[str, list[float]]) -> dict[str, float]:
    """Pixels a degree of longitude takes in each panel of a chart ``width`` by ``height`` pixels, its bottom margin
    ``bottom``: the panel's ranges fill its domain along one side, the tighter."""
    plot_width, plot_height = width - 20, height - 10 - bottom
    return {panel: min(plot_width * (x_domains[panel][1] - x_domains[panel][0]) / (lon[1] - lon[0]),
                       plot_height * (y_domains[panel][1] - y_domains[panel][0]) / ((lat[1] - lat[0]) * aspect))
            for panel, (lon, lat) in ranges.items()}


def _narrow_layout(ranges: dict[str, tuple[list[float], list[float]]], y_domains: dict[str, list[float]]) -> dict:
    """The map's layout on a phone (a relayout): the panels stacked, the legend under the credit line."""
    narrow: dict = {"height": NARROW_HEIGHT, "margin.b": NARROW_LEGEND_PX, "legend.yref": "paper",
                    "legend.y": -CREDIT_PX / NARROW_MAP_PX, "legend.yanchor": "top"}
    for panel, toward in (("x", "top"), ("x2", "bottom")):
        suffix = panel[1:]
        # a panel keeps its ranges (which its names were placed in) and narrows its domain to their shape; the
        # region keeps to the top, the detail to the bottom, by the credit line
        narrow.update({f"xaxis{suffix}.domain": [0, 1], f"yaxis{suffix}.domain": y_domains[panel],
                       f"xaxis{suffix}.range": ranges[panel][0], f"yaxis{suffix}.range": ranges[panel][1],
                       f"xaxis{suffix}.constrain": "domain", f"yaxis{suffix}.constrain": "domain",
                       f"yaxis{suffix}.constraintoward": toward})
    return narrow


def _place(labelled: list[dict], ranges: dict[str, tuple[list[float], list[float]]],
           inset: tuple[list[float], list[float]] | None, scales: dict[str, float], aspect: float,
           neighbours: dict | None, water: dict | None, lang: str, present: bool) -> dict[tuple[str, str], list[dict]]:
    """The names each panel shows at ``scales`` (pixels per degree), by (panel, kind), none over another nor out
    of the panel: on the whole region the lakes', rivers' and neighbours' first (they are the same for every
    filter), then the towns', those with points first. Each name is a record of :func:`_labelled_towns` with
    its ``position``."""
    font_px = _name_px(present)
    geography = [("water names", water), ("neighbour names", neighbours)]
    placed = {}
    for panel, (lon_range, lat_range) in ranges.items():
        towns = [town for town in labelled if _within(town, lon_range, lat_range)]
        candidates, in_detail = [], []
        if panel == "x":
            candidates = [name for kind, layer in geography if layer is not None
                          for name in _geography_names(layer, kind, lang)]
            if inset:
                # the towns of the enlarged detail are named there, where there is room for their names
                in_detail = [town for town in towns if _within(town, *inset)]
                towns = [town for town in towns if not _within(town, *inset)]
        candidates += towns
        shown = geo.place_name_records(candidates, 1.0, aspect, NAME_EM * font_px, 1.3 * font_px, scales[panel],
                                       (lon_range[0], lat_range[0], lon_range[1], lat_range[1]), in_detail)
        for kind in ("towns", *(kind for kind, layer in geography if panel == "x" and layer is not None)):
            placed[panel, kind] = [{**candidates[row], "position": position} for row, position in shown
                                   if candidates[row]["kind"] == kind]
    return placed


def _within(town: dict, lon_range: list[float], lat_range: list[float]) -> bool:
    return lon_range[0] <= town["lon"] <= lon_range[1] and lat_range[0] <= town["lat"] <= lat_range[1]


def _geography_names(layer: dict, kind: str, lang: str) -> list[dict]:
    """A layer's names as candidates to place, centred on their points: the same for every filter."""
    return cached(layer, f"name_candidates:{kind}:{lang}", lambda: [
        {"name": name, "lon": lon, "lat": lat, "size": 0, "dot": False, "centred": True, "kind": kind}
        for name, lon, lat in geo.labels(layer, lang)])


def _geography(xaxis: str, yaxis: str, boundary: dict, districts: dict | None, neighbours: dict | None,
               water: dict | None, clip: tuple[float, float, float, float] | None) -> list[dict]:
    """The static traces of one panel: neighbours, districts, lakes, rivers, the outline."""
    static = {"type": "scatter", "mode": "lines", "hoverinfo": "skip", "showlegend": False, "meta": STATIC,
              "xaxis": xaxis, "yaxis": yaxis}

    def lines(layer: dict, name: str, kind: str | None = None, **style: object) -> dict:
        # Float arrays (gaps as NaN, sent as null) rather than lists, which are serialised item by item; to four
        # decimals (about 10 m, far below a pixel), which halves their bytes.
        lon, lat = geo.path_array(layer, kind, clip).round(4)
        return {**static, "x": lon, "y": lat, "name": name, **style}

    traces = []
    if neighbours is not None:
        traces.append(lines(neighbours, "neighbours", fill="toself", fillcolor=LAND["fill"],
                            line={"width": 0.8, "color": LAND["line"]}))
    if districts is not None:
        traces.append(lines(districts, "districts", line={"width": 0.6, "color": "#b0b7c3"}))
    if water is not None:
        traces.append(lines(water, "lakes", "lake", fill="toself", fillcolor=WATER["fill"],
                            line={"width": 0.6, "color": WATER["line"]}))
        traces.append(lines(water, "rivers", "river", line={"width": 1.2, "color": WATER["line"]}))
    traces.append(lines(boundary, "boundary", line={"width": 1.5, "color": "#495057"}))
    return traces


def _name_px(present: bool) -> int:
    return font_size(present) if present else 12


NAME_STYLES = {"towns": {"color": TEXT}, "neighbour names": {"color": MUTED},
               "water names": {"color": WATER["text"], "style": "italic"}}


def _name_points(placed: list[dict], nested: bool = True) -> dict:
    """A names trace's points: each name at its town, on its side of a marker as wide as the town's widest point,
    invisible there (a town without points gets a small dot). ``nested``: as a trace, else as a restyle."""
    marker = {"size": np.array([name["size"] for name in placed], dtype=float),
              "color": [TEXT if name["dot"] else "rgba(0,0,0,0)" for name in placed]}
    points = {"x": np.array([name["lon"] for name in placed], dtype=float),
              "y": np.array([name["lat"] for name in placed], dtype=float),
              "text": [name["name"] for name in placed], "textposition": [name["position"] for name in placed]}
    return {**points, "marker": marker} if nested else {**points, **{f"marker.{k}": v for k, v in marker.items()}}


def _names_trace(placed: list[dict], kind: str, xaxis: str, present: bool) -> dict:
    """The names of one kind on one panel; those of the geography are the same for every filter."""
    return {"type": "scatter", "mode": "markers+text", "xaxis": xaxis, "yaxis": "y" + xaxis[1:], "name": kind,
            **_name_points(placed), "textfont": {"size": _name_px(present), **NAME_STYLES[kind]},
            "cliponaxis": False, "hoverinfo": "skip", "showlegend": False,
            **({"meta": STATIC} if kind != "towns" else {})}


def _labelled_towns(points: pd.DataFrame, size: np.ndarray, towns: dict | None, lang: str) -> list[dict]:
    """The towns the map names, as candidates to place: every town with a point, with the width of its widest
    point, then the main towns of the ``towns`` layer without one (a small dot)."""
    widest: dict[tuple[str, float, float], float] = {}
    for town, width in zip(zip(points["settlement"].tolist(), points["town_lon"].tolist(),
                               points["town_lat"].tolist(), strict=True), size.tolist(), strict=True):
        widest[town] = max(width, widest.get(town, 0.0))
    marked = {name for name, _lon, _lat in widest}
    main = [(name, lon, lat) for name, lon, lat in (geo.labels(towns, lang) if towns is not None else [])
            if name not in marked]
    # a town with points shows them, not a dot
    return [*({"name": name, "lon": lon, "lat": lat, "size": width, "dot": False, "centred": False, "kind": "towns"}
              for (name, lon, lat), width in widest.items()),
            *({"name": name, "lon": lon, "lat": lat, "size": TOWN_DOT_PX, "dot": True, "centred": False,
               "kind": "towns"} for name, lon, lat in main)]


def dynamic_traces(fig: Figure) -> dict[int, dict]:
    """The traces of a figure that depend on the filters, by index: what a filter change has to send."""
    return {i: trace for i, trace in enumerate(fig["data"]) if trace.get("meta") != STATIC}
