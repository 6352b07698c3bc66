"""Registry import and package checks: every check has a small broken file and an exact location.

The committed broken CSV files live in ``tests/corpus/``; workbooks, binary garbage and an oversized file are
made here at test time. Row numbers are those Excel shows: the header is row 1.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard.data.cells import neutralise
from dashboard.data.package import ClusterData, load_package
from dashboard.i18n.catalogue import REGISTRY
from dashboard.registry import importer
from dashboard.registry.importer import (
    MAX_UPLOAD_BYTES,
    Finding,
    format_date_cell,
    normalise_name,
    parse_date,
    parse_number,
    read_registry,
    slugify,
    validate_package,
)
from dashboard.registry.inn import inn_fault, ogrn_fault
from dashboard.registry.schema import SHEETS, header_key

TESTS = Path(__file__).resolve().parents[2]
DATA = TESTS.parent / "data"
CORPUS = TESTS / "corpus"

ORG_HEADER = ["Название", "Отрасль", "Роль", "Статус участия", "Источник (URL)", "Достоверность"]
TAIL = ["Машиностроительный кластер", "https://example.org/x", "наш вывод"]
ORG_ROW = ["ООО «Ромашка»", "Авиастроение", "Предприятие", "Участник", "https://example.org/romashka",
           "указано в источнике"]


@cache
def bundled() -> ClusterData:
    return load_package(DATA)


@cache
def corpus_base() -> ClusterData:
    """The bundled package without rows that refer to organisations or projects, so that a small file
    replacing one table is judged on its own content only."""
    data = bundled()
    tables = dict(data.tables)
    for name in ("agreement_parties", "project_participants", "event_organisations", "organisation_names"):
        tables[name] = tables[name].iloc[0:0]
    tables["events"] = tables["events"].assign(project_id=None)
    return dataclasses.replace(data, tables=tables)


def write_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ";",
              encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def at(findings: list[Finding], code: str) -> list[tuple[str, str | None, int | None, str | None]]:
    return [(f.file, f.sheet, f.row, f.column) for f in findings if f.code == code]


# --------------------------------------------------------------------------------------------------------------
# one committed broken file per check
# --------------------------------------------------------------------------------------------------------------

# file, code, severity, row, column (CSV files have no sheet)
CORPUS_CASES = [
    ("org_required.csv", "required", "error", 2, "Название"),
    ("org_enum_unknown.csv", "enum_unknown", "error", 2, "Роль"),
    ("org_sector_unknown.csv", "sector_unknown", "error", 2, "Отрасль"),
    ("org_inn_length.csv", "inn_invalid", "error", 2, "ИНН"),
    ("org_inn_checksum.csv", "inn_invalid", "error", 2, "ИНН"),
    ("org_ogrn_checksum.csv", "ogrn_invalid", "error", 2, "ОГРН"),
    ("org_duplicate_inn.csv", "org_duplicate_inn", "error", 3, "ИНН"),
    ("org_duplicate_name.csv", "org_duplicate_name", "error", 3, "Название"),
    ("org_duplicate_id.csv", "id_duplicate", "error", 3, "Идентификатор"),
    ("org_id_invalid.csv", "id_invalid", "error", 2, "Идентификатор"),
    ("org_joined_before_launch.csv", "date_before_launch", "warning", 2, "Дата вступления"),
    ("org_joined_future.csv", "date_in_future", "error", 2, "Дата вступления"),
    ("org_left_before_joined.csv", "end_before_start", "error", 2, "Дата выхода"),
    ("org_date_format.csv", "date_format", "error", 2, "Дата вступления"),
    ("org_settlement_unknown.csv", "settlement_unknown", "error", 2, "Населённый пункт"),
    ("org_settlement_outside.csv", "settlement_outside_region", "warning", 2, "Населённый пункт"),
    ("org_formula.csv", "formula_like", "warning", 2, "Примечания"),
    ("org_url_invalid.csv", "url_invalid", "error", 2, "Источник (URL)"),
    ("org_website_several.csv", "url_several", "error", 2, "Сайт"),
    ("org_text_too_long.csv", "text_too_long", "error", 2, "Примечания"),
    ("org_column_unknown.csv", "column_unknown", "warning", 1, "Телефон"),
    ("org_column_missing.csv", "column_missing", "error", 1, "Отрасль"),
    ("org_column_duplicate.csv", "column_duplicate", "error", 1, "Role"),
    ("header_only.csv", "no_rows", "error", None, None),
    ("empty.csv", "file_empty", "error", None, None),
    ("blank_lines.csv", "file_empty", "error", None, None),
    ("agreements_org_unknown.csv", "org_unknown", "error", 2, "Стороны"),
    ("agreements_before_launch.csv", "date_before_launch", "error", 2, "Дата подписания"),
    ("projects_number_format.csv", "number_format", "error", 2, "Сумма (руб.)"),
    ("projects_number_negative.csv", "number_negative", "error", 2, "Сумма (руб.)"),
    ("events_project_unknown.csv", "project_unknown", "error", 2, "Проект"),
    ("counts_integer_format.csv", "integer_format", "error", 2, "Число"),
    ("counts_boolean_format.csv", "boolean_format", "error", 2, "Приблизительно"),
    ("table_unknown.csv", "table_unknown", "error", None, None),
    ("table_ambiguous.csv", "table_unknown", "error", None, None),
    ("registry.ods", "file_type", "error", None, None),
    ("broken.xlsx", "file_unreadable", "error", None, None),
]


def test_every_corpus_file_has_a_case() -> None:
    assert {p.name for p in CORPUS.iterdir()} == {case[0] for case in CORPUS_CASES}


@pytest.mark.parametrize(("name", "code", "severity", "row", "column"), CORPUS_CASES,
                         ids=[case[0] for case in CORPUS_CASES])
def test_corpus_file_gives_exactly_its_finding(name: str, code: str, severity: str, row: int | None,
                                               column: str | None) -> None:
    result = read_registry(CORPUS / name, corpus_base())
    findings = result.report.findings
    assert {f.code for f in findings} == {code}, result.report.to_text()
    assert (name, None, row, column) in at(findings, code)
    assert all(f.severity == severity for f in findings)
    assert (result.tables is None) == (severity == "error")
    for f in findings:
        assert f.message_ru and f.message_en and f.hint_ru and f.hint_en
        assert "{" not in f.message_ru + f.message_en + f.hint_ru + f.hint_en


def test_messages_name_the_value_and_suggest_the_closest_spelling() -> None:
    settlement = read_registry(CORPUS / "org_settlement_unknown.csv", corpus_base()).report.findings[0]
    assert "«Иркутк»" in settlement.message_ru and "«Иркутск»" in settlement.hint_ru
    assert "«Irkutsk»" in settlement.hint_en
    sector = read_registry(CORPUS / "org_sector_unknown.csv", corpus_base()).report.findings[0]
    assert "«Авиастроение»" in sector.hint_ru
    date = read_registry(CORPUS / "org_date_format.csv", corpus_base()).report.findings[0]
    assert "ДД.ММ.ГГГГ, ММ.ГГГГ или ГГГГ" in date.hint_ru and "DD.MM.YYYY" in date.hint_en
    party = read_registry(CORPUS / "agreements_org_unknown.csv", corpus_base()).report.findings[0]
    assert party.value == "Рога и копыта" and "«Рога и копыта»" in party.message_ru
    inn = read_registry(CORPUS / "org_inn_checksum.csv", corpus_base()).report.findings[0]
    assert "контрольная цифра" in inn.message_ru and "check digit" in inn.message_en


def test_unknown_organisation_gets_the_closest_known_one(tmp_path: Path) -> None:
    header = ["Название", "Вид соглашения", "Стороны", "Относится к", "Источник (URL)", "Достоверность"]
    path = write_csv(tmp_path / "agreements.csv", header, [["С", "Вступление", "ОАК; ПАО «Яковлефф»", *TAIL]])
    finding = read_registry(path, corpus_base()).report.findings[0]
    assert (finding.code, finding.value) == ("org_unknown", "ПАО «Яковлефф»")
    assert "Возможно, имелось в виду «ПАО «Яковлев»»" in finding.hint_ru


def test_missing_column_is_named_in_the_report_language() -> None:
    findings = read_registry(CORPUS / "org_column_missing.csv", corpus_base(), lang="en").report.findings
    assert at(findings, "column_missing") == [("org_column_missing.csv", None, 1, "Sector")]


def test_settlement_outside_the_boundary_is_a_warning_even_with_the_region_code(tmp_path: Path) -> None:
    data = corpus_base()
    places = data.settlements.copy()
    places.loc[places["settlement_id"] == "angarsk", ["lat", "lon"]] = [55.75, 37.62]  # Moscow's coordinates
    moved = dataclasses.replace(data, tables={**data.tables, "settlements": places})
    path = write_csv(tmp_path / "organisations.csv", [*ORG_HEADER, "Населённый пункт"], [[*ORG_ROW, "Ангарск"]])
    result = read_registry(path, moved)
    assert at(result.report.findings, "settlement_outside_region") == [
        ("organisations.csv", None, 2, "Населённый пункт")]
    assert result.report.ok


def test_settlement_names_shared_by_two_places_are_ambiguous(tmp_path: Path) -> None:
    data = corpus_base()
    places = data.settlements.copy()
    places.loc[places["settlement_id"] == "alzamay", "name_ru"] = "Ангарск"
    twin = dataclasses.replace(data, tables={**data.tables, "settlements": places})
    header = [*ORG_HEADER, "Населённый пункт"]
    path = write_csv(tmp_path / "organisations.csv", header, [[*ORG_ROW, "Ангарск"],
                                                              ["ПАО «Лютик»", *ORG_ROW[1:], "angarsk"]])
    findings = read_registry(path, twin).report.findings
    assert at(findings, "settlement_ambiguous") == [("organisations.csv", None, 2, "Населённый пункт")]
    assert "(alzamay)" in findings[0].message_ru and len(findings) == 1


# --------------------------------------------------------------------------------------------------------------
# checks that need a workbook, binary data or a big file, made at test time
# --------------------------------------------------------------------------------------------------------------

EVENT_HEADER = ["Дата", "Вид события", "Название", "Организации", "Проект", "Относится к", "Источник (URL)",
                "Достоверность"]
AGREEMENT_HEADER = ["Название", "Вид соглашения", "Стороны", "Относится к", "Источник (URL)", "Достоверность"]
PROJECT_HEADER = ["Название", "Статус проекта", "Относится к", "Источник (URL)", "Достоверность"]


def _garbage(tmp: Path) -> Path:
    path = tmp / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 16)
    return path


def _workbook_named_csv(tmp: Path) -> Path:
    return write_workbook(tmp / "registry.csv", {"Организации": [ORG_HEADER, ORG_ROW]})


def _too_large(tmp: Path) -> Path:
    path = tmp / "registry.xlsx"
    with path.open("wb") as fh:
        fh.truncate(MAX_UPLOAD_BYTES + 1)  # sparse: no 10 MiB actually written
    return path


def _unknown_sheet(tmp: Path) -> Path:
    return write_workbook(tmp / "registry.xlsx", {"Организации": [ORG_HEADER, ORG_ROW], "Заметки": [["x"]]})


def _duplicate_sheet(tmp: Path) -> Path:
    return write_workbook(tmp / "registry.xlsx", {"Организации": [ORG_HEADER, ORG_ROW],
                                                  "Organisations": [ORG_HEADER, ORG_ROW]})


def _no_registry_sheet(tmp: Path) -> Path:
    return write_workbook(tmp / "registry.xlsx", {"Лист1": [["a", "b"]]})


def _header_only_sheet(tmp: Path) -> Path:
    return write_workbook(tmp / "registry.xlsx", {"Организации": [ORG_HEADER, ORG_ROW], "События": [EVENT_HEADER]})


def _empty_sheet(tmp: Path) -> Path:
    return write_workbook(tmp / "registry.xlsx", {"Организации": [ORG_HEADER, ORG_ROW], "Проекты": []})


def _title_rows_above_header(tmp: Path) -> Path:
    bad = [*ORG_ROW[:2], "Завод", *ORG_ROW[3:]]
    return write_workbook(tmp / "registry.xlsx", {"Организации": [["Реестр участников"], [], ORG_HEADER, bad]})


def _ambiguous_org(tmp: Path) -> Path:
    header = [*ORG_HEADER, "Краткое название"]
    return write_workbook(tmp / "registry.xlsx", {
        "Организации": [header, ["ООО «Ромашка-Север»", *ORG_ROW[1:], "Ромашка"],
                        ["АО «Ромашка-Юг»", *ORG_ROW[1:], "Ромашка"]],
        "Соглашения": [AGREEMENT_HEADER, ["Соглашение", "Вступление", "Ромашка", *TAIL]],
    })


def _ambiguous_project(tmp: Path) -> Path:
    return write_workbook(tmp / "registry.xlsx", {
        "Проекты": [PROJECT_HEADER, ["Цех", "Объявлен", *TAIL], ["Цех", "Действует", *TAIL]],
        "События": [EVENT_HEADER, ["01.09.2015", "Веха", "Открытие", "", "Цех", *TAIL]],
    })


def _far_corner_cell(tmp: Path) -> Path:
    """A 7 KB workbook whose one stray cell at XFD1048576 makes its sheet a million rows of 16 384 cells."""
    path = write_workbook(tmp / "registry.xlsx", {"Организации": [ORG_HEADER, ORG_ROW]})
    book = openpyxl.load_workbook(path)
    book["Организации"]["XFD1048576"] = "x"
    book.save(path)
    return path


def _merged_sector(tmp: Path) -> Path:
    """Two organisations whose sector cells are merged into one: the second row's sector reads as empty."""
    second = ["ООО «Лютик»", *ORG_ROW[1:]]
    path = write_workbook(tmp / "registry.xlsx", {"Организации": [ORG_HEADER, ORG_ROW, second]})
    book = openpyxl.load_workbook(path)
    book["Организации"].merge_cells("B2:B3")
    book.save(path)
    return path


def _formula_without_value(tmp: Path) -> Path:
    """openpyxl, like other programs that do not calculate, saves a formula with no computed value."""
    return write_workbook(tmp / "registry.xlsx", {"Организации": [ORG_HEADER, ['=CONCAT("ООО ", "Ромашка")',
                                                                              *ORG_ROW[1:]]]})


def _infinite_amount(tmp: Path) -> Path:
    header = [*PROJECT_HEADER, "Сумма (руб.)"]
    return write_workbook(tmp / "registry.xlsx", {"Проекты": [header, ["Цех", "Объявлен", *TAIL, "9" * 400]]})


def _bidi_override(tmp: Path) -> Path:
    return write_workbook(tmp / "registry.xlsx", {"Организации": [ORG_HEADER, ["\u202eООО «Ромашка»\u202c",
                                                                              *ORG_ROW[1:]]]})


# builder, code, severity, sheet, row, column
GENERATED_CASES: dict[str, tuple[Callable[[Path], Path], str, str, str | None, int | None, str | None]] = {
    "binary garbage": (_garbage, "file_unreadable", "error", None, None, None),
    "workbook named .csv": (_workbook_named_csv, "file_unreadable", "error", None, None, None),
    "over the size limit": (_too_large, "file_too_large", "error", None, None, None),
    "unknown sheet": (_unknown_sheet, "sheet_unknown", "warning", "Заметки", None, None),
    "sheet twice": (_duplicate_sheet, "sheet_duplicate", "error", "Organisations", None, None),
    "no registry sheet": (_no_registry_sheet, "no_sheets", "error", None, None, None),
    "header-only sheet": (_header_only_sheet, "no_rows", "warning", "События", None, None),
    "empty sheet": (_empty_sheet, "no_rows", "warning", "Проекты", None, None),
    "rows above the header": (_title_rows_above_header, "enum_unknown", "error", "Организации", 4, "Роль"),
    "ambiguous organisation": (_ambiguous_org, "org_ambiguous", "error", "Соглашения", 2, "Стороны"),
    "ambiguous project": (_ambiguous_project, "project_ambiguous", "error", "События", 2, "Проект"),
    "a cell at the far corner": (_far_corner_cell, "sheet_too_large", "error", "Организации", None, None),
    "a right-to-left override": (_bidi_override, "invisible_removed", "warning", "Организации", 2, "Название"),
    "an infinite amount": (_infinite_amount, "number_too_large", "error", "Проекты", 2, "Сумма (руб.)"),
    "merged cells": (_merged_sector, "merged_cell", "error", "Организации", 3, "Отрасль"),
    "a formula saved without its value": (_formula_without_value, "formula_no_value", "error", "Организации", 2,
                                          "Название"),
}


@pytest.mark.parametrize("case", list(GENERATED_CASES))
def test_generated_file_gives_its_finding(case: str, tmp_path: Path) -> None:
    build, code, severity, sheet, row, column = GENERATED_CASES[case]
    path = build(tmp_path)
    result = read_registry(path, corpus_base())
    assert (path.name, sheet, row, column) in at(result.report.findings, code), result.report.to_text()
    assert [f.severity for f in result.report.findings if f.code == code] == [severity]
    assert result.report.ok == (severity == "warning" and not result.report.errors)


def test_a_workbook_with_only_empty_sheets_is_an_error(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "r.xlsx", {"Инструкция": [["…"]], "Организации": [ORG_HEADER], "События": []})
    result = read_registry(path, corpus_base())
    assert ("r.xlsx", None, None, None) in at(result.report.errors, "no_rows")
    assert result.tables is None


def test_a_skipped_sheet_keeps_the_current_table(tmp_path: Path) -> None:
    result = read_registry(_header_only_sheet(tmp_path), corpus_base())
    assert result.report.ok
    assert result.tables is not None and "organisations" in result.tables and "events" not in result.tables


def test_removed_organisation_still_referred_to_is_an_error() -> None:
    result = read_registry(CORPUS / "org_formula.csv", bundled())
    assert ("org_formula.csv", None, None, None) in at(result.report.findings, "ref_removed")
    removed = {f.value: f for f in result.report.findings if f.code == "ref_removed"}
    assert "gov-irkutsk" in removed and "irkut" in removed
    assert "Соглашения" in removed["irkut"].message_ru and "прежние названия" in removed["irkut"].message_ru


def test_removed_project_still_referred_to_by_events_is_an_error() -> None:
    result = read_registry(CORPUS / "projects_number_format.csv", bundled())
    removed = [f for f in result.report.findings if f.code == "project_removed"]
    assert {f.value for f in removed} == {"irkut-industrial-park", "promtekh-irkutsk-plant"}
    assert all((f.file, f.sheet, f.row, f.column) == ("projects_number_format.csv", None, None, None) for f in removed)


def test_an_unexpected_failure_is_a_finding_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(importer, "_convert", explode)
    result = read_registry(CORPUS / "org_formula.csv", corpus_base())
    assert [f.code for f in result.report.findings] == ["internal_error"]
    assert result.tables is None


def test_missing_file_and_directory_are_findings(tmp_path: Path) -> None:
    assert [f.code for f in read_registry(tmp_path / "nope.xlsx", bundled()).report.findings] == ["file_unreadable"]
    assert [f.code for f in read_registry(tmp_path, bundled()).report.findings] == ["file_type"]


# --------------------------------------------------------------------------------------------------------------
# package checks
# --------------------------------------------------------------------------------------------------------------


def _package_copy(tmp: Path) -> Path:
    target = tmp / "pkg"
    shutil.copytree(DATA, target)
    return target


def _edit_cell(pkg: Path, file: str, row: int, column: str, value: str) -> None:
    frame = pd.read_csv(pkg / file, dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = value
    frame.to_csv(pkg / file, index=False)


def test_validate_package_on_the_bundled_data_has_no_errors() -> None:
    report = validate_package(DATA)
    assert report.ok, report.to_text()
    assert {f.code for f in report.findings} <= {"settlement_outside_region", "date_before_launch"}


def test_validate_package_keeps_schema_problems_at_file_row_and_column(tmp_path: Path) -> None:
    pkg = _package_copy(tmp_path)
    _edit_cell(pkg, "organisations.csv", 3, "role", "factory")
    report = validate_package(pkg)
    assert ("organisations.csv", None, 3, "role") in at(report.findings, "package_invalid")
    assert not report.ok


def test_validate_package_runs_the_domain_checks(tmp_path: Path) -> None:
    pkg = _package_copy(tmp_path)
    _edit_cell(pkg, "organisations.csv", 2, "inn", "7707083894")
    _edit_cell(pkg, "organisations.csv", 4, "notes_ru", "=1+2")
    _edit_cell(pkg, "agreements.csv", 2, "signed", "2099-01-01")
    report = validate_package(pkg)
    assert at(report.findings, "inn_invalid") == [("organisations.csv", None, 2, "inn")]
    assert at(report.findings, "formula_like") == [("organisations.csv", None, 4, "notes_ru")]
    assert at(report.findings, "date_in_future") == [("agreements.csv", None, 2, "signed")]


# Every finding's code, as the catalogue declares its message: registry_finding_<code>.
FINDING_CODES = {key.removeprefix("registry_finding_") for key in REGISTRY if key.startswith("registry_finding_")}


def test_every_message_code_is_exercised() -> None:
    exercised = {case[1] for case in CORPUS_CASES} | {case[1] for case in GENERATED_CASES.values()}
    exercised |= {"ref_removed", "project_removed", "internal_error", "package_invalid", "settlement_ambiguous",
                  "too_many_rows", "more_of_kind", "workbook_unpacks_too_large"}
    assert exercised == FINDING_CODES


def test_every_finding_says_how_to_fix_it() -> None:
    fixes = {key.removeprefix("registry_fix_") for key in REGISTRY if key.startswith("registry_fix_")}
    assert fixes == FINDING_CODES


# --------------------------------------------------------------------------------------------------------------
# reading: encodings, separators, headers, dates, numbers, derived fields
# --------------------------------------------------------------------------------------------------------------

ORGS = [
    ["ООО «Ромашка»", "Авиастроение", "Предприятие", "Участник", "https://example.org/a", "указано в источнике",
     "Ангарск", "Примечание, с запятой; и точкой с запятой"],
    ["ПАО «Ёлка»", "Электротехника и кабельная продукция", "Предприятие", "Ожидаемый участник",
     "https://example.org/b https://example.org/c", "наш вывод", "", "Строка\nвторая строка"],
]
ORG_HEADER_FULL = [*ORG_HEADER, "Населённый пункт", "Примечания"]


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_encodings_and_separators_read_the_same(tmp_path: Path, encoding: str, delimiter: str) -> None:
    reference = read_registry(write_csv(tmp_path / "ref.csv", ORG_HEADER_FULL, ORGS), corpus_base())
    result = read_registry(write_csv(tmp_path / "orgs.csv", ORG_HEADER_FULL, ORGS, delimiter, encoding),
                           corpus_base())
    assert result.report.findings == [] and reference.tables is not None and result.tables is not None
    pd.testing.assert_frame_equal(result.tables["organisations"], reference.tables["organisations"])
    orgs = result.tables["organisations"]
    assert list(orgs["notes_ru"]) == ["Примечание, с запятой; и точкой с запятой", "Строка\nвторая строка"]
    assert list(orgs["org_id"]) == ["romashka", "elka"]


def test_english_headers_labels_and_package_field_names_are_accepted(tmp_path: Path) -> None:
    english = ["Name", "Sector", "Role", "Membership status", "Source (URL)", "Confidence", "Settlement", "Notes"]
    rows = [["ООО «Ромашка»", "Aircraft manufacturing", "Enterprise", "Member", "https://example.org/a",
             "stated in the source", "Angarsk", "Примечание, с запятой; и точкой с запятой"],
            ["ПАО «Ёлка»", "electrical", "enterprise", "expected", "https://example.org/b https://example.org/c",
             "inferred", "", "Строка\nвторая строка"]]
    fields = ["name_ru", "SECTOR", "role", "status", "source_urls", "confidence", "settlement_id", "notes_ru"]
    reference = read_registry(write_csv(tmp_path / "ru.csv", ORG_HEADER_FULL, ORGS), corpus_base()).tables
    for name, header in (("en.csv", english), ("fields.csv", fields)):
        result = read_registry(write_csv(tmp_path / name, header, rows, ","), corpus_base(), lang="en")
        assert result.report.findings == [], result.report.to_text("en")
        assert result.tables is not None and reference is not None
        pd.testing.assert_frame_equal(result.tables["organisations"], reference["organisations"])


def test_headers_ignore_case_spaces_and_the_required_mark(tmp_path: Path) -> None:
    header = ["  НАЗВАНИЕ* ", "отрасль", "РОЛЬ", "статус  участия", "источник (url)", "Достоверность *"]
    result = read_registry(write_csv(tmp_path / "x.csv", header, [ORG_ROW]), corpus_base())
    assert result.report.findings == []


def test_file_name_decides_the_table(tmp_path: Path) -> None:
    path = tmp_path / "Численность.csv"
    shutil.copy(CORPUS / "table_ambiguous.csv", path)
    findings = read_registry(path, corpus_base()).report.findings
    assert "table_unknown" not in {f.code for f in findings}
    assert ("Численность.csv", None, 1, "Дата") in at(findings, "column_missing")


COUNT_HEADER = ["Дата", "Число", "Приблизительно", "Что посчитано", "Относится к", "Источник (URL)",
                "Достоверность"]


def test_dates_keep_their_precision(tmp_path: Path) -> None:
    dates = ["20.11.2014", "2015-08-28", "12.2018", "2019", "не ранее 04.2022", " 1.2.2016 ", "2014-11"]
    rows = [[d, "40", "", "Участники кластера", *TAIL] for d in dates]
    result = read_registry(write_csv(tmp_path / "membership_counts.csv", COUNT_HEADER, rows), corpus_base())
    assert result.tables is not None, result.report.to_text()
    counts = result.tables["membership_counts"]
    assert list(zip(counts["date"], counts["date_precision"], strict=True)) == [
        ("2014-11-20", "day"), ("2015-08-28", "day"), ("2018-12-01", "month"), ("2019-01-01", "year"),
        ("2022-04-01", "after"), ("2016-02-01", "day"), ("2014-11-01", "month")]
    assert set(counts["approximate"]) == {"false"}


def test_excel_date_cells_are_days(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "r.xlsx", {"Численность": [
        COUNT_HEADER, [dt.datetime(2018, 12, 28), 40, True, "Участники кластера", *TAIL],
        ["12.2018", 41.0, "нет", "participants", *TAIL]]})
    result = read_registry(path, corpus_base())
    assert result.tables is not None, result.report.to_text()
    counts = result.tables["membership_counts"]
    assert list(counts["date"]) == ["2018-12-28", "2018-12-01"]
    assert list(counts["date_precision"]) == ["day", "month"]
    assert list(counts["count"]) == ["40", "41"] and list(counts["approximate"]) == ["true", "false"]
    assert list(counts["count_id"]) == ["participants-2018-12-28", "participants-2018-12-01"]


@pytest.mark.parametrize(("text", "expected"), [
    ("31.02.2015", "no such day"), ("13.2015", ""), ("весной 2015", ""), ("1850", "outside 1900"),
])
def test_bad_dates_say_why(text: str, expected: str) -> None:
    with pytest.raises(importer._BadDate) as info:
        parse_date(text)
    assert expected in info.value.args[0][1]


@pytest.mark.parametrize(("date", "precision"), [
    (dt.date(2014, 11, 20), "day"), (dt.date(2018, 12, 1), "month"), (dt.date(2019, 1, 1), "year"),
    (dt.date(2022, 4, 1), "after"), (dt.date(2023, 7, 26), "after"),
])
def test_written_dates_read_back(date: dt.date, precision: str) -> None:
    assert parse_date(format_date_cell(date, precision)) == (date, precision)


@pytest.mark.parametrize(("text", "number"), [
    ("440 000 000", 440_000_000), ("440\u00a0000\u00a0000", 440_000_000), ("78,3", 78.3), ("1 234 567,5", 1234567.5),
    ("1,234,567", 1234567), ("1.5", 1.5), ("25 000 000 000 ₽", 25e9), (12.0, 12), ("много", None), ("1,2,x", None),
])
def test_numbers(text: object, number: float | None) -> None:
    assert parse_number(text) == number


def test_amounts_are_written_as_the_package_writes_them(tmp_path: Path) -> None:
    header = ["Название", "Статус проекта", "Сумма (руб.)", "Участники", "Относится к", "Источник (URL)",
              "Достоверность"]
    rows = [["Цех", "Объявлен", "440\u00a0000\u00a0000", "ИАЗ; 7707083893", *TAIL],
            ["Склад", "Объявлен", "78,3", "", *TAIL]]
    orgs = read_registry(write_csv(tmp_path / "projects.csv", header, rows), corpus_base())
    findings = [f.code for f in orgs.report.findings]
    assert findings == ["org_unknown"]  # the INN belongs to no organisation of the package
    rows[0][3] = "ИАЗ; Иркутский национальный исследовательский технический университет"
    result = read_registry(write_csv(tmp_path / "projects.csv", header, rows), corpus_base())
    assert result.tables is not None
    assert list(result.tables["projects"]["amount_rub"]) == ["440000000", "78.3"]
    assert result.tables["project_participants"].values.tolist() == [["tsekh", "iaz"], ["tsekh", "irnitu"]]


def test_spaces_and_non_breaking_spaces_are_trimmed(tmp_path: Path) -> None:
    row = ["  ООО  «Ромашка» ", "\u00a0Авиастроение", "Предприятие\u00a0", " участник ", " https://example.org/a ",
           "Указано  в источнике"]
    result = read_registry(write_csv(tmp_path / "organisations.csv", ORG_HEADER, [row]), corpus_base())
    assert result.tables is not None, result.report.to_text()
    org = result.tables["organisations"].iloc[0]
    assert (org["name_ru"], org["sector"], org["status"], org["confidence"]) == (
        "ООО «Ромашка»", "aircraft", "member", "stated")


def test_derived_fields(tmp_path: Path) -> None:
    result = read_registry(write_csv(tmp_path / "organisations.csv", ORG_HEADER_FULL, ORGS), corpus_base())
    assert result.tables is not None
    orgs = result.tables["organisations"]
    assert list(orgs["name_en"]) == list(orgs["name_ru"])
    assert list(orgs["location_precision"]) == ["settlement", "unknown"]
    assert list(orgs["settlement_id"]) == ["angarsk", ""]
    assert list(orgs["joined_precision"]) == ["unknown", "unknown"] and list(orgs["joined"]) == ["", ""]
    assert list(orgs.columns) == list(bundled().organisations.columns)


def test_several_problems_are_reported_in_one_pass(tmp_path: Path) -> None:
    header = [*ORG_HEADER, "ИНН", "Дата вступления", "Населённый пункт", "Факс"]
    rows = [
        [*ORG_ROW[:2], "Завод", *ORG_ROW[3:], "", "", ""],
        ["ПАО «Лютик»", *ORG_ROW[1:], "123", "вчера", ""],
        ["АО «Василёк»", *ORG_ROW[1:], "", "", "Иркутк"],
    ]
    findings = read_registry(write_csv(tmp_path / "organisations.csv", header, rows), corpus_base()).report.findings
    located = {(f.code, f.row, f.column) for f in findings}
    assert located == {("column_unknown", 1, "Факс"), ("enum_unknown", 2, "Роль"), ("inn_invalid", 3, "ИНН"),
                       ("date_format", 3, "Дата вступления"), ("settlement_unknown", 4, "Населённый пункт")}


def test_a_valid_workbook_passes_the_package_schema(tmp_path: Path) -> None:
    orgs_header = ["Идентификатор", "Название", "Краткое название", "ИНН", "ОГРН", "Отрасль", "Роль",
                   "Статус участия", "Населённый пункт", "Дата вступления", "Источник (URL)", "Достоверность"]
    source = ["https://example.org/s", "указано в источнике"]
    path = write_workbook(tmp_path / "registry.xlsx", {
        "Организации": [
            orgs_header,
            ["irkut", "ПАО «Яковлев»", "Яковлев", "", "", "Авиастроение", "Якорное предприятие", "Учредитель",
             "Москва", "20.11.2014", *source],
            ["iaz", "Иркутский авиационный завод", "ИАЗ", "", "", "aircraft", "anchor", "member", "Иркутск", "2014",
             *source],
            ["irnitu", "ИРНИТУ", "", "", "", "Образование и научные исследования", "Вуз", "Учредитель", "Irkutsk",
             "20.11.2014", *source],
            ["", "ООО «Ромашка»", "", "7707083893", "1027700132195", "Авиационные комплектующие и оснастка",
             "Предприятие", "Участник", "г. Ангарск", "12.2018", *source],
        ],
        "Соглашения": [[*AGREEMENT_HEADER, "Дата подписания", "Сумма (руб.)"],
                       ["Соглашение о вступлении", "Вступление", "Яковлев; 7707083893", *TAIL, "05.12.2018",
                        "1 000 000"]],
        "Проекты": [[*PROJECT_HEADER, "Участники", "Начало"],
                    ["Цех композитов", "Объявлен", *TAIL, "ИАЗ; romashka", "2019"]],
        "События": [EVENT_HEADER, ["не ранее 03.2019", "Веха", "Запуск цеха", "ИРНИТУ", "Цех композитов", *TAIL]],
        "Численность": [COUNT_HEADER, ["12.2018", 40, "да", "Участники кластера", *TAIL]],
    })
    result = read_registry(path, bundled())
    assert result.report.ok, result.report.to_text()
    assert result.tables is not None
    pkg = _package_copy(tmp_path)
    for name, frame in result.tables.items():
        frame.to_csv(pkg / f"{name}.csv", index=False)
    data = load_package(pkg)  # frictionless validation of every table and foreign key
    assert list(data.organisations["org_id"]) == ["irkut", "iaz", "irnitu", "romashka"]
    assert data.agreement_parties["org_id"].tolist() == ["irkut", "romashka"]
    assert data.project_participants["org_id"].tolist() == ["iaz", "romashka"]
    assert data.events.iloc[0]["project_id"] == "tsekh-kompozitov"
    assert data.events.iloc[0]["date_precision"] == "after"


# --------------------------------------------------------------------------------------------------------------
# small pieces
# --------------------------------------------------------------------------------------------------------------


def test_report_text_and_json() -> None:
    report = read_registry(CORPUS / "org_duplicate_inn.csv", corpus_base()).report
    lines = report.to_text().splitlines()
    assert lines[0] == "Ошибок: 1, предупреждений: 0."
    assert lines[1].startswith("Ошибка: org_duplicate_inn.csv, строка 3, столбец «ИНН»: ИНН 7707083893 уже указан")
    assert report.to_text("en").splitlines()[1].startswith("Error: org_duplicate_inn.csv, row 3, column «ИНН»")
    assert list(report.to_json()[0]) == ["severity", "code", "file", "sheet", "row", "column", "value",
                                         "message_ru", "message_en", "hint_ru", "hint_en"]
    assert importer.Report().to_text() == "Ошибок не найдено."


def test_report_groups_by_file_and_sheet(tmp_path: Path) -> None:
    bad_event = ["01.09.2015", "Веха", "x", "Нет такой", "", *TAIL]
    path = write_workbook(tmp_path / "r.xlsx", {
        "Организации": [ORG_HEADER, ORG_ROW, [*ORG_ROW[:2], "Завод", *ORG_ROW[3:]]],
        "События": [EVENT_HEADER, bad_event],
        "Заметки": [["x"]],
    })
    lines = read_registry(path, corpus_base()).report.to_text().splitlines()[1:]
    sheets = [line.split(":")[1].split(",")[1].strip() for line in lines]
    assert sheets == ["лист «Организации»", "лист «Организации»", "лист «События»", "лист «Заметки»"]


@pytest.mark.parametrize(("value", "expected"), [
    ("=SUM(A1)", "'=SUM(A1)"), ("+7 3952", "'+7 3952"), ("-5", "'-5"), ("@x", "'@x"), ("Иркут", "Иркут"),
    (None, ""), (42, "42"),
])
def test_neutralise(value: object, expected: str) -> None:
    assert neutralise(value) == expected


def test_names_and_slugs() -> None:
    assert normalise_name("ПАО «Объединённая  авиастроительная корпорация»") == normalise_name(
        "Объединенная авиастроительная корпорация")
    assert normalise_name('ООО "Ромашка"') == normalise_name("ромашка") == "ромашка"
    assert slugify("ПАО «Объединённая авиастроительная корпорация»") == "obedinennaya-aviastroitelnaya-korporatsiya"
    assert slugify("Щёлково-Агрохим") == "shchelkovo-agrokhim"
    assert len(slugify("Очень " * 30)) <= 48


def test_inn_and_ogrn_check_digits() -> None:
    assert inn_fault("7707083893") is None and inn_fault("500100732259") is None
    assert inn_fault("7707083894") == "checksum" and inn_fault("77070838") == "length"
    assert ogrn_fault("1027700132195") is None and ogrn_fault("1027700132196") == "checksum"
    assert ogrn_fault("304500116000157") is None
    # the remainder mod 13 is 10 here: its last digit, 0, is the check digit
    assert ogrn_fault("304500116000050") is None and ogrn_fault("304500116000051") == "checksum"
    assert ogrn_fault("12345") == "length"


def test_registry_headers_are_unique_within_each_sheet() -> None:
    for sheet in SHEETS:
        keys = [k for c in sheet.columns for k in {header_key(c.header("ru")), header_key(c.header("en")),
                                                   header_key(c.field)}]
        assert len(keys) == len(set(keys)), sheet.table
        package = set(bundled().tables[sheet.table].columns)
        assert {c.field for c in sheet.columns if not c.link} <= package


# --------------------------------------------------------------------------------------------------------------
# files far beyond a registry's size: bounded work, a report every time
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_beyond_the_row_limit_is_refused_without_checking_its_rows(suffix, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 5)
    monkeypatch.setattr(importer, "MAX_SHEET_XML_BYTES_PER_ROW", 10**6)  # past the unpacked-size check
    rows = [[f"ООО «Ромашка {n}»", *ORG_ROW[1:]] for n in range(40)]
    path = (write_csv(tmp_path / "organisations.csv", ORG_HEADER, rows) if suffix == ".csv"
            else write_workbook(tmp_path / "registry.xlsx", {"Организации": [ORG_HEADER, *rows]}))
    result = read_registry(path, corpus_base())
    # a workbook declares its extent, so it is refused before a cell is read; a CSV file when its rows run over
    assert [f.code for f in result.report.findings] == ["too_many_rows" if suffix == ".csv" else "sheet_too_large"]
    assert "5" in result.report.findings[0].message_ru and result.tables is None


def test_a_kind_of_finding_is_listed_up_to_its_limit_then_counted(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_FINDINGS_PER_KIND", 2)
    rows = [[f"ООО «Ромашка {n}»", *ORG_ROW[1:2], "Завод", *ORG_ROW[3:]] for n in range(7)]
    result = read_registry(write_csv(tmp_path / "organisations.csv", ORG_HEADER, rows), corpus_base())
    assert [f.code for f in result.report.findings] == ["enum_unknown", "enum_unknown", "more_of_kind"]
    assert "ещё 5 таких же замечаний" in result.report.findings[-1].message_ru
    assert result.report.to_text("ru").splitlines()[0].startswith("Ошибок: 7")
    assert result.report.omitted == {"error": 5}


def test_a_workbook_whose_extent_is_false_is_still_read_only_up_to_the_limit(tmp_path, monkeypatch):
    """openpyxl trusts a sheet's declared extent; a file may declare none (or a false one)."""
    monkeypatch.setattr(importer, "MAX_ROWS", 5)
    monkeypatch.setattr(importer, "MAX_SHEET_XML_BYTES_PER_ROW", 10**6)  # past the unpacked-size check
    rows = [[f"ООО «Ромашка {n}»", *ORG_ROW[1:]] for n in range(40)]
    path = write_workbook(tmp_path / "registry.xlsx", {"Организации": [ORG_HEADER, *rows]})
    monkeypatch.setattr("openpyxl.worksheet._read_only.ReadOnlyWorksheet.max_row", None)
    result = read_registry(path, corpus_base())
    assert [f.code for f in result.report.findings] == ["too_many_rows"]


def test_a_workbook_that_unpacks_beyond_a_registry_is_refused_unread(tmp_path, monkeypatch):
    """A sheet without a declared extent is parsed whole just to open it: its unpacked size is checked first."""
    monkeypatch.setattr(importer, "MAX_ROWS", 10)
    book = openpyxl.Workbook(write_only=True)  # writes no extent
    sheet = book.create_sheet("Организации")
    for n in range(200):
        sheet.append([f"ООО «Ромашка {n}»", *ORG_ROW[1:]])
    book.save(tmp_path / "registry.xlsx")
    result = read_registry(tmp_path / "registry.xlsx", corpus_base())
    assert [f.code for f in result.report.findings] == ["workbook_unpacks_too_large"]
    assert result.tables is None


def test_invisible_and_direction_characters_never_reach_the_package(tmp_path):
    result = read_registry(_bidi_override(tmp_path), corpus_base())
    assert result.report.ok
    assert list(result.tables["organisations"]["name_ru"]) == ["ООО «Ромашка»"]


def test_a_name_spelled_with_latin_look_alike_letters_is_a_duplicate(tmp_path):
    rows = [["ООО «Ромашка»", *ORG_ROW[1:]], ["OOO «Poмaшкa»", *ORG_ROW[1:]]]  # the second: Latin O, P, a
    result = read_registry(write_csv(tmp_path / "organisations.csv", ORG_HEADER, rows), corpus_base())
    assert at(result.report.findings, "org_duplicate_name") == [("organisations.csv", None, 3, "Название")]


@pytest.mark.parametrize(("one", "other"), [("Ромашка", "Poмaшкa"), ("ОАО", "OAO"), ("Иркут", "Иркут")])
def test_look_alikes_share_a_skeleton(one, other):
    assert importer.skeleton(one.casefold()) == importer.skeleton(other.casefold())


def test_different_names_keep_different_skeletons():
    assert importer.skeleton("ромашка") != importer.skeleton("ромашки")
