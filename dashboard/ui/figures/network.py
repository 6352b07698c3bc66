"""The collaboration network: organisations as points placed by a force layout, shared work as lines."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from dashboard.i18n import format_number, t
from dashboard.ui.figures.base import (
    NARROW_CHART_WIDTH,
    Figure,
    base_layout,
    figure,
    font_size,
    narrow_traces,
    no_data,
    point_data,
)

# Position of the organisation id in a node marker's customdata (read by the profile's click callback).
NODE_ORG_ID = 0
# Only the best connected nodes carry a name on the figure; every node has its hover.
LABELLED = 15
# Width of a name's character and the height a name keeps clear, in font sizes (with room to spare): a name that
# would overlap one already shown is left to the hover.
LABEL_CHAR_EM = 0.7
LABEL_HEIGHT_EM = 2.5
LABEL_CHARS = 26
LABEL_SIZE = {False: 11, True: 24}
HEIGHT = {False: 640, True: 900}
PLOT_PAD = 20  # the margins' share of a chart's width or height, in pixels
# Where a name beside its point starts, in its widths from the point; a name to one side also clears the marker.
NAME_START = {"top right": 0.0, "top center": -0.5, "top left": -1.0}
EMPTY_HEIGHT = 200
# Links drawn, and partners named per organisation in the table.
MAX_EDGES_DRAWN = 1500


def _edge_lines(nodes: pd.DataFrame, edges: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """x and y of every edge as (start, end, gap) triples for one line trace; NaN gaps are sent as null."""
    where = pd.Index(nodes["org_id"])
    start, end = where.get_indexer(edges["source"]), where.get_indexer(edges["target"])
    lines = []
    for column in ("x", "y"):
        values = nodes[column].to_numpy(dtype=float)
        lines.append(np.column_stack([values[start], values[end], np.full(len(start), np.nan)]).ravel())
    return lines[0], lines[1]


def _legend_name(sector_label: str) -> str:
    """The sector without its parenthesised explanation (the hover has the full name)."""
    return re.sub(r"\s*\(.*\)\s*$", "", sector_label) or sector_label


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"


def _labelled(nodes: pd.DataFrame, marker_px: np.ndarray, size: int, unit: float, sides: np.ndarray) -> set[str]:
    """The best connected nodes (at most LABELLED) whose name would not overlap an already shown name: names
    ``size`` px high on a plot of ``unit`` layout units a pixel, each beside its point (of ``marker_px``) as
    ``sides`` say (plotly's textpositions)."""
    char_width, height = LABEL_CHAR_EM * size * unit, LABEL_HEIGHT_EM * size * unit
    shown: list[tuple[float, float, float]] = []  # a name's left and right ends, and its point's height
    chosen = set()
    for org_id, label, x, y, marker, side in zip(nodes["org_id"], nodes["label"], nodes["x"], nodes["y"], marker_px,
                                                 sides, strict=True):
        if len(chosen) == LABELLED:
            break
        width = len(_short(label)) * char_width
        left = x + NAME_START[side] * width + (2 * NAME_START[side] + 1) * marker / 2 * unit
        if all(left >= right0 or left + width <= left0 or abs(y - y0) >= height for left0, right0, y0 in shown):
            shown.append((left, left + width, y))
            chosen.add(org_id)
    return chosen


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, sector_colours: dict[str, str], lang: str,
                   left_out: int = 0, skipped_groups: int = 0, present: bool = False) -> Figure:
    """Edges as one grey line trace, nodes as one marker trace per sector (legend names the sectors),
    sized by the number of partners; node ``customdata[0]`` is the organisation id."""
    traces = []
    if not edges.empty:
        # The strongest links only: past a few thousand lines the eye sees a grey blot, not links.
        xs, ys = _edge_lines(nodes, edges.nlargest(MAX_EDGES_DRAWN, "weight", keep="first"))
        traces.append({"type": "scatter", "x": xs, "y": ys, "mode": "lines", "name": "links",
                       "line": {"width": 1, "color": "#adb5bd"}, "opacity": 0.8, "hoverinfo": "skip",
                       "showlegend": False})
    top_degree = max(int(nodes["degree"].max()), 1) if not nodes.empty else 1
    pad = 0.06
    x_range = [float(nodes["x"].min()) - pad, float(nodes["x"].max()) + pad] if not nodes.empty else [0, 1]
    y_range = [float(nodes["y"].min()) - pad, float(nodes["y"].max()) + pad] if not nodes.empty else [0, 1]
    marker_px = pd.Series(9 + 21 * np.sqrt(nodes["degree"].to_numpy(dtype=float) / top_degree), index=nodes.index)
    # The names shown: the plot's height sets the scale (the axes keep one) on a screen or a projector, names
    # centred above their points; a phone's chart is as wide as the graph, which its width sets the scale of, and
    # there a name stands to the inner side of a point near either edge.
    unit = (y_range[1] - y_range[0]) / (HEIGHT[present] - PLOT_PAD)
    labelled = _labelled(nodes, marker_px, LABEL_SIZE[present], unit, ["top center"] * len(nodes))
    phone_unit = max((x_range[1] - x_range[0]) / (NARROW_CHART_WIDTH - PLOT_PAD), unit)
    third = (x_range[1] - x_range[0]) / 3
    sides = pd.Series(np.select([nodes["x"] < x_range[0] + third, nodes["x"] > x_range[1] - third],
                                ["top right", "top left"], "top center"), index=nodes.index, dtype=object)
    narrow_labelled = _labelled(nodes, marker_px, LABEL_SIZE[present], phone_unit, sides)
    order = [s for s in sector_colours if s in set(nodes["sector"])]
    order += sorted(set(nodes["sector"]) - set(order))
    narrow_texts, narrow_sides = [], []
    for sector in order:
        rows = nodes[nodes["sector"] == sector]
        narrow_texts.append([_short(label) if org_id in narrow_labelled else ""
                             for org_id, label in zip(rows["org_id"], rows["label"], strict=True)])
        narrow_sides.append(sides[rows.index].to_numpy())
        traces.append({
            "type": "scatter", "x": rows["x"].to_numpy(), "y": rows["y"].to_numpy(), "mode": "markers+text",
            "name": _legend_name(rows["sector_label"].iloc[0]),
            "text": [_short(label) if org_id in labelled else ""
                     for org_id, label in zip(rows["org_id"], rows["label"], strict=True)],
            "textposition": "top center", "textfont": {"size": LABEL_SIZE[present], "color": "#343a40"},
            "marker": {"size": marker_px[rows.index].to_numpy(),
                       "color": sector_colours.get(sector, "#6c757d"), "line": {"width": 1, "color": "white"}},
            "customdata": point_data(rows["org_id"], rows["name"], rows["sector_label"], rows["degree"]),
            "hovertemplate": (f"<b>%{{customdata[1]}}</b><br>%{{customdata[2]}}<br>{t('network_partners', lang)}: "
                              "%{customdata[3]}<extra></extra>"),
            "cliponaxis": False,
        })
    notes = []
    if left_out:
        notes.append(t("network_left_out", lang, total=format_number(len(nodes) + left_out, lang),
                        shown=format_number(len(nodes), lang)))
    if skipped_groups:
        notes.append(t("network_skipped", lang, n=format_number(skipped_groups, lang)))
    annotations = [{"text": note, "x": 0, "y": 1.0 - 0.05 * i, "xref": "paper", "yref": "paper", "xanchor": "left",
                    "yanchor": "top", "showarrow": False, "font": {"size": font_size(present), "color": "#495057"},
                    "bgcolor": "rgba(255,255,255,0.8)"} for i, note in enumerate(notes)]
    if edges.empty and not nodes.empty:
        annotations.append({"text": f"{t('network_empty', lang)}<br>{t('network_widen', lang)}", "x": 0.5, "y": 0.5,
                            "xref": "paper", "yref": "paper", "showarrow": False,
                            "font": {"size": font_size(present) + 2, "color": "#495057"}})
    # hidden axes: nothing to measure for margins (automargin would still measure on every redraw)
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "automargin": False}
    layout = base_layout(
        lang, present, height=HEIGHT[present] if not nodes.empty else EMPTY_HEIGHT, plot_bgcolor="white",
        hovermode="closest", dragmode="pan", annotations=annotations,
        legend={"orientation": "h", "y": -0.01, "yanchor": "top", **({} if present else {"font": {"size": 12}})},
        xaxis={**hidden, "range": x_range}, yaxis={**hidden, "range": y_range, "scaleanchor": "x", "scaleratio": 1},
    )
    if nodes.empty:
        return figure(traces, no_data(layout, lang))
    # the links' trace first, if drawn, without names
    links = len(traces) - len(narrow_texts)
    narrow = narrow_traces(traces, text=[[]] * links + narrow_texts,
                           textposition=["top center"] * links + narrow_sides)
    return figure(traces, {**layout, "meta": {"narrow": {}, "narrow_traces": narrow}})
