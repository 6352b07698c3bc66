"""Cache lifetimes: a static file under a URL that names its version is kept for a year; the page and every
file under a fixed URL are revalidated on each use."""

from __future__ import annotations

import re

import pytest

from dashboard.web.app import create_app
from dashboard.web.caching import FINGERPRINTED, REVALIDATED

LATE_SCRIPT = "/_dash-component-suites/dash/dcc/async-graph.js"  # loaded by dcc itself, under a fixed name


@pytest.fixture(scope="module")
def client(bundled_data_dir):
    return create_app(bundled_data_dir).server.test_client()


def page_files(client) -> list[str]:
    page = client.get("/").get_data(as_text=True)
    return re.findall(r'(?:src|href)="(/[^"]+)"', page)


def test_every_file_the_page_names_is_kept_for_a_year(client):
    files = page_files(client)
    assert {"/_dash-component-suites/", "/assets/", "/vendor/", "/_favicon.ico"} <= {
        re.match(r"/[^/?]+/?", url).group(0) for url in files}
    for url in files:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == FINGERPRINTED, url
        assert "Expires" not in response.headers, url


@pytest.mark.parametrize("url", ["/", "/?lang=en", "/_dash-layout", "/_dash-dependencies", "/robots.txt"])
def test_the_page_and_its_layout_are_revalidated(client, url):
    assert client.get(url).headers["Cache-Control"] == REVALIDATED


def test_a_static_file_under_a_fixed_url_is_revalidated_and_answers_304_while_unchanged(client):
    response = client.get(LATE_SCRIPT)
    assert response.headers["Cache-Control"] == REVALIDATED
    again = client.get(LATE_SCRIPT, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    for url in ("/assets/style.css", "/vendor/bootstrap.min.css"):
        assert client.get(url).headers["Cache-Control"] == REVALIDATED, url


def test_a_missing_file_is_not_kept(client):
    response = client.get("/assets/no-such-file.js?m=1")
    assert response.status_code == 404
    assert response.headers["Cache-Control"] != FINGERPRINTED
