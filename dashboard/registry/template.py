"""The registry template: an .xlsx workbook the cluster's staff fill in, prefilled with the current data.

Its sheets and columns come from :mod:`dashboard.registry.schema`; every cell is written in the form
:func:`dashboard.registry.importer.read_registry` reads back, so downloading, editing and uploading the template
reproduces the package where nothing was changed.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.data.cells import spreadsheet_text
from dashboard.data.package import ClusterData
from dashboard.i18n import t
from dashboard.registry.importer import (
    Lookup,
    format_date_cell,
    frame_records,
    org_lookup,
    project_lookup,
    settlement_lookup,
)
from dashboard.registry.schema import INSTRUCTIONS, LISTS, SHEETS, Column, Kind, Sheet

LANG = "ru"  # of sheet titles, headers, list values and data validation; the instructions have both languages
EMPTY_ROWS = 1000  # rows below the data that still get drop-down lists
TEXT_FORMAT = "@"  # Excel keeps typed «12.2018» or a leading-zero INN as text in these columns
TEXT_KINDS = (Kind.DATE, Kind.INN, Kind.OGRN, Kind.ID)
LIST_KINDS = (Kind.ENUM, Kind.BOOLEAN, Kind.SECTOR, Kind.SETTLEMENT)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
INSTRUCTION_WIDTH = 120
INSTRUCTION_CHARS = 105  # characters of 11-point text on one line of the instructions column


def write_template(out: Path, data: ClusterData) -> None:
    """Write the registry template prefilled with ``data`` to ``out`` (.xlsx)."""
    _workbook(data).save(Path(out))


def template_bytes(data: ClusterData) -> bytes:
    """The same template as bytes, for a download."""
    buffer = io.BytesIO()
    _workbook(data).save(buffer)
    return buffer.getvalue()


def _workbook(data: ClusterData) -> Workbook:
    book = Workbook()
    _instructions(book.active, data)
    lists = _Lists(data)
    refs = _References(data)
    for sheet in SHEETS:
        _data_sheet(book.create_sheet(sheet.title(LANG)), sheet, data, lists, refs)
    lists.write(book.create_sheet(t(LISTS, LANG)))
    return book


class _References:
    """How the template writes references: names that read back to exactly the same organisation or project."""

    def __init__(self, data: ClusterData):
        self.orgs: Lookup = org_lookup(frame_records(data.organisations))
        self.projects: Lookup = project_lookup(frame_records(data.projects))
        self.org_rows = {r["org_id"]: r for r in frame_records(data.organisations)}
        self.project_rows = {r["project_id"]: r for r in frame_records(data.projects)}
        self.sectors = dict(zip(data.sectors["sector_id"], data.sectors["name_ru"], strict=True))
        self.settlements: Lookup = settlement_lookup(data.settlements)
        self.settlement_rows = {r["settlement_id"]: r for r in frame_records(data.settlements)}
        self.links: dict[str, dict[str, list[str]]] = {}
        for sheet in SHEETS:
            for column in sheet.links:
                table = data.tables[str(column.link)]
                grouped: dict[str, list[str]] = {}
                for parent, org in zip(table[sheet.id_field], table["org_id"], strict=True):
                    grouped.setdefault(parent, []).append(org)
                self.links[str(column.link)] = grouped

    def org(self, org_id: str) -> str:
        row = self.org_rows.get(org_id, {})
        return self.orgs.label(org_id, [row.get("short_name_ru"), row.get("name_ru"), row.get("name_en")])

    def settlement(self, settlement_id: str) -> str:
        row = self.settlement_rows.get(settlement_id, {})
        return self.settlements.label(settlement_id, [row.get("name_ru"), row.get("name_en")])

    def project(self, project_id: str) -> str:
        row = self.project_rows.get(project_id, {})
        return self.projects.label(project_id, [row.get("title_ru"), row.get("title_en")])


class _Lists:
    """The hidden sheet of drop-down values: one column per vocabulary, Russian labels."""

    def __init__(self, data: ClusterData):
        self.columns: dict[str, list[str]] = {}
        self.titles: dict[str, str] = {}
        self.data = data

    def values(self, column: Column) -> list[str]:
        if column.kind is Kind.SECTOR:
            return list(self.data.sectors["name_ru"])
        if column.kind is Kind.SETTLEMENT:
            return sorted(self.data.settlements["name_ru"])
        return [term.ru for term in (column.vocab or {}).values()]

    def range(self, column: Column) -> str:
        """The absolute range on the lists sheet holding this column's values (added on first use)."""
        key = f"{column.kind}:{id(column.vocab)}"
        if key not in self.columns:
            self.columns[key] = self.values(column)
            self.titles[key] = column.header(LANG)
        letter = get_column_letter(list(self.columns).index(key) + 1)
        return f"{quote_sheetname(t(LISTS, LANG))}!${letter}$2:${letter}${len(self.columns[key]) + 1}"

    def write(self, sheet: Worksheet) -> None:
        for index, (key, values) in enumerate(self.columns.items(), start=1):
            sheet.cell(1, index, self.titles[key]).font = Font(bold=True)
            for row, value in enumerate(values, start=2):
                sheet.cell(row, index, spreadsheet_text(value))
            sheet.column_dimensions[get_column_letter(index)].width = max(len(v) for v in values) + 2
        sheet.sheet_state = "hidden"


def _cell(column: Column, row: dict[str, Any], sheet: Sheet, refs: _References) -> object:
    """The cell a package row gives this column, in the written form the importer reads back."""
    value = row.get(column.field)
    kind = column.kind
    if kind is Kind.DATE:
        return format_date_cell(value, row.get(f"{column.field}_precision") or "day") or None
    if kind is Kind.ORGS:
        orgs = refs.links[str(column.link)].get(row[sheet.id_field], [])
        return spreadsheet_text("; ".join(refs.org(org) for org in orgs)) or None
    if value is None or value == "":
        return None
    if kind in (Kind.ENUM, Kind.BOOLEAN):
        code = ("true" if value else "false") if isinstance(value, bool) else str(value)
        return (column.vocab or {})[code].ru
    if kind is Kind.SECTOR:
        return refs.sectors.get(value, value)
    if kind is Kind.SETTLEMENT:
        return refs.settlement(value)
    if kind is Kind.PROJECT:
        return spreadsheet_text(refs.project(value))
    if kind in (Kind.NUMBER, Kind.INTEGER):
        number = float(value)
        return int(number) if number.is_integer() else number
    return spreadsheet_text(value)


def _data_sheet(ws: Worksheet, sheet: Sheet, data: ClusterData, lists: _Lists, refs: _References) -> None:
    rows = list(frame_records(data.tables[sheet.table]))
    last_row = len(rows) + EMPTY_ROWS + 1
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        header = ws.cell(1, index, column.header(LANG) + ("*" if column.required else ""))
        header.font = Font(bold=True)
        header.fill = REQUIRED_FILL if column.required else HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="top")
        # The note gives the English header, so English speakers can read the Russian template.
        required = f" ({t('registry_required', 'en')})" if column.required else ""
        note = f"{column.header('en')}{required}\n{column.hint(LANG)}".strip()
        header.comment = Comment(note, "registry", width=320, height=110)
        ws.column_dimensions[letter].width = column.width
        if column.kind in TEXT_KINDS:
            ws.column_dimensions[letter].number_format = TEXT_FORMAT
        for number, row in enumerate(rows, start=2):
            cell = ws.cell(number, index, _cell(column, row, sheet, refs))
            if column.kind in TEXT_KINDS:
                cell.number_format = TEXT_FORMAT
        if column.kind in LIST_KINDS:
            # A settlement missing from the gazetteer may still be typed; the importer then says what to do.
            strict = column.kind is not Kind.SETTLEMENT
            validation = DataValidation(
                type="list", formula1=lists.range(column), allow_blank=True, showErrorMessage=True,
                errorStyle="stop" if strict else "warning", errorTitle=column.header(LANG),
                error=t("registry_pick_from_list" if strict else "registry_not_in_list", LANG))
            validation.add(f"{letter}2:{letter}{last_row}")
            ws.add_data_validation(validation)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{max(len(rows) + 1, 2)}"


def _instructions(ws: Worksheet, data: ClusterData) -> None:
    """The first sheet: what each sheet is, the required columns, formats, lists, sources and confidence; in
    Russian, then in English."""
    ws.title = t(INSTRUCTIONS, LANG)
    ws.column_dimensions["A"].width = INSTRUCTION_WIDTH
    lines: list[tuple[str, bool]] = []
    for lang, cluster in (("ru", data.meta.name_ru), ("en", data.meta.name_en)):
        if lines:
            lines.append(("", False))
        lines += [(t("registry_instructions_title", lang, cluster=cluster), True), ("", False)]
        lines += [(rule, False) for rule in t("registry_rules", lang).splitlines()]
        lines += [("", False), (t("registry_instructions_sheets", lang), True)]
        for sheet in SHEETS:
            # English readers need the sheet's Russian name too: the tabs carry it.
            named = f"«{sheet.title(LANG)}»" if lang == LANG else f"«{sheet.title(LANG)}» ({sheet.title(lang)})"
            required = ", ".join(c.header(lang) for c in sheet.columns if c.required)
            text = t("registry_instructions_sheet", lang, sheet=named, about=sheet.about(lang), required=required)
            lines.append((text, False))
    for number, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(number, 1, spreadsheet_text(text) or None)
        cell.font = Font(bold=bold, size=13 if bold else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        # Spreadsheet programs do not grow a row for wrapped text they did not lay out themselves.
        ws.row_dimensions[number].height = 18 if bold else 15 * max(1, math.ceil(len(text) / INSTRUCTION_CHARS))
