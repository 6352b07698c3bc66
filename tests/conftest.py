"""Shared pytest fixtures: data paths, a threaded live server and a headless Chromium.

Browser tests live in ``tests/browser/test_*.py``; they get the ``browser`` marker
automatically.  They are skipped only when the environment variable ``SKIP_BROWSER=1``
is set.  A missing Chromium is an error, never a silent skip.

Playwright drives the Debian package ``/usr/bin/chromium`` (override with
``CHROMIUM_PATH``).  We never run ``playwright install``: no browser is downloaded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser import DRAW_EVERY_CHART_JS

TESTS_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = TESTS_DIR.parent
BROWSER_TESTS_DIR = TESTS_DIR / "browser"

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Flags checked on this machine type (see stack_notes.md section 5).  Do NOT add
# --disable-software-rasterizer: it removes WebGL and map traces go blank.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}
# Default Playwright timeout for actions and expectations (ms).  Pages with plotly.js
# need ~2-5 s on 2 cores; leave generous headroom for a loaded CI machine.
DEFAULT_TIMEOUT_MS = 30_000

# URL schemes that never leave the machine.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}


# ---------------------------------------------------------------------------
# markers
# ---------------------------------------------------------------------------


def _skip_browser_requested() -> bool:
    return os.environ.get("SKIP_BROWSER", "").strip() == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason="browser tests disabled by SKIP_BROWSER=1")
    for item in items:
        path = Path(str(item.path))
        if path.parent == BROWSER_TESTS_DIR and path.name.startswith("test_") and path.suffix == ".py":
            item.add_marker(pytest.mark.browser)
            if _skip_browser_requested():
                item.add_marker(skip)


# ---------------------------------------------------------------------------
# paths
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def bundled_data_dir() -> Path:
    """The data package shipped in the repository (``<repo>/data``)."""
    path = PROJECT_ROOT / "data"
    assert path.is_dir(), f"bundled data folder not found: {path}"
    return path


@pytest.fixture(scope="session")
def assets_dir() -> Path:
    """``<repo>/assets``: pass as ``assets_folder=`` to minimal Dash apps in tests."""
    return PROJECT_ROOT / "assets"


# ---------------------------------------------------------------------------
# live server
# ---------------------------------------------------------------------------


class _ServerThread:
    def __init__(self, wsgi_app: Any) -> None:
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, name=f"live-server-{self.server.server_port}", daemon=True
        )
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def serve_app() -> Iterator[Callable[[Any], str]]:
    """Factory: ``serve_app(app) -> base URL`` (no trailing slash).

    ``app`` is a ``dash.Dash`` (its ``.server`` is served) or any WSGI app.  Each call
    starts a new threaded werkzeug server on a free port; all of them stop at the end
    of the session.
    """
    servers: list[_ServerThread] = []

    def _serve(app: Any) -> str:
        wsgi_app = getattr(app, "server", app)
        srv = _ServerThread(wsgi_app)
        servers.append(srv)
        return srv.url

    yield _serve
    for srv in servers:
        srv.stop()


@pytest.fixture(scope="session")
def live_server(serve_app: Callable[[Any], str], bundled_data_dir: Path) -> str:
    """Base URL of the real dashboard (``create_app(bundled_data_dir)``)."""
    from dashboard.web.app import create_app

    return serve_app(create_app(bundled_data_dir))


# ---------------------------------------------------------------------------
# browser
# ---------------------------------------------------------------------------


def _is_local(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return f"{parts.scheme}://{parts.netloc}" == origin


@dataclass
class PageLog:
    """What a page did: every request URL, console errors, uncaught page errors."""

    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def external_requests(self, origin: str) -> list[str]:
        """Request URLs outside ``origin`` (e.g. ``http://127.0.0.1:1234``); data:/blob: count as local."""
        origin = origin.rstrip("/")
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(origin))
        return [u for u in self.requests if not _is_local(u, origin)]

    def assert_no_external_requests(self, origin: str) -> None:
        external = self.external_requests(origin)
        assert not external, f"{len(external)} request(s) left {origin}:\n" + "\n".join(external)

    def errors(self) -> list[str]:
        return self.console_errors + self.page_errors

    def assert_no_console_errors(self, ignore: tuple[str, ...] = ()) -> None:
        """Fail on console.error / uncaught exceptions, except messages containing an ``ignore`` substring."""
        errors = [e for e in self.errors() if not any(s in e for s in ignore)]
        assert not errors, "browser console errors:\n" + "\n".join(errors)


@pytest.fixture(scope="session")
def _playwright() -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=DEFAULT_TIMEOUT_MS)  # its own default is 5 s
    pw = sync_playwright().start()
    try:
        yield pw
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def browser(_playwright: Any) -> Iterator[Any]:
    """One headless Debian Chromium for the whole session (Playwright sync API)."""
    if not (os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}. Browser tests need it: "
            "`apt-get install -y chromium chromium-driver` (as root; `make test` does this), "
            "or set SKIP_BROWSER=1 to skip the browser tests explicitly.",
            pytrace=False,
        )
    b = _playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
    try:
        yield b
    finally:
        b.close()


def _page(browser: Any, every_chart: bool) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    if every_chart:
        context.add_init_script(DRAW_EVERY_CHART_JS)
    pg = context.new_page()
    log = PageLog()
    pg.on("request", lambda req: log.requests.append(req.url))
    pg.on("requestfailed", lambda req: log.failed_requests.append(f"{req.url} ({req.failure})"))
    pg.on(
        "console",
        lambda msg: (
            log.console_errors.append(f"{msg.text} [{msg.location.get('url', '')}]")
            if msg.type == "error"
            else None
        ),
    )
    pg.on("pageerror", lambda exc: log.page_errors.append(f"uncaught: {exc}"))
    pg.log = log
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh context + page (viewport 1400x1000) that records its traffic and errors, every chart drawn as it
    gets a figure, in sight or not (tests.browser.DRAW_EVERY_CHART_JS).

    ``page.log`` (also the ``page_log`` fixture) is a :class:`PageLog`::

        page.goto(url)
        page.log.assert_no_external_requests(url)
        page.log.assert_no_console_errors()
    """
    yield from _page(browser, every_chart=True)


@pytest.fixture
def page_as_served(browser: Any) -> Iterator[Any]:
    """The same, its charts out of sight drawn only as the page itself draws them: once scrolled near."""
    yield from _page(browser, every_chart=False)


@pytest.fixture
def page_log(page: Any) -> PageLog:
    return page.log
