"""The floor of the benchmarks: a bare Dash app served the same way as the dashboard.

One empty ``dcc.Graph`` (the cost of Dash + plotly.js with nothing to show) and a button whose callback
writes the click count into a div (the cost of one trivial callback round trip).

    gunicorn --preload -w 2 -b 127.0.0.1:8060 benchmarks.floor_app:server
"""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

app = dash.Dash(__name__, serve_locally=True, update_title=None, title="floor")
app.layout = html.Div([
    dcc.Graph(id="graph"),
    html.Button("click", id="button", n_clicks=0),
    html.Div("0", id="clicks"),
])


@app.callback(Output("clicks", "children"), Input("button", "n_clicks"), prevent_initial_call=True)
def count(n_clicks: int | None) -> str:
    return str(n_clicks or 0)


server = app.server
