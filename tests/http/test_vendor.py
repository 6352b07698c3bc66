"""Third-party files served by the app itself: Bootstrap from its Python package, plotly.js partial bundle,
AG Grid's bundle left for later."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

from dashboard.web.app import create_app
from dashboard.web.caching import FINGERPRINTED

ROOT = Path(__file__).resolve().parents[2]
# Where `make` installs the npm packages: found here independently of the app, so a wrong path in the app fails.
INSTALLED = (ROOT / "node_modules" / "plotly.js-basic-dist-min").is_dir()


def test_the_pinned_partial_plotly_bundle_matches_the_plotly_package():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/plotly.js-basic-dist-min"]["version"]
    assert pinned == get_plotlyjs_version()


@pytest.fixture(scope="module")
def client(bundled_data_dir):
    return create_app(bundled_data_dir).server.test_client()


def page_scripts(client) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', client.get("/").get_data(as_text=True))


def plotly_js(client) -> str:
    """The URL of the page's script that is plotly.js."""
    [url] = [url for url in page_scripts(client) if client.get(url).data.startswith(b"/**\n* plotly.js ")]
    return url


@pytest.mark.skipif(not INSTALLED, reason="npm packages not installed (make installs them)")
def test_the_page_gets_the_partial_plotly_bundle(client):
    script = client.get(plotly_js(client)).data
    assert script.startswith(b"/**\n* plotly.js (basic - minified) v" + get_plotlyjs_version().encode())
    assert len(script) < 1_500_000  # the full bundle is 4.8 MB


def test_the_page_names_plotly_js_under_a_versioned_url_kept_for_a_year(client):
    # dcc.Graph would load it by itself under a fixed URL, to be revalidated on every page load.
    url = plotly_js(client)
    assert re.search(r"\?v=[0-9a-f]{12}$", url)
    assert client.get(url).headers["Cache-Control"] == FINGERPRINTED


def test_the_page_leaves_ag_grid_for_later_under_a_versioned_url(client):
    assert not [url for url in page_scripts(client) if "ag_grid" in url]
    page = client.get("/").get_data(as_text=True)
    [url] = re.findall(r'<meta name="grid-bundle" content="([^"]+)"', page)
    response = client.get(url)
    assert b"window.dash_ag_grid=" in response.data
    assert response.headers["Cache-Control"] == FINGERPRINTED


def test_the_page_names_no_data_table_code(client):
    # Dash names dash_table's bundle in every page; the dashboard has no DataTable
    assert not [url for url in page_scripts(client) if "dash_table" in url]
