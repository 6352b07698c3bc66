"""One request's view of the dashboard: the package the app serves, the filter state parsed once from the
browser's (untrusted) input, the data it selects, and what the views derive from them, each on first use.

A filter value flows from the address bar or a control to a figure in one shape: the browser's values
(:data:`FILTERS`, :data:`CONTEXT`, or the query string) are parsed once into a
:class:`~dashboard.data.filters.FilterState`, a :class:`View` holds it with the filtered data, and every
section reads the view.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping, Sequence
from urllib.parse import parse_qs, urlsplit

import dash
import flask
import pandas as pd
from dash import Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from dashboard.data import derive, network
from dashboard.data.filters import FilteredData, FilterState, apply_filters, parse_state
from dashboard.data.live import LivePackage
from dashboard.data.package import ClusterData
from dashboard.data.vocab import sector_colours
from dashboard.ui import events, ids

# Where the app factory keeps the served package (web.app.create_app).
PACKAGE = "CLUSTER_PACKAGE"
MAX_QUERY_FIELDS = 100

# What every filter-driven callback listens to, and what it reads besides.
FILTERS: dict[str, Input] = {
    "sector": Input(ids.FILTER_SECTOR, "value"),
    "status": Input(ids.FILTER_STATUS, "value"),
    "role": Input(ids.FILTER_ROLE, "value"),
    "settlement": Input(ids.FILTER_SETTLEMENT, "value"),
    "years": Input(ids.FILTER_DATE, "value"),
    "search": Input(ids.FILTER_SEARCH, "value"),
    "focus": Input(ids.FOCUS, "data"),
    "asof": Input(ids.ASOF, "value"),
}
CONTEXT: dict[str, State] = {
    "steps": State(ids.ASOF_STEPS, "data"),
    "query": State(ids.URL_QUERY, "data"),
    "lang": State(ids.LANG, "data"),
}
# The address of the view the charts show, which their callback sets on every filter change.
FOLLOWED = Input(ids.URL_QUERY, "data")
# The filters as they are, for callbacks that other inputs fire.
FILTER_STATES: dict[str, State] = {key: State(i.component_id, i.component_property) for key, i in FILTERS.items()}

Output_ = tuple[str, str]  # (component id, property)


def live_package() -> LivePackage:
    return flask.current_app.config[PACKAGE]


def current_data() -> ClusterData:
    """The package the app serves, as it is on disk now (a publish is picked up by the next request)."""
    return live_package().current()


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


def asof_step(steps: object, position: object) -> str | None:
    """The as-of date at a slider position; None (today) for the last step or anything malformed."""
    if not isinstance(steps, list) or not isinstance(position, int) or not 0 <= position < len(steps) - 1:
        return None
    return steps[position] if isinstance(steps[position], str) else None


def state_from_query(data: ClusterData, query: object) -> FilterState:
    return parse_state(parse_query(query), data)


def state_from_controls(data: ClusterData, filters: Mapping[str, object], context: Mapping[str, object]
                        ) -> FilterState:
    """The filter state of the page's controls (:data:`FILTERS`, :data:`CONTEXT`, as the browser sent them)."""
    years = filters["years"] if isinstance(filters["years"], list) and len(filters["years"]) == 2 else [None, None]
    return parse_state({"sector": filters["sector"], "status": filters["status"], "role": filters["role"],
                        "settlement": filters["settlement"], "from": years[0], "to": years[1],
                        "q": filters["search"], "org": filters["focus"],
                        "asof": asof_step(context["steps"], filters["asof"]),
                        "present": parse_query(context["query"]).get("present"), "lang": context["lang"]}, data)


class View:
    """A filter state over a package: the filtered data and what the views derive from it, each computed on
    first use and then shared by every section that shows it (a chart and its text alternative, say)."""

    def __init__(self, data: ClusterData, state: FilterState):
        self.data, self.state, self.lang = data, state, state.lang

    @functools.cached_property
    def filtered(self) -> FilteredData:
        return apply_filters(self.data, self.state)

    @functools.cached_property
    def colours(self) -> dict[str, str]:
        return sector_colours(list(self.data.sectors["sector_id"]))

    @functools.cached_property
    def sector_labels(self) -> dict[str, str]:
        return derive.table_labels(self.data, "sectors", "sector_id", self.lang)

    @functools.cached_property
    def timeline(self) -> pd.DataFrame:
        return derive.timeline_items(self.data, self.filtered, self.state)

    @functools.cached_property
    def points(self) -> pd.DataFrame:
        return derive.map_points(self.data, self.filtered, self.lang)

    @functools.cached_property
    def elsewhere(self) -> dict:
        return derive.organisations_elsewhere(self.data, self.filtered, self.lang)

    @functools.cached_property
    def series(self) -> pd.DataFrame:
        return derive.growth_series(self.data, self.filtered, self.state)

    @functools.cached_property
    def reported(self) -> pd.DataFrame:
        return derive.reported_counts(self.data, self.filtered, self.lang)

    @functools.cached_property
    def sectors(self) -> pd.DataFrame:
        return derive.sector_counts(self.data, self.filtered, self.lang)

    @functools.cached_property
    def graph(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return network.collaboration_graph(self.data, self.filtered, self.lang)


# What a section computes for a view: its outputs' values (of its folded tables, only those unfolded).
Compute = Callable[[View, Collection[Output_]], dict[Output_, object]]


def register_filter_callback(app: dash.Dash, outputs: Sequence[Output_], compute: Compute,
                             folded: Mapping[Output_, str] | None = None,
                             respond: Callable[[dict], dict] | None = None, follow: bool = False) -> None:
    """One callback that answers every filter change with ``compute``'s values for ``outputs``; of ``folded``
    outputs (drawn only while the <details> it names is open: assets/details.js reports it), only the open
    ones, and a <details> being opened fires it for that output alone. ``respond`` may turn the values of a
    filter change into what travels (a patch of a figure, say).

    One that ``follow``s answers the address the charts' callback answers a filter change with (its
    ``URL_QUERY``) rather than the filters themselves: its request goes out once the charts' answer is in, and
    the charts' request has a server worker to itself instead of waiting behind it."""
    folded = {output: details for output, details in (folded or {}).items() if output in outputs}
    keys = {f"{component}.{prop}": (component, prop) for component, prop in outputs}
    opened = {f"{component}.{prop}": Input(folded[(component, prop)], "open") for component, prop in folded}
    trigger = {"query": FOLLOWED} if follow else {"filters": FILTERS}
    inputs: dict[str, object] = {**trigger, **({"opened": opened} if opened else {})}

    @app.callback(output={key: Output(*output) for key, output in keys.items()}, inputs=inputs,
                  state={} if follow else {"context": CONTEXT}, prevent_initial_call=True)
    def update(filters: dict | None = None, context: dict | None = None, query: object = None,
               opened: dict | None = None) -> dict:
        if events.new_layout() or (follow and not isinstance(query, str)):
            raise PreventUpdate  # the page was just rendered with these very values
        unfolded = {keys[key] for key, is_open in (opened or {}).items() if is_open is True}
        toggled = next((output for output, details in folded.items() if ctx.triggered_id == details), None)
        if toggled and toggled not in unfolded:
            raise PreventUpdate  # folded away: what it holds may stay until the filters change
        data = current_data()
        state = state_from_query(data, query) if follow else state_from_controls(data, filters, context)
        values = compute(View(data, state), unfolded)
        if toggled:
            return {key: values[output] if output == toggled else dash.no_update for key, output in keys.items()}
        values = respond(values) if respond else values
        return {key: values.get(output) for key, output in keys.items()}
