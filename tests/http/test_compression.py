"""Compressed responses: static files once per process (flask-compress's cache), callback responses as they go."""

from __future__ import annotations

import gzip
import re

import brotli
import flask_compress
import pytest

from dashboard.web.app import create_app
from dashboard.web.vendor import PLOTLY_URL
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


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_static_files_are_compressed_once_and_kept(bundled_data_dir, monkeypatch, encoding):
    module = brotli if encoding == "br" else flask_compress.flask_compress.compression.gzip
    calls = []
    real = module.compress
    monkeypatch.setattr(module, "compress", lambda data, *args, **kwargs: calls.append(len(data))
                        or real(data, *args, **kwargs))
    client = create_app(bundled_data_dir).server.test_client()
    path = PLOTLY_URL
    responses = [client.get(path, headers={"Accept-Encoding": encoding}) for _ in range(3)]
    assert len(calls) == 1
    assert {r.headers["Content-Encoding"] for r in responses} == {encoding}
    assert responses[0].data == responses[2].data
    assert len(responses[0].data) < len(client.get(path).data) / 3


def test_a_range_request_is_not_kept_as_the_whole_file(client):
    path = "/vendor/bootstrap.min.css"
    part = client.get(path, headers={"Accept-Encoding": "br", "Range": "bytes=0-9999"})
    whole = client.get(path, headers={"Accept-Encoding": "br"})
    assert part.status_code == 206 and len(brotli.decompress(part.data)) == 10_000
    assert whole.status_code == 200
    assert brotli.decompress(whole.data) == client.get(path, headers={"Accept-Encoding": "identity"}).data


def test_callback_responses_are_not_kept(client):
    dependencies = client.get("/_dash-dependencies").get_json()
    spec = find_callback(dependencies, "kpi-participants")
    bodies = [callback_body(spec, {"filter-date": [2014, 2026]}, {"lang": lang}) for lang in ("ru", "en")]
    answers = [brotli.decompress(client.post("/_dash-update-component", json=body,
                                             headers={"Accept-Encoding": "br"}).data) for body in bodies]
    assert answers[0] != answers[1]  # a kept response would have answered the second request too


def test_callback_responses_are_compressed_too(client):
    dependencies = client.get("/_dash-dependencies").get_json()
    body = callback_body(find_callback(dependencies, "kpi-participants"), {"filter-date": [2014, 2026]},
                         {"lang": "ru"})
    response = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"kpi-participants" in gzip.decompress(response.data)
