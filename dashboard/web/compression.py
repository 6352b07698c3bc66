"""Compressed responses through flask-compress: static files compressed once per process and kept in its cache,
everything else (callback responses) compressed as it goes.

plotly.js alone is 4.8 MB; compressing it anew for every page load costs a fifth of a second of CPU. Static
files never change while the app runs (their URLs carry a version), so flask-compress keeps each one compressed
under its URL and encoding. Brotli comes first for its ratio; its level is one for both kinds of response, and
level 5 is the knee: the plotly.js bundle within 2 % of level 9's size in less than half the time, and a large
callback response in 2 ms instead of 18.
"""

from __future__ import annotations

from flask import Flask, Request, Response, request
from flask_compress import Compress

# Files that never change while the app runs: each under a URL that names its version, or revalidated
# (caching.py).
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/vendor/", "/_favicon.ico")
ALGORITHMS = ["br", "zstd", "gzip", "deflate"]
BROTLI_LEVEL = 5


def _is_static_file_request() -> bool:
    # A Range request gets a part of the file, which must not be kept as the whole.
    return (request.method == "GET" and request.path.startswith(STATIC_PREFIXES)
            and "Range" not in request.headers)


def static_file_key(req: Request) -> str:
    """The cache key flask-compress prefixes with the encoding: the URL with its version query."""
    return req.full_path


class StaticFilesCache:
    """flask-compress's cache backend, holding static files only: a callback's response differs from one
    request to the next under the same URL, so for those the cache neither answers nor keeps anything."""

    def __init__(self) -> None:
        self._compressed: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._compressed.get(key) if _is_static_file_request() else None

    def set(self, key: str, value: bytes) -> None:
        if _is_static_file_request():
            self._compressed[key] = value


def register_compression(server: Flask) -> None:
    server.config.update(
        COMPRESS_ALGORITHM=ALGORITHMS,
        COMPRESS_BR_LEVEL=BROTLI_LEVEL,
        COMPRESS_CACHE_BACKEND=StaticFilesCache,
        COMPRESS_CACHE_KEY=static_file_key,
    )
    Compress(server)

    # Flask runs after-request handlers last-registered first, so this runs before flask-compress's.
    @server.after_request
    def buffer_static_file(response: Response) -> Response:
        # Files sent from disk (assets, vendor files) stream, and flask-compress caches only whole bodies.
        if response.is_streamed and _is_static_file_request():
            response.direct_passthrough = False
            response.make_sequence()
        return response
