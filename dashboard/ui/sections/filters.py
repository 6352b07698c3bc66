"""The filter panel every view obeys (search, sector, status, role, settlement, period), the selection made by
clicking a chart, and the clicks that make it."""

from __future__ import annotations

from collections.abc import Collection

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.data import derive
from dashboard.data.filters import allowed_values
from dashboard.data.package import ClusterMeta
from dashboard.data.vocab import ROLE, STATUS
from dashboard.i18n import t
from dashboard.ui import events, ids
from dashboard.ui.figures.map import MAP_SETTLEMENT
from dashboard.ui.figures.sectors import SECTOR_ID
from dashboard.ui.figures.timeline import TIMELINE_ORG_IDS
from dashboard.ui.view import Output_, View

OUTPUTS: tuple[Output_, ...] = ((ids.SELECTION, "children"),)
DROPDOWNS = {"sector": ids.FILTER_SECTOR, "status": ids.FILTER_STATUS, "role": ids.FILTER_ROLE,
             "settlement": ids.FILTER_SETTLEMENT}
SEARCH_DEBOUNCE_MS = 400

# The toggle opens and closes the folded panel in the browser; only a narrow screen shows it (assets/style.css).
TOGGLE_PANEL_JS = """
function(clicks) {
    const open = Boolean(clicks % 2);
    return [open ? "filters-panel open" : "filters-panel", String(open)];
}
"""


def dropdown_labels(lang: str) -> dict[str, str]:
    """The texts of a drop-down's menu in the page's language (Dash shows English ones otherwise)."""
    keys = ("select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection",
            "no_options_found")
    return {key: t(f"dropdown_{key}", lang) for key in keys}


def _options(codes: list[str], labels: dict[str, str]) -> list[dict]:
    return [{"label": labels.get(code, code), "value": code} for code in codes]


def search_placeholder(meta: ClusterMeta, lang: str) -> str:
    """The search box's hint: an organisation of the package's own choosing, or no example at all."""
    example = meta.search_example(lang)
    return t("filter_search_placeholder", lang, example=example) if example else t(
        "filter_search_placeholder_plain", lang)


def layout(view: View) -> dbc.Card:
    data, state, lang = view.data, view.state, view.lang
    allowed = allowed_values(data)
    labels = {
        "sector": view.sector_labels,
        "status": {k: v.label(lang) for k, v in STATUS.items()},
        "role": {k: v.label(lang) for k, v in ROLE.items()},
        "settlement": derive.table_labels(data, "settlements", "settlement_id", lang),
    }

    def dropdown(key: str) -> html.Div:
        return html.Div([
            dbc.Label(t(f"filter_{key}", lang), html_for=DROPDOWNS[key]),
            dcc.Dropdown(id=DROPDOWNS[key], options=_options(allowed[key], labels[key]),
                         value=list(getattr(state, key)), multi=True, placeholder=t("all", lang),
                         searchable=True, labels=dropdown_labels(lang)),
        ], className="mb-3")

    low, high = state.bounds
    return dbc.Card(dbc.CardBody([
        html.H2(t("filters", lang), className="h5"),
        html.Div([
            dbc.Label(t("filter_search", lang), html_for=ids.FILTER_SEARCH),
            dbc.Input(id=ids.FILTER_SEARCH, type="search", value=state.search, debounce=SEARCH_DEBOUNCE_MS,
                      placeholder=search_placeholder(data.meta, lang), maxLength=100),
        ], className="mb-3"),
        *(dropdown(key) for key in DROPDOWNS),
        html.Div([
            dbc.Label(t("filter_date", lang), html_for=ids.FILTER_DATE),
            dcc.RangeSlider(id=ids.FILTER_DATE, min=low, max=high, step=1,
                            value=[state.year_from, state.year_to], allowCross=False,
                            marks={y: str(y) for y in range(low, high + 1) if (y - low) % 3 == 0 or y == high},
                            tooltip={"placement": "bottom", "always_visible": False}),
            # Names of the two handles after the label (assets/a11y.js); Dash names them "Minimum"/"Maximum".
            html.Span(t("range_start", lang), id=ids.range_thumb_label(ids.FILTER_DATE, 1), hidden=True),
            html.Span(t("range_end", lang), id=ids.range_thumb_label(ids.FILTER_DATE, 2), hidden=True),
        ], className="mb-3"),
        html.Div(id=ids.SELECTION, className="small mb-2"),
        html.Div([
            html.Button(t("clear_selection", lang), id=ids.CLEAR_SELECTION,
                        className="btn btn-outline-secondary btn-sm"),
            html.A(t("reset", lang), id=ids.FILTER_RESET, href=f"?lang={lang}" if lang != "ru" else "?",
                   className="btn btn-outline-secondary btn-sm"),
        ], className="d-flex flex-wrap gap-2"),
    ]), className="filters sticky-lg-top")


def folding(lang: str, *contents: object) -> list:
    """``contents`` (the filters and what comes with them) folded under a toggle on a narrow screen, where they
    would stand between the header and every view; on a wide screen they stand beside the views, open."""
    return [
        html.Button(t("filters_toggle", lang), id=ids.FILTERS_TOGGLE,
                    className="btn btn-outline-primary filters-toggle",
                    **{"aria-expanded": "false", "aria-controls": ids.FILTERS_PANEL}),
        html.Div(list(contents), id=ids.FILTERS_PANEL, className="filters-panel"),
    ]


def values(view: View, unfolded: Collection[Output_]) -> dict:
    """The organisations chosen by a click on the timeline, as badges."""
    focus, lang = view.state.focus, view.lang
    badges = [html.Span(t("selection", lang), className="me-2"),
              *(html.Span(name, className="badge text-bg-warning me-1")
                for name in derive.names_of(view.data, focus, lang))] if focus else []
    return {(ids.SELECTION, "children"): badges}


def register_callbacks(app: dash.Dash) -> None:
    app.clientside_callback(TOGGLE_PANEL_JS, Output(ids.FILTERS_PANEL, "className"),
                            Output(ids.FILTERS_TOGGLE, "aria-expanded"), Input(ids.FILTERS_TOGGLE, "n_clicks"),
                            prevent_initial_call=True)

    @app.callback(
        Output(ids.FILTER_SECTOR, "value"),
        Output(ids.FILTER_SETTLEMENT, "value"),
        Output(ids.FOCUS, "data"),
        Input(ids.SECTORS, "clickData"),
        Input(ids.MAP, "clickData"),
        Input(ids.TIMELINE, "clickData"),
        Input(ids.CLEAR_SELECTION, "n_clicks"),
        State(ids.FILTER_SECTOR, "value"),
        State(ids.FILTER_SETTLEMENT, "value"),
        State(ids.FOCUS, "data"),
        prevent_initial_call=True,
    )
    def cross_filter(sector_click, map_click, timeline_click, _clear, sectors, settlements, focus) -> tuple:
        """A click on a sector bar, a map settlement or a timeline item narrows every view to it;
        the same click again, or "clear selection", widens it back."""
        if not events.clicked():
            raise PreventUpdate
        trigger = ctx.triggered_id
        if trigger == ids.CLEAR_SELECTION:
            return [], [], []
        picked = {
            ids.SECTORS: events.point_value(sector_click, SECTOR_ID),
            ids.MAP: events.point_value(map_click, MAP_SETTLEMENT),
            ids.TIMELINE: events.point_value(timeline_click, TIMELINE_ORG_IDS),
        }.get(trigger)
        if not picked:
            return dash.no_update, dash.no_update, dash.no_update
        if trigger == ids.TIMELINE:
            chosen = picked.split()
            return dash.no_update, dash.no_update, [] if chosen == focus else chosen
        current = sectors if trigger == ids.SECTORS else settlements
        toggled = [] if current == [picked] else [picked]
        if trigger == ids.SECTORS:
            return toggled, dash.no_update, dash.no_update
        return dash.no_update, toggled, dash.no_update
