"""Membership growth: the participants named in sources by sector, and the counts reported officially."""

from __future__ import annotations

from collections.abc import Collection

from dash import html

from dashboard.data import derive
from dashboard.i18n import t
from dashboard.ui import components, ids
from dashboard.ui.figures.growth import growth_figure
from dashboard.ui.view import Output_, View

NAME = "growth"
DATA_TABLE = (ids.data_table(ids.GROWTH), "children")
OUTPUTS: tuple[Output_, ...] = ((ids.GROWTH, "figure"), (ids.summary(ids.GROWTH), "children"), DATA_TABLE)
FOLDED = {DATA_TABLE: ids.details(ids.data_table(ids.GROWTH))}


def layout(view: View) -> html.Section:
    lang = view.lang
    return components.section(
        NAME, t("growth", lang),
        components.chart(ids.GROWTH, NAME, lang),
        html.P(t("growth_note", lang), className="small text-muted"))


def values(view: View, unfolded: Collection[Output_]) -> dict:
    lang, series, reported = view.lang, view.series, view.reported
    shown = {
        (ids.GROWTH, "figure"): growth_figure(series, reported, view.sector_labels, view.colours, lang,
                                              view.state.present, view.state.filters_organisations),
        (ids.summary(ids.GROWTH), "children"): derive.growth_summary(series, reported, lang,
                                                                     view.state.filters_organisations),
    }
    if DATA_TABLE in unfolded:
        final = series.groupby("sector")["count"].last() if len(series) else {}
        shown[DATA_TABLE] = components.data_table(
            [t("col_sector", lang), t("col_count", lang)],
            [[view.sector_labels[s], n] for s, n in dict(final).items()]
            + [[f"{t('growth_reported', lang)} ({r.date_label}, {r.source_name}: {r.wording})", r.label]
               for r in reported.itertuples()],
            lang, numeric=(1,))
    return shown
