"""Another cluster's package shows nothing of Irkutsk: the bundled package with every mention of Irkutsk in its
data (names, places, sources, map layers, metadata) renamed, so any Irkutsk text left on the page comes from code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.ui import ids
from dashboard.web.app import create_app
from tests.browser import show_grid
from tests.packages import copy_package

# Both cases and scripts; the one vocabulary code that names the region is an internal code, never shown.
CODE = "interregional_irkutsk_members"
RENAMES = [(re.compile("Иркут"), "Новосиб"), (re.compile("иркут"), "новосиб"), (re.compile("ИРКУТ"), "НОВОСИБ"),
           (re.compile("Irkut"), "Novosib"), (re.compile("IRKUT"), "NOVOSIB"),
           (re.compile(f"(?<!{CODE[:14]})irkut"), "novosib")]
IRKUTSK = re.compile("иркут|irkut", re.IGNORECASE)

# Everything a reader sees: the title, the page's text, the charts' SVG text, the description for search engines.
SEEN_JS = """() => [document.title, document.body.innerText,
  ...[...document.querySelectorAll('svg text')].map(e => e.textContent),
  ...[...document.querySelectorAll('meta[name=description]')].map(e => e.content)].join('\\n')"""


def renamed(text: str) -> str:
    for pattern, replacement in RENAMES:
        text = pattern.sub(replacement, text)
    return text


@pytest.fixture(scope="module")
def other_cluster(tmp_path_factory, serve_app) -> str:
    pkg = copy_package(tmp_path_factory.mktemp("other"))
    for path in sorted(pkg.rglob("*"), reverse=True):  # files before the folders that hold them
        if path.suffix in (".csv", ".json", ".geojson"):
            path.write_text(renamed(path.read_text(encoding="utf-8")), encoding="utf-8")
        if renamed(path.name) != path.name:
            path.rename(path.with_name(renamed(path.name)))
    assert not IRKUTSK.search(" ".join(p.read_text(encoding="utf-8") for p in pkg.rglob("*.csv")).replace(CODE, ""))
    return serve_app(create_app(Path(pkg)))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_another_clusters_page_shows_nothing_of_irkutsk(page, other_cluster, lang):
    page.goto(f"{other_cluster}/?lang={lang}")
    expect(page.locator(f"#{ids.TIMELINE} .main-svg").first).to_be_visible()
    expect(page.locator(f"#{ids.MAP} .main-svg").first).to_be_visible()
    for grid in ids.GRIDS:
        expect(show_grid(page, grid).locator(".ag-row").first).to_be_visible(timeout=20_000)
    seen = page.evaluate(SEEN_JS)
    assert "Новосиб" in seen or "Novosib" in seen  # the package's own names are shown
    assert not IRKUTSK.findall(seen), [line for line in seen.splitlines() if IRKUTSK.search(line)]
    page.log.assert_no_console_errors()
