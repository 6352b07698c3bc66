"""Compressed responses: static files once per process, callback responses as they go."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest

from dashboard.web import compression
from dashboard.web.app import create_app
from tests.dash_requests import callback_body, find_callback


@pytest.fixture(scope="module")
def client(bundled_data_dir):
    return create_app(bundled_data_dir).server.test_client()


def script_paths(client) -> list[str]:
    html = client.get("/").data.decode()
    return re.findall(r'src="(/_dash-component-suites/[^"]+)"', html)


@pytest.mark.parametrize(("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_every_script_is_served_compressed_and_intact(client, encoding, decompress):
    paths = script_paths(client)
    assert len(paths) > 5
    for path in paths:
        plain = client.get(path, headers={"Accept-Encoding": "identity"})
        packed = client.get(path, headers={"Accept-Encoding": f"{encoding}, deflate"})
        assert plain.headers.get("Content-Encoding") is None
        assert packed.headers["Content-Encoding"] == encoding, path
        assert decompress(packed.data) == plain.data, path
        assert int(packed.headers["Content-Length"]) == len(packed.data) < len(plain.data)


def test_static_files_are_compressed_once_and_kept(bundled_data_dir, monkeypatch):
    calls = []
    real = compression._compress
    monkeypatch.setattr(compression, "_compress", lambda data, encoding: calls.append(encoding) or real(data, encoding))
    client = create_app(bundled_data_dir).server.test_client()
    path = "/_dash-component-suites/plotly/package_data/plotly.min.js"
    responses = [client.get(path, headers={"Accept-Encoding": "br"}) for _ in range(3)]
    assert calls == ["br"]
    assert responses[0].data == responses[2].data
    assert len(responses[0].data) < len(client.get(path).data) / 3


def test_callback_responses_are_compressed_too(client):
    dependencies = client.get("/_dash-dependencies").get_json()
    body = callback_body(find_callback(dependencies, "kpi-participants"), {"filter-date": [2014, 2026]},
                         {"lang": "ru"})
    response = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"kpi-participants" in gzip.decompress(response.data)
