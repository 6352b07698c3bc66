"""The page: its sections in order, the first paint of an address, and the callbacks that keep it in step with
the filters and the address bar.

Every section of :mod:`dashboard.ui.sections` follows one convention: ``layout(view)`` builds its part of
the page; ``OUTPUTS`` lists the (id, property) pairs the filters drive and ``values(view, unfolded)`` gives
their values (of the tables folded in a <details>, ``FOLDED``, only those open); ``register_callbacks(app)``,
where present, registers its own callbacks. The page's first paint and every filter change use the same
``values``, so the two can never disagree.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterator
from types import ModuleType

import dash
import dash_bootstrap_components as dbc
import orjson
from dash import Input, Output, dcc, html
from dash.development.base_component import Component
from plotly.io.json import to_json_plotly

from dashboard.data.memo import cached
from dashboard.data.package import ClusterData
from dashboard.i18n import LANGS, t
from dashboard.ui import components, ids
from dashboard.ui.sections import (
    asof,
    comparison,
    downloads,
    filters,
    growth,
    header,
    kpis,
    network,
    printout,
    profile,
    sectors,
    tables,
    timeline,
)
from dashboard.ui.sections import map as map_section
from dashboard.ui.view import (
    Output_,
    View,
    current_data,
    page_search,
    register_filter_callback,
    state_from_query,
)

# The sections whose filter-driven values travel in one answer: the charts, their text alternatives and the
# figures beside them share what they are derived from, and each answer the browser applies costs it a pass
# over the whole page. The network, the comparison and each table's rows have callbacks of their own, which follow
# this one's answer (view.FOLLOWED): its request has the server to itself.
CHARTS: tuple[ModuleType, ...] = (kpis, timeline, map_section, growth, sectors, filters, asof, header, downloads,
                                  tables, printout)
SECTIONS: tuple[ModuleType, ...] = (*CHARTS, network, comparison, profile)
OUTPUTS: tuple[Output_, ...] = (*(o for section in CHARTS for o in section.OUTPUTS), (ids.URL_QUERY, "data"))
FOLDED: dict[Output_, str] = {o: d for section in CHARTS for o, d in getattr(section, "FOLDED", {}).items()}

# Browser history is rewritten in place: no navigation, so the page is not rebuilt on every filter change. What
# lies outside Dash's part of the document, its language and title, follows the page drawn (another language).
SYNC_DOCUMENT_JS = """
function(query, lang, title) {
    if (typeof query === "string") {
        window.history.replaceState(null, "", window.location.pathname + query);
    }
    document.documentElement.lang = lang;
    document.title = title;
    return "";
}
"""


def chart_values(view: View, unfolded: Collection[Output_] = ()) -> dict[Output_, object]:
    """The values of :data:`OUTPUTS` for a view."""
    values: dict[Output_, object] = {(ids.URL_QUERY, "data"): view.state.to_query()}
    for section in CHARTS:
        values.update(section.values(view, unfolded))
    return values


def _drawn_values(view: View, unfolded: Collection[Output_] = ()) -> dict[Output_, object]:
    """The filter-driven values a page is drawn with: the charts', the network's and the tables for print (the
    grids, created once their section nears the screen, are not on it yet)."""
    return {**chart_values(view, unfolded), **network.values(view, unfolded), **tables.print_values(view)}


def render(view: View, unfolded: Collection[Output_] = ()) -> dict[Output_, object]:
    """Every filter-driven value of the page for a view: those it is drawn with and every grid's rows."""
    return {**_drawn_values(view, unfolded), **{(grid, "rowData"): tables.rows(view, grid) for grid in ids.GRIDS}}


def _respond(values: dict[Output_, object]) -> dict[Output_, object]:
    return {**values, (ids.MAP, "figure"): map_section.marker_patch(values[(ids.MAP, "figure")])}


def page(view: View, filled: bool = True) -> html.Div:
    """The whole dashboard for one language and filter state, with the values of its filters in place (unless
    not ``filled``: its bare components)."""
    lang = view.lang
    body = html.Div([
        header.layout(view),
        printout.layout(view),
        dcc.Store(id=ids.LANG, data=lang),
        dcc.Store(id=ids.DOCUMENT_TITLE, data=document_title(view.data, lang)),
        dcc.Store(id=ids.URL_QUERY),
        dcc.Store(id=ids.FOCUS, data=list(view.state.focus)),
        dcc.Store(id=ids.CHART_NAMES),
        dcc.Store(id=ids.ORG_CLICKED),
        html.Div(id=ids.CHART_EXPORT_DONE, hidden=True),
        html.Div(id=ids.URL_SYNC, hidden=True),
        html.Main(dbc.Container(dbc.Row([
            dbc.Col(filters.folding(lang, filters.layout(view), downloads.layout(view)), lg=3,
                    className="mb-3 filters-col"),
            dbc.Col([
                asof.layout(view),
                kpis.layout(view),
                timeline.layout(view),
                map_section.layout(view),
                growth.layout(view),
                sectors.layout(view),
                network.layout(view),
                comparison.layout(view),
                *(tables.layout(view, grid) for grid in ids.GRIDS),
            ], lg=9, className="main-col"),
        ]), fluid=True)),
        html.Footer(dbc.Container(t("footer", lang), fluid=True, className="small text-muted py-3")),
        profile.layout(view),
    ], lang=lang, className="dashboard present" if view.state.present else "dashboard")
    if filled:
        _fill(body, _drawn_values(view))
        _reserve_figures(body)
    return body


def document_title(data: ClusterData, lang: str) -> str:
    """The document's title: the cluster's name in the page's language."""
    return data.meta.name(lang)


def _components(root: object) -> Iterator[Component]:
    """Every component of a layout tree."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Component):
            yield node
        children = getattr(node, "children", None)
        # Components define __len__ (their number of children), so test for None, not truthiness.
        stack.extend(children if isinstance(children, list | tuple) else [] if children is None else [children])


def _fill(root: object, values: dict[Output_, object]) -> None:
    """Set the rendered values on the components of a freshly built layout."""
    by_id = {node.id: node for node in _components(root) if isinstance(getattr(node, "id", None), str)}
    for (component_id, prop), value in values.items():
        setattr(by_id[component_id], prop, value)


def _reserve_figures(root: object) -> None:
    """plotly.js draws the charts after the page has appeared: until then each chart's box keeps its figure's
    height (assets/style.css, reserved sizes), so the page below does not move when the charts appear. On a phone
    it keeps the height of the figure's narrow layout, the one it is drawn at there (assets/narrow_charts.js)."""
    for node in _components(root):
        graph = getattr(node, "children", None)
        layout = isinstance(graph, dcc.Graph) and getattr(graph, "figure", {}).get("layout", {})
        if layout and layout.get("height"):
            narrow = layout.get("meta", {}).get("narrow", {}).get("height", layout["height"])
            node.style = {"--figure-height": f"{layout['height']}px", "--figure-narrow-height": f"{narrow}px"}


def app_shell(content: object = None, search: str | None = None) -> html.Div:
    """The address bar and the page. ``search`` is the query string ("?…" or "") the page ``content`` was
    drawn for; without it the address bar reports the address once mounted and the router callback draws
    the page."""
    location = dcc.Location(id=ids.URL) if search is None else dcc.Location(id=ids.URL, search=search)
    return html.Div([location, html.Div(content, id=ids.PAGE)])


def initial_layout() -> html.Div:
    """The page the address asks for comes with the layout itself: no router round trip after loading. Where the
    address is unknown, the router callback draws it once the address bar reports it."""
    search = page_search()
    if search is None:
        return app_shell()
    data = current_data()
    return app_shell(page(View(data, state_from_query(data, search))), search)


def validation_layout(data: ClusterData) -> html.Div:
    """One bare component of each id any callback may name (the page, the grids created later, a profile
    button): what Dash checks callbacks against, and what a test checks every callback's ids against. Bare, since
    Dash puts it in every page's HTML."""
    whole = html.Div([app_shell(page(View(data, state_from_query(data, "")), filled=False)),
                      *(tables.table_grid(grid, "ru", []) for grid in ids.GRIDS),
                      *components.org_buttons([("org", "org")])])
    return html.Div([_bare(node) for node in _components(whole) if getattr(node, "id", None) is not None])


def _bare(node: Component) -> Component:
    """A component of the same type and id, without its content (a link cannot be made without its address)."""
    return type(node)(id=node.id, **({"href": node.href} if isinstance(node, dcc.Link) else {}))


def warm(data: ClusterData) -> None:
    """Compute what every view derives from the package alone (indexes, labels, search texts) before the first
    request needs it: under ``gunicorn --preload`` once, in the master, and the workers share it. The page drawn
    is a first visitor's (its comparison's included), so what a request keeps (the network's layout) is kept for it
    too."""
    state = state_from_query(data, "")
    page(View(data, state))
    # Every other language: the page of a search that finds nothing. It derives the language's catalogues (the
    # package's, whatever the filters) and what only a filter on organisations derives (the names a search looks
    # in, the links to what they take part in), without drawing a registry's charts and tables a second time.
    for lang in LANGS:
        if lang != state.lang:
            page(View(data, dataclasses.replace(state, lang=lang, search="\0")))


# The router's last answers, by address, of each package: a page is drawn from the package and its address alone,
# and the switches and Back or Forward return to addresses seen before (a language, presentation mode). At 100 000
# organisations a page is 0.6-0.8 MB of JSON: a worker keeps at most about 6 MB of them.
PAGES_KEPT = 8
_pages_lock = threading.Lock()


def sent_page(data: ClusterData, search: object) -> orjson.Fragment:
    """The page for an address as the router's answer carries it: drawn and serialised once, then kept (the
    last :data:`PAGES_KEPT` addresses). Dash serialises its answers with orjson (plotly.py's engine where orjson is
    installed, a dependency), which inserts a fragment as it is."""
    state = state_from_query(data, search)
    key = state.to_query()
    kept: OrderedDict[str, orjson.Fragment] = cached(data, "sent_pages", OrderedDict)
    with _pages_lock:
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
    sent = orjson.Fragment(to_json_plotly(page(View(data, state))))
    with _pages_lock:
        kept[key] = sent
        while len(kept) > PAGES_KEPT:
            kept.popitem(last=False)
    return sent


def register_callbacks(app: dash.Dash) -> None:
    app.layout = initial_layout

    # The page for a new address: the language and presentation switches (links followed without a reload, see
    # sections.header) and Back or Forward over them. Dash mounts the new page whole, charts drawn afresh.
    @app.callback(Output(ids.PAGE, "children"), Input(ids.URL, "search"), prevent_initial_call=True)
    def render_page(search: str | None) -> object:
        return sent_page(current_data(), search)

    app.clientside_callback(SYNC_DOCUMENT_JS, Output(ids.URL_SYNC, "children"), Input(ids.URL_QUERY, "data"),
                            Input(ids.LANG, "data"), Input(ids.DOCUMENT_TITLE, "data"))
    register_filter_callback(app, OUTPUTS, chart_values, FOLDED, respond=_respond)
    for section in SECTIONS:
        if hasattr(section, "register_callbacks"):
            section.register_callbacks(app)
