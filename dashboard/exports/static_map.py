"""The participants map as a PNG drawn on the server: matplotlib's Agg renderer, no browser, tiles or network.

It shows what the dashboard map shows (the region among its neighbours, its lakes, rivers and main towns, one
marker per town and membership group, sized by the number of organisations, and the enlarged detail when the
towns crowd one corner), for slides and documents.
"""

from __future__ import annotations

import io
import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib import transforms
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from dashboard.data import derive, geo
from dashboard.data.filters import FilterState, apply_filters
from dashboard.data.package import ClusterData
from dashboard.exports.naming import active_filters_text, as_of_text
from dashboard.i18n import t

# The layout is drawn on a figure of fixed width (type and markers in points) and the resolution follows
# the requested pixels, so a slide-sized image keeps legible text at any pixel size.
FIGURE_WIDTH_IN = 10
OUTLINE, LAND, NEIGHBOUR, INSET_FRAME, TEXT = "#495057", "white", "#e9ecef", "#e69f00", "#212529"
WATER, WATER_LINE, WATER_TEXT, MUTED = "#b3d4ee", "#6fa8d6", "#1f5f99", "#6c757d"
# matplotlib's marker for each shape of derive.MAP_GROUP_STYLE
SHAPES = {"circle": "o", "diamond": "D", "square": "s", "circle-open": "o", "x": "x", "triangle-up": "^"}
# Panels as figure fractions (left, bottom, width, height): title above, legend and notes below.
MARKER_SCALE = 0.75
ROW_GAP_PT = 3
TOWN_FONT_PT, TOWN_DOT_PT = 8, 3
FULL_PANEL = (0.02, 0.22, 0.96, 0.64)
REGION_PANEL, DETAIL_PANEL = (0.02, 0.22, 0.48, 0.64), (0.52, 0.22, 0.46, 0.64)


def _parts(geojson: dict, kind: str | None = None) -> list[np.ndarray]:
    """Each ring or line of a layer as an (n, 2) lon/lat array."""
    lonlat = geo.path_array(geojson, kind).T
    breaks = np.flatnonzero(np.isnan(lonlat[:, 0]))
    parts = (part[~np.isnan(part[:, 0])] for part in np.split(lonlat, breaks))
    return [part for part in parts if len(part)]


def _marker_diameter(count: pd.Series) -> np.ndarray:
    """Marker diameter in points: the dashboard's 10 + 8·√n pixels at this figure's scale."""
    return (10 + 8 * np.sqrt(np.asarray(count, dtype=float))) * MARKER_SCALE


def _draw_geography(ax: Axes, data: ClusterData, lang: str, named: bool) -> None:
    if data.neighbours is not None:
        for ring in _parts(data.neighbours):
            ax.fill(ring[:, 0], ring[:, 1], facecolor=NEIGHBOUR, edgecolor="#adb5bd", linewidth=0.6, zorder=0)
    for ring in _parts(data.boundary):
        ax.fill(ring[:, 0], ring[:, 1], facecolor=LAND, edgecolor="none", zorder=0.5)
    if data.districts is not None:
        for ring in _parts(data.districts):
            ax.plot(ring[:, 0], ring[:, 1], color="#b0b7c3", linewidth=0.6, zorder=1)
    if data.water is not None:
        for ring in _parts(data.water, "lake"):
            ax.fill(ring[:, 0], ring[:, 1], facecolor=WATER, edgecolor=WATER_LINE, linewidth=0.4, zorder=1)
        for line in _parts(data.water, "river"):
            ax.plot(line[:, 0], line[:, 1], color=WATER_LINE, linewidth=0.9, zorder=1)
    for ring in _parts(data.boundary):
        ax.plot(ring[:, 0], ring[:, 1], color=OUTLINE, linewidth=1.2, zorder=2)
    if named:
        for layer, colour, style in ((data.neighbours, MUTED, "normal"), (data.water, WATER_TEXT, "italic")):
            for name, lon, lat in geo.labels(layer, lang) if layer is not None else []:
                ax.text(lon, lat, name, color=colour, fontsize=8, style=style, ha="center", va="center",
                        zorder=2, clip_on=True)


def _draw_points(ax: Axes, points: pd.DataFrame, in_rows: bool) -> pd.Series:
    """The markers, a town's groups in a row ending at its centre (or all on the centre); returns each town's
    widest marker in points."""
    size = _marker_diameter(points["count"])
    offsets = np.zeros(len(points))
    towns = points["settlement_id"].to_numpy()
    if in_rows:
        for i in range(len(points) - 2, -1, -1):  # the last of a town's points stands on the centre
            if towns[i] == towns[i + 1]:
                offsets[i] = offsets[i + 1] - (size[i] + size[i + 1]) / 2 - ROW_GAP_PT
    for (point, dx), diameter in zip(zip(points.itertuples(), offsets, strict=True), size, strict=True):
        colour, shape = derive.MAP_GROUP_STYLE[point.group]
        shift = transforms.offset_copy(ax.transData, fig=ax.figure, x=dx, y=0, units="points")
        hollow = shape in ("circle-open", "x")
        ax.plot(point.town_lon, point.town_lat, marker=SHAPES[shape], markersize=diameter * (0.7 if shape == "diamond"
                else 1), markerfacecolor="none" if hollow else colour, markeredgecolor=colour if hollow else "white",
                markeredgewidth=2 if hollow else 1, transform=shift, zorder=3, linestyle="")
    return pd.Series(size, index=points.index).groupby(points["settlement_id"]).max()


def _draw_town_names(ax: Axes, data: ClusterData, points: pd.DataFrame, widest: pd.Series, lang: str,
                     lon_range: tuple[float, float], lat_range: tuple[float, float],
                     skip: tuple[list[float], list[float]] | None) -> None:
    """The towns with points and the main towns (a dot each), named beside them where the names fit."""
    marked = points.drop_duplicates("settlement_id")
    towns = pd.DataFrame({"name": marked["settlement"], "lon": marked["town_lon"], "lat": marked["town_lat"],
                          "size": widest[marked["settlement_id"]].to_numpy(), "dot": False})
    main = pd.DataFrame(geo.labels(data.towns, lang) if data.towns is not None else [], columns=["name", "lon", "lat"])
    towns = pd.concat([towns, main[~main["name"].isin(towns["name"])].assign(size=TOWN_DOT_PT, dot=True)],
                      ignore_index=True)
    shown = towns["lon"].between(*lon_range) & towns["lat"].between(*lat_range)
    if skip is not None:
        shown &= ~(towns["lon"].between(*skip[0]) & towns["lat"].between(*skip[1]))
    width_pt = ax.get_position().width * FIGURE_WIDTH_IN * 72
    aspect = 1 / math.cos(math.radians(sum(lat_range) / 2))
    placed = geo.place_names(towns[shown], lon_range[1] - lon_range[0], aspect, TOWN_FONT_PT * 0.6,
                             TOWN_FONT_PT * 1.3, width_pt)
    for town in placed.itertuples():
        if town.dot:
            ax.plot(town.lon, town.lat, marker="o", markersize=TOWN_DOT_PT, color=TEXT, zorder=4)
        right = town.position == "middle right"
        ax.annotate(town.name, (town.lon, town.lat), xytext=((town.size / 2 + 3) * (1 if right else -1), 0),
                    textcoords="offset points", ha="left" if right else "right", va="center",
                    fontsize=TOWN_FONT_PT, color=TEXT, zorder=5)


def _draw_panel(ax: Axes, data: ClusterData, points: pd.DataFrame, lang: str, lon_range: tuple[float, float],
                lat_range: tuple[float, float], whole: bool, rows: bool, skip: tuple | None = None) -> None:
    """One panel: the ``whole`` region (its neighbours and waters named; ``skip``: the detail's ranges, whose
    towns are named there) or the enlarged detail; a town's points in a row or on its centre."""
    _draw_geography(ax, data, lang, named=whole)
    widest = _draw_points(ax, points, in_rows=rows)
    _draw_town_names(ax, data, points, widest, lang, lon_range, lat_range, skip)
    ax.set_xlim(*lon_range)
    ax.set_ylim(*lat_range)
    # One degree of latitude is 1/cos(latitude) times as long as one of longitude.
    ax.set_aspect(1 / math.cos(math.radians(sum(lat_range) / 2)))
    ax.set_axis_off()


def static_map_png(data: ClusterData, state: FilterState, width_px: int = 1600, height_px: int = 1000) -> bytes:
    """The filtered participants on the oblast outline as a ``width_px`` × ``height_px`` PNG."""
    lang = state.lang
    filtered = apply_filters(data, state)
    points = derive.map_points(data, filtered, lang)
    dpi = width_px / FIGURE_WIDTH_IN
    fig = Figure(figsize=(FIGURE_WIDTH_IN, height_px / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    min_lon, min_lat, max_lon, max_lat = geo.bounds(data.boundary)
    region = ((min_lon - 0.5, max_lon + 0.5), (min_lat - 0.3, max_lat + 0.3))
    inset = derive.inset_ranges(points, data.boundary)
    main = fig.add_axes(REGION_PANEL if inset else FULL_PANEL)
    _draw_panel(main, data, points, lang, *region, whole=True, rows=inset is None, skip=inset)
    if inset:
        (x0, x1), (y0, y1) = inset
        main.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor=INSET_FRAME, linewidth=1.5,
                                 zorder=6))
        detail = fig.add_axes(DETAIL_PANEL)
        _draw_panel(detail, data, points, lang, (x0, x1), (y0, y1), whole=False, rows=True)
        detail.set_title(t("map_inset", lang), fontsize=10, color=OUTLINE)
        detail.add_patch(Rectangle((0, 0), 1, 1, transform=detail.transAxes, fill=False, edgecolor=INSET_FRAME,
                                   linewidth=1.5, zorder=7, clip_on=False))
    if points.empty:
        main.text(0.5, 0.5, textwrap.fill(t("empty_chart", lang), 40), transform=main.transAxes, ha="center",
                  va="center", fontsize=12, zorder=8, bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9})

    fig.text(0.02, 0.975, t("map", lang, region=data.meta.region(lang)), fontsize=16, fontweight="bold", va="top",
             color=TEXT)
    fig.text(0.02, 0.93, f"{active_filters_text(data, state)} · {as_of_text(data, lang)}", fontsize=10,
             va="top", color=OUTLINE, wrap=True)
    handles = []
    for row in points.drop_duplicates("group").itertuples():
        colour, shape = derive.MAP_GROUP_STYLE[row.group]
        hollow = shape in ("circle-open", "x")
        handles.append(Line2D([], [], marker=SHAPES[shape], linestyle="", markersize=9, label=row.group_label,
                              markerfacecolor="none" if hollow else colour, markeredgecolor=colour,
                              markeredgewidth=2 if hollow else 1))
    if handles:
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.04), ncol=2, frameon=False,
                   fontsize=8)
    elsewhere = derive.organisations_elsewhere(data, filtered, lang)
    outside = sum(len(orgs) for orgs in elsewhere["outside"].values())
    fig.text(0.02, 0.015, t("export_not_on_map", lang, outside=outside, unlocated=len(elsewhere["unlocated"])),
             fontsize=8, color=OUTLINE)
    fig.text(0.98, 0.015, t("map_credit", lang), fontsize=8, color=OUTLINE, ha="right")
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    return out.getvalue()
