"""The cluster "as of" a date: a bar that steps every view through the cluster's history by year or by event,
with buttons, a slider, play, or the arrow keys (with the focus in the bar, or in presentation mode)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from string import Template

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.data import derive
from dashboard.i18n import format_date, t
from dashboard.ui import ids
from dashboard.ui.view import Output_, View, asof_step, current_data

OUTPUTS: tuple[Output_, ...] = ((ids.ASOF_LABEL, "children"),)
PLAY_INTERVAL_MS = 1500

# Stepping runs in the browser: instant, and quick key presses cannot race each other over the network.
STEP_ASOF_JS = Template("""
function(prev, next, tick, play, position, last, paused, labels) {
    const noUpdate = window.dash_clientside.no_update;
    const trigger = (window.dash_clientside.callback_context.triggered[0] || {});
    if (!trigger.value) {
        return [noUpdate, noUpdate, noUpdate];
    }
    const id = trigger.prop_id.split(".")[0];
    position = Number.isInteger(position) ? Math.min(Math.max(position, 0), last) : last;
    if (id === $play) {
        if (!paused) {
            return [noUpdate, true, labels[0]];
        }
        return [position === last ? 0 : position, false, labels[1]];
    }
    position = id === $prev ? Math.max(position - 1, 0) : Math.min(position + 1, last);
    if (id === $timer && position === last) {
        return [position, true, labels[0]];
    }
    return [position, noUpdate, noUpdate];
}
""").substitute(play=json.dumps(ids.ASOF_PLAY), prev=json.dumps(ids.ASOF_PREV), timer=json.dumps(ids.ASOF_TIMER))


def marks(steps: list) -> dict[int, str]:
    """Year labels under the as-of slider, thinned out so they never collide."""
    every = max(1, len(steps) // 8)
    return {i: str(step.year) for i, step in enumerate(steps) if i % every == 0 or i == len(steps) - 1}


def layout(view: View) -> html.Div:
    lang, state = view.lang, view.state
    steps = derive.asof_steps(view.data, "year", state.asof)
    position = steps.index(state.asof) if state.asof else len(steps) - 1
    return html.Div([
        html.Div([
            html.Span(t("asof", lang), className="me-2", **{"data-label-for": ids.ASOF}),
            html.Strong(id=ids.ASOF_LABEL, className="me-3 asof-label", **{"data-valuetext-for": ids.ASOF}),
            # data-shortcut: the keyboard shortcuts click these (assets/keyboard.js)
            html.Button("◀", id=ids.ASOF_PREV, className="btn btn-outline-primary btn-sm me-1",
                        title=t("asof_prev", lang), **{"aria-label": t("asof_prev", lang), "data-shortcut": "prev"}),
            html.Button("▶", id=ids.ASOF_NEXT, className="btn btn-outline-primary btn-sm me-2",
                        title=t("asof_next", lang), **{"aria-label": t("asof_next", lang), "data-shortcut": "next"}),
            html.Button(t("asof_play", lang), id=ids.ASOF_PLAY, className="btn btn-primary btn-sm me-3"),
            # Bootstrap's radios: native inputs with labels (Dash 4's RadioItems nests them in role=option).
            html.Div(dbc.RadioItems(id=ids.ASOF_MODE, value="year", inline=True, className="asof-mode small",
                                    options=[{"label": t("asof_by_year", lang), "value": "year"},
                                             {"label": t("asof_by_event", lang), "value": "event"}]),
                     role="radiogroup", **{"aria-label": t("asof_mode", lang)}),
        ], className="d-flex flex-wrap align-items-center"),
        # The slider draws itself once its script has arrived, after the page: its box keeps the room meanwhile.
        html.Div(dcc.Slider(id=ids.ASOF, min=0, max=len(steps) - 1, step=1, value=position, marks=marks(steps),
                            updatemode="mouseup", allow_direct_input=False), className="asof-slider"),
        html.Small(t("asof_hint", lang), className="text-muted asof-hint"),
        dcc.Store(id=ids.ASOF_STEPS, data=[d.isoformat() for d in steps]),
        dcc.Interval(id=ids.ASOF_TIMER, interval=PLAY_INTERVAL_MS, disabled=True),
        dcc.Store(id=ids.ASOF_PLAY_LABELS, data=[t("asof_play", lang), t("asof_pause", lang)]),
    ], className="view asof-bar")


def values(view: View, unfolded: Collection[Output_]) -> dict:
    asof = view.state.asof
    return {(ids.ASOF_LABEL, "children"): format_date(asof, "day", view.lang) if asof else t("asof_today", view.lang)}


def register_callbacks(app: dash.Dash) -> None:
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
        current = asof_step(steps, position)
        chosen = dt.date.fromisoformat(current) if current else None
        new_steps = derive.asof_steps(current_data(), "event" if mode == "event" else "year", chosen)
        if [d.isoformat() for d in new_steps] == steps:
            raise PreventUpdate
        position = new_steps.index(chosen) if chosen else len(new_steps) - 1
        return [d.isoformat() for d in new_steps], len(new_steps) - 1, marks(new_steps), position

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
