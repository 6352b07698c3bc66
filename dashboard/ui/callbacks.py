"""Callbacks: thin adapters that validate browser input, then call the pure view functions.

Registered per app (not with the global ``dash.callback``) so that each app serves its own data package.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import dash
import flask
from dash import ALL, Input, Output, Patch, State, ctx, dcc
from dash.exceptions import PreventUpdate

from dashboard.data import derive
from dashboard.data.filters import apply_filters, known_organisations, parse_state
from dashboard.data.live import LivePackage
from dashboard.exports import naming, slides, spreadsheets, tables
from dashboard.i18n import DEFAULT_LANG, LANGS
from dashboard.ui import events, figures, ids, views
from dashboard.ui.layout import app_shell, asof_marks, page, profile, table_grid
from dashboard.ui.sections import network

# Browser history is rewritten in place: no navigation, so the page is not rebuilt on every filter change.
# Full screen needs the click itself (browsers refuse it otherwise), so it is asked for in the browser.
FULLSCREEN_JS = """
function(clicks) {
    if (!clicks) {
        return window.dash_clientside.no_update;
    }
    const root = document.documentElement;
    if (!document.fullscreenElement && !document.querySelector(".dashboard.present") && root.requestFullscreen) {
        root.requestFullscreen().catch(() => null);
    } else if (document.fullscreenElement && document.exitFullscreen) {
        document.exitFullscreen().catch(() => null);
    }
    return window.dash_clientside.no_update;
}
"""

# Stepping runs in the browser: instant, and quick key presses cannot race each other over the network.
STEP_ASOF_JS = """
function(prev, next, tick, play, position, last, paused, labels) {
    const noUpdate = window.dash_clientside.no_update;
    const trigger = (window.dash_clientside.callback_context.triggered[0] || {});
    if (!trigger.value) {
        return [noUpdate, noUpdate, noUpdate];
    }
    const id = trigger.prop_id.split(".")[0];
    position = Number.isInteger(position) ? Math.min(Math.max(position, 0), last) : last;
    if (id === "asof-play") {
        if (!paused) {
            return [noUpdate, true, labels[0]];
        }
        return [position === last ? 0 : position, false, labels[1]];
    }
    position = id === "asof-prev" ? Math.max(position - 1, 0) : Math.min(position + 1, last);
    if (id === "asof-timer" && position === last) {
        return [position, true, labels[0]];
    }
    return [position, noUpdate, noUpdate];
}
"""

DOWNLOAD_CHART_JS = """
function(clicks, names) {
    const trigger = (window.dash_clientside.callback_context.triggered[0] || {});
    if (!trigger.value) {
        return window.dash_clientside.no_update;
    }
    const id = JSON.parse(trigger.prop_id.split(".")[0]);
    const graph = document.querySelector("#" + CSS.escape(id.chart) + " .js-plotly-plot");
    if (graph && window.Plotly) {
        window.Plotly.downloadImage(graph, {
            format: id.format,
            filename: (names || {})[id.chart] || id.chart,
            width: graph._fullLayout.width,
            height: graph._fullLayout.height,
            scale: id.format === "png" ? 3 : 1,
        });
    }
    return id.chart + "." + id.format;
}
"""

# A click on a profile button, as {org, at}. Every filter change draws the buttons beside the map anew, which
# fires the callbacks on all of them with no click: answered here, that costs no round trip to the server.
ORG_CLICKED_JS = """
function() {
    const trigger = (window.dash_clientside.callback_context.triggered || [])[0] || {};
    if (!trigger.value) {
        return window.dash_clientside.no_update;
    }
    const id = JSON.parse(trigger.prop_id.slice(0, trigger.prop_id.lastIndexOf(".")));
    return {org: id.org, at: Date.now()};
}
"""

# A click on a row of the members grid, reported like a profile button's (rowId is the organisation's id).
MEMBER_CLICKED_JS = """
function(cell) {
    return cell && cell.rowId ? {org: cell.rowId, at: Date.now()} : window.dash_clientside.no_update;
}
"""

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


def page_search() -> str | None:
    """The query string ("?…" or "") of the page whose layout is being fetched, from the Referer header the
    page sends with it (Referrer-Policy: same-origin); None when unknown."""
    referrer = flask.request.referrer if flask.has_request_context() else None
    if not referrer:
        return None
    query = urlsplit(referrer).query
    return f"?{query}" if query else ""


def register_callbacks(app: dash.Dash, package: LivePackage) -> None:
    def initial_layout() -> object:
        """The page the address asks for comes with the layout itself: no router round trip after loading.
        Where the address is unknown, the router callback draws it once the address bar reports it."""
        search = page_search()
        if search is None:
            return app_shell()
        data = package.current()
        return app_shell(page(data, parse_state(parse_query(search), data)), search)

    app.layout = initial_layout

    @app.callback(Output(ids.PAGE, "children"), Input(ids.URL, "search"), prevent_initial_call=True)
    def render_page(search: str | None) -> object:
        data = package.current()
        return page(data, parse_state(parse_query(search), data))

    filter_inputs: list[Input] = [
        Input(ids.FILTER_SECTOR, "value"),
        Input(ids.FILTER_STATUS, "value"),
        Input(ids.FILTER_ROLE, "value"),
        Input(ids.FILTER_SETTLEMENT, "value"),
        Input(ids.FILTER_DATE, "value"),
        Input(ids.FILTER_SEARCH, "value"),
        Input(ids.FOCUS, "data"),
        Input(ids.ASOF, "value"),
    ]
    filter_states = [State(ids.ASOF_STEPS, "data"), State(ids.URL_QUERY, "data"), State(ids.LANG, "data")]

    def filter_state(sector, status, role, settlement, years, search, focus, asof, steps, query, lang):
        data = package.current()
        years = years if isinstance(years, list) and len(years) == 2 else [None, None]
        return data, parse_state({"sector": sector, "status": status, "role": role, "settlement": settlement,
                                  "from": years[0], "to": years[1], "q": search, "org": focus,
                                  "asof": _step(steps, asof), "present": parse_query(query).get("present"),
                                  "lang": lang}, data)

    def register_part(part: str) -> None:
        """One callback per part of the views on the same filters (they travel side by side); it also draws
        the part's folded tables when they are opened."""
        outputs = views.PARTS[part]
        folded = [output for output in outputs if output in views.FOLDED]
        details = [views.FOLDED[output] for output in folded]

        @app.callback([Output(component, prop) for component, prop in outputs], *filter_inputs,
                      *(Input(component, "open") for component in details), *filter_states,
                      prevent_initial_call=True)
        def update(*args) -> list:
            if events.new_layout():
                raise PreventUpdate  # the page was just rendered with these very values
            # (filter inputs, the folded tables' details, filter states), in the order they were declared
            first, last = len(filter_inputs), len(filter_inputs) + len(details)
            filters, opened = args[:first] + args[last:], args[first:last]
            unfolded = {output for output, is_open in zip(folded, opened, strict=True) if is_open is True}
            toggled = folded[details.index(ctx.triggered_id)] if ctx.triggered_id in details else None
            if toggled and toggled not in unfolded:
                raise PreventUpdate  # folded away: what it holds may stay until the filters change
            values = views.render(*filter_state(*filters), parts=(part,), unfolded=unfolded)
            if toggled:
                return [values[output] if output == toggled else dash.no_update for output in outputs]
            if part == "charts":
                values[(ids.MAP, "figure")] = _marker_patch(values[(ids.MAP, "figure")])
            return [values.get(output) for output in outputs]

    for part in views.PARTS:
        register_part(part)

    def register_grid(grid: str) -> None:
        """Create a table's grid, with its rows for the filters the page shows, once its section nears the
        screen; from then on its part of :data:`views.PARTS` keeps the rows up to date."""
        @app.callback(Output(ids.grid_slot(grid), "children"), Input(ids.grid_near(grid), "data"),
                      *(State(i.component_id, i.component_property) for i in filter_inputs), *filter_states,
                      prevent_initial_call=True)
        def create(near, *filters) -> object:
            if near is not True:
                raise PreventUpdate
            data, state = filter_state(*filters)
            return table_grid(grid, state.lang, views.render(data, state, parts=(grid,))[(grid, "rowData")])

    for grid in ids.GRIDS:
        register_grid(grid)

    @app.callback(
        Output(ids.ASOF_STEPS, "data"),
        Output(ids.ASOF, "max"),
        Output(ids.ASOF, "marks"),
        Output(ids.ASOF, "value", allow_duplicate=True),
        Input(ids.ASOF_MODE, "value"),
        State(ids.ASOF, "value"),
        State(ids.ASOF_STEPS, "data"),
        prevent_initial_call=True,
    )
    def change_step_mode(mode, position, steps) -> tuple:
        data = package.current()
        current = _step(steps, position)
        chosen = dt.date.fromisoformat(current) if current else None
        new_steps = derive.asof_steps(data, "event" if mode == "event" else "year", chosen)
        if [d.isoformat() for d in new_steps] == steps:
            raise PreventUpdate
        position = new_steps.index(chosen) if chosen else len(new_steps) - 1
        return [d.isoformat() for d in new_steps], len(new_steps) - 1, asof_marks(new_steps), position

    app.clientside_callback(
        STEP_ASOF_JS,
        Output(ids.ASOF, "value"),
        Output(ids.ASOF_TIMER, "disabled"),
        Output(ids.ASOF_PLAY, "children"),
        Input(ids.ASOF_PREV, "n_clicks"),
        Input(ids.ASOF_NEXT, "n_clicks"),
        Input(ids.ASOF_TIMER, "n_intervals"),
        Input(ids.ASOF_PLAY, "n_clicks"),
        State(ids.ASOF, "value"),
        State(ids.ASOF, "max"),
        State(ids.ASOF_TIMER, "disabled"),
        State(ids.ASOF_PLAY_LABELS, "data"),
        prevent_initial_call=True,
    )

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
            ids.SECTORS: _clicked_value(sector_click, figures.SECTOR_ID),
            ids.MAP: _clicked_value(map_click, figures.MAP_SETTLEMENT),
            ids.TIMELINE: _clicked_value(timeline_click, figures.TIMELINE_ORG_IDS),
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

    @app.callback(
        Output(ids.URL, "search"),
        Input(ids.PRESENT_TOGGLE, "n_clicks"),
        State(ids.URL_QUERY, "data"),
        prevent_initial_call=True,
    )
    def toggle_presentation(_clicks, query) -> str:
        if not events.clicked():
            raise PreventUpdate
        data = package.current()
        return parse_state(parse_query(query), data).toggled_presentation().to_query() or "?"

    app.clientside_callback(
        DOWNLOAD_CHART_JS,
        Output(ids.CHART_EXPORT_DONE, "children"),
        Input({"type": ids.CHART_EXPORT, "chart": ALL, "format": ALL}, "n_clicks"),
        State(ids.CHART_NAMES, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.DOWNLOAD_XLSX, "n_clicks"),
        Input(ids.DOWNLOAD_PPTX, "n_clicks"),
        Input({"type": ids.DOWNLOAD_CSV, "table": ALL}, "n_clicks"),
        State(ids.URL_QUERY, "data"),
        prevent_initial_call=True,
    )
    def download(_xlsx, _pptx, _csv, query) -> dict:
        if not events.clicked():
            raise PreventUpdate
        data = package.current()
        state = parse_state(parse_query(query), data)
        trigger = ctx.triggered_id
        if trigger == ids.DOWNLOAD_XLSX:
            content, name = spreadsheets.to_xlsx(data, state), naming.export_filename(data, state, "tables", "xlsx")
        elif trigger == ids.DOWNLOAD_PPTX:
            content = slides.to_pptx(data, state)
            name = naming.export_filename(data, state, "presentation", "pptx")
        elif isinstance(trigger, dict) and trigger.get("table") in tables.TABLES:
            table = trigger["table"]
            content, name = spreadsheets.to_csv(data, state, table), naming.export_filename(data, state, table, "csv")
        else:
            raise PreventUpdate
        return dcc.send_bytes(content, name)

    app.clientside_callback(FULLSCREEN_JS, Output(ids.PRESENT_TOGGLE, "title"),
                            Input(ids.PRESENT_TOGGLE, "n_clicks"), prevent_initial_call=True)

    app.clientside_callback(SYNC_URL_JS, Output(ids.URL_SYNC, "children"), Input(ids.URL_QUERY, "data"))
    app.clientside_callback(ORG_CLICKED_JS, Output(ids.ORG_CLICKED, "data"),
                            Input({"type": ids.ORG_LINK, "org": ALL}, "n_clicks"), prevent_initial_call=True)
    # A callback with an input that is not on the page never fires: the members grid, created once its section
    # nears the screen, reports its clicks on its own.
    app.clientside_callback(MEMBER_CLICKED_JS, Output(ids.ORG_CLICKED, "data", allow_duplicate=True),
                            Input(ids.MEMBERS_TABLE, "cellClicked"), prevent_initial_call=True)

    @app.callback(
        Output(ids.PROFILE, "is_open"),
        Output(ids.PROFILE_BODY, "children"),
        Input(ids.MAP, "clickData"),
        Input(network.NETWORK, "clickData"),
        Input(ids.ORG_CLICKED, "data"),
        State(ids.LANG, "data"),
        State(ids.URL_QUERY, "data"),
        prevent_initial_call=True,
    )
    def open_profile(map_click, network_click, org_clicked, lang, query) -> tuple:
        data = package.current()
        lang = lang if lang in LANGS else DEFAULT_LANG
        if ctx.triggered_id == ids.MAP:
            # The organisations of the clicked point under the filters the page shows.
            filtered = apply_filters(data, parse_state(parse_query(query), data))
            org_ids = derive.point_organisations(data, filtered, _clicked_value(map_click, figures.MAP_SETTLEMENT),
                                                 _clicked_value(map_click, figures.MAP_SECTOR))
        else:
            org_ids = _clicked_organisations(network_click, org_clicked)
        known = known_organisations(data)
        org_ids = [org_id for org_id in org_ids if isinstance(org_id, str) and org_id in known]
        if not org_ids:
            return dash.no_update, dash.no_update
        return True, profile(data, org_ids, lang)


def _marker_patch(figure) -> Patch:
    """The map's outline never changes with the filters: only its marker traces travel."""
    patch = Patch()
    for index, trace in figures.dynamic_traces(figure).items():
        patch["data"][index] = trace
    return patch


def _step(steps: object, position: object) -> str | None:
    """The as-of date at a slider position; None (today) for the last step or anything malformed."""
    if not isinstance(steps, list) or not isinstance(position, int) or not 0 <= position < len(steps) - 1:
        return None
    return steps[position] if isinstance(steps[position], str) else None


def _clicked_value(click: object, index: int) -> str | None:
    """The customdata value at ``index`` of the first clicked point (click data is untrusted)."""
    points = click.get("points") if isinstance(click, dict) else None
    point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
    customdata = point.get("customdata")
    if isinstance(customdata, list) and len(customdata) > index and isinstance(customdata[index], str):
        return customdata[index]
    return None


def _clicked_organisations(network_click: object, org_clicked: object) -> list:
    """Which organisations the click that fired the callback points at (inputs are untrusted)."""
    trigger = ctx.triggered_id
    if trigger == network.NETWORK:
        return [network.click_org_id(network_click)]
    if trigger == ids.ORG_CLICKED and isinstance(org_clicked, dict):
        return [org_clicked.get("org")]
    return []
