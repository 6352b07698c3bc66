"""Third-party static files served from installed packages, so the page needs no CDN and the repository
holds no copies of them."""

from __future__ import annotations

from pathlib import Path

import flask_bootstrap
from flask import Flask, send_from_directory

BOOTSTRAP_DIR = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5" / "css"
BOOTSTRAP_URL = "/vendor/bootstrap.min.css"


def register_vendor_routes(server: Flask) -> None:
    @server.route(BOOTSTRAP_URL)
    def bootstrap_css():
        return send_from_directory(BOOTSTRAP_DIR, "bootstrap.min.css", max_age=86400)
