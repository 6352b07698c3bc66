"""What the page's HTML says of itself before any script runs: its language, title and description, and the
robots.txt beside it."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from dashboard.data import derive
from dashboard.data.package import load_package
from dashboard.i18n import format_date
from dashboard.web.app import create_app
from tests.packages import copy_package, set_cluster


@pytest.fixture(scope="module")
def client(bundled_data_dir):
    return create_app(bundled_data_dir).server.test_client()


def head(client, query: str = "") -> dict[str, str]:
    page = client.get(f"/{query}").get_data(as_text=True)
    description = re.search(r'<meta name="description" content="([^"]*)">', page)
    return {"lang": re.search(r'<html lang="([^"]*)">', page).group(1),
            "title": re.search(r"<title>(.*?)</title>", page).group(1),
            "description": html.unescape(description.group(1)) if description else ""}


@pytest.mark.parametrize(("query", "lang"), [("", "ru"), ("?lang=en", "en"), ("?lang=en&sector=aircraft", "en"),
                                             ("?lang=xx", "ru")])
def test_the_document_says_the_pages_language(client, query, lang):
    assert head(client, query)["lang"] == lang


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_description_names_the_cluster_in_the_pages_language(client, bundled_data_dir, lang):
    meta = load_package(bundled_data_dir).meta
    description = head(client, f"?lang={lang}")["description"]
    assert description.startswith(f"{meta.name(lang)}: ")
    assert str(meta.launch_date.year) in description
    assert ("участники" in description) == (lang == "ru")


def test_the_head_comes_from_the_package(tmp_path):
    pkg = copy_package(tmp_path / "pkg")
    set_cluster(pkg, name_ru="Кластер «Тест» & Co", name_en='The "Test" Cluster', launch_date="2019-03-01")
    client = create_app(pkg).server.test_client()
    russian, english = head(client), head(client, "?lang=en")
    assert russian["title"] == "Кластер «Тест» &amp; Co"
    assert '<h1 class="h3 mb-1">The &quot;Test&quot; Cluster</h1>' in client.get("/?lang=en").get_data(as_text=True)
    assert russian["description"].startswith("Кластер «Тест» & Co: ") and "2019" in russian["description"]
    assert english["description"].startswith('The "Test" Cluster: ')
    assert "Иркут" not in russian["description"] + english["description"]


def test_robots_txt_is_a_robots_file_that_keeps_crawlers_off_the_admin_page(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    rules = [line.split(":", 1) for line in response.get_data(as_text=True).splitlines() if ":" in line]
    assert [(field.strip().lower(), value.strip()) for field, value in rules] == [
        ("user-agent", "*"), ("disallow", "/admin")]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_page_shows_its_header_before_any_script_runs(client, bundled_data_dir, lang):
    """The first paint has the cluster's name, the data date and the coverage (dashboard/web/first_paint.py), as an
    inert picture without ids: the page's own header, with its ids, replaces it."""
    data = load_package(bundled_data_dir)
    page = client.get(f"/?lang={lang}").get_data(as_text=True)
    picture = re.search(r'<div class="first-paint" aria-hidden="true" inert>(.*?)<div id="react-entry-point">',
                        page, re.S).group(1)
    text = html.unescape(re.sub(r"<[^>]+>", " ", picture))
    assert data.meta.name(lang) in text
    as_of = format_date(pd.Timestamp(data.meta.data_as_of), "day", lang)
    assert as_of in text and derive.coverage_text(data, lang) in text
    assert " id=" not in picture
