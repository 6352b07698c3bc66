"""Third-party static files served from installed packages, so the page needs no CDN and the repository
holds no copies of them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import flask_bootstrap
from flask import Flask, request, send_file, send_from_directory

BOOTSTRAP_DIR = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5" / "css"
BOOTSTRAP_PATH = "/vendor/bootstrap.min.css"
# Its URL names its content, so browsers keep it for a year (caching.py) and fetch it anew when it changes.
_BOOTSTRAP_DIGEST = hashlib.sha256((BOOTSTRAP_DIR / "bootstrap.min.css").read_bytes()).hexdigest()
BOOTSTRAP_URL = f"{BOOTSTRAP_PATH}?v={_BOOTSTRAP_DIGEST[:12]}"
# plotly.js as Dash serves it from the plotly package (its file name carries a version stamp).
PLOTLY_PATH = "/_dash-component-suites/plotly/package_data/plotly"
# The partial plotly.js bundle with the scatter and bar traces, all the dashboard draws: a quarter of the full
# one. It comes from the npm package plotly.js-basic-dist-min (installed by `make`, see package.json); without
# it the full plotly.js is served.
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
PLOTLY_BASIC = NODE_MODULES / "plotly.js-basic-dist-min" / "plotly-basic.min.js"


def register_vendor_routes(server: Flask) -> None:
    @server.route(BOOTSTRAP_PATH)
    def bootstrap_css():
        return send_from_directory(BOOTSTRAP_DIR, "bootstrap.min.css")

    if PLOTLY_BASIC.exists():
        @server.before_request
        def partial_plotly():
            if request.path.startswith(PLOTLY_PATH) and request.path.endswith(".js"):
                return send_file(PLOTLY_BASIC, mimetype="application/javascript")
            return None
