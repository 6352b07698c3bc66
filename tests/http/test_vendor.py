"""Third-party files served by the app itself: Bootstrap from its Python package, plotly.js partial bundle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

from dashboard.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
# Where `make` installs the npm packages: found here independently of the app, so a wrong path in the app fails.
INSTALLED = (ROOT / "node_modules" / "plotly.js-basic-dist-min").is_dir()


def test_the_pinned_partial_plotly_bundle_matches_the_plotly_package():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/plotly.js-basic-dist-min"]["version"]
    assert pinned == get_plotlyjs_version()


@pytest.mark.skipif(not INSTALLED, reason="npm packages not installed (make installs them)")
def test_the_page_gets_the_partial_plotly_bundle(bundled_data_dir):
    client = create_app(bundled_data_dir).server.test_client()
    # dcc.Graph loads plotly.js by itself from this path (not named in the page's HTML).
    script = client.get("/_dash-component-suites/plotly/package_data/plotly.min.js").data
    assert script.startswith(b"/**\n* plotly.js (basic - minified) v" + get_plotlyjs_version().encode())
    assert len(script) < 1_500_000  # the full bundle is 4.8 MB
