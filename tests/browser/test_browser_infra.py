"""Self-test of the browser fixtures on a minimal Dash app (not the dashboard)."""

from __future__ import annotations

import dash
from dash import html


def _minimal_app() -> dash.Dash:
    app = dash.Dash(__name__, assets_ignore=".*")  # no assets: this tests the fixtures only
    app.layout = html.Div("Проверка инфраструктуры", id="hello")
    return app


def test_minimal_dash_app_renders_offline(serve_app, page):
    url = serve_app(_minimal_app())

    page.goto(url + "/")
    page.wait_for_selector("#hello")

    assert page.inner_text("#hello") == "Проверка инфраструктуры"
    # the recorder saw the page and its Dash bundles, all from our own server
    assert any(u.startswith(url) and "_dash-component-suites" in u for u in page.log.requests)
    assert any(u.rstrip("/") == url for u in page.log.requests)
    page.log.assert_no_external_requests(url)
    page.log.assert_no_console_errors()


def test_page_log_sees_external_requests_and_console_errors(serve_app, page):
    """The recorder must actually catch what the dashboard tests assert against."""
    url = serve_app(_minimal_app())
    page.route("http://example.invalid/**", lambda route: route.abort())  # never touches the network

    page.goto(url + "/")
    page.wait_for_selector("#hello")
    page.evaluate(
        """() => {
            console.error('boom from test');
            return fetch('http://example.invalid/x.js').catch(() => null);
        }"""
    )

    assert page.log.external_requests(url) == ["http://example.invalid/x.js"]
    assert any("boom from test" in e for e in page.log.console_errors)
