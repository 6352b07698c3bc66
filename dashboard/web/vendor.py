"""Third-party static files served from installed packages, so the page needs no CDN and the repository
holds no copies of them. Each is named in the page under a URL with its content's digest, so browsers keep it
for a year (caching.py) and fetch it anew when it changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import dash_ag_grid
import flask_bootstrap
import plotly
from dash import dash_table
from dash.fingerprint import build_fingerprint
from flask import Flask, send_file

BOOTSTRAP_FILE = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5" / "css" / "bootstrap.min.css"
BOOTSTRAP_PATH = "/vendor/bootstrap.min.css"
# The partial plotly.js bundle with the scatter and bar traces, all the dashboard draws: a quarter of the full
# one. It comes from the npm package plotly.js-basic-dist-min (installed by `make`, see package.json); without
# it the full plotly.js of the plotly package is served.
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
PLOTLY_BASIC = NODE_MODULES / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
PLOTLY_FILE = PLOTLY_BASIC if PLOTLY_BASIC.exists() else Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PLOTLY_PATH = "/vendor/plotly.min.js"
# AG Grid's bundle (1.3 MB, a quarter of the page's bytes) is left out of the page and loaded by
# assets/lazy_grids.js when a table nears the screen; the page names it in this meta tag. Dash serves it, and
# webpack loads the grid's chunks from beside it.
GRID_BUNDLE = "dash_ag_grid.min.js"
GRID_BUNDLE_META = "grid-bundle"
# dash_table's bundle, which Dash names in every page whether a DataTable is used or not (the dashboard uses
# none): left out of the page the same way.
DATA_TABLE_BUNDLE = "dash_table/bundle.js"


def _digest(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()[:12]


BOOTSTRAP_URL = f"{BOOTSTRAP_PATH}?v={_digest(BOOTSTRAP_FILE)}"
PLOTLY_URL = f"{PLOTLY_PATH}?v={_digest(PLOTLY_FILE)}"
GRID_BUNDLE_URL = "/_dash-component-suites/dash_ag_grid/" + build_fingerprint(
    GRID_BUNDLE, dash_ag_grid.__version__, _digest(Path(dash_ag_grid.__file__).parent / GRID_BUNDLE))


def leave_bundles_out_of_page() -> None:
    """Mark AG Grid's and dash_table's bundles async, as their chunks are: Dash then names them in the page only
    with eager_loading."""
    for package, bundle in ((dash_ag_grid, GRID_BUNDLE), (dash_table, DATA_TABLE_BUNDLE)):
        for resource in package._js_dist:
            if resource.get("relative_package_path") == bundle:
                resource["async"] = True


def register_vendor_routes(server: Flask) -> None:
    @server.route(BOOTSTRAP_PATH)
    def bootstrap_css():
        return send_file(BOOTSTRAP_FILE)

    @server.route(PLOTLY_PATH)
    def plotly_js():
        return send_file(PLOTLY_FILE, mimetype="application/javascript")
