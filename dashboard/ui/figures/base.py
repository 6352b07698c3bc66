"""The figures' shared look and plumbing: the house template, fonts, config, label wrapping and margins."""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from dashboard.i18n import t

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Plotly's "separators": decimal mark then thousands mark.
SEPARATORS = {"ru": ", ", "en": ".,"}
DATE_TICKS = {"ru": "%m.%Y", "en": "%b %Y"}
# Marks traces that do not depend on the filters (the outline), which a filter change leaves alone.
STATIC = "static"
# Category labels (sector names) wrap onto lines of about this many characters: on one line, the longest
# took half a chart's width from its bars.
LABEL_LINE = 32
# Width of a character of the chart font, in font sizes, as measured for the long Cyrillic sector names.
CHAR_EM = 0.62
LINE_EM = 1.3  # the height of a line of a wrapped label, in font sizes
# A phone's chart (a 360 px screen less the page's and the card's padding), which the layouts figures declare for
# one (layout.meta.narrow, applied by assets/narrow_charts.js) are made for.
NARROW_CHART_WIDTH = 312
# On a phone's chart category labels stand on shorter lines, which leave the bars half
# of a 360 px screen's chart, and legend entries on lines that fit its width.
NARROW_LABEL_LINE = 18
NARROW_LEGEND_LINE = 30
# The look of plotly's "plotly_white" for the 2-D scatter and bar charts drawn here. The whole template (7 kB,
# mostly for trace types never drawn) would travel and be copied with every figure.
# Tick labels as they come ("allow"): margins keep every label of these charts inside (none was ever hidden, at any
# screen size), yet to hide one that would overflow plotly.js measured each label on every drawing, a quarter of
# the timeline's redraw after a filter change.
_AXIS = {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8", "zerolinewidth": 2, "ticks": "",
         "automargin": True, "title": {"standoff": 15}, "ticklabeloverflow": "allow"}

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
    return 24 if present else 13


@functools.lru_cache(maxsize=1024)
def wrap_label(label: str, line: int = LABEL_LINE) -> str:
    """A category label (a sector's name) on lines of about ``line`` characters."""
    return "<br>".join(textwrap.wrap(label, line)) or label


def label_margin(labels: Iterable[str], present: bool, line: int = LABEL_LINE) -> dict[str, int]:
    """A left margin for every one of ``labels`` wrapped (all the axis can show, so that it stays the same
    whatever the filters: a new margin makes plotly.js lay the chart out twice); the axis's automargin still
    widens it should a font run wider."""
    longest = max((len(part) for label in set(labels) for part in wrap_label(label, line).split("<br>")), default=0)
    return {"l": round(longest * CHAR_EM * font_size(present)) + 10}


def tick_margin(present: bool) -> int:
    """A bottom margin for an axis's one line of tick labels (what plotly.js's automargin would make it)."""
    return round(LINE_EM * font_size(present)) + 10


def narrow_categories(labels: Iterable[str], present: bool, height: int, rows: int, row_px: int) -> dict:
    """The relayout of a horizontal bar chart ``height`` px high, with ``rows`` rows of ``row_px``, for a phone: its
    category labels (drawn wrapped by :func:`wrap_label`) on shorter lines, a left margin to match, and rows as
    high as the most lines a label takes there."""
    labels = list(dict.fromkeys(labels))
    short = [wrap_label(label, NARROW_LABEL_LINE) for label in labels]
    lines = max((text.count("<br>") + 1 for text in short), default=1)
    taller = max(round(lines * LINE_EM * font_size(present)) + 12 - row_px, 0)
    return {"yaxis.tickmode": "array", "yaxis.tickvals": [wrap_label(label) for label in labels],
            "yaxis.ticktext": short, "margin.l": label_margin(labels, present, NARROW_LABEL_LINE)["l"],
            "height": height + taller * rows}


def narrow_traces(traces: list[dict], **changes: list) -> dict[str, dict]:
    """What each of ``traces`` shows otherwise on a phone (layout.meta.narrow_traces, by trace index, applied by
    assets/narrow_charts.js): its legend entry on lines a phone's chart has room for, and ``changes``, one value
    per trace."""
    return {str(i): {"name": wrap_label(trace.get("name", ""), NARROW_LEGEND_LINE),
                     **{key: values[i] for key, values in changes.items()}} for i, trace in enumerate(traces)}


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
        "hoverlabel": {"align": "left", "font": {"size": font_size(present)}},
        **kwargs,
    }


def hover_source(url: str) -> str:
    return url if len(url) <= 70 else url[:67] + "…"


NOTE_LINE = 36  # characters per line of a chart's empty-state note


def note_lines(text: str) -> list[str]:
    """A note on short lines, so that it fits a phone-wide chart (plotly.js does not wrap annotation text)."""
    return textwrap.wrap(text, NOTE_LINE)


def no_data(layout: dict, lang: str) -> dict:
    """``layout`` for a chart with nothing to draw: its axes hidden (plotly.js would invent a range of its own,
    such as dates of the year 2000) and a note in their place saying that nothing matches and how to widen it."""
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    note = {"text": "<br>".join(note_lines(t("empty_chart", lang))), "showarrow": False,
            "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
            "font": {"size": layout.get("font", {}).get("size", 13) + 2, "color": "#495057"}}
    axes = {key: {**value, **hidden} for key, value in layout.items() if key.startswith(("xaxis", "yaxis"))}
    # no axis labels to make room for: the note is centred on the whole chart
    margin = {**layout.get("margin", {}), "l": 10, "r": 10}
    return {**layout, "margin": margin, "xaxis": {**layout.get("xaxis", {}), **hidden},
            "yaxis": {**layout.get("yaxis", {}), **hidden}, **axes, "annotations": [note]}
