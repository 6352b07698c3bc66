"""The timeline: dated items on a date axis, one row per group, symbols for date precision, the key milestones
labelled in a band above the rows, and the number of items that share a date beside their mark."""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from dashboard.data.derive import timeline_label_places
from dashboard.data.vocab import DATE_PRECISION, TIMELINE_GROUP
from dashboard.i18n import format_date, t
from dashboard.ui.figures.base import (
    CHAR_EM,
    DATE_TICKS,
    NARROW_CHART_WIDTH,
    Figure,
    base_layout,
    figure,
    font_size,
    hover_source,
    iso_dates,
    label_margin,
    narrow_traces,
    no_data,
    point_data,
    tick_margin,
)

# Position of a marker's organisation ids in its customdata, read by the click that selects them.
TIMELINE_ORG_IDS = 3
# Beyond this many items a timeline row is bundled per month; a bundle lists this many titles.
MAX_TIMELINE_MARKERS = 300
MAX_TITLES_IN_HOVER = 2
# The items of one date are one mark, whose hover names up to this many of them (the data table lists all),
# and the distinct sources of up to this many.
MAX_TITLES_ON_A_DATE = 25
MAX_SOURCES_ON_A_DATE = 3
PRECISION_SYMBOLS = {code: term.symbol for code, term in DATE_PRECISION.items()}
# What a timeline marker needs of its item; the marker of a month bundle also has a "count".
TIMELINE_FIELDS = ("date", "precision", "title", "date_label", "source", "org_ids")
# Milestone labels are placed so that none overlaps another on a plot area at least this wide (a laptop's;
# wider screens only spread them further), in lines this many font sizes apart.
LABEL_PLOT_WIDTH = {False: 640, True: 1100}
# The labels of the narrow layout (assets/narrow_charts.js) are placed for a phone's chart, and may run over the
# rows' names on its left.
NARROW_RIGHT = 30  # the right margin plotly.js keeps for the last date's tick label
SHIFT_MARGIN_PX = 12  # what a label's estimated width may fall short by
LABEL_LINE = 1.6
# The band of labels the chart keeps room for whatever the filters (the bundled package needs 7 lines in
# English): a filter that drops a label gives its room to the rows, the chart's height stays.
LABEL_LINES_KEPT = 7
LABEL_COLOUR = "#212529"
LEADER = {"color": "#868e96", "width": 1, "dash": "dot"}
# The date axis reaches this share of the items' span beyond the first and the last (at least a month), so
# that a label's place, worked out here, is where plotly.js draws it.
DATE_PADDING = 0.03


@functools.lru_cache(maxsize=4096)
def _month_label(month: int, lang: str) -> str:
    """A month (counted from January 1970) as the timeline names it: every redraw names the same few hundred."""
    return format_date(dt.date(1970 + month // 12, month % 12 + 1, 1), "month", lang)


def _runs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal ``keys`` starts, and how long it is."""
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return starts, np.diff(np.r_[starts, len(keys)])


def _listed(texts: np.ndarray, starts: np.ndarray, count: np.ndarray, most: int, lang: str) -> np.ndarray:
    """The first ``most`` of each run of ``texts``, one a line, with how many more there are."""
    shown = texts[starts].astype(object)
    for k in range(1, most):
        more = count > k
        shown[more] += "<br>" + texts[starts[more] + k]
    and_more = {n: "<br>" + t("and_more", lang, n=n - most) for n in set(count.tolist()) if n > most}
    return shown + np.array([and_more.get(n, "") for n in count.tolist()], dtype=object)


def _monthly(columns: dict[str, np.ndarray], rows: np.ndarray, lang: str) -> dict[str, object]:
    """The items at ``rows`` of one timeline row bundled per month: what the eye cannot separate is sent as
    one marker. ``rows`` are in date order, so each month is one run of them."""
    months = columns["date"][rows].astype("datetime64[M]")
    starts, count = _runs(months)
    months = months[starts]
    return {
        "date": pd.DatetimeIndex(months), "precision": ["month"] * len(starts),
        "title": _listed(columns["title"][rows], starts, count, MAX_TITLES_IN_HOVER, lang),
        "date_label": [f"{_month_label(month, lang)} · {n}"
                       for month, n in zip(months.astype(np.int64).tolist(), count.tolist(), strict=True)],
        # A month of a crowded row is too broad to focus on, or to credit to one source: its hover lists what
        # it holds, the tables and exports give every source.
        "source": [""] * len(starts),
        "org_ids": [()] * len(starts),
        "count": count,
    }


def _by_date(columns: dict[str, np.ndarray], rows: np.ndarray, lang: str) -> dict[str, object]:
    """The items at ``rows`` of one timeline row, one marker per date and date precision: the marker of several
    names them all (up to :data:`MAX_TITLES_ON_A_DATE`), their sources and every organisation they involve."""
    dates = columns["date"][rows].astype("datetime64[D]")
    rows = rows[np.lexsort((columns["precision"][rows], dates))]
    keys = np.char.add(np.datetime_as_string(columns["date"][rows].astype("datetime64[D]")),
                       columns["precision"][rows].astype(str))
    starts, count = _runs(keys)
    first = rows[starts]
    ends = np.r_[starts[1:], len(rows)]
    sources = [list(dict.fromkeys(hover_source(url) for url in columns["source"][rows[a:b]] if url))
               for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    return {
        "date": columns["date"][first], "precision": columns["precision"][first],
        "title": _listed(columns["title"][rows], starts, count, MAX_TITLES_ON_A_DATE, lang),
        "date_label": [label if n == 1 else f"{label} · {n}"
                       for label, n in zip(columns["date_label"][first].tolist(), count.tolist(), strict=True)],
        "source": ["<br>".join(urls[:MAX_SOURCES_ON_A_DATE]) + (
            "<br>" + t("and_more", lang, n=len(urls) - MAX_SOURCES_ON_A_DATE) if len(urls) > MAX_SOURCES_ON_A_DATE
            else "") for urls in sources],
        "org_ids": [tuple(dict.fromkeys(org for ids in columns["org_ids"][rows[a:b]] for org in ids))
                    for a, b in zip(starts.tolist(), ends.tolist(), strict=True)],
        "count": count,
    }


def _date_range(dates: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    first, last = dates.min(), dates.max()
    padding = max((last - first) * DATE_PADDING, pd.Timedelta(days=31))
    return first - padding, last + padding


def _label_size(present: bool) -> int:
    return 24 if present else 12


def _band_height(lines: int, present: bool) -> int:
    return lines * round(LABEL_LINE * _label_size(present)) + 8


def _shift_into(point: float, width: float, ends_at_point: bool, band: int) -> int:
    """Pixels to move a label by so that it stays within ``band`` (with a margin for the estimate of its width):
    right if it starts before the band, left if it ends after it."""
    start = point - width if ends_at_point else point
    overflow_left, overflow_right = -start, start + width - 1
    margin = SHIFT_MARGIN_PX / band
    if overflow_left > -margin:
        return round((overflow_left + margin) * band)
    if overflow_right > -margin:
        return -round((overflow_right + margin) * band)
    return 0


def _milestones(items: pd.DataFrame, rows: list[str], span: tuple[pd.Timestamp, pd.Timestamp], lang: str,
                present: bool, plot_width: int, left: int = 0) -> tuple[list[dict], list[dict], int]:
    """The labels of the key milestones in a band above the rows, as annotations, with dotted leaders down to
    their points as shapes; and the band's height in pixels. None overlaps another on a plot ``plot_width`` px
    wide or wider, with ``left`` px on its left (the rows' names) a label may run into."""
    labelled = items[items["date"].notna() & items["label"].fillna("").astype(bool)]
    if labelled.empty:
        return [], [], 0
    size = _label_size(present)
    first, last = span
    band = left + plot_width
    positions = ((left + (labelled["date"] - first) / (last - first) * plot_width) / band).tolist()
    widths = [(len(label) * CHAR_EM * size + 6) / band for label in labelled["label"]]
    places = timeline_label_places(positions, widths, gap=8 / band)
    lines = max(place.line for place in places) + 1
    line_height = round(LABEL_LINE * size)
    annotations, shapes = [], []
    for label, group, x, place, point, width in zip(labelled["label"], labelled["group"], iso_dates(labelled["date"]),
                                                    places, positions, widths, strict=True):
        # the label's baseline rises one line per line below the top of the band
        above = (lines - 1 - place.line) * line_height + 4
        row = rows.index(TIMELINE_GROUP[group].label(lang))
        annotations.append({
            "text": label, "x": x, "xref": "x", "y": 1, "yref": "paper", "yshift": above, "showarrow": False,
            "xanchor": "right" if place.ends_at_point else "left", "yanchor": "bottom",
            "font": {"size": size, "color": LABEL_COLOUR},
            # a label too wide for either side of its point is moved in by what it would run past the chart
            **({"xshift": shift} if (shift := _shift_into(point, width, place.ends_at_point, band)) else {}),
        })
        # the leader: from the point to the top of the plot, then on to the label
        shapes += [
            {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": (row + 0.5) / len(rows), "y1": 1,
             "line": LEADER, "layer": "below"},
            {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "ysizemode": "pixel", "yanchor": 1,
             "y0": 0, "y1": above, "line": LEADER, "layer": "below"},
        ]
    return annotations, shapes, _band_height(lines, present)


def _count_places(trace: dict, span: tuple[pd.Timestamp, pd.Timestamp], plot_width: int, present: bool
                  ) -> np.ndarray | str:
    """Where the counts of a row's marks stand on a plot ``plot_width`` px wide: right of a mark, or above it
    where the row's next mark follows too close for it ("×5" and "×2" would read "×52")."""
    if "text" not in trace:
        return "middle right"  # a bundled row's marks have no counts
    at = (np.asarray(trace["x"], dtype="datetime64[ns]") - span[0].to_datetime64()) / (span[1] - span[0]) * plot_width
    room = np.diff(np.asarray(at, dtype=float), append=np.inf)
    needed = np.char.str_len(trace["text"].astype(str)) * CHAR_EM * font_size(present) + trace["marker"]["size"]
    return np.where(room < needed, "top center", "middle right")


def timeline_figure(items: pd.DataFrame, lang: str, present: bool = False) -> Figure:
    """Dated items as markers on a date axis, one row per timeline group; symbol shows date precision.

    Items of one row on one date are one marker with their number beside it. A row with more items than a
    screen can show is drawn as one marker per month, sized by its count. The items with a short ``label``
    (the key milestones) are named above the rows.
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
        rows = (_monthly if bundled else _by_date)(columns, chosen, lang)
        term = TIMELINE_GROUP[group]
        traces.append({
            "type": "scatter", "x": iso_dates(rows["date"]), "y": np.full(len(rows["date"]), term.label(lang)),
            "mode": "markers" if bundled else "markers+text", "name": term.label(lang),
            "marker": {"size": base_size + 3 * np.log2(rows["count"]) if bundled else base_size, "color": term.colour,
                       "symbol": np.array([PRECISION_SYMBOLS[p] for p in rows["precision"]]),
                       "line": {"width": 2, "color": term.colour}},
            **({} if bundled else {"text": np.array([f"×{n}" if n > 1 else "" for n in rows["count"].tolist()]),
                                   "textposition": "middle right", "cliponaxis": False}),
            "customdata": point_data(rows["title"], rows["date_label"], rows["source"],
                                     [" ".join(ids) for ids in rows["org_ids"]]),
            "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[0]}" + (
                "" if bundled else f"<br>{t('source', lang)}: %{{customdata[2]}}") + "<extra></extra>",
        })
    # Every group keeps its row, empty or not: the chart keeps its size whatever the filters, so a filter
    # change redraws it once (a new height makes plotly.js resize and draw it all again).
    labels = [term.label(lang) for term in reversed(TIMELINE_GROUP.values())]
    height = (160 if present else 120) + (75 if present else 55) * len(labels) + _band_height(LABEL_LINES_KEPT, present)
    # Margins that hold the rows' names (with room for half of a mark on the first date) and the dates below
    # from the start: margins the axes push wider make plotly.js lay the chart out twice whenever it is drawn anew.
    names = label_margin(labels, present)["l"] + base_size // 2
    layout = base_layout(
        lang, present, height=height, showlegend=False,
        margin={"l": names, "r": 10, "t": 10, "b": tick_margin(present)},
        xaxis={"type": "date", "tickformat": DATE_TICKS[lang], "showgrid": True},
        yaxis={"categoryarray": labels, "categoryorder": "array", "range": [-0.5, len(labels) - 0.5],
               "automargin": True},
    )
    if not traces:
        return figure(traces, no_data(layout, lang))
    span = _date_range(items["date"])
    layout["xaxis"]["range"] = list(iso_dates(list(span)))
    kept = _band_height(LABEL_LINES_KEPT, present)
    annotations, shapes, band = _milestones(items, labels, span, lang, present, LABEL_PLOT_WIDTH[present])
    # on a phone the labels stand on more lines, and counts above marks that crowd: a layout of their own, which
    # the browser applies there, the rows' margin fixed there (no automargin), so that the labels' places hold
    narrow_width = NARROW_CHART_WIDTH - names - NARROW_RIGHT
    narrow_annotations, narrow_shapes, narrow_band = _milestones(items, labels, span, lang, present, narrow_width,
                                                                 names)
    narrow = {"annotations": narrow_annotations, "shapes": narrow_shapes, "margin.t": 10 + narrow_band,
              "yaxis.automargin": False, "height": height + max(narrow_band - kept, 0)}
    places = [_count_places(trace, span, narrow_width, present) for trace in traces]
    return figure(traces, {**layout, "height": height + max(band - kept, 0), "annotations": annotations,
                           "shapes": shapes, "margin": {**layout["margin"], "t": 10 + band},
                           "meta": {"narrow": narrow, "narrow_traces": narrow_traces(traces, textposition=places)}})
