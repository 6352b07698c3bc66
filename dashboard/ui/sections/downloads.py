"""Downloads of the current view: its tables to compute with (XLSX; CSV, one table or all of them with a text file
about them in a ZIP), a PowerPoint deck, and every chart as a PNG or SVG picture that says what it shows (its title,
the filters, the data date and the sources), each named after the cluster, what it holds and the filters, in the
language of the page."""

from __future__ import annotations

import json
from collections.abc import Collection
from string import Template

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.exports import naming, spreadsheets, tables
from dashboard.i18n import t
from dashboard.ui import events, ids
from dashboard.ui.view import Output_, View, current_data, state_from_query

OUTPUTS: tuple[Output_, ...] = ((ids.CHART_NAMES, "data"),)

# A picture button's click: the chart saved with the texts of naming.picture_texts (assets/toolbar_camera.js).
DOWNLOAD_CHART_JS = Template("""
function(clicks, pictures) {
    const trigger = (window.dash_clientside.callback_context.triggered[0] || {});
    if (!trigger.value || !pictures) {
        return window.dash_clientside.no_update;
    }
    const id = JSON.parse(trigger.prop_id.split(".")[0]);
    const graph = window.Plotly && window.dashboardCharts.drawn(id[$chart]);  // assets/plotly-visible.js
    if (graph) {
        window.dashboardPictures.save(graph, id[$format], pictures.names[id[$chart]], pictures);
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
            dbc.DropdownMenu([*(dbc.DropdownMenuItem(tables.table_title(table, lang), id=ids.download_csv(table))
                                for table in tables.TABLES),
                              dbc.DropdownMenuItem(divider=True),
                              dbc.DropdownMenuItem(t("download_csv_zip", lang), id=ids.DOWNLOAD_CSV_ZIP)],
                             label=t("download_csv", lang), size="sm",
                             color="outline-primary", className="d-inline-block"),
            html.Button(t("download_pptx", lang), id=ids.DOWNLOAD_PPTX, className="btn btn-outline-primary btn-sm"),
        ], className="d-flex flex-wrap gap-2"),
        dcc.Loading(dcc.Download(id=ids.DOWNLOAD), type="dot"),
    ]), className="mt-3 downloads")


def values(view: View, unfolded: Collection[Output_]) -> dict:
    """Each chart's picture file name for the filters shown, and what every picture says under its title."""
    return {(ids.CHART_NAMES, "data"): {
        "names": {chart: naming.export_filename(view.data, view.state, chart, "png").removesuffix(".png")
                  for chart in ids.EXPORTABLE_CHARTS},
        **naming.picture_texts(view.data, view.state)}}


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
        Input(ids.DOWNLOAD_CSV_ZIP, "n_clicks"),
        State(ids.URL_QUERY, "data"),
        prevent_initial_call=True,
    )
    def download(_xlsx, _pptx, _csv, _zip, query) -> dict:
        if not events.clicked():
            raise PreventUpdate
        data = current_data()
        state = state_from_query(data, query)
        trigger = ctx.triggered_id
        if trigger == ids.DOWNLOAD_XLSX:
            content = spreadsheets.to_xlsx(data, state)
            name = naming.export_filename(data, state, "tables", "xlsx")
        elif trigger == ids.DOWNLOAD_PPTX:
            # python-pptx is loaded by the first presentation a worker makes, not by every start (README "Performance")
            from dashboard.exports import slides

            content = slides.to_pptx(data, state)
            name = naming.export_filename(data, state, "presentation", "pptx")
        elif trigger == ids.DOWNLOAD_CSV_ZIP:
            content = spreadsheets.to_csv_zip(data, state)
            name = naming.export_filename(data, state, "tables", "zip")
        elif isinstance(trigger, dict) and trigger.get(ids.DOWNLOAD_CSV_TABLE) in tables.TABLES:
            table = trigger[ids.DOWNLOAD_CSV_TABLE]
            content = spreadsheets.to_csv(data, state, table)
            name = naming.export_filename(data, state, table, "csv")
        else:
            raise PreventUpdate
        return dcc.send_bytes(content, name)
