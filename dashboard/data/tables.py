"""Every table the dashboard shows or exports, declared once: its columns in order, each with the row key its
cells stand under, the catalogue key of its header, its kind, where it appears and how wide it wants to be.

:mod:`dashboard.data.derive` builds the rows with :func:`select`, the exports take their columns and headers
from here, and the on-screen grids take theirs from :func:`grid_columns`. No Dash here: a grid column is plain
data the ui turns into its grid's column definitions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from dashboard.i18n import t


class Kind(StrEnum):
    """What a column's cells hold, which decides how a grid sorts and draws them and how a file writes them.

    A date, count or amount is a label to read ("08.2015", "около 40", "440 млн ₽") and a value to compute with
    (a date, a number) under its value key: grids and slides show the label, the XLSX and CSV files the value."""

    TEXT = "text"
    DATE = "date"  # as precise as known ("2014", "не ранее 04.2022"); sorted by its sort key; the value is the date
    #                (the first day of its month or year), None when unknown
    COUNT = "count"  # a number as a source states it ("около 40"); the value is the number
    AMOUNT = "amount"  # money, formatted in the language ("440 млн ₽"); the value is the amount in CURRENCY
    LINKS = "links"  # a list of source URLs; a file writes them separated by spaces
    # Columns only the files carry, so that a date or an amount there can be computed with and still read right:
    PRECISION = "precision"  # how precisely the date before it is known: a code of vocab.DATE_PRECISION
    CURRENCY = "currency"  # the ISO 4217 code of the amount before it, empty where there is no amount


# The currency of every amount of a package (its fields are ``amount_rub``).
CURRENCY = "RUB"
TYPED = (Kind.DATE, Kind.COUNT, Kind.AMOUNT)


@dataclass(frozen=True)
class Width:
    """The room a grid column asks for: its share of the spare width and its least width in pixels."""

    share: int
    min_px: int


# Least widths that keep every column of a table beside the filters on a 1440-pixel screen, each at least as
# wide as the longest word it usually holds (text wraps between words only).
NORMAL = Width(1, 110)
WIDE = Width(3, 150)  # long names and titles
LONG_WORD = Width(1, 135)  # "Достоверность", "Инфраструктура"
LONGEST_WORDS = Width(1, 170)  # "Машиностроительный", "(индустриальные"
SHORT = Width(1, 90)  # dates
LINK_LIST = Width(1, 100)


def sort_key_of(key: str) -> str:
    """The row key of a date column's ``YYYY-MM-DD`` text ("" when unknown): date labels do not sort as text."""
    return f"{key}_sort"


def value_key_of(key: str) -> str:
    """The row key of a date's, count's or amount's value (:class:`Kind`)."""
    return f"{key}_value"


def precision_key_of(key: str) -> str:
    """The row key, and the files' column, of how precisely the dates of a date column are known."""
    return f"{key}_precision"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # catalogue key of the header
    kind: Kind = Kind.TEXT
    on_screen: bool = True  # the on-screen grid shows it
    exported: bool = True  # the XLSX and CSV files carry it
    width: Width = NORMAL
    slide_share: float = 0.0  # its share of the width of a PowerPoint table showing the table; 0: not shown

    @property
    def sort_key(self) -> str | None:
        return sort_key_of(self.key) if self.kind is Kind.DATE else None

    @property
    def file_key(self) -> str:
        """The row key of what a file writes in this column: the value of a date, count or amount, else the cell."""
        return value_key_of(self.key) if self.kind in TYPED else self.key


@dataclass(frozen=True)
class Table:
    name: str
    title: str  # catalogue key of the title (sheet name, CSV menu entry)
    columns: tuple[Column, ...]
    row_id: str | None = None  # row key naming a row on screen (the grid's row id), never shown

    def columns_for(self, exported: bool) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if (column.exported if exported else column.on_screen))

    def row_keys(self, exported: bool) -> tuple[str, ...]:
        """The keys of a row for the files (``exported``: labels and values) or for the screen, with its id and sort
        keys."""
        if exported:
            return tuple(dict.fromkeys(key for column in self.columns_for(exported=True)
                                       for key in (column.key, column.file_key)))
        keys = [self.row_id] if self.row_id else []
        for column in self.columns_for(exported=False):
            keys += [column.key, column.sort_key] if column.sort_key else [column.key]
        return tuple(keys)


@dataclass(frozen=True)
class GridColumn:
    """One column of an on-screen grid: the row key it shows, its header in a language, its room and kind."""

    field: str
    header: str
    width: Width
    kind: Kind
    sort_field: str | None


def _files_only(*columns: Column) -> tuple[Column, ...]:
    return tuple(dataclasses.replace(column, on_screen=False) for column in columns)


def _dated(key: str, header: str, precision_header: str, **options: object) -> tuple[Column, Column]:
    """A date column and, in the files, how precisely each of its dates is known."""
    return (Column(key, header, Kind.DATE, **options),
            Column(precision_key_of(key), precision_header, Kind.PRECISION, on_screen=False))


def _money(*note: Column) -> tuple[Column, ...]:
    """An amount column and, in the files, its currency and any ``note`` of the sources' own words on it."""
    return (Column("amount", "col_amount", Kind.AMOUNT),
            Column("amount_currency", "col_currency", Kind.CURRENCY, on_screen=False),
            *_files_only(*note))


# Every table ends with how sure the record is and where it comes from.
RECORD_COLUMNS = (Column("confidence", "col_confidence", width=LONG_WORD),
                  Column("sources", "col_sources", Kind.LINKS, width=LINK_LIST))

TABLES: dict[str, Table] = {table.name: table for table in (
    Table("organisations", "members", (
        Column("name", "col_name", width=WIDE),
        # the full name holds the short one: the room goes to the columns after it
        Column("short", "col_short", on_screen=False),
        Column("sector", "col_sector", width=LONGEST_WORDS),
        Column("role", "col_role", width=LONG_WORD),
        Column("status", "col_status"),
        Column("settlement", "col_settlement"),
        *_dated("joined", "col_joined", "col_joined_precision"),
        Column("notes", "notes", on_screen=False),
        *RECORD_COLUMNS,
    ), row_id="org_id"),
    Table("agreements", "agreements", (
        *_dated("date", "col_date", "col_date_precision", width=SHORT),
        Column("title", "col_title", width=WIDE),
        Column("kind", "col_kind"),
        Column("parties", "col_parties", width=WIDE),
        *_money(),
        Column("scope", "col_scope", width=LONGEST_WORDS),
        *RECORD_COLUMNS,
    )),
    Table("projects", "kpi_projects", (
        # The screen shows the period; the files its start and its end, each a date.
        Column("date", "col_period", Kind.DATE, exported=False, width=SHORT),
        *_files_only(*_dated("started", "col_started", "col_started_precision"),
                     *_dated("finished", "col_finished", "col_finished_precision")),
        Column("title", "col_title", width=WIDE),
        Column("participants", "col_participants", width=WIDE),
        *_money(Column("amount_note", "col_amount_note")),
        Column("status", "col_status"),
        Column("scope", "col_scope", width=LONGEST_WORDS),
        *RECORD_COLUMNS,
    )),
    Table("events", "timeline", _files_only(
        *_dated("date", "col_date", "col_date_precision", slide_share=0.14),
        Column("group", "col_group", slide_share=0.14),
        Column("title", "col_title", slide_share=0.72),
        *RECORD_COLUMNS,
    )),
    Table("counts", "growth_reported", _files_only(
        *_dated("date", "col_date", "col_date_precision"),
        Column("count", "col_reported", Kind.COUNT),
        Column("approximate", "col_approximate"),
        Column("notes", "notes"),
        *RECORD_COLUMNS,
    )),
)}


def select(table: str, cells: Iterable[dict], exported: bool) -> list[dict]:
    """Rows of ``table`` for the files (``exported``) or for the screen, each from the dict of its cells:
    the table's keys in its order, and nothing else (a grid's rows travel to the browser)."""
    keys = TABLES[table].row_keys(exported)
    return [{key: row[key] for key in keys} for row in cells]


def grid_columns(table: str, lang: str) -> list[GridColumn]:
    """The columns the on-screen grid of ``table`` shows, in order, with their headers in ``lang``."""
    return [GridColumn(column.key, t(column.header, lang), column.width, column.kind, column.sort_key)
            for column in TABLES[table].columns_for(exported=False)]
