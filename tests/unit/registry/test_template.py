"""The registry template: sheets, headers, drop-down lists, instructions, neutralised text and the round trip
template → read_registry → package tables that reproduce the bundled package."""

from __future__ import annotations

import dataclasses
import shutil
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.data.package import ClusterData, load_package
from dashboard.i18n import t
from dashboard.registry.importer import read_registry
from dashboard.registry.schema import INSTRUCTIONS, LISTS, SHEETS, Kind
from dashboard.registry.template import EMPTY_ROWS, template_bytes, write_template

DATA = Path(__file__).resolve().parents[3] / "data"
LIST_KINDS = (Kind.ENUM, Kind.BOOLEAN, Kind.SECTOR, Kind.SETTLEMENT)


@cache
def bundled() -> ClusterData:
    return load_package(DATA)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "registry.xlsx"
    write_template(path, bundled())
    return path


@pytest.fixture(scope="module")
def book(template: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(template)


def _list_values(book: openpyxl.Workbook, formula: str) -> list[str]:
    """The values a list validation's range points at on the lists sheet."""
    sheet_name, cells = formula.split("!")
    assert sheet_name.strip("'") == t(LISTS, "ru")
    first, last = cells.replace("$", "").split(":")
    return [c.value for row in book[t(LISTS, "ru")][first:last] for c in row]


def test_sheets_in_order_with_hidden_lists(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == [t(INSTRUCTIONS, "ru"), *(s.title("ru") for s in SHEETS), t(LISTS, "ru")]
    assert book[t(LISTS, "ru")].sheet_state == "hidden"
    assert all(book[name].sheet_state == "visible" for name in book.sheetnames[:-1])


@pytest.mark.parametrize("sheet", SHEETS, ids=[s.table for s in SHEETS])
def test_header_row(book: openpyxl.Workbook, sheet) -> None:
    ws: Worksheet = book[sheet.title("ru")]
    headers = [c.value for c in ws[1]]
    assert headers == [c.header("ru") + ("*" if c.required else "") for c in sheet.columns]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    for cell, column in zip(ws[1], sheet.columns, strict=True):
        assert cell.comment is not None and cell.comment.text.startswith(column.header("en"))
        assert ws.column_dimensions[cell.column_letter].width == column.width


@pytest.mark.parametrize("sheet", SHEETS, ids=[s.table for s in SHEETS])
def test_dropdowns_point_at_the_lists_sheet(book: openpyxl.Workbook, sheet) -> None:
    ws: Worksheet = book[sheet.title("ru")]
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    rows = len(bundled().tables[sheet.table]) + EMPTY_ROWS + 1
    listed = set()
    for index, column in enumerate(sheet.columns, start=1):
        if column.kind not in LIST_KINDS:
            continue
        letter = ws.cell(1, index).column_letter
        validation = validations[f"{letter}2:{letter}{rows}"]
        assert validation.type == "list"
        values = _list_values(book, validation.formula1)
        if column.vocab:
            assert values == [t.ru for t in column.vocab.values()]
        elif column.kind is Kind.SECTOR:
            assert values == list(bundled().sectors["name_ru"])
        else:
            assert sorted(values) == sorted(bundled().settlements["name_ru"])
        listed.add(column.field)
    assert len(validations) == len(listed)


def test_instructions(book: openpyxl.Workbook) -> None:
    text = "\n".join(str(c.value) for c in book[t(INSTRUCTIONS, "ru")]["A"] if c.value)
    for needle in ("(*)", "ДД.ММ.ГГГГ", "ММ.ГГГГ", "«;»", "источник", "достоверность", "Registry of members"):
        assert needle in text, needle
    for sheet in SHEETS:
        assert f"«{sheet.title('ru')}»" in text
        assert all(c.header("ru") in text for c in sheet.columns if c.required)


def test_prefilled_with_the_current_data_and_ids(book: openpyxl.Workbook) -> None:
    for sheet in SHEETS:
        ws = book[sheet.title("ru")]
        table = bundled().tables[sheet.table]
        assert ws.max_row == len(table) + 1
        assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == list(table[sheet.id_field])
    orgs = book["Организации"]
    header = [c.value for c in orgs[1]]
    irkut = next(r for r in orgs.iter_rows(min_row=2, values_only=True) if r[0] == "irkut")
    assert irkut[header.index("Роль*")] == "Якорное предприятие"
    assert irkut[header.index("Населённый пункт")] == "Москва"
    assert irkut[header.index("Дата вступления")] == "20.11.2014"
    counts = book["Численность"]
    assert "не ранее 14.04.2022" in [r[1] for r in counts.iter_rows(min_row=2, values_only=True)]
    agreements = book["Соглашения"]
    parties = [r[[c.value for c in agreements[1]].index("Стороны*")]
               for r in agreements.iter_rows(min_row=2, values_only=True)]
    assert parties[0] == "Правительство Иркутской области; ФЦПФ; ОАК; «Яковлев»; ИРНИТУ"


def test_template_round_trips_to_the_package(template: Path, tmp_path: Path) -> None:
    result = read_registry(template, bundled())
    assert result.report.ok, result.report.to_text()
    assert result.tables is not None
    for name, frame in result.tables.items():  # the CSV text itself, cell for cell
        original = pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(frame, original, check_dtype=False)
    pkg = tmp_path / "pkg"
    shutil.copytree(DATA, pkg)
    for name, frame in result.tables.items():
        frame.to_csv(pkg / f"{name}.csv", index=False)
    reloaded = load_package(pkg)
    for name, frame in bundled().tables.items():
        pd.testing.assert_frame_equal(reloaded.tables[name], frame)


def test_text_is_neutralised_and_still_round_trips(tmp_path: Path) -> None:
    data = bundled()
    orgs = data.organisations.copy()
    orgs.loc[0, "notes_ru"] = "=HYPERLINK(\"http://example.org\")"
    orgs.loc[1, "short_name_ru"] = "+ОАК"
    changed = dataclasses.replace(data, tables={**data.tables, "organisations": orgs})
    path = tmp_path / "t.xlsx"
    write_template(path, changed)
    ws = openpyxl.load_workbook(path)["Организации"]
    header = [c.value for c in ws[1]]
    notes = ws.cell(2, header.index("Примечания") + 1)
    assert notes.value == "'=HYPERLINK(\"http://example.org\")" and notes.data_type == "s"
    assert ws.cell(3, header.index("Краткое название") + 1).value == "'+ОАК"
    result = read_registry(path, changed)
    assert result.tables is not None, result.report.to_text()
    assert result.tables["organisations"].loc[0, "notes_ru"] == "=HYPERLINK(\"http://example.org\")"
    assert result.tables["organisations"].loc[1, "short_name_ru"] == "+ОАК"
    assert {f.code for f in result.report.findings if f.row in (2, 3)} >= {"formula_like"}


def test_template_bytes_is_the_same_workbook(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    path.write_bytes(template_bytes(bundled()))
    assert openpyxl.load_workbook(path).sheetnames[0] == t(INSTRUCTIONS, "ru")
