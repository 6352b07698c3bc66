"""The key figures above the charts: named participants, reported participants, agreements, projects and
investment, each with a caption saying what it counts."""

from __future__ import annotations

from collections.abc import Collection

import dash_bootstrap_components as dbc
from dash import html

from dashboard.data import derive
from dashboard.i18n import t
from dashboard.ui import ids
from dashboard.ui.view import Output_, View

OUTPUTS: tuple[Output_, ...] = (*((kpi, "children") for kpi in ids.KPIS),
                                *((ids.caption(kpi), "children") for kpi in ids.KPIS))


def _kpi(kpi_id: str, lang: str) -> dbc.Col:
    return dbc.Col(dbc.Card(dbc.CardBody([
        html.Div(t(kpi_id.replace("-", "_"), lang), className="kpi-label"),
        html.Div(id=kpi_id, className="kpi-value"),
        html.Div(id=ids.caption(kpi_id), className="kpi-caption"),
    ]), className="kpi h-100"), xs=6, md=4, xl=True, className="mb-3")


def layout(view: View) -> dbc.Row:
    return dbc.Row([_kpi(kpi, view.lang) for kpi in ids.KPIS], className="g-3 mt-1")


def values(view: View, unfolded: Collection[Output_]) -> dict:
    shown = {}
    for kpi, (value, caption) in derive.kpis(view.data, view.filtered, view.lang).items():
        shown[(kpi, "children")] = value
        shown[(ids.caption(kpi), "children")] = caption
    return shown
