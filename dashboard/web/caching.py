"""How long browsers keep what the app sends.

A static file whose URL carries a fingerprint (Dash's ``.v4_4_1m1796277344.js`` names, the ``?m=<mtime>`` of
the assets, the ``?v=`` of the favicon and the vendored files) gets a new URL whenever it changes, so it is
kept for a year and never revalidated. Every other response — the page, its layout, static files loaded
under a fixed URL (the components' async chunks) — is revalidated on every use (``no-cache``; the static files
answer with 304 while unchanged), so an upgrade or a new data package shows at once. Responses that set their
own policy (the admin page: ``no-store``) keep it.
"""

from __future__ import annotations

from collections.abc import Container

from dash.fingerprint import check_fingerprint
from flask import Flask, Response, request

from dashboard.web.compression import STATIC_PREFIXES

FINGERPRINTED = "public, max-age=31536000, immutable"
REVALIDATED = "no-cache"
FINGERPRINT_PARAMETERS = ("m", "v")


def is_fingerprinted(path: str, parameters: Container[str]) -> bool:
    """Whether a static file's URL changes with its content: a fingerprint in its name or its query."""
    return check_fingerprint(path)[1] or any(name in parameters for name in FINGERPRINT_PARAMETERS)


def register_caching(server: Flask) -> None:
    @server.after_request
    def cache_control(response: Response) -> Response:
        if request.path.startswith(STATIC_PREFIXES):
            fingerprinted = response.status_code in (200, 304) and is_fingerprinted(request.path, request.args)
            response.headers["Cache-Control"] = FINGERPRINTED if fingerprinted else REVALIDATED
            response.headers.pop("Expires", None)
        elif "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = REVALIDATED
        return response
