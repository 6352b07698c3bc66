"""The participants map as a PNG drawn on the server: matplotlib's Agg renderer, no browser, tiles or network.

It shows what the dashboard map shows (the oblast outline, one marker per settlement and sector, sized by
the number of organisations, in the dashboard's sector colours, and the enlarged detail when the towns
crowd one corner), for slides and documents.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from dashboard.data import derive, geo
from dashboard.data.filters import FilterState, apply_filters
from dashboard.data.package import ClusterData
from dashboard.data.vocab import sector_colours
from dashboard.exports.naming import active_filters_text, as_of_text
from dashboard.i18n import t

# The layout is drawn on a figure of fixed width (type and markers in points) and the resolution follows
# the requested pixels, so a slide-sized image keeps legible text at any pixel size.
FIGURE_WIDTH_IN = 10
CREDIT = "Natural Earth; GeoNames"
OUTLINE, LAND, INSET_FRAME, TEXT = "#495057", "#f1f3f5", "#e69f00", "#212529"
# Panels as figure fractions (left, bottom, width, height): title above, legend and notes below.
MARKER_SCALE = 0.75
FULL_PANEL = (0.02, 0.22, 0.96, 0.64)
REGION_PANEL, DETAIL_PANEL = (0.02, 0.22, 0.48, 0.64), (0.52, 0.22, 0.46, 0.64)


def _rings(geojson: dict) -> list[np.ndarray]:
    """Each polygon ring of a GeoJSON as an (n, 2) lon/lat array."""
    lons, lats = geo.outline_lonlat(geojson)
    xy = np.array([(np.nan, np.nan) if x is None else (x, y) for x, y in zip(lons, lats, strict=True)])
    breaks = np.flatnonzero(np.isnan(xy[:, 0]))
    rings = (part[~np.isnan(part[:, 0])] for part in np.split(xy, breaks))
    return [ring for ring in rings if len(ring)]


def _marker_diameter(count: pd.Series) -> pd.Series:
    """Marker diameter in points: the dashboard's 10 + 8·√n pixels at this figure's scale."""
    return (10 + 8 * np.sqrt(count)) * MARKER_SCALE


def _draw_panel(ax: Axes, data: ClusterData, points: pd.DataFrame, colours: dict[str, str],
                lon_range: tuple[float, float], lat_range: tuple[float, float], detail: bool) -> None:
    for ring in _rings(data.boundary):
        ax.fill(ring[:, 0], ring[:, 1], facecolor=LAND, edgecolor=OUTLINE, linewidth=1.2, zorder=1)
    if data.districts is not None:
        for ring in _rings(data.districts):
            ax.plot(ring[:, 0], ring[:, 1], color="#b0b7c3", linewidth=0.6, zorder=2)
    for sector, rows in points.groupby("sector", sort=False):
        ax.scatter(rows["lon"], rows["lat"], s=_marker_diameter(rows["count"]) ** 2, color=colours[sector],
                   edgecolors="white", linewidths=1, alpha=0.9, zorder=3)
    if detail:
        for row in points[points["count"] > 1].itertuples():
            ax.annotate(str(row.count), (row.lon, row.lat), ha="center", va="center", color="white",
                        fontsize=8, fontweight="bold", zorder=4)
        for _, town in points.groupby("settlement_id", sort=False):
            # Below the lowest marker of the town: several sectors sit on a ring around its centre.
            lowest = town.loc[town["lat"].idxmin()]
            radius = _marker_diameter(town["count"]).max() / 2
            ax.annotate(lowest["settlement"], (town["town_lon"].iloc[0], lowest["lat"]), xytext=(0, -radius - 3),
                        textcoords="offset points", ha="center", va="top", fontsize=9, color=TEXT,
                        zorder=5)
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
    colours = sector_colours(list(data.sectors["sector_id"]))
    dpi = width_px / FIGURE_WIDTH_IN
    fig = Figure(figsize=(FIGURE_WIDTH_IN, height_px / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    min_lon, min_lat, max_lon, max_lat = geo.bounds(data.boundary)
    region = ((min_lon - 0.5, max_lon + 0.5), (min_lat - 0.3, max_lat + 0.3))
    inset = derive.inset_ranges(points, data.boundary)
    main = fig.add_axes(REGION_PANEL if inset else FULL_PANEL)
    _draw_panel(main, data, points, colours, *region, detail=inset is None)
    if inset:
        (x0, x1), (y0, y1) = inset
        main.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor=INSET_FRAME, linestyle=":",
                                 linewidth=1.5, zorder=6))
        detail = fig.add_axes(DETAIL_PANEL)
        _draw_panel(detail, data, points, colours, (x0, x1), (y0, y1), detail=True)
        detail.set_title(t("map_inset", lang), fontsize=10, color=OUTLINE)
        detail.add_patch(Rectangle((0, 0), 1, 1, transform=detail.transAxes, fill=False, edgecolor=INSET_FRAME,
                                   linestyle=":", linewidth=1.5))
    if points.empty:
        main.text(0.5, 0.5, t("nothing_found", lang), transform=main.transAxes, ha="center", fontsize=14)

    fig.text(0.02, 0.975, t("map", lang, region=data.meta.region(lang)), fontsize=16, fontweight="bold", va="top",
             color=TEXT)
    fig.text(0.02, 0.93, f"{active_filters_text(data, state)} · {as_of_text(data, lang)}", fontsize=10,
             va="top", color=OUTLINE, wrap=True)
    sectors = points.drop_duplicates("sector")
    handles = [Line2D([], [], marker="o", linestyle="", markersize=9, color=colours[row.sector],
                      label=row.sector_label) for row in sectors.itertuples()]
    if handles:
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.04), ncol=2, frameon=False,
                   fontsize=8)
    elsewhere = derive.organisations_elsewhere(data, filtered, lang)
    outside = sum(len(orgs) for orgs in elsewhere["outside"].values())
    fig.text(0.02, 0.015, t("export_not_on_map", lang, outside=outside, unlocated=len(elsewhere["unlocated"])),
             fontsize=8, color=OUTLINE)
    fig.text(0.98, 0.015, CREDIT, fontsize=8, color=OUTLINE, ha="right")
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    return out.getvalue()
