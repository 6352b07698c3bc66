"""Callbacks: thin adapters that validate browser input, then call the pure view functions.

Registered per app (not with the global ``dash.callback``) so that each app serves its own data package.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import dash
from dash import ALL, Input, Output, State, ctx

from dashboard import figures, ids, views
from dashboard.filters import parse_state
from dashboard.i18n import DEFAULT_LANG, LANGS
from dashboard.layout import page, profile
from dashboard.live import LivePackage

# Browser history is rewritten in place: no navigation, so the page is not rebuilt on every filter change.
SYNC_URL_JS = """
function(query) {
    if (typeof query === "string") {
        window.history.replaceState(null, "", window.location.pathname + query);
    }
    return "";
}
"""


MAX_QUERY_FIELDS = 100


def parse_query(search: object) -> dict[str, list[str]]:
    """Query-string parameters of the page URL; an absurd query string counts as none."""
    if not isinstance(search, str):
        return {}
    try:
        return parse_qs(search.lstrip("?"), max_num_fields=MAX_QUERY_FIELDS)
    except ValueError:
        return {}


def register_callbacks(app: dash.Dash, package: LivePackage) -> None:
    @app.callback(Output(ids.PAGE, "children"), Input(ids.URL, "search"))
    def render_page(search: str | None) -> object:
        data = package.current()
        return page(data, parse_state(parse_query(search), data))

    @app.callback(
        [Output(component, prop) for component, prop in views.OUTPUTS],
        Input(ids.FILTER_SECTOR, "value"),
        Input(ids.FILTER_STATUS, "value"),
        Input(ids.FILTER_ROLE, "value"),
        Input(ids.FILTER_SETTLEMENT, "value"),
        Input(ids.FILTER_DATE, "value"),
        Input(ids.FILTER_SEARCH, "value"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )
    def update_views(sector, status, role, settlement, years, search, lang) -> list:
        data = package.current()
        years = years if isinstance(years, list) and len(years) == 2 else [None, None]
        state = parse_state({"sector": sector, "status": status, "role": role, "settlement": settlement,
                             "from": years[0], "to": years[1], "q": search, "lang": lang}, data)
        values = views.render(data, state)
        return [values[output] for output in views.OUTPUTS]

    app.clientside_callback(SYNC_URL_JS, Output(ids.URL_SYNC, "children"), Input(ids.URL_QUERY, "data"))

    @app.callback(
        Output(ids.PROFILE, "is_open"),
        Output(ids.PROFILE_BODY, "children"),
        Input(ids.MEMBERS_TABLE, "cellClicked"),
        Input(ids.MAP, "clickData"),
        Input({"type": ids.ORG_LINK, "org": ALL}, "n_clicks"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )
    def open_profile(cell, map_click, _link_clicks, lang) -> tuple:
        data = package.current()
        lang = lang if lang in LANGS else DEFAULT_LANG
        org_ids = _clicked_organisations(cell, map_click)
        known = set(data.organisations["org_id"])
        org_ids = [org_id for org_id in org_ids if isinstance(org_id, str) and org_id in known]
        if not org_ids:
            return dash.no_update, dash.no_update
        return True, profile(data, org_ids, lang)


def _clicked_organisations(cell: object, map_click: object) -> list:
    """Which organisations the click that fired the callback points at (inputs are untrusted)."""
    trigger = ctx.triggered_id
    if trigger == ids.MEMBERS_TABLE and isinstance(cell, dict):
        return [cell.get("rowId")]
    if trigger == ids.MAP and isinstance(map_click, dict):
        points = map_click.get("points")
        point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
        customdata = point.get("customdata")
        if isinstance(customdata, list) and len(customdata) > figures.MAP_ORG_IDS:
            return str(customdata[figures.MAP_ORG_IDS]).split()
    if isinstance(trigger, dict) and trigger.get("type") == ids.ORG_LINK and ctx.triggered[0]["value"]:
        return [trigger.get("org")]
    return []
