"""What every printed page says about itself: the cluster, the data date, and the filters and as-of date in
effect. Print only (assets/style.css repeats it at the top of every page); the screen shows all of it elsewhere."""

from __future__ import annotations

from collections.abc import Collection

from dash import html

from dashboard.exports.naming import active_filters_text, as_of_text
from dashboard.i18n import t
from dashboard.ui import ids
from dashboard.ui.view import Output_, View

OUTPUTS: tuple[Output_, ...] = ((ids.PRINT_FILTERS, "children"),)


def layout(view: View) -> html.Div:
    meta, lang = view.data.meta, view.lang
    return html.Div([
        html.Strong(meta.name(lang)), " · ", as_of_text(view.data, lang),
        html.Div(id=ids.PRINT_FILTERS),
    ], className="print-header print-only", **{"aria-hidden": "true"})


def values(view: View, unfolded: Collection[Output_]) -> dict:
    filters = active_filters_text(view.data, view.state)
    return {(ids.PRINT_FILTERS, "children"): t("print_filters", view.lang, filters=filters)}
