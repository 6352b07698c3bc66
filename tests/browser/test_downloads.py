"""Downloads in real Chromium: what the analyst saves is what the view shows, under a name that says so."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
import pytest
from PIL import Image
from pptx import Presentation

from dashboard.data.filters import parse_state
from dashboard.data.package import load_package
from dashboard.exports.naming import export_filename, picture_texts
from dashboard.exports.tables import tables_for_export
from dashboard.i18n import t

QUERY = "?sector=aircraft&to=2020"
PARAMS = {"sector": ["aircraft"], "to": "2020"}
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


@pytest.fixture
def dashboard(page, live_server):
    page.goto(live_server + "/" + QUERY)
    page.wait_for_selector("#timeline .scatterlayer .point")
    return page


@pytest.fixture
def english(page, live_server):
    page.goto(live_server + "/" + QUERY + "&lang=en")
    page.wait_for_selector("#timeline .scatterlayer .point")
    return page


def save(page, click) -> tuple[str, bytes]:
    with page.expect_download() as info:
        click()
    download = info.value
    return download.suggested_filename, download.path().read_bytes()


def save_csv_item(page, label: str) -> tuple[str, bytes]:
    """Open the CSV menu and save the item named ``label``."""
    page.get_by_role("button", name="Таблица (CSV)").click()
    return save(page, page.locator(".downloads .dropdown-item", has_text=label).click)


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
    name, content = save_csv_item(dashboard, "Организации")

    state = parse_state(PARAMS, data)
    assert name == export_filename(data, state, "organisations", "csv")
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel reads Cyrillic right
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    expected = tables_for_export(data, state)["organisations"]
    assert rows[0] == list(expected.columns)
    # pure data: the header, then exactly the table's rows
    assert [row[0] for row in rows[1:]] == list(expected["Название"])


def test_csv_zip_download_holds_every_table_and_what_they_are(dashboard, data):
    name, content = save_csv_item(dashboard, "Все таблицы и описание (ZIP)")

    state = parse_state(PARAMS, data)
    assert name == export_filename(data, state, "tables", "zip")
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert "сведения.txt" in archive.namelist() and "участники.csv" in archive.namelist()
    assert t("footer", "ru") in archive.read("сведения.txt").decode("utf-8-sig")


def test_downloads_from_the_english_page_have_english_names(english, data):
    state = parse_state({**PARAMS, "lang": ["en"]}, data)
    name, _ = save(english, lambda: english.click("#download-xlsx"))
    assert name == export_filename(data, state, "tables", "xlsx")
    assert name.startswith("Irkutsk_machine-building_cluster_tables_aircraft_2014-2020")
    english.get_by_role("button", name="Table (CSV)").click()
    name, _ = save(english, english.locator(".downloads .dropdown-item", has_text="Organisations").click)
    assert name == export_filename(data, state, "organisations", "csv")
    button = english.locator('[id*=\'"chart":"growth"\'][id*=\'"format":"svg"\']')
    picture, _ = save(english, button.click)
    assert picture == export_filename(data, state, "growth", "svg")
    assert not CYRILLIC.search(picture)


def test_presentation_download_is_a_pptx_of_the_view(dashboard, data):
    name, content = save(dashboard, lambda: dashboard.click("#download-pptx"))

    assert name.endswith(".pptx") and "презентация" in name.lower()
    deck = Presentation(io.BytesIO(content))
    charts = [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) >= 2
    assert data.meta.name_ru in deck.slides[0].shapes.title.text


@pytest.mark.parametrize(("chart", "fmt", "magic"), [("growth", "svg", b"<svg"), ("map", "png", b"\x89PNG")])
def test_chart_pictures_download_with_a_descriptive_name(dashboard, data, chart, fmt, magic):
    button = dashboard.locator(f'[id*=\'"chart":"{chart}"\'][id*=\'"format":"{fmt}"\']')
    name, content = save(dashboard, button.click)

    assert name == export_filename(data, parse_state(PARAMS, data), chart, fmt)
    assert "авиастроение" in name.lower() and not LATIN.search(name.removesuffix(f".{fmt}"))
    assert content.startswith(magic)


def test_a_chart_picture_says_what_it_shows(dashboard, data):
    button = dashboard.locator('[id*=\'"chart":"growth"\'][id*=\'"format":"svg"\']')
    _, content = save(dashboard, button.click)

    svg = content.decode("utf-8")
    texts = picture_texts(data, parse_state(PARAMS, data))
    words = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    heading = dashboard.locator("section:has(#growth) h2").first.inner_text()
    assert heading == "Рост числа участников"
    for text in [heading, *texts["lines"]]:
        assert text in words, text
    assert "Фильтры: Отрасль: Авиастроение; Период: 2014–2020" in words
    assert "Данные на 26.11.2026" in words
    # the credit, wrapped over lines
    assert " ".join(texts["credit"].split()[:6]) in words
    # the page itself shows none of it on the chart
    assert "Фильтры:" not in dashboard.locator("#growth").inner_text()


def test_a_chart_png_is_taller_than_the_chart_by_its_texts(dashboard):
    button = dashboard.locator('[id*=\'"chart":"sectors"\'][id*=\'"format":"png"\']')
    _, content = save(dashboard, button.click)

    width, height = Image.open(io.BytesIO(content)).size
    box = dashboard.locator("#sectors .main-svg").first.bounding_box()
    assert width == round(box["width"]) * 3
    assert height > (box["height"] + 60) * 3


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


def test_every_csv_menu_item_can_be_reached(dashboard):
    # on a laptop the menu opens upwards, over the sticky filters card: it must stay on top of it
    dashboard.set_viewport_size({"width": 1440, "height": 900})
    dashboard.locator(".downloads").scroll_into_view_if_needed()
    dashboard.get_by_role("button", name="Таблица (CSV)").click()
    items = dashboard.locator(".downloads .dropdown-item")
    items.first.wait_for()
    on_top = items.evaluate_all("""items => items.map(item => {
        const box = item.getBoundingClientRect();
        return item.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
    })""")
    assert on_top == [True] * 6
