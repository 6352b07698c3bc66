"""The filtered tables as an XLSX workbook (an "About" sheet first) or one CSV file, as bytes."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dashboard.data.cells import spreadsheet_text
from dashboard.data.filters import FilterState
from dashboard.data.package import ClusterData
from dashboard.exports.tables import about_rows, table_title, tables_for_export
from dashboard.i18n import t

XLSX_MAX_WIDTH = 60
CSV_SEPARATOR = {"ru": ";", "en": ","}


def _sheet_name(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def _write_sheet(sheet, rows: Iterable[Iterable[object]], header: bool) -> None:
    """Rows as text cells (numbers stay numbers), columns as wide as their text up to a limit."""
    widths: dict[int, int] = {}
    for row in rows:
        cells = [v if isinstance(v, int) else spreadsheet_text(v) for v in row]
        sheet.append(cells)
        for i, value in enumerate(cells, start=1):
            widths[i] = max(widths.get(i, 0), len(str(value)))
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
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def to_xlsx(data: ClusterData, state: FilterState) -> bytes:
    """An "About" sheet, then one sheet per filtered table with a bold frozen header."""
    lang = state.lang
    tables = tables_for_export(data, state)
    book = Workbook()
    about = book.active
    about.title = _sheet_name(t("export_about", lang))
    _write_sheet(about, about_rows(data, state, tables), header=False)
    for name, frame in tables.items():
        sheet = book.create_sheet(_sheet_name(table_title(name, lang)))
        _write_sheet(sheet, [list(frame.columns), *frame.itertuples(index=False)], header=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(data: ClusterData, state: FilterState, table: str) -> bytes:
    """One filtered table as CSV for Excel: UTF-8 with BOM, ';' in Russian (',' in English), a credit line last."""
    tables = tables_for_export(data, state)
    if table not in tables:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(tables)}")
    frame = tables[table]
    text = io.StringIO()
    writer = csv.writer(text, delimiter=CSV_SEPARATOR[state.lang], lineterminator="\r\n")
    writer.writerow([spreadsheet_text(c) for c in frame.columns])
    writer.writerows([spreadsheet_text(v) for v in row] for row in frame.itertuples(index=False))
    writer.writerow([spreadsheet_text(t("footer", state.lang))])
    return text.getvalue().encode("utf-8-sig")


