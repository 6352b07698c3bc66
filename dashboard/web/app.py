"""The app factory: one Dash app on one data package, with its callbacks, admin page, security headers, cache
lifetimes and robots.txt."""

from __future__ import annotations

from html import escape
from pathlib import Path

import dash
import flask

from dashboard.data.live import LivePackage
from dashboard.data.package import ClusterMeta, data_dir_from_env
from dashboard.i18n import t
from dashboard.ui import page
from dashboard.ui.view import PACKAGE, View, current_data, state_from_query
from dashboard.web.admin import admin, register_admin
from dashboard.web.caching import register_caching
from dashboard.web.compression import register_compression
from dashboard.web.first_paint import first_paint
from dashboard.web.security import register_security
from dashboard.web.vendor import (
    BOOTSTRAP_URL,
    GRID_BUNDLE_META,
    GRID_BUNDLE_URL,
    PLOTLY_URL,
    leave_bundles_out_of_page,
    register_vendor_routes,
)

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"

# The page's language, title and description follow ?lang= (ClusterDash.interpolate_index fills {%lang%});
# switching it in the page changes the document's language and title there (page.SYNC_DOCUMENT_JS).
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


# The dashboard shows what public sources say, with shareable addresses: search engines may index it (on a
# closed network none reaches it anyway). The admin page is no page to index.
ROBOTS_TXT = f"""User-agent: *
Disallow: {admin.url_prefix}
"""


def meta_description(meta: ClusterMeta, lang: str) -> str:
    return t("meta_description", lang).format(name=meta.name(lang), year=meta.launch_date.year)


class ClusterDash(dash.Dash):
    """The Dash app whose document says the page's language, with the package's cluster name as its title, a
    description of the dashboard in that language, and the page's header for the first paint."""

    def interpolate_index(self, **kwargs: str) -> str:
        data = current_data()
        view = View(data, state_from_query(data, flask.request.query_string.decode("utf-8", "replace")))
        lang = view.lang
        description = f'<meta name="description" content="{escape(meta_description(data.meta, lang))}">'
        index = super().interpolate_index(**{**kwargs, "title": escape(page.document_title(data, lang)),
                                             "metas": kwargs.get("metas", "") + description,
                                             "app_entry": first_paint(view) + kwargs.get("app_entry", "")})
        return index.replace("{%lang%}", lang, 1)


def create_app(data_dir: Path | None = None) -> dash.Dash:
    """Build the app on a data package; raises :class:`PackageError` if the package is invalid."""
    package = LivePackage(data_dir or data_dir_from_env())
    data = package.current()
    page.warm(data)
    leave_bundles_out_of_page()
    app = ClusterDash(
        __name__,
        title=escape(data.meta.name("ru")),
        assets_folder=str(ASSETS_DIR),
        external_stylesheets=[BOOTSTRAP_URL],
        # Named in the page, before the components' scripts, so that plotly.js arrives with them under a
        # versioned URL: dcc.Graph would otherwise fetch it under a fixed one once the layout is drawn.
        external_scripts=[PLOTLY_URL],
        serve_locally=True,
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   {"name": GRID_BUNDLE_META, "content": GRID_BUNDLE_URL}],
    )
    app.index_string = INDEX_STRING
    register_vendor_routes(app.server)
    register_compression(app.server)
    register_caching(app.server)
    app.server.add_url_rule("/robots.txt", "robots_txt", lambda: flask.Response(ROBOTS_TXT, mimetype="text/plain"))
    app.server.config[PACKAGE] = package
    # Parts of the page come and go (the page itself, the grids): callbacks are checked against all of them.
    app.validation_layout = page.validation_layout(data)
    page.register_callbacks(app)
    register_admin(app.server, package)
    # Last: the Content-Security-Policy needs the hashes of every inline script the callbacks added.
    register_security(app)
    return app
