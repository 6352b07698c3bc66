"""Period comparison: what changed in the cluster between two dates the user chooses (see
:mod:`dashboard.data.comparison`); it obeys the organisation filters, and its two dates set its period."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.data.comparison import (
    CATEGORIES,
    Comparison,
    comparison_for,
    comparison_state,
    day_label,
    signed,
    summary,
)
from dashboard.data.filters import FilterState
from dashboard.data.package import ClusterData
from dashboard.i18n import format_number, t
from dashboard.ui import components, events, ids
from dashboard.ui.figures.base import Figure, graph_config
from dashboard.ui.figures.comparison import comparison_figure
from dashboard.ui.view import FOLLOWED, View, current_data, parse_query

NAME = "compare"
# Milliseconds without typing before a date is sent (typing a year fires on every digit otherwise).
DATE_DEBOUNCE_MS = 600


def _category(comparison: Comparison, category: str, lang: str) -> html.Div:
    items, total = comparison.items(category), comparison.counts()[category]
    listed = [f"{item.date_label} — {item.name}" for item in items]
    if total > len(items):
        listed.append(t("and_more", lang, n=total - len(items)))
    body = components.text_list(listed) if items else html.P(t("compare_nothing", lang), className="text-muted mb-2")
    return html.Div([html.H3(f"{t(f'compare_{category}', lang)} ({format_number(total, lang)})", className="h6 mb-1",
                             id=ids.heading(ids.compare_category(category))), body],
                    id=ids.compare_category(category), className="compare-category")


def _sector_table(comparison: Comparison, lang: str) -> list:
    counts = comparison.sector_counts
    if counts.empty:
        return []
    a, b = day_label(comparison.date_a, lang), day_label(comparison.date_b, lang)
    header = [t("col_sector", lang), f"{t('compare_date_a', lang)} ({a})", f"{t('compare_date_b', lang)} ({b})",
              t("compare_col_change", lang)]
    rows = [[row["label"], format_number(row["at_a"], lang), format_number(row["at_b"], lang),
             signed(row["change"], lang)] for row in counts.to_dict("records")]
    at_a, at_b = int(counts["at_a"].sum()), int(counts["at_b"].sum())
    total = [t("compare_total", lang), format_number(at_a, lang), format_number(at_b, lang), signed(at_b - at_a, lang)]
    return [html.H3(t("compare_sector_table", lang), className="h6 mt-3"),
            components.text_table(header, [*rows, total], numeric=(1, 2, 3), id=ids.COMPARE_SECTOR_TABLE)]


def results(comparison: Comparison, lang: str) -> list:
    """The children of the results area: the summary sentence, one list per category, the sector table."""
    return [
        html.P(summary(comparison, lang), id=ids.COMPARE_SUMMARY, className="small", **{"aria-live": "polite"}),
        dbc.Row([dbc.Col(_category(comparison, category, lang), md=6, xl=4) for category in CATEGORIES],
                className="g-3"),
        *_sector_table(comparison, lang),
    ]


def compared(data: ClusterData, query: object) -> FilterState:
    """The state the comparison obeys of the page's address (its query string)."""
    return comparison_state(data, parse_query(query))


def render(data: ClusterData, state: FilterState, value_a: object, value_b: object) -> tuple[Figure, list]:
    """Figure and results for one filter state and the two (untrusted) input values."""
    comparison = comparison_for(data, state, value_a, value_b)
    view = View(data, state)
    return (comparison_figure(comparison, view.colours, state.lang, view.sector_labels.values(), state.present),
            results(comparison, state.lang))


def layout(view: View) -> html.Section:
    """The comparison view, first painted with the default dates (launch, data as of) and the view's filters."""
    data, lang = view.data, view.lang
    low, high = data.meta.launch_date.isoformat(), data.meta.data_as_of.isoformat()
    figure, children = render(data, view.state, low, high)
    filename = "klaster-sravnenie" if lang == "ru" else "cluster-comparison"

    def date_input(input_id: str, label_key: str, value: str) -> dbc.Col:
        return dbc.Col([
            dbc.Label(t(label_key, lang), html_for=input_id),
            dbc.Input(id=input_id, type="date", min=low, max=high, value=value, required=True,
                      debounce=DATE_DEBOUNCE_MS),
        ], xs=6, md=4, xl=3)

    return components.section(
        NAME, t("compare_title", lang),
        dbc.Row([date_input(ids.COMPARE_A, "compare_date_a", low), date_input(ids.COMPARE_B, "compare_date_b", high)],
                # not on paper, where a date field shows the browser's format (11/20/2014 in English): the summary
                # below names both dates in the page's
                className="g-3 mb-2 d-print-none"),
        html.P(t("compare_note", lang), className="small text-muted"),
        components.export_buttons(ids.COMPARE_FIGURE, lang),
        # a figure named by the heading and described by the summary sentence in the results
        html.Div(dcc.Graph(id=ids.COMPARE_FIGURE, figure=figure, config=graph_config(lang, filename)), role="figure",
                 **{"aria-labelledby": ids.section_title(NAME), "aria-describedby": ids.COMPARE_SUMMARY}),
        html.Div(children, id=ids.COMPARE_RESULTS, className="compare-results"),
        dcc.Store(id=ids.COMPARE_STATE, data=compared(data, view.state.to_query()).to_query()))


def register_callbacks(app: dash.Dash) -> None:
    @app.callback(
        Output(ids.COMPARE_FIGURE, "figure"),
        Output(ids.COMPARE_RESULTS, "children"),
        Output(ids.COMPARE_STATE, "data"),
        Input(ids.COMPARE_A, "value"),
        Input(ids.COMPARE_B, "value"),
        # After the charts' answer (view.FOLLOWED), whose request then has the server to itself; of what it
        # changes, only the organisation filters matter here (COMPARE_STATE: those the comparison shows).
        FOLLOWED,
        State(ids.COMPARE_STATE, "data"),
        prevent_initial_call=True,
    )
    def update_comparison(value_a, value_b, query, shown) -> tuple:
        if events.new_layout():
            raise PreventUpdate  # the page was just rendered with these very values
        data = current_data()
        state = compared(data, query)
        if ctx.triggered_id == ids.URL_QUERY and state.to_query() == shown:
            raise PreventUpdate  # the period, the focus or the as-of date changed, which the comparison ignores
        return *render(data, state, value_a, value_b), state.to_query()
