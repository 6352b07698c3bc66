"""The filtered tables as files to compute with, as bytes: an XLSX workbook (an "About" sheet first), one CSV file
of pure data, or every table's CSV with a text file about them in a ZIP archive."""

from __future__ import annotations

import csv
import datetime as dt
import io
import numbers
import re
import zipfile
from collections.abc import Iterable

import pandas as pd

from dashboard.data.cells import spreadsheet_text, spreadsheet_value
from dashboard.data.filters import FilterState
from dashboard.data.package import ClusterData
from dashboard.data.tables import TABLES, Kind, precision_key_of
from dashboard.exports.naming import file_in_archive
from dashboard.exports.tables import about_rows, file_frame, rows_for_export, table_title
from dashboard.i18n import t

XLSX_MAX_WIDTH = 60
# Russian Excel reads ";" and the decimal comma, English Excel "," and the decimal point.
CSV_SEPARATOR = {"ru": ";", "en": ","}
CSV_DECIMAL = {"ru": ",", "en": "."}
# A date cell shows only what is known of it, as the page writes dates (i18n.formats): 20.11.2014, 11.2014, 2014;
# 20 Nov 2014, Nov 2014, 2014. "Not before" is known to the month.
XLSX_DATE_FORMATS = {"ru": {"day": "dd.mm.yyyy", "month": "mm.yyyy", "year": "yyyy"},
                     "en": {"day": "d mmm yyyy", "month": "mmm yyyy", "year": "yyyy"}}
XLSX_NUMBER_FORMATS = {Kind.AMOUNT: "#,##0", Kind.COUNT: "0"}


def _sheet_name(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def _date_format(precision: str, lang: str) -> str:
    formats = XLSX_DATE_FORMATS[lang]
    return formats.get(precision, formats["month"])


def _write_sheet(sheet, rows: Iterable[Iterable[object]], header: bool, lang: str) -> None:
    """Rows of cells (text neutralised, numbers and dates as they are, a date to the day unless :func:`_format_cells`
    says otherwise), columns as wide as their text up to a limit."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in rows:
        cells = [spreadsheet_value(v) for v in row]
        sheet.append(cells)
        for i, value in enumerate(cells, start=1):
            if isinstance(value, dt.date):
                sheet.cell(sheet.max_row, i).number_format = XLSX_DATE_FORMATS[lang]["day"]
            widths[i] = max(widths.get(i, 0), len(str("" if value is None else value)))
    for i, width in widths.items():
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width, 8), XLSX_MAX_WIDTH) + 2
    if header:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    else:
        for cell in sheet["A"]:
            cell.font = Font(bold=True)
        for cell in sheet["B"]:
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")


def _format_cells(sheet, table: str, rows: list[dict], lang: str) -> None:
    """Number formats: each date as precisely as it is known, amounts with thousands grouped, counts whole."""
    for number, column in enumerate(TABLES[table].columns_for(exported=True), start=1):
        cells = next(sheet.iter_cols(min_col=number, max_col=number, min_row=2, max_row=len(rows) + 1), ())
        for cell, row in zip(cells, rows, strict=True):
            if column.kind is Kind.DATE:
                cell.number_format = _date_format(row[precision_key_of(column.key)], lang)
            elif column.kind in XLSX_NUMBER_FORMATS:
                cell.number_format = XLSX_NUMBER_FORMATS[column.kind]


def to_xlsx(data: ClusterData, state: FilterState) -> bytes:
    """An "About" sheet, then one sheet per filtered table with a bold frozen header."""
    # openpyxl is loaded by the first workbook downloaded, not by every start of the app (README "Performance").
    from openpyxl import Workbook

    lang = state.lang
    rows = rows_for_export(data, state)
    book = Workbook()
    about = book.active
    about.title = _sheet_name(t("export_about", lang))
    _write_sheet(about, about_rows(data, state, {table: len(table_rows) for table, table_rows in rows.items()}),
                 header=False, lang=lang)
    for table, table_rows in rows.items():
        frame = file_frame(table, table_rows, lang)
        sheet = book.create_sheet(_sheet_name(table_title(table, lang)))
        _write_sheet(sheet, [list(frame.columns), *frame.itertuples(index=False)], header=True, lang=lang)
        _format_cells(sheet, table, table_rows, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_text(value: object, lang: str) -> str:
    """A CSV cell: a date as YYYY-MM-DD, a whole number without a decimal mark, text no spreadsheet runs."""
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number).replace(".", CSV_DECIMAL[lang])
    return spreadsheet_text(value)


def _csv(frame: pd.DataFrame, lang: str) -> bytes:
    """Headers, then rows, and nothing else: UTF-8 with BOM (Excel reads Cyrillic right), the language's separator."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=CSV_SEPARATOR[lang], lineterminator="\r\n")
    writer.writerow([spreadsheet_text(c) for c in frame.columns])
    writer.writerows([_csv_text(v, lang) for v in row] for row in frame.astype(object).itertuples(index=False))
    return text.getvalue().encode("utf-8-sig")


def to_csv(data: ClusterData, state: FilterState, table: str) -> bytes:
    """One filtered table as CSV: its headers and its rows only (what it is, under which filters and as of when
    is in its file name; credits and licence in the ZIP's text file and the XLSX "About" sheet)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    rows = rows_for_export(data, state)[table]
    return _csv(file_frame(table, rows, state.lang), state.lang)


def about_text(data: ClusterData, state: FilterState, row_counts: dict[str, int]) -> str:
    """The "About" sheet as a text file, with how the CSV files are written."""
    lang = state.lang
    lines = []
    for name, value in about_rows(data, state, row_counts):
        text = value.strftime("%Y-%m-%d") if isinstance(value, dt.date) else str(value)
        lines.append(f"{name}: {text}" if text else f"{name}:")
    how = t("export_how_csv_text", lang, separator=CSV_SEPARATOR[lang], decimal=CSV_DECIMAL[lang])
    lines.append(f"{t('export_how_csv', lang)}: {how}")
    return "\r\n".join(lines) + "\r\n"


def to_csv_zip(data: ClusterData, state: FilterState) -> bytes:
    """Every filtered table as a CSV file (:func:`to_csv`) and a text file about them, in one ZIP archive."""
    lang = state.lang
    rows = rows_for_export(data, state)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(file_in_archive("about", "txt", lang), about_text(
            data, state, {table: len(table_rows) for table, table_rows in rows.items()}).encode("utf-8-sig"))
        for table, table_rows in rows.items():
            archive.writestr(file_in_archive(table, "csv", lang), _csv(file_frame(table, table_rows, lang), lang))
    return out.getvalue()
