"""The timeline: dated items on a date axis, one row per group, symbols for date precision."""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from dashboard.data.vocab import DATE_PRECISION, TIMELINE_GROUP
from dashboard.i18n import format_date, t
from dashboard.ui.figures.base import (
    DATE_TICKS,
    Figure,
    base_layout,
    figure,
    hover_source,
    iso_dates,
    point_data,
)

# Position of a marker's organisation ids in its customdata, read by the click that selects them.
TIMELINE_ORG_IDS = 3
# Beyond this many items a timeline row is bundled per month; a bundle lists this many titles.
MAX_TIMELINE_MARKERS = 300
MAX_TITLES_IN_HOVER = 2
PRECISION_SYMBOLS = {code: term.symbol for code, term in DATE_PRECISION.items()}
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
            "customdata": point_data(rows["title"], rows["date_label"], [hover_source(url) for url in rows["source"]],
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
