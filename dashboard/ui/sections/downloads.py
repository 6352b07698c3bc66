"""Downloads of the current view: its tables for Excel (XLSX, CSV), a PowerPoint deck, and every chart as a
PNG or SVG picture named after the cluster, the chart and the filters."""

from __future__ import annotations

import json
from collections.abc import Collection
from string import Template

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.exports import naming, slides, spreadsheets, tables
from dashboard.i18n import t
from dashboard.ui import events, ids
from dashboard.ui.view import Output_, View, current_data, state_from_query

OUTPUTS: tuple[Output_, ...] = ((ids.CHART_NAMES, "data"),)

DOWNLOAD_CHART_JS = Template("""
function(clicks, names) {
    const trigger = (window.dash_clientside.callback_context.triggered[0] || {});
    if (!trigger.value) {
        return window.dash_clientside.no_update;
    }
    const id = JSON.parse(trigger.prop_id.split(".")[0]);
    const graph = document.querySelector("#" + CSS.escape(id[$chart]) + " .js-plotly-plot");
    if (graph && window.Plotly) {
        window.Plotly.downloadImage(graph, {
            format: id[$format],
            filename: (names || {})[id[$chart]] || id[$chart],
            width: graph._fullLayout.width,
            height: graph._fullLayout.height,
            scale: id[$format] === "png" ? 3 : 1,
        });
    }
    return id[$chart] + "." + id[$format];
}
""").substitute(chart=json.dumps(ids.CHART_EXPORT_CHART), format=json.dumps(ids.CHART_EXPORT_FORMAT))


def layout(view: View) -> dbc.Card:
    """The current view's data and a presentation of it, for Excel and PowerPoint."""
    lang = view.lang
    return dbc.Card(dbc.CardBody([
        html.H2(t("downloads", lang), className="h5"),
        html.Div([
            html.Button(t("download_xlsx", lang), id=ids.DOWNLOAD_XLSX, className="btn btn-outline-primary btn-sm"),
            dbc.DropdownMenu([dbc.DropdownMenuItem(tables.table_title(table, lang), id=ids.download_csv(table))
                              for table in tables.TABLES], label=t("download_csv", lang), size="sm",
                             color="outline-primary", className="d-inline-block"),
            html.Button(t("download_pptx", lang), id=ids.DOWNLOAD_PPTX, className="btn btn-outline-primary btn-sm"),
        ], className="d-flex flex-wrap gap-2"),
        dcc.Loading(dcc.Download(id=ids.DOWNLOAD), type="dot"),
    ]), className="mt-3 downloads")


def values(view: View, unfolded: Collection[Output_]) -> dict:
    """Each chart's picture file name for the filters shown."""
    return {(ids.CHART_NAMES, "data"): {
        chart: naming.export_filename(view.data, view.state, chart, "png").removesuffix(".png")
        for chart in ids.EXPORTABLE_CHARTS}}


def register_callbacks(app: dash.Dash) -> None:
    app.clientside_callback(
        DOWNLOAD_CHART_JS,
        Output(ids.CHART_EXPORT_DONE, "children"),
        Input(ids.chart_export(ALL, ALL), "n_clicks"),
        State(ids.CHART_NAMES, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.DOWNLOAD_XLSX, "n_clicks"),
        Input(ids.DOWNLOAD_PPTX, "n_clicks"),
        Input(ids.download_csv(ALL), "n_clicks"),
        State(ids.URL_QUERY, "data"),
        prevent_initial_call=True,
    )
    def download(_xlsx, _pptx, _csv, query) -> dict:
        if not events.clicked():
            raise PreventUpdate
        data = current_data()
        state = state_from_query(data, query)
        trigger = ctx.triggered_id
        if trigger == ids.DOWNLOAD_XLSX:
            content = spreadsheets.to_xlsx(data, state)
            name = naming.export_filename(data, state, "tables", "xlsx")
        elif trigger == ids.DOWNLOAD_PPTX:
            content = slides.to_pptx(data, state)
            name = naming.export_filename(data, state, "presentation", "pptx")
        elif isinstance(trigger, dict) and trigger.get(ids.DOWNLOAD_CSV_TABLE) in tables.TABLES:
            table = trigger[ids.DOWNLOAD_CSV_TABLE]
            content = spreadsheets.to_csv(data, state, table)
            name = naming.export_filename(data, state, table, "csv")
        else:
            raise PreventUpdate
        return dcc.send_bytes(content, name)
