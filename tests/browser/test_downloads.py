"""Downloads in real Chromium: what the analyst saves is what the view shows, under a name that says so."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from pptx import Presentation

from dashboard.data.filters import parse_state
from dashboard.data.package import load_package
from dashboard.exports.naming import export_filename
from dashboard.exports.tables import tables_for_export

QUERY = "?sector=aircraft&to=2020"


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


@pytest.fixture
def dashboard(page, live_server):
    page.goto(live_server + "/" + QUERY)
    page.wait_for_selector("#timeline .scatterlayer .point")
    return page


def save(page, click) -> tuple[str, bytes]:
    with page.expect_download() as info:
        click()
    download = info.value
    return download.suggested_filename, download.path().read_bytes()


def test_data_download_is_the_filtered_view_as_xlsx(dashboard, data):
    state = parse_state({"sector": ["aircraft"], "to": "2020"}, data)
    name, content = save(dashboard, lambda: dashboard.click("#download-xlsx"))

    assert name == export_filename(data, state, "tables", "xlsx")
    assert "авиастроение" in name.lower() and "2020" in name
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    expected = tables_for_export(data, state)
    organisations = workbook.worksheets[1]
    assert organisations.max_row - 1 == len(expected["organisations"])
    assert [c.value for c in organisations[1]] == list(expected["organisations"].columns)


def test_csv_download_opens_in_excel_with_cyrillic(dashboard, data):
    dashboard.get_by_role("button", name="Таблица (CSV)").click()
    item = dashboard.locator(".downloads .dropdown-item", has_text="Организации")
    name, content = save(dashboard, item.click)

    assert name.endswith(".csv")
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel reads Cyrillic right
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    state = parse_state({"sector": ["aircraft"], "to": "2020"}, data)
    assert rows[0] == list(tables_for_export(data, state)["organisations"].columns)


def test_presentation_download_is_a_pptx_of_the_view(dashboard, data):
    name, content = save(dashboard, lambda: dashboard.click("#download-pptx"))

    assert name.endswith(".pptx") and "презентация" in name.lower()
    deck = Presentation(io.BytesIO(content))
    charts = [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) >= 2
    assert data.meta.name_ru in deck.slides[0].shapes.title.text


@pytest.mark.parametrize(("chart", "fmt", "magic"), [("growth", "svg", b"<svg"), ("map", "png", b"\x89PNG")])
def test_chart_pictures_download_with_a_descriptive_name(dashboard, chart, fmt, magic):
    button = dashboard.locator(f'[id*=\'"chart":"{chart}"\'][id*=\'"format":"{fmt}"\']')
    name, content = save(dashboard, button.click)

    assert name.endswith(f".{fmt}") and "авиастроение" in name.lower()
    assert content.startswith(magic)


def test_the_toolbar_camera_saves_under_the_name_of_the_filters_shown(dashboard, data):
    # a filter change after the page loaded: the camera must use the new name, not the one of the first view
    dashboard.click("#filter-sector")
    dashboard.get_by_role("option", name="Образование и научные исследования").click()
    dashboard.keyboard.press("Escape")
    dashboard.wait_for_function("() => window.location.search.includes('education_research')")
    state = parse_state({"sector": ["aircraft", "education_research"], "to": "2020"}, data)
    dashboard.hover("#sectors .plot-container")
    camera = dashboard.locator('#sectors .modebar-btn[data-title$="PNG"]')
    name, content = save(dashboard, camera.click)

    assert name == export_filename(data, state, "sectors", "png")
    assert content.startswith(b"\x89PNG")
