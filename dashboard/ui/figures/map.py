"""The participants map on plain SVG axes: the oblast outline and one marker per settlement and sector."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.data import geo
from dashboard.i18n import t
from dashboard.ui.figures.base import (
    STATIC,
    Figure,
    base_layout,
    figure,
    point_data,
)

# Positions in the customdata of clickable points, read by the click callbacks. A map point carries its
# settlement and sector only: the server looks its organisations up (their ids would double its bytes).
MAP_SETTLEMENT = 3
MAP_SECTOR = 4


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
