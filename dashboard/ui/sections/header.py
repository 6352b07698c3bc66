"""The page's header: the cluster's name, the data date and coverage, presentation mode, the list of keyboard
shortcuts and the language switch.

Both switches are links to the same view in the other language or mode (a new tab or a bookmark keeps it); a
plain click is followed without a reload (dcc.Link: the address bar changes and the router draws the page anew,
see :func:`dashboard.ui.page.register_callbacks`). Presentation mode is drawn anew too, not restyled in place:
its charts are taller, and plotly.js redrawing a chart in place at a new height leaves its box the old one."""

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

OUTPUTS: tuple[Output_, ...] = ((ids.LANG_SWITCH, "href"), (ids.PRESENT_TOGGLE, "href"))

# Full screen needs the click itself (browsers refuse it otherwise), so it is asked for in the browser: when the
# address becomes the one the presentation switch links to, before the page is drawn anew for it.
FULLSCREEN_JS = """
function(search, toggle) {
    if (typeof toggle !== "string" || new URL(toggle, window.location.href).search !== search) {
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

# The keyboard shortcuts (assets/keyboard.js) as the list shows them: the keys' and the description's texts.
SHORTCUTS = (("keys_step", "shortcut_step"), ("keys_page", "shortcut_page"), ("keys_enter", "shortcut_enter"),
             ("keys_help", "shortcut_help"), ("keys_close", "shortcut_close"))


def _keys(text: str) -> list:
    """One <kbd> per key of a space-separated list, spaces between them."""
    first, *rest = text.split()
    return [html.Kbd(first), *(part for key in rest for part in (" ", html.Kbd(key)))]


def shortcuts_dialog(lang: str) -> html.Dialog:
    """The list of keyboard shortcuts, opened by "?" or its button as a modal dialog (assets/keyboard.js)."""
    rows = [part for keys, text in SHORTCUTS for part in (html.Dt(_keys(t(keys, lang))), html.Dd(t(text, lang)))]
    return html.Dialog(html.Div([
        html.H2(t("shortcuts", lang), id=ids.SHORTCUTS_TITLE, className="h5"),
        html.Dl(rows, className="shortcut-list"),
        html.Button(t("shortcuts_close", lang), className="btn btn-primary btn-sm", **{"data-shortcuts-close": ""}),
    ], className="shortcuts-body"), id=ids.SHORTCUTS, className="shortcuts",
        **{"aria-labelledby": ids.SHORTCUTS_TITLE, "data-shortcuts": ""})


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
                dcc.Link(t("present_off" if view.state.present else "present_on", lang), id=ids.PRESENT_TOGGLE,
                         href="?", className="btn btn-warning btn-sm"),
                # Not on a phone's narrow screen, where there is seldom a keyboard and never room to spare.
                html.Button("?", id=ids.SHORTCUTS_OPEN,
                            className="btn btn-light btn-sm shortcuts-open d-none d-sm-inline-block",
                            title=t("shortcuts_open", lang),
                            **{"aria-label": t("shortcuts_open", lang), "aria-haspopup": "dialog",
                               "data-shortcuts-open": ""}),
                dcc.Link(html.Span(t("lang_switch", lang), lang=_other(lang)), id=ids.LANG_SWITCH, href="?",
                         className="btn btn-light btn-sm lang-switch"),
            ], className="d-flex gap-2 flex-shrink-0"),
        ], fluid=True, className="d-flex justify-content-between align-items-start gap-3 py-3"),
        shortcuts_dialog(lang),
    ], className="app-header")


def _other(lang: str) -> str:
    return "en" if lang == "ru" else "ru"


def values(view: View, unfolded: Collection[Output_]) -> dict:
    # "?" rather than "": an empty link is the page itself.
    return {(ids.LANG_SWITCH, "href"): view.state.with_lang(_other(view.lang)).to_query() or "?",
            (ids.PRESENT_TOGGLE, "href"): view.state.toggled_presentation().to_query() or "?"}


def register_callbacks(app: dash.Dash) -> None:
    app.clientside_callback(FULLSCREEN_JS, Output(ids.PRESENT_TOGGLE, "title"), Input(ids.URL, "search"),
                            State(ids.PRESENT_TOGGLE, "href"), prevent_initial_call=True)
