"""The collaboration network: organisations linked by the agreements and projects they share; a click on a
point opens the organisation's profile (:mod:`dashboard.ui.sections.profile`)."""

from __future__ import annotations

from collections.abc import Collection

import dash
from dash import dcc, html

from dashboard.data import network
from dashboard.i18n import t
from dashboard.ui import components, ids
from dashboard.ui.figures.base import graph_config
from dashboard.ui.figures.network import network_figure
from dashboard.ui.view import Output_, View, register_filter_callback

NAME = "network"
TABLE = (ids.NETWORK_TABLE, "children")
OUTPUTS: tuple[Output_, ...] = ((ids.NETWORK, "figure"), (ids.NETWORK_SUMMARY, "children"), TABLE)
FOLDED = {TABLE: ids.details(ids.NETWORK_TABLE)}


def layout(view: View) -> html.Section:
    """Heading, explanation, graph, text summary and a table of links (its text alternative)."""
    lang = view.lang
    filename = "klaster-set" if lang == "ru" else "cluster-network"
    return components.section(
        NAME, t("network_title", lang),
        html.P(t("network_explain", lang), className="small text-muted"),
        components.export_buttons(ids.NETWORK, lang),
        # a figure named by the heading and described by the summary (its text alternative)
        html.Div(dcc.Graph(id=ids.NETWORK, config=graph_config(lang, filename)), role="figure",
                 **{"aria-labelledby": ids.section_title(NAME), "aria-describedby": ids.NETWORK_SUMMARY}),
        html.P(id=ids.NETWORK_SUMMARY, className="small", **{"aria-live": "polite"}),
        html.Details([
            html.Summary(t("network_table", lang)),
            html.Div(id=ids.NETWORK_TABLE, className="table-responsive"),
        ], id=ids.details(ids.NETWORK_TABLE), className="small"))


def values(view: View, unfolded: Collection[Output_]) -> dict:
    nodes, edges = view.graph
    lang = view.lang
    shown = {
        (ids.NETWORK, "figure"): network_figure(nodes, edges, view.colours, lang, network.left_out(nodes),
                                                edges.attrs.get("skipped_groups", 0), view.state.present),
        (ids.NETWORK_SUMMARY, "children"): network.network_summary(nodes, edges, lang),
    }
    if TABLE in unfolded:
        header, rows = network.link_rows(nodes, edges, lang)
        shown[TABLE] = components.text_table(header, rows, numeric=(1,))
    return shown


def register_callbacks(app: dash.Dash) -> None:
    # A callback of its own, after the charts' answer: the force layout is the slowest part of a filter change, and
    # the charts' request has the server to itself meanwhile.
    register_filter_callback(app, OUTPUTS, values, FOLDED, follow=True)
