"""Named participants per sector as horizontal bars."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from dashboard.i18n import t
from dashboard.ui.figures.base import (
    Figure,
    base_layout,
    count_ticks,
    figure,
    label_margin,
    narrow_categories,
    no_data,
    wrap_label,
)

# Position of a bar's sector in its customdata, read by the click that filters by it.
SECTOR_ID = 0


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
    rows, row_px = max(len(sector_colours), 1), 60 if present else 40
    height = (90 if present else 60) + row_px * rows
    every_label = [*axis_labels, *labels]
    layout = base_layout(
        lang, present, height=height, margin={"t": 10, "r": 10, "b": 10, **label_margin(every_label, present)},
        xaxis={"title": {"text": t("count_axis", lang)}, **count_ticks(max([*values.tolist(), 1])),
               "rangemode": "tozero"},
        yaxis={"automargin": True},
    )
    if counts.empty:
        return figure([bars], no_data(layout, lang))
    return figure([bars], {**layout, "meta": {"narrow": narrow_categories(every_label, present, height, rows, row_px)}})
