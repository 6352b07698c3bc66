"""Compressed responses: static files compressed once per process, everything else per response.

plotly.js alone is 4.8 MB; compressing it anew for every page load costs a fifth of a second of CPU. Static
files never change while the app runs (their URLs carry a version), so each is compressed once, at a
high level, and kept; callback responses are compressed by flask-compress as they go.
"""

from __future__ import annotations

import gzip
import threading

import brotli
from flask import Flask, Response, request
from flask_compress import Compress

STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/vendor/")
COMPRESSIBLE = ("application/javascript", "text/javascript", "text/css", "application/json", "image/svg+xml")
BROTLI_QUALITY = 9
GZIP_LEVEL = 9


def _encoding(accept: str) -> str | None:
    accepted = {part.split(";")[0].strip() for part in accept.lower().split(",")}
    return "br" if "br" in accepted else "gzip" if "gzip" in accepted else None


def _compress(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=BROTLI_QUALITY)
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def register_compression(server: Flask) -> None:
    cache: dict[tuple[str, str], bytes] = {}
    lock = threading.Lock()
    # Flask runs after-request handlers last-registered first: static files are done here before
    # flask-compress sees them, and it skips whatever already has a Content-Encoding.
    Compress(server)

    @server.after_request
    def compress_static(response: Response) -> Response:
        encoding = _encoding(request.headers.get("Accept-Encoding", ""))
        if (request.method != "GET" or encoding is None or response.status_code != 200
                or not request.path.startswith(STATIC_PREFIXES) or response.mimetype not in COMPRESSIBLE
                or "Content-Encoding" in response.headers):
            return response
        key = (request.full_path, encoding)
        body = cache.get(key)
        if body is None:
            response.direct_passthrough = False
            body = _compress(response.get_data(), encoding)
            with lock:
                cache[key] = body
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding
        response.headers["Vary"] = "Accept-Encoding"
        return response
