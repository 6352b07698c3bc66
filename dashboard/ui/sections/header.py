"""The page's header: the cluster's name, the data date and coverage, presentation mode and the language
switch.

Neither switch reloads the page. The language switch is a link to the same view in the other language (a new
tab or a bookmark keeps it); a plain click is followed in place (dcc.Link: the address bar changes and the
router draws the page anew, see :func:`dashboard.ui.page.register_callbacks`). Presentation mode changes only
how the charts are drawn: the switch sets a store and the charts' callback draws them again."""

from __future__ import annotations

from collections.abc import Collection

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboard.data import derive
from dashboard.i18n import format_date, t
from dashboard.ui import ids
from dashboard.ui.view import Output_, View

OUTPUTS: tuple[Output_, ...] = ((ids.LANG_SWITCH, "href"), (ids.PRESENT_TOGGLE, "children"))

# Full screen needs the click itself (browsers refuse it otherwise), so it is asked for in the browser.
TOGGLE_JS = """
function(clicks, present) {
    if (!clicks) {
        return window.dash_clientside.no_update;
    }
    const root = document.documentElement;
    if (!present && !document.fullscreenElement && root.requestFullscreen) {
        root.requestFullscreen().catch(() => null);
    } else if (present && document.fullscreenElement && document.exitFullscreen) {
        document.exitFullscreen().catch(() => null);
    }
    return !present;
}
"""


def layout(view: View) -> html.Header:
    meta, lang = view.data.meta, view.lang
    banner = [dbc.Alert(t("synthetic_banner", lang), color="danger", id=ids.SYNTHETIC_BANNER,
                        className="synthetic-banner mb-0 text-center fw-bold")] if meta.synthetic else []
    return html.Header([
        *banner,
        dbc.Container([
            html.Div([
                html.H1(meta.name(lang), className="h3 mb-1"),
                html.Div([
                    html.Span(f"{t('data_as_of', lang)} {format_date(pd.Timestamp(meta.data_as_of), 'day', lang)}",
                              id=ids.DATA_AS_OF, className="me-3"),
                    html.Span(derive.coverage_text(view.data, lang), id=ids.COVERAGE),
                ], className="small"),
            ]),
            html.Div([
                html.Button(id=ids.PRESENT_TOGGLE, className="btn btn-warning btn-sm"),
                dcc.Link(html.Span(t("lang_switch", lang), lang=_other(lang)), id=ids.LANG_SWITCH, href="?",
                         className="btn btn-light btn-sm lang-switch"),
            ], className="d-flex gap-2 flex-shrink-0"),
        ], fluid=True, className="d-flex justify-content-between align-items-start gap-3 py-3"),
    ], className="app-header")


def _other(lang: str) -> str:
    return "en" if lang == "ru" else "ru"


def values(view: View, unfolded: Collection[Output_]) -> dict:
    # "?" rather than "": an empty link is the page itself.
    return {(ids.LANG_SWITCH, "href"): view.state.with_lang(_other(view.lang)).to_query() or "?",
            (ids.PRESENT_TOGGLE, "children"): t("present_off" if view.state.present else "present_on", view.lang)}


def register_callbacks(app: dash.Dash) -> None:
    app.clientside_callback(TOGGLE_JS, Output(ids.PRESENT, "data"), Input(ids.PRESENT_TOGGLE, "n_clicks"),
                            State(ids.PRESENT, "data"), prevent_initial_call=True)
