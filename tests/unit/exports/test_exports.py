"""Exports: file names, the XLSX/CSV tables, the PowerPoint deck and the server-side map image.

Expected values come from the shipped CSV files read independently (tests/packages.py) wherever possible,
otherwise from the derivations the dashboard itself shows.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import re
import time
from functools import cache

import openpyxl
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard.data import derive
from dashboard.data.filters import FilterState, apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.data.tables import TABLES
from dashboard.exports import naming, slides, spreadsheets, static_map
from dashboard.exports import tables as export_tables
from dashboard.exports.static_map import static_map_png
from dashboard.i18n import t
from tests.packages import bundled, bundled_csv, copy_package, set_cell_where

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
BOM = b"\xef\xbb\xbf"
WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
ORG_HEADERS_RU = ["Название", "Кратко", "Отрасль", "Роль", "Статус", "Населённый пункт", "Первое упоминание",
                  "Первое упоминание: точность", "Примечания", "Достоверность", "Источники"]
SHEETS_RU = ["Сведения", "Организации", "Соглашения", "Проекты", "Хронология кластера",
             "Заявленное число участников"]
FORMULA = '=HYPERLINK("http://example.invalid","click")'


def state(**params: object) -> FilterState:
    return parse_state(params, bundled())


@cache
def xlsx(**params: object) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(spreadsheets.to_xlsx(bundled(), state(**params))))


@cache
def deck(**params: object) -> Presentation:
    return Presentation(io.BytesIO(slides.to_pptx(bundled(), state(**params))))


def sheet_rows(sheet) -> list[list[str]]:
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def csv_orgs() -> pd.DataFrame:
    return bundled_csv("organisations.csv")


def slide_titled(presentation: Presentation, title: str):
    return next(s for s in presentation.slides if s.shapes.title is not None and s.shapes.title.text == title)


def chart_on(slide):
    return next(shape.chart for shape in slide.shapes if shape.has_chart)


# --- file names ----------------------------------------------------------------------------------------------

def test_filename_names_cluster_table_and_date() -> None:
    name = naming.export_filename(bundled(), state(), "organisations", "xlsx")
    assert name == "Машкластер_Иркутск_участники_на_2026-11-26.xlsx"


def test_filename_names_sector_and_period() -> None:
    name = naming.export_filename(bundled(), state(sector="aircraft", **{"from": "2015", "to": "2020"}),
                                   "presentation", "pptx")
    assert name == "Машкластер_Иркутск_презентация_авиастроение_2015-2020_на_2026-11-26.pptx"


def test_filename_in_english_is_safe_on_windows() -> None:
    name = naming.export_filename(bundled(), state(sector=["aircraft", "components"], q='Irk:ut/"?*', lang="en"),
                                   "events", "csv")
    assert name.startswith("Irkutsk_machine-building_cluster_timeline_aircraft+components_")
    assert name.endswith("_as-of_2026-11-26.csv")
    assert "Irk_ut" in name
    assert not WINDOWS_FORBIDDEN.search(name)
    assert " " not in name


@pytest.mark.parametrize(("what", "ru", "en"), [
    ("organisations", "участники", "members"), ("agreements", "соглашения", "agreements"),
    ("projects", "проекты", "projects"), ("events", "хронология", "timeline"), ("counts", "численность", "counts"),
    ("tables", "таблицы", "tables"), ("presentation", "презентация", "presentation"), ("map", "карта", "map")])
def test_filename_words_for_every_export_kind(what: str, ru: str, en: str) -> None:
    assert naming.export_filename(bundled(), state(), what, "csv") == f"Машкластер_Иркутск_{ru}_на_2026-11-26.csv"
    assert naming.export_filename(bundled(), state(lang="en"), what, "csv") == (
        f"Irkutsk_machine-building_cluster_{en}_as-of_2026-11-26.csv")


def test_filename_counts_many_values() -> None:
    sectors = ["aircraft", "components", "electrical", "government"]
    name = naming.export_filename(bundled(), state(sector=sectors, **{"from": "2018", "to": "2018"}), "tables", "xlsx")
    assert name == "Машкластер_Иркутск_таблицы_отрасли-4_2018_на_2026-11-26.xlsx"


def test_filename_refuses_a_kind_without_words_in_the_catalogue() -> None:
    with pytest.raises(KeyError, match="export_file_what_свод"):
        naming.export_filename(bundled(), state(), "свод", "xlsx")


def test_filename_names_as_of_date_and_clicked_organisations() -> None:
    name = naming.export_filename(bundled(), state(asof="2018-12-31", org=["irkut", "uac"]), "map", "png")
    assert name == "Машкластер_Иркутск_карта_организации-2_срез-2018-12-31_на_2026-11-26.png"


# --- tables --------------------------------------------------------------------------------------------------

def test_tables_default_row_counts_match_the_package() -> None:
    tables = export_tables.tables_for_export(bundled(), state())
    counts = bundled_csv("membership_counts.csv")
    assert list(tables) == ["organisations", "agreements", "projects", "events", "counts"]
    assert len(tables["organisations"]) == len(csv_orgs()) == 27
    assert len(tables["agreements"]) == len(bundled_csv("agreements.csv"))
    assert len(tables["projects"]) == len(bundled_csv("projects.csv"))
    assert len(tables["counts"]) == (counts["counted"] == "participants").sum() == 2
    timeline = derive.timeline_items(bundled(), apply_filters(bundled(), state()), state())
    assert len(tables["events"]) == len(timeline) == 50


def test_tables_have_human_headers_labels_and_dates_as_known() -> None:
    tables = export_tables.tables_for_export(bundled(), state())
    orgs = tables["organisations"]
    assert list(orgs.columns) == ORG_HEADERS_RU
    for frame in tables.values():
        assert list(frame.columns[-2:]) == ["Достоверность", "Источники"]
        assert set(frame["Достоверность"]) <= {"указано в источнике", "наш вывод"}
        assert all(url.startswith(("http://", "https://")) for cell in frame["Источники"] for url in cell.split())
    iaz = orgs[orgs["Кратко"] == "ИАЗ"].iloc[0]
    assert (iaz["Отрасль"], iaz["Статус"]) == ("Авиастроение", "Филиал участника")
    assert (iaz["Первое упоминание"], iaz["Первое упоминание: точность"]) == (pd.Timestamp("2014-01-01"), "год")
    assert iaz["Источники"] == csv_orgs().set_index("org_id").loc["iaz", "source_urls"]
    counts = tables["counts"]
    assert list(counts["Заявленное число участников"]) == [40, 76]
    assert list(counts["Приблизительно"]) == ["да", "нет"]
    assert list(counts["Дата"]) == [pd.Timestamp("2018-12-01"), pd.Timestamp("2022-04-01")]
    assert list(counts["Дата: точность"]) == ["месяц", "не ранее"]


def test_every_table_has_the_headers_of_its_spec() -> None:
    expected = {
        "ru": {"organisations": ORG_HEADERS_RU,
               "agreements": ["Дата", "Дата: точность", "Название", "Вид", "Стороны", "Сумма", "Валюта", "Контур",
                              "Достоверность", "Источники"],
               "projects": ["Начало", "Начало: точность", "Окончание", "Окончание: точность", "Название",
                            "Участники", "Сумма", "Валюта", "Сумма: как в источнике", "Статус", "Контур",
                            "Достоверность", "Источники"],
               "events": ["Дата", "Дата: точность", "Группа", "Название", "Достоверность", "Источники"],
               "counts": ["Дата", "Дата: точность", "Заявленное число участников", "Приблизительно", "Примечания",
                          "Достоверность", "Источники"]},
        "en": {"organisations": ["Name", "Short name", "Sector", "Role", "Status", "Settlement", "First linked",
                                 "First linked: precision", "Notes", "Confidence", "Sources"],
               "agreements": ["Date", "Date: precision", "Title", "Kind", "Parties", "Amount", "Currency", "Scope",
                              "Confidence", "Sources"],
               "projects": ["Start", "Start: precision", "End", "End: precision", "Title", "Participants", "Amount",
                            "Currency", "Amount: source wording", "Status", "Scope", "Confidence", "Sources"],
               "events": ["Date", "Date: precision", "Group", "Title", "Confidence", "Sources"],
               "counts": ["Date", "Date: precision", "Reported participants", "Approximate", "Notes", "Confidence",
                          "Sources"]},
    }
    for lang, headers in expected.items():
        tables = export_tables.tables_for_export(bundled(), state(lang=lang))
        assert {name: list(frame.columns) for name, frame in tables.items()} == headers
        assert {name: [t(column.header, lang) for column in TABLES[name].columns if column.exported]
                for name in TABLES} == headers


def test_timeline_table_carries_every_source_and_the_confidence_of_its_record() -> None:
    confidence = {"stated": "указано в источнике", "inferred": "наш вывод"}
    events = export_tables.tables_for_export(bundled(), state())["events"].set_index("Название")
    for file, column in (("events.csv", "title_ru"), ("agreements.csv", "title_ru"), ("projects.csv", "title_ru")):
        for row in bundled_csv(file).to_dict("records"):
            item = events.loc[row[column]]
            assert item["Источники"] == " ".join(row["source_urls"].split())
            assert item["Достоверность"] == confidence[row["confidence"]]
    assert set(events["Группа"]) == {"Соглашения", "Вступления", "Проекты", "События", "Контекст региона"}


def test_tables_follow_the_sector_filter() -> None:
    tables = export_tables.tables_for_export(bundled(), state(sector="aircraft"))
    expected = csv_orgs()[csv_orgs()["sector"] == "aircraft"]
    assert sorted(tables["organisations"]["Название"]) == sorted(expected["name_ru"])
    assert set(tables["organisations"]["Отрасль"]) == {"Авиастроение"}


def test_tables_follow_the_as_of_date() -> None:
    snapshot = state(asof="2018-12-31")
    tables = export_tables.tables_for_export(bundled(), snapshot)
    orgs = csv_orgs()
    linked = orgs[(orgs["joined"] == "") | (orgs["joined"] <= "2018-12-31")]
    assert sorted(tables["organisations"]["Название"]) == sorted(linked["name_ru"])
    assert list(tables["counts"]["Заявленное число участников"]) == [40]
    assert naming.active_filters_text(bundled(), snapshot) == (
        "Период: 2014–2026 (весь период); Состояние на: 31.12.2018")


def test_tables_follow_clicked_organisations() -> None:
    focus = state(org=["irkut", "uac"])
    assert sorted(export_tables.tables_for_export(bundled(), focus)["organisations"]["Кратко"]) == ["«Яковлев»", "ОАК"]
    assert naming.active_filters_text(bundled(), focus).startswith("Выбранные организации: «Яковлев», ОАК;")


def test_tables_in_english() -> None:
    orgs = export_tables.tables_for_export(bundled(), state(lang="en"))["organisations"]
    assert list(orgs.columns[:3]) == ["Name", "Short name", "Sector"]
    assert "PJSC Yakovlev" in set(orgs["Name"])


# --- XLSX ----------------------------------------------------------------------------------------------------

def frame_cells(frame: pd.DataFrame) -> list[list[object]]:
    """A frame's cells as openpyxl reads them back: dates as datetimes, numbers as numbers, missing or empty None."""
    def cell(value: object) -> object:
        if value is None or pd.isna(value) or value == "":
            return None
        return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
    return [[cell(v) for v in row] for row in frame.astype(object).itertuples(index=False)]


@pytest.mark.parametrize("params", [{}, {"sector": "aircraft"}])
def test_xlsx_sheets_equal_the_filtered_tables(params: dict) -> None:
    book = xlsx(**params)
    tables = export_tables.tables_for_export(bundled(), state(**params))
    assert book.sheetnames == SHEETS_RU
    for name, sheet in zip(tables, book.worksheets[1:], strict=True):
        frame = tables[name]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert rows[0] == list(frame.columns)
        assert [[None if v == "" else v for v in row] for row in rows[1:]] == frame_cells(frame)
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.column_dimensions["A"].width >= 10


def test_xlsx_sector_filter_row_count() -> None:
    orgs = xlsx(sector="aircraft")["Организации"]
    assert orgs.max_row - 1 == (csv_orgs()["sector"] == "aircraft").sum() == 4


def test_xlsx_about_sheet_states_filters_date_coverage_and_credits() -> None:
    sheet = xlsx(sector="aircraft")["Сведения"]
    about = dict(tuple(row[:2]) for row in sheet_rows(sheet))
    assert about["Выгрузка"] == "Таблицы дашборда «Машиностроительный кластер Иркутской области»"
    assert about["Кластер"] == "Машиностроительный кластер Иркутской области"
    assert about["Данные на"] == dt.datetime(2026, 11, 26)
    assert next(row[1] for row in sheet.iter_rows() if row[0].value == "Данные на").number_format == "dd.mm.yyyy"
    assert about["Лицензия"] == "Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/)"
    assert about["  Отрасль"] == "Авиастроение"
    assert about["  Период"] == "2014–2026 (весь период)"
    assert about["Строк в таблице «Организации»"] == 4
    assert about["Покрытие"].startswith("Участники — организации, названные в источниках участниками или "
                                        "учредителями кластера: 8 организаций. Заявленные числа участников — "
                                        "около 40 (12.2018, uprom.tech), 76 (не ранее 04.2022, krio.devindex.ru) — "
                                        "другие меры из других источников")
    assert "GeoNames (CC BY 4.0)" in about["Источники данных"]
    assert "Natural Earth" in about["Источники данных"]


def test_formula_like_text_is_neutralised(tmp_path) -> None:
    pkg = copy_package(tmp_path)
    set_cell_where(pkg, "organisations.csv", "org_id", "irkut", "notes_ru", FORMULA)
    data = load_package(pkg)
    book = openpyxl.load_workbook(io.BytesIO(spreadsheets.to_xlsx(data, parse_state({}, data))))
    sheet = book["Организации"]
    notes = ORG_HEADERS_RU.index("Примечания") + 1
    cell = next(row[notes - 1] for row in sheet.iter_rows(min_row=2) if row[1].value == "«Яковлев»")
    assert cell.value == "'" + FORMULA
    assert cell.data_type == "s"
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)
    text = spreadsheets.to_csv(data, parse_state({}, data), "organisations").decode("utf-8-sig")
    assert "'" + FORMULA.replace('"', '""') in text
    assert "\n" + FORMULA not in text and ";" + FORMULA not in text


# --- CSV -----------------------------------------------------------------------------------------------------

def read_export_csv(raw: bytes, sep: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), sep=sep, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_csv_is_excel_friendly_and_pure_data() -> None:
    raw = spreadsheets.to_csv(bundled(), state(), "organisations")
    assert raw.startswith(BOM)
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(ORG_HEADERS_RU)
    expected = export_tables.tables_for_export(bundled(), state())["organisations"]
    frame = read_export_csv(raw, ";")
    # every line after the header is a row of the table: no credit line a parser would read as data
    assert len(frame) == len(expected) == len(lines) - 1
    assert list(frame["Название"]) == list(expected["Название"])
    assert not any(line.startswith("Данные:") for line in lines)


def test_csv_in_english_uses_commas_and_follows_filters() -> None:
    raw = spreadsheets.to_csv(bundled(), state(lang="en", sector="aircraft"), "agreements")
    frame = read_export_csv(raw, ",")
    assert list(frame.columns[:4]) == ["Date", "Date: precision", "Title", "Kind"]
    parties = bundled_csv("agreement_parties.csv")
    aircraft = set(csv_orgs().loc[csv_orgs()["sector"] == "aircraft", "org_id"])
    assert len(frame) == parties.loc[parties["org_id"].isin(aircraft), "agreement_id"].nunique()
    assert not any(line.startswith("Data:") for line in raw.decode("utf-8-sig").splitlines())


def test_csv_refuses_an_unknown_table() -> None:
    with pytest.raises(ValueError, match="unknown table"):
        spreadsheets.to_csv(bundled(), state(), "secrets")


# --- PowerPoint ----------------------------------------------------------------------------------------------

def test_pptx_slide_titles_and_size() -> None:
    presentation = deck()
    assert (presentation.slide_width, presentation.slide_height) == (slides.SLIDE_W, slides.SLIDE_H)
    assert math.isclose(presentation.slide_width / presentation.slide_height, 16 / 9, rel_tol=1e-3)
    titles = [slide.shapes.title.text for slide in presentation.slides]
    assert titles == [
        "Машиностроительный кластер Иркутской области", "Ключевые показатели", "Рост числа участников",
        "Участники по отраслям", "Ключевые вехи кластера", *(f"Хронология кластера ({i} из 5)" for i in range(1, 6)),
        "Участники на карте: Иркутская область", *(f"Источники ({i} из 3)" for i in range(1, 4)),
    ]
    subtitle = presentation.slides[0].placeholders[1].text
    assert "Данные на 26.11.2026" in subtitle


def test_pptx_kpi_slide_shows_the_kpis() -> None:
    texts = [paragraph.text for shape in slide_titled(deck(), "Ключевые показатели").shapes if shape.has_text_frame
             for paragraph in shape.text_frame.paragraphs]
    for value, caption in derive.kpis(bundled(), apply_filters(bundled(), state()), "ru").values():
        assert value in texts
        assert not caption or caption in texts
    assert "Организации, названные участниками или учредителями" in texts
    assert texts[texts.index("25,4 млрд ₽") + 1] == "Известные инвестиции"


def test_pptx_growth_chart_is_native_with_sector_series_and_cumulative_counts() -> None:
    slide = slide_titled(deck(), "Рост числа участников")
    chart = chart_on(slide)
    assert chart.chart_type == XL_CHART_TYPE.AREA_STACKED
    series = derive.growth_series(bundled(), apply_filters(bundled(), state()), state())
    labels = derive.lookup(bundled().sectors, "sector_id", "ru")
    last = series.groupby("sector", sort=False)["count"].last()
    plotted = {s.name: list(s.values) for s in chart.plots[0].series}
    assert list(plotted) == [labels[s] for s in last.index]
    assert {name: values[-1] for name, values in plotted.items()} == {labels[s]: n for s, n in last.items()}
    # Steps, not interpolation: every date but the first repeats with the previous values.
    assert len(chart.plots[0].categories) == 2 * series["date"].nunique() - 1
    tables = [shape.table for shape in slide.shapes if shape.has_table]
    reported = [[c.text for c in row.cells] for row in tables[0].rows]
    assert [row[:2] for row in reported[1:]] == [["12.2018", "около 40"], ["не ранее 04.2022", "76"]]
    # each reported count with its source's wording and site, apart from the named organisations' own title
    assert reported[0] == ["Дата", "Участники", "Как сказано в источнике", "Источник"]
    assert [row[2:] for row in reported[1:]] == [
        ["«…около сорока предприятий и организаций Приангарья»", "uprom.tech"],
        ["«Машиностроительный (76 участников)» в списке территориальных кластеров", "krio.devindex.ru"]]
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert "Названы в источниках: 8 — это не вся численность кластера" in texts
    assert not any("не действуют" in text for text in texts)


def test_pptx_sector_bars_equal_named_participants_per_sector() -> None:
    chart = chart_on(slide_titled(deck(), "Участники по отраслям"))
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    orgs = csv_orgs()
    named = orgs[orgs["status"].isin(["founder", "member"])].groupby("sector").size()
    labels = bundled_csv("sectors.csv").set_index("sector_id")["name_ru"]
    expected = {labels[s]: n for s, n in named.items()}
    plotted = dict(zip(chart.plots[0].categories, chart.plots[0].series[0].values, strict=True))
    assert plotted == expected
    assert sum(plotted.values()) == 8


def test_pptx_sector_filter_changes_the_charts() -> None:
    presentation = deck(sector="aircraft")
    bars = chart_on(slide_titled(presentation, "Участники по отраслям")).plots[0]
    assert list(bars.categories) == ["Авиастроение"]
    assert list(bars.series[0].values) == [2]  # UAC and Yakovlev; IAZ is a branch
    growth_slide = slide_titled(presentation, "Рост числа участников")
    growth = chart_on(growth_slide).plots[0]
    assert [(s.name, s.values[-1]) for s in growth.series] == [("Авиастроение", 2)]
    texts = [shape.text_frame.text for shape in growth_slide.shapes if shape.has_text_frame]
    assert "Названы в источниках, под фильтры: 2" in texts
    assert "Заявленные числа — по всему кластеру: фильтры, кроме периода, на них не действуют." in texts


def test_pptx_timeline_tables_list_every_item() -> None:
    events = export_tables.rows_for_export(bundled(), state())["events"]
    rows = []
    for slide in deck().slides:
        if slide.shapes.title.text.startswith("Хронология"):
            table = next(shape.table for shape in slide.shapes if shape.has_table)
            rows += [[cell.text for cell in row.cells] for row in list(table.rows)[1:]]
    assert rows == [[event["date"], event["group"], event["title"]] for event in events]
    # as precisely as known: the first item's day, a month, a year
    assert rows[0][0] == "31.10.2014" and any(row[0] == "11.2014" for row in rows)
    assert any(row[0] == "2021" for row in rows)


def test_pptx_map_slide_has_the_map_picture() -> None:
    slide = slide_titled(deck(), "Участники на карте: Иркутская область")
    pictures = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    assert pictures[0].image.blob.startswith(PNG_MAGIC)
    assert Image.open(io.BytesIO(pictures[0].image.blob)).size == (1600, 1000)
    text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert "Москва" in text


def test_pptx_sources_are_the_exported_records_urls_as_links() -> None:
    links = [run.hyperlink.address for slide in deck().slides if slide.shapes.title.text.startswith("Источники")
             for shape in slide.shapes if shape.has_text_frame
             for paragraph in shape.text_frame.paragraphs for run in paragraph.runs if run.hyperlink.address]
    counts = bundled_csv("membership_counts.csv")
    cells = [*csv_orgs()["source_urls"], *bundled_csv("agreements.csv")["source_urls"],
             *bundled_csv("projects.csv")["source_urls"], *bundled_csv("events.csv")["source_urls"],
             *counts.loc[counts["counted"] == "participants", "source_urls"]]
    assert len(links) == len(set(links))
    assert set(links) == {url for cell in cells for url in cell.split()}


def test_pptx_in_english() -> None:
    titles = [slide.shapes.title.text for slide in deck(lang="en").slides]
    assert titles[:4] == ["Irkutsk Region Machine-Building Cluster", "Key figures", "Membership growth",
                          "Participants by sector"]


def test_pptx_builds_quickly() -> None:
    start = time.perf_counter()
    raw = slides.to_pptx(bundled(), state(sector="aircraft", lang="en"))
    assert time.perf_counter() - start < 5
    assert raw.startswith(b"PK")


# --- static map ----------------------------------------------------------------------------------------------

def pixels(png: bytes) -> set[tuple[int, int, int]]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return set(image.getdata())


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def test_static_map_is_a_png_of_the_requested_size() -> None:
    png = static_map_png(bundled(), state(), 800, 500)
    assert png.startswith(PNG_MAGIC)
    assert Image.open(io.BytesIO(png)).size == (800, 500)


def test_static_map_draws_each_status_as_the_dashboard_does() -> None:
    support, _ = derive.MAP_GROUP_STYLE["support"]
    other_cluster, _ = derive.MAP_GROUP_STYLE["other_cluster"]
    seen = pixels(static_map_png(bundled(), state(status="interregional_member")))
    assert rgb(other_cluster) in seen
    assert rgb(support) not in seen
    assert rgb(support) in pixels(static_map_png(bundled(), state()))


def test_static_map_has_its_geography_and_a_white_detail() -> None:
    image = Image.open(io.BytesIO(static_map_png(bundled(), state(), 1600, 1000))).convert("RGB")
    colours = set(image.getdata())
    assert rgb(static_map.WATER) in colours and rgb(static_map.NEIGHBOUR) in colours
    # The enlarged detail shows the oblast's land, white, with its points and names: never a grey square.
    left, bottom, width, height = static_map.DETAIL_PANEL
    box = (int(1600 * left) + 10, int(1000 * (1 - bottom - height)) + 10, int(1600 * (left + width)) - 10,
           int(1000 * (1 - bottom)) - 10)
    detail = list(image.crop(box).getdata())
    assert detail.count((255, 255, 255)) > 0.8 * len(detail)
    assert rgb(derive.MAP_GROUP_STYLE["members"][0]) in set(detail)


def test_static_map_of_nothing_keeps_its_geography() -> None:
    empty = pixels(static_map_png(bundled(), state(q="нет такой организации")))
    assert rgb(static_map.WATER) in empty
    # no marker (the grey of "not a member" is the outline's too)
    assert not {rgb(derive.MAP_GROUP_STYLE[group][0]) for group in ("members", "support", "other_cluster")} & empty


def test_exports_of_an_empty_selection_say_so() -> None:
    empty = state(q="нет такой организации")
    book = openpyxl.load_workbook(io.BytesIO(spreadsheets.to_xlsx(bundled(), empty)))
    assert sheet_rows(book["Организации"]) == [ORG_HEADERS_RU]
    lines = spreadsheets.to_csv(bundled(), empty, "organisations").decode("utf-8-sig").splitlines()
    assert lines == [";".join(ORG_HEADERS_RU)]
    presentation = Presentation(io.BytesIO(slides.to_pptx(bundled(), empty)))
    growth = slide_titled(presentation, "Рост числа участников")
    assert not any(shape.has_chart for shape in growth.shapes)
    assert ("Под фильтры не подходит ни одна названная организация. Расширьте период или снимите часть фильтров."
            in [s.text_frame.text for s in growth.shapes if s.has_text_frame])
    assert static_map_png(bundled(), empty, 400, 250).startswith(PNG_MAGIC)


def test_xlsx_in_english() -> None:
    book = xlsx(lang="en")
    assert book.sheetnames == ["About", "Organisations", "Agreements", "Projects", "Cluster timeline",
                               "Reported number of participants"]
    assert sheet_rows(book["About"])[1][:2] == ["Cluster", "Irkutsk Region Machine-Building Cluster"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_pptx_names_the_key_milestones_as_the_timeline_does(lang) -> None:
    chosen = parse_state({"lang": [lang]}, bundled())
    presentation = Presentation(io.BytesIO(slides.to_pptx(bundled(), chosen)))
    title = {"ru": "Ключевые вехи кластера", "en": "Key milestones of the cluster"}[lang]
    (slide,) = [slide for slide in presentation.slides if slide.shapes.title.text == title]
    items = derive.timeline_items(bundled(), apply_filters(bundled(), chosen), chosen)
    milestones = items[items["label"] != ""]
    boxes = {shape.text_frame.paragraphs[0].text: shape for shape in slide.shapes
             if shape.has_text_frame and len(shape.text_frame.paragraphs) == 2}
    assert list(boxes) == list(milestones["label"])
    assert [box.text_frame.paragraphs[1].text for box in boxes.values()] == list(milestones["date_label"])
    for a, b in itertools.combinations(boxes.values(), 2):
        apart = (a.left + a.width <= b.left or b.left + b.width <= a.left
                 or a.top + a.height <= b.top or b.top + b.height <= a.top)
        assert apart, (a.text_frame.text, b.text_frame.text)
    assert all(box.left >= slides.MARGIN and box.left + box.width <= slides.SLIDE_W - slides.MARGIN
               for box in boxes.values())
