"""Membership growth: named participants stacked by sector, reported counts as separate markers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.i18n import t
from dashboard.ui.figures.base import (
    DATE_TICKS,
    Figure,
    base_layout,
    count_ticks,
    figure,
    hover_source,
    iso_dates,
    point_data,
)


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
            "customdata": point_data(reported["date_label"], [hover_source(url) for url in reported["source"]]),
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
