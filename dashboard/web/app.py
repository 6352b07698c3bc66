"""The app factory: one Dash app on one data package, with its callbacks, admin page and security headers."""

from __future__ import annotations

from html import escape
from pathlib import Path

import dash
import flask

from dashboard.data.live import LivePackage
from dashboard.data.package import data_dir_from_env
from dashboard.ui import page
from dashboard.ui.view import PACKAGE, current_data, state_from_query
from dashboard.web.admin import register_admin
from dashboard.web.compression import register_compression
from dashboard.web.security import register_security
from dashboard.web.vendor import BOOTSTRAP_URL, register_vendor_routes

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"

# {%lang%}: the page's language (Russian unless the address asks for English). Switching it in the page
# changes the document's language and title there (page.SYNC_DOCUMENT_JS).
INDEX_STRING = """<!DOCTYPE html>
<html lang="{%lang%}">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div>
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


class ClusterDash(dash.Dash):
    """The Dash app whose document is in the language its address asks for, titled accordingly."""

    def interpolate_index(self, **kwargs: object) -> str:
        data = current_data()
        lang = state_from_query(data, flask.request.query_string.decode("utf-8", "replace")).lang
        html = super().interpolate_index(**{**kwargs, "title": escape(page.document_title(data, lang))})
        return html.replace("{%lang%}", lang, 1)


def create_app(data_dir: Path | None = None) -> dash.Dash:
    """Build the app on a data package; raises :class:`PackageError` if the package is invalid."""
    package = LivePackage(data_dir or data_dir_from_env())
    data = package.current()
    page.warm(data)
    app = ClusterDash(
        __name__,
        title=escape(data.meta.name("ru")),
        assets_folder=str(ASSETS_DIR),
        external_stylesheets=[BOOTSTRAP_URL],
        serve_locally=True,
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX_STRING
    register_vendor_routes(app.server)
    register_compression(app.server)
    app.server.config[PACKAGE] = package
    # Parts of the page come and go (the page itself, the grids): callbacks are checked against all of them.
    app.validation_layout = page.validation_layout(data)
    page.register_callbacks(app)
    register_admin(app.server, package)
    # Last: the Content-Security-Policy needs the hashes of every inline script the callbacks added.
    register_security(app)
    return app
