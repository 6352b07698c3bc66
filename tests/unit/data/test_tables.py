"""The table spec: one declaration of each table's columns, read by the rows, the grids and the exports."""

from __future__ import annotations

import pytest

from dashboard.data import tables
from dashboard.data.tables import LINK_LIST, NORMAL, TABLES, WIDE, Column, Kind, Table
from dashboard.i18n import LANGS, t

# The on-screen grids' columns (field, header key) as dashboard/ui/layout.py declared them before the spec, less
# the members' short name (their full name holds it, and the columns after it need the room).
GRIDS = {
    "organisations": [("name", "col_name"), ("sector", "col_sector"), ("role", "col_role"),
                      ("status", "col_status"), ("settlement", "col_settlement"), ("joined", "col_joined"),
                      ("confidence", "col_confidence"), ("sources", "col_sources")],
    "agreements": [("date", "col_date"), ("title", "col_title"), ("kind", "col_kind"), ("parties", "col_parties"),
                   ("amount", "col_amount"), ("scope", "col_scope"), ("confidence", "col_confidence"),
                   ("sources", "col_sources")],
    "projects": [("date", "col_period"), ("title", "col_title"), ("participants", "col_participants"),
                 ("amount", "col_amount"), ("status", "col_status"), ("scope", "col_scope"),
                 ("confidence", "col_confidence"), ("sources", "col_sources")],
}
# layout.py's WIDE_COLUMNS: the columns given three shares of the spare width.
WIDE_FIELDS = {"title", "name", "parties", "participants"}
# The width a grid has beside the filters on a 1440-pixel screen (tests/browser/test_screens.py).
GRID_ROOM_1440_PX = 1022


def test_the_tables_in_export_order_with_their_titles() -> None:
    assert list(TABLES) == ["organisations", "agreements", "projects", "events", "counts"]
    assert {name: table.title for name, table in TABLES.items()} == {
        "organisations": "members", "agreements": "agreements", "projects": "kpi_projects", "events": "timeline",
        "counts": "growth_reported"}


@pytest.mark.parametrize("table", TABLES.values(), ids=list(TABLES))
def test_every_table_has_headers_in_both_languages_and_ends_with_confidence_and_sources(table: Table) -> None:
    keys = [column.key for column in table.columns]
    assert len(keys) == len(set(keys))
    for lang in LANGS:
        assert all(t(column.header, lang) for column in table.columns)
    assert keys[-2:] == ["confidence", "sources"]
    assert [column.key for column in table.columns if column.kind is Kind.LINKS] == ["sources"]


@pytest.mark.parametrize("table", list(GRIDS))
def test_grid_columns_are_the_grids_of_the_page(table: str) -> None:
    columns = tables.grid_columns(table, "ru")
    assert [(column.field, column.header) for column in columns] == [
        (field, t(header, "ru")) for field, header in GRIDS[table]]
    for column in columns:
        if column.kind is Kind.LINKS or column.field in WIDE_FIELDS:
            assert column.width == (LINK_LIST if column.kind is Kind.LINKS else WIDE), column.field
        else:
            assert column.width.share == NORMAL.share, column.field
    # every column is on screen at 1440 pixels, none scrolled out of sight
    assert sum(column.width.min_px for column in columns) <= GRID_ROOM_1440_PX
    english = tables.grid_columns(table, "en")
    assert [column.header for column in english] == [t(header, "en") for _, header in GRIDS[table]]


def test_a_date_column_sorts_by_its_sort_key_and_only_a_date_column() -> None:
    members = {column.field: column for column in tables.grid_columns("organisations", "en")}
    assert (members["joined"].kind, members["joined"].sort_field) == (Kind.DATE, "joined_sort")
    assert [field for field, column in members.items() if column.sort_field] == ["joined"]
    for table in ("agreements", "projects"):
        dates = [column for column in tables.grid_columns(table, "en") if column.sort_field]
        assert [(column.field, column.sort_field) for column in dates] == [("date", "date_sort")]


def test_tables_without_a_grid_have_no_grid_columns() -> None:
    assert tables.grid_columns("events", "ru") == tables.grid_columns("counts", "ru") == []


def test_row_keys_for_the_screen_hold_the_row_id_and_sort_keys_and_for_the_files_only_the_columns() -> None:
    members = TABLES["organisations"]
    assert members.row_keys(exported=False) == (
        "org_id", "name", "sector", "role", "status", "settlement", "joined", "joined_sort", "confidence", "sources")
    assert members.row_keys(exported=True) == (
        "name", "short", "sector", "role", "status", "settlement", "joined", "joined_value", "joined_precision",
        "notes", "confidence", "sources")
    assert TABLES["agreements"].row_keys(exported=False)[:2] == ("date", "date_sort")


def test_select_keeps_the_tables_keys_in_order_and_nothing_else() -> None:
    cells = {"date": "2014", "date_sort": "2014-01-01", "date_value": None, "date_precision": "year", "title": "T",
             "kind": "K", "parties": "P", "amount": "", "amount_value": None, "amount_currency": "", "scope": "S",
             "confidence": "C", "sources": ["https://example.org"], "internal": 1}
    [row] = tables.select("agreements", [dict(reversed(cells.items()))], exported=True)
    assert list(row) == ["date", "date_value", "date_precision", "title", "kind", "parties", "amount", "amount_value",
                         "amount_currency", "scope", "confidence", "sources"]
    assert row["sources"] == ["https://example.org"]
    with pytest.raises(KeyError, match="date_sort"):
        tables.select("agreements", [{k: v for k, v in cells.items() if k != "date_sort"}], exported=False)


def test_slides_show_the_timelines_date_group_and_title_across_the_whole_width() -> None:
    shown = [(column.key, column.slide_share) for column in TABLES["events"].columns if column.slide_share]
    assert shown == [("date", 0.14), ("group", 0.14), ("title", 0.72)]
    assert sum(share for _, share in shown) == pytest.approx(1)


def test_a_column_is_text_shown_and_exported_unless_declared_otherwise() -> None:
    column = Column("name", "col_name")
    assert (column.kind, column.on_screen, column.exported, column.width, column.slide_share) == (
        Kind.TEXT, True, True, NORMAL, 0)
    assert column.sort_key is None
    assert Column("joined", "col_joined", Kind.DATE).sort_key == "joined_sort"


@pytest.mark.parametrize("table", TABLES.values(), ids=list(TABLES))
def test_in_the_files_a_date_has_its_precision_after_it_and_an_amount_its_currency(table: Table) -> None:
    files = table.columns_for(exported=True)
    for column, after in zip(files, [*files[1:], None], strict=True):
        if column.kind is Kind.DATE:
            assert (after.key, after.kind) == (f"{column.key}_precision", Kind.PRECISION)
        if column.kind is Kind.AMOUNT:
            assert (after.key, after.kind) == ("amount_currency", Kind.CURRENCY)
    # the file-only kinds never reach a grid
    assert not {Kind.PRECISION, Kind.CURRENCY} & {column.kind for column in table.columns_for(exported=False)}
    assert all(column.file_key == f"{column.key}_value" for column in files if column.kind in tables.TYPED)
