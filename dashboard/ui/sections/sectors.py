"""Named participants per sector; a click on a bar filters every view by that sector."""

from __future__ import annotations

from collections.abc import Collection

from dash import html

from dashboard.data import derive
from dashboard.i18n import t
from dashboard.ui import components, ids
from dashboard.ui.figures.sectors import sectors_figure
from dashboard.ui.view import Output_, View

NAME = "sectors"
DATA_TABLE = (ids.data_table(ids.SECTORS), "children")
OUTPUTS: tuple[Output_, ...] = ((ids.SECTORS, "figure"), (ids.summary(ids.SECTORS), "children"), DATA_TABLE)
FOLDED = {DATA_TABLE: ids.details(ids.data_table(ids.SECTORS))}


def layout(view: View) -> html.Section:
    lang = view.lang
    return components.section(
        NAME, t("sectors", lang),
        components.chart(ids.SECTORS, NAME, lang),
        html.P(t("sectors_hint", lang), className="small text-muted"))


def values(view: View, unfolded: Collection[Output_]) -> dict:
    lang = view.lang
    shown = {
        (ids.SECTORS, "figure"): sectors_figure(view.sectors, view.colours, lang, view.state.present,
                                                view.sector_labels.values()),
        (ids.summary(ids.SECTORS), "children"): derive.sectors_summary(view.sectors, lang),
    }
    if DATA_TABLE in unfolded:
        shown[DATA_TABLE] = components.data_table(
            [t("col_sector", lang), t("col_count", lang)], [[r.label, r.count] for r in view.sectors.itertuples()],
            lang, numeric=(1,))
    return shown
