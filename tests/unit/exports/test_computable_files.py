"""Files an analyst can compute with: real dates with their precision, numbers with their currency, CSV files of
pure data (what they are about in a text file beside them), names and picture texts in the page's language."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import cache

import openpyxl
import pandas as pd
import pytest

from dashboard.data.filters import FilterState, parse_state
from dashboard.data.tables import TABLES
from dashboard.exports import naming, spreadsheets
from dashboard.exports import tables as export_tables
from dashboard.i18n import t
from dashboard.ui import ids
from tests.packages import bundled, bundled_csv

LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def state(**params: object) -> FilterState:
    return parse_state(params, bundled())


@cache
def book(lang: str = "ru") -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(spreadsheets.to_xlsx(bundled(), state(lang=lang))))


def records(sheet) -> list[dict[str, openpyxl.cell.Cell]]:
    """A sheet's rows as {header: cell}."""
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def row_where(sheet, column: str, value: object) -> dict[str, openpyxl.cell.Cell]:
    return next(row for row in records(sheet) if row[column].value == value)


# --- XLSX ----------------------------------------------------------------------------------------------------

def test_xlsx_dates_are_dates_shown_as_precisely_as_known() -> None:
    orgs = book()["Организации"]
    iaz = row_where(orgs, "Кратко", "ИАЗ")  # linked in 2014, known to the year
    assert iaz["Первое упоминание"].value == dt.datetime(2014, 1, 1)
    assert iaz["Первое упоминание"].is_date
    assert iaz["Первое упоминание"].number_format == "yyyy"
    assert iaz["Первое упоминание: точность"].value == "год"
    founding = records(book()["Соглашения"])[0]
    assert (founding["Дата"].value, founding["Дата"].number_format) == (dt.datetime(2014, 11, 20), "dd.mm.yyyy")
    assert founding["Дата: точность"].value == "день"
    counts = records(book()["Заявленное число участников"])
    # "12.2018" and "не ранее 04.2022": the first day of the month, shown as the month
    assert [(row["Дата"].value, row["Дата"].number_format, row["Дата: точность"].value) for row in counts] == [
        (dt.datetime(2018, 12, 1), "mm.yyyy", "месяц"), (dt.datetime(2022, 4, 1), "mm.yyyy", "не ранее")]
    # sorting the column sorts by date: no date is text
    dated = [row["Дата"].value for row in records(book()["Хронология кластера"]) if row["Дата"].value is not None]
    assert all(isinstance(value, dt.datetime) for value in dated)
    assert dated == sorted(dated)


def test_xlsx_unknown_dates_are_empty_never_invented() -> None:
    projects = records(book()["Проекты"])
    unfinished = [row for row in projects if row["Окончание: точность"].value == "неизвестна"]
    assert unfinished and all(row["Окончание"].value is None for row in unfinished)


def test_xlsx_english_dates_follow_the_page() -> None:
    founding = records(book("en")["Agreements"])[0]
    assert (founding["Date"].value, founding["Date"].number_format) == (dt.datetime(2014, 11, 20), "d mmm yyyy")
    assert founding["Date: precision"].value == "day"


def test_xlsx_amounts_are_numbers_with_currency_and_the_sources_words() -> None:
    projects = bundled_csv("projects.csv")
    stated = projects[projects["amount_rub"] != ""]
    rows = records(book()["Проекты"])
    for project in stated.to_dict("records"):
        row = next(row for row in rows if row["Название"].value == project["title_ru"])
        assert row["Сумма"].data_type == "n"
        assert row["Сумма"].value == float(project["amount_rub"])
        assert row["Сумма"].number_format == "#,##0"
        assert row["Валюта"].value == "RUB"
        assert row["Сумма: как в источнике"].value == (project["amount_note_ru"] or None)
    total = sum(row["Сумма"].value for row in rows if row["Сумма"].value is not None)
    assert total == sum(map(float, stated["amount_rub"])) == 25_440_000_000
    # no amount: neither a number nor a currency
    assert all(row["Валюта"].value is None for row in rows if row["Сумма"].value is None)


def test_xlsx_counts_are_whole_numbers_marked_when_approximate() -> None:
    counts = records(book()["Заявленное число участников"])
    assert [row["Заявленное число участников"].value for row in counts] == [40, 76]
    assert all(isinstance(row["Заявленное число участников"].value, int) for row in counts)
    assert [row["Приблизительно"].value for row in counts] == ["да", "нет"]


def test_xlsx_about_sheet_says_what_how_and_whose() -> None:
    about = {row[0].value: row[1].value for row in book("en")["About"].iter_rows()}
    assert about["Export"] == 'Tables of the dashboard "Irkutsk Region Machine-Building Cluster"'
    assert about["Data as of"] == dt.datetime(2026, 11, 26)
    assert about["  As of"] == "26 Nov 2026"
    assert about["Data credits"].startswith("Data: public sources")
    assert about["Licence"].startswith("Creative Commons Attribution 4.0")
    assert "first day" in about["Dates"]
    assert "RUB" in about["Amounts and counts"]


# --- CSV -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "sep", "decimal"), [("ru", ";", ","), ("en", ",", ".")])
@pytest.mark.parametrize("table", list(TABLES))
def test_csv_reads_back_as_exactly_the_tables_rows(table: str, lang: str, sep: str, decimal: str) -> None:
    expected = export_tables.tables_for_export(bundled(), state(lang=lang))[table]
    raw = spreadsheets.to_csv(bundled(), state(lang=lang), table)
    dates = [t(column.header, lang) for column in TABLES[table].columns_for(exported=True) if column.kind == "date"]
    frame = pd.read_csv(io.BytesIO(raw), sep=sep, decimal=decimal, encoding="utf-8-sig", parse_dates=dates,
                        keep_default_na=False, na_values={header: [""] for header in expected.columns
                                                          if expected[header].dtype != object})
    assert len(frame) == len(expected)
    assert list(frame.columns) == list(expected.columns)
    for header in expected.columns:
        if expected[header].dtype == object:
            assert list(frame[header]) == list(expected[header].fillna("")), header
        else:
            assert list(frame[header].astype(object).where(frame[header].notna(), None)) == list(
                expected[header].astype(object).where(expected[header].notna(), None)), header


def test_csv_amounts_and_counts_are_numbers() -> None:
    projects = pd.read_csv(io.BytesIO(spreadsheets.to_csv(bundled(), state(lang="en"), "projects")))
    assert projects["Amount"].dtype == "float64"
    assert projects["Amount"].sum() == 25_440_000_000
    assert set(projects["Currency"].dropna()) == {"RUB"}
    counts = pd.read_csv(io.BytesIO(spreadsheets.to_csv(bundled(), state(lang="en"), "counts")), parse_dates=["Date"])
    assert list(counts["Reported participants"]) == [40, 76]
    assert list(counts["Date"]) == [pd.Timestamp("2018-12-01"), pd.Timestamp("2022-04-01")]


@pytest.mark.parametrize(("lang", "about", "members"), [("ru", "сведения.txt", "участники.csv"),
                                                         ("en", "about.txt", "members.csv")])
def test_zip_holds_every_table_and_a_text_file_about_them(lang: str, about: str, members: str) -> None:
    chosen = state(lang=lang, sector="aircraft")
    archive = zipfile.ZipFile(io.BytesIO(spreadsheets.to_csv_zip(bundled(), chosen)))
    names = archive.namelist()
    assert names[0] == about and members in names
    assert len(names) == 1 + len(TABLES)
    for table in TABLES:
        name = naming.file_in_archive(table, "csv", lang)
        assert archive.read(name) == spreadsheets.to_csv(bundled(), chosen, table)
    text = archive.read(about).decode("utf-8-sig")
    assert t("footer", lang) in text
    assert "Creative Commons Attribution 4.0" in text
    assert f"{t('filter_sector', lang)}: {'Авиастроение' if lang == 'ru' else 'Aircraft'}" in text
    assert ("разделитель «;»" if lang == "ru" else 'separator ","') in text


# --- names and picture texts in the page's language ---------------------------------------------------------

EXPORT_KINDS = [*TABLES, *ids.EXPORTABLE_CHARTS, "tables", "presentation", "about"]


@pytest.mark.parametrize("what", EXPORT_KINDS)
def test_every_file_name_is_in_the_language_of_the_page(what: str) -> None:
    russian = naming.export_filename(bundled(), state(), what, "png")
    english = naming.export_filename(bundled(), state(lang="en"), what, "png")
    assert not LATIN.search(russian.removesuffix(".png")), russian
    assert not CYRILLIC.search(english), english


def test_chart_file_names_say_the_chart() -> None:
    assert naming.export_filename(bundled(), state(), ids.GROWTH, "svg") == (
        "Машкластер_Иркутск_рост_участников_на_2026-11-26.svg")
    assert naming.export_filename(bundled(), state(lang="en", sector="aircraft"), ids.SECTORS, "png") == (
        "Irkutsk_machine-building_cluster_members_by_sector_aircraft_as-of_2026-11-26.png")


def test_picture_texts_name_the_cluster_date_filters_and_sources() -> None:
    texts = naming.picture_texts(bundled(), state(sector="aircraft", to="2020"))
    assert texts["lines"] == ["Машиностроительный кластер Иркутской области · Данные на 26.11.2026",
                              "Фильтры: Отрасль: Авиастроение; Период: 2014–2020"]
    assert texts["credit"] == t("footer", "ru")
    english = naming.picture_texts(bundled(), state(lang="en"))
    assert english["lines"][0] == "Irkutsk Region Machine-Building Cluster · Data as of 26 Nov 2026"
    assert not CYRILLIC.search(" ".join([*english["lines"], english["credit"]]))
