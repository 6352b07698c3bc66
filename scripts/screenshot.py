"""Screenshot of the dashboard for the README, taken with Debian's Chromium through Playwright.

Usage: python scripts/screenshot.py [OUT.png] [QUERY]   (defaults: docs/screenshot.png, no filters)
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from dashboard.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"
    query = sys.argv[2] if len(sys.argv) > 2 else ""
    server = make_server("127.0.0.1", 0, create_app().server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"http://127.0.0.1:{server.server_port}/{query}")
        page.wait_for_selector("#map .scatterlayer .point")
        page.wait_for_timeout(1000)
        page.screenshot(path=str(out), clip={"x": 0, "y": 0, "width": 1400, "height": 1900}, full_page=True)
        browser.close()
    server.shutdown()
    print(out)


if __name__ == "__main__":
    main()
