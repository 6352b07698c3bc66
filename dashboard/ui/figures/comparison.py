"""The period comparison: named participants per sector at two dates as grouped bars."""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.data.comparison import Comparison, day_label
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


def comparison_figure(comparison: Comparison, sector_colours: dict[str, str], lang: str,
                      axis_labels: Iterable[str] = (), present: bool = False) -> Figure:
    """Named participants per sector as grouped horizontal bars: pale at date A, solid at date B; labels as
    wide as ``axis_labels`` (every sector's) need (see figures.sectors_figure)."""
    counts = comparison.sector_counts
    colours = [sector_colours.get(sector, "#6c757d") for sector in counts["sector"]]
    traces = []
    for which, column, day, opacity in (("date_a", "at_a", comparison.date_a, 0.45),
                                        ("date_b", "at_b", comparison.date_b, 1.0)):
        name = t("compare_bar_name", lang, which=t(f"compare_{which}", lang), date=day_label(day, lang))
        traces.append({
            "type": "bar", "x": list(counts[column]), "y": [wrap_label(label) for label in counts["label"]],
            "orientation": "h", "name": name,
            # Opacity, not a hatch pattern: plotly.js cannot derive a pattern's colours from per-bar colours.
            "marker": {"color": colours, "opacity": opacity, "line": {"width": 1, "color": colours}},
            "text": list(counts[column]), "textposition": "outside", "cliponaxis": False,
            "hovertemplate": f"<b>%{{y}}</b><br>{name}: %{{x}}<extra></extra>",
        })
    top = max([*counts["at_a"], *counts["at_b"], 1])
    # as high as all the package's sectors need, whatever the filters show (see figures.sectors_figure)
    rows, row_px = max(len(sector_colours), 1), 84 if present else 56
    height = (200 if present else 150) + row_px * rows
    every_label = [*axis_labels, *counts["label"]]
    layout = base_layout(
        lang, present, height=height, barmode="group", bargap=0.25, bargroupgap=0.05,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        margin={"r": 30, "t": 60 if present else 40, "b": 10, **label_margin(every_label, present)},
        xaxis={"title": {"text": t("count_axis", lang)}, **count_ticks(top), "range": [0, top * 1.15 + 0.5],
               "rangemode": "tozero", "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
    )
    if counts.empty:
        # the comparison's own dates set its period: the way to widen it is other dates
        layout = no_data(layout, lang)
        text = f"{t('compare_no_participants', lang)}<br>{t('compare_widen', lang)}"
        layout["annotations"] = [{**layout["annotations"][0], "text": text}]
    else:
        layout["meta"] = {"narrow": narrow_categories(every_label, present, height, rows, row_px)}
    return figure(traces, layout)
