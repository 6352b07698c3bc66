"""The timeline of the cluster since its launch: agreements, joinings, projects and milestones by date."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
from dash import html

from dashboard.data import derive
from dashboard.data.vocab import TIMELINE_GROUP
from dashboard.i18n import t
from dashboard.ui import components, ids
from dashboard.ui.figures.timeline import timeline_figure
from dashboard.ui.view import Output_, View

NAME = "timeline"
# Undated items listed by name below the chart; the rest are counted.
MAX_LISTED = 40
DATA_TABLE = (ids.data_table(ids.TIMELINE), "children")
OUTPUTS: tuple[Output_, ...] = (
    (ids.TIMELINE, "figure"),
    (ids.summary(ids.TIMELINE), "children"),
    (ids.TIMELINE_UNDATED, "children"),
    DATA_TABLE,
)
FOLDED = {DATA_TABLE: ids.details(ids.data_table(ids.TIMELINE))}


def layout(view: View) -> html.Section:
    lang = view.lang
    return components.section(
        NAME, t("timeline", lang),
        components.chart(ids.TIMELINE, NAME, lang),
        html.P(t("timeline_legend", lang), className="small text-muted"),
        # a printout cannot be hovered
        html.P(t("timeline_hover", lang), className="small text-muted d-print-none"),
        html.Div(id=ids.TIMELINE_UNDATED, className="small"))


def values(view: View, unfolded: Collection[Output_]) -> dict:
    lang = view.lang
    shown = {
        (ids.TIMELINE, "figure"): timeline_figure(view.timeline, lang, view.state.present),
        (ids.summary(ids.TIMELINE), "children"): derive.timeline_summary(view.timeline, lang),
        (ids.TIMELINE_UNDATED, "children"): _undated(view, lang),
    }
    if DATA_TABLE in unfolded:
        dated = view.timeline[view.timeline["date"].notna()]
        shown[DATA_TABLE] = components.data_table(
            [t("col_date", lang), t("col_group", lang), t("col_title", lang)],
            [[r.date_label, TIMELINE_GROUP[r.group].label(lang), r.title]
             for r in dated.head(components.MAX_DATA_ROWS).itertuples()], lang, total=len(dated))
    return shown


def _undated(view: View, lang: str) -> list:
    items = view.timeline
    undated = np.flatnonzero(items["date"].isna().to_numpy())
    if not len(undated):
        return []
    listed = [f"{label}: {title}" for label, title in zip(items["date_label"].to_numpy()[undated[:MAX_LISTED]],
                                                          items["title"].to_numpy()[undated[:MAX_LISTED]], strict=True)]
    if len(undated) > MAX_LISTED:
        listed.append(t("and_more", lang, n=len(undated) - MAX_LISTED))
    return [html.H3(t("timeline_undated", lang), className="h6 mt-2"), components.text_list(listed)]
