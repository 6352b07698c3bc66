"""The registry workbook the cluster's staff fill in: its sheets, their columns, and where each column goes in
the data package.

A sheet is a table of the package and its columns are that table's fields: their names, order, types, required
flags and the codes of every list come from the package descriptor (the bundled ``data/datapackage.json``, read
through :mod:`dashboard.data.vocab`). This module declares only where the workbook departs from the descriptor
(:data:`DEPARTURES`, each with its reason) and what it adds (:data:`LAYOUTS`: widths, date rules, lists of
organisations); headers, titles and hints are texts of the catalogue (section REGISTRY of
:mod:`dashboard.i18n.catalogue`).

The template writer (:mod:`dashboard.registry.template`), the importer (:mod:`dashboard.registry.importer`)
and every message about a cell read this table; no other module names a sheet or a column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from dashboard.data.vocab import Term, declared_schemas, vocabulary
from dashboard.i18n import LANGS, t


class Kind(StrEnum):
    """How a cell is read, checked and written."""

    ID = "id"  # package identifier: lowercase ASCII slug, generated from the name when empty
    TEXT = "text"
    DATE = "date"  # written form keeps the precision: 20.11.2014, 11.2014, 2014, «не ранее 04.2022»
    ENUM = "enum"  # a vocabulary: Russian label, English label or code
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"  # да/нет, yes/no
    ORGS = "orgs"  # list of organisations separated by ";" (names, short names, INN or ids)
    URLS = "urls"  # one or more http(s) URLs separated by spaces or line breaks
    URL = "url"  # exactly one http(s) URL
    SETTLEMENT = "settlement"  # a settlement of the package's gazetteer, by Russian or English name
    SECTOR = "sector"  # a sector of the package's sectors table, by name or id
    PROJECT = "project"  # a project by id or title
    INN = "inn"
    OGRN = "ogrn"


# How a field of each Table Schema type is read; a string with an enumeration is a list (ENUM).
TYPE_KINDS = {"string": Kind.TEXT, "date": Kind.DATE, "number": Kind.NUMBER, "integer": Kind.INTEGER,
              "boolean": Kind.BOOLEAN}
# A field referring to one of these tables is picked from it by name.
REFERENCE_KINDS = {"sectors": Kind.SECTOR, "settlements": Kind.SETTLEMENT, "projects": Kind.PROJECT}
# Strings the workbook checks more closely than the descriptor: check digits, links.
FIELD_KINDS = {"inn": Kind.INN, "ogrn": Kind.OGRN, "website": Kind.URL, "source_urls": Kind.URLS}

YES_NO: dict[str, Term] = {"true": Term("да", "yes"), "false": Term("нет", "no")}

# Events of these kinds precede a launch by nature (the launch is announced before it happens).
PRE_LAUNCH_KINDS = frozenset({"announcement"})


@dataclass(frozen=True)
class Departure:
    """How the workbook treats a package field differently from the descriptor, and why."""

    why: str
    required: bool | None = None  # None: as the descriptor says
    shown: bool = True
    fallback: str | None = None  # field whose value fills this one when the cell is empty
    default: str | None = None  # package value of an empty cell


# Every departure from the descriptor, keyed by "table.field", or by a field name for every table that has it.
DEPARTURES: dict[str, Departure] = {
    "name_en": Departure("optional: an empty cell gets the Russian name", required=False, fallback="name_ru"),
    "title_en": Departure("optional: an empty cell gets the Russian title", required=False, fallback="title_ru"),
    "organisations.location_precision": Departure(
        "optional: an empty cell becomes «settlement» when a settlement is given, else «unknown»", required=False),
    "membership_counts.approximate": Departure("optional: an empty cell means «no»", required=False,
                                               default="false"),
    "membership_counts.date": Departure(
        "required: a reported count means nothing without its date, and a new row's id is made from it",
        required=True),
}
# Two more hold on every sheet: the table's id, and the precision of each date.
GENERATED_ID = Departure("optional: an empty cell gets an id made from the name (Sheet.slug_from)", required=False)
PRECISION_IN_DATE = Departure("not shown: the date cell's written form (11.2014, «не ранее 04.2022») carries it",
                              shown=False)

# Fields whose header depends on the sheet: the same name means a different thing on each.
PER_SHEET_HEADERS = frozenset({"status", "kind"})
# Header stems (see Column.text) with a hint of their own in the catalogue; the others take their kind's hint.
OWN_HINTS = frozenset({"name_ru", "name_en", "title_en", "location_precision", "approximate", "scope",
                       "source_urls", "confidence"})


@dataclass(frozen=True)
class DateRule:
    """What a date cell is checked against besides its format."""

    launch: Literal["error", "warning"] | None = None  # severity of a date before the cluster's launch
    past: bool = False  # must not be in the future
    ends: str | None = None  # closes the period opened by this date field (left after joined)


@dataclass(frozen=True)
class OrgList:
    """A column listing organisations: no field of the table, it fills a link table (the sheet's id, org_id)."""

    field: str  # the column's own name, matched as a header like a field name
    link: str
    after: str  # the field the column follows
    required: bool = False


@dataclass(frozen=True)
class Layout:
    """What the workbook adds to a table's fields."""

    slug_from: tuple[str, ...]  # fields joined into a generated id
    widths: Mapping[str, int]  # by field; 20 when not given, ID_WIDTH for the id
    dates: Mapping[str, DateRule] = field(default_factory=dict)
    lists: tuple[OrgList, ...] = ()


ID_WIDTH = 24
LIST_WIDTH = 45
_PROVENANCE_WIDTHS = {"source_urls": 40, "confidence": 22, "notes_ru": 50, "notes_en": 50}
_TITLE_WIDTHS = {"title_ru": 50, "title_en": 40}

# The sheets in import order: organisations first, projects before events (later sheets refer to earlier ones).
LAYOUTS: dict[str, Layout] = {
    "organisations": Layout(
        ("name_ru",),
        {"name_ru": 45, "name_en": 35, "inn": 14, "ogrn": 17, "sector": 30, "role": 26, "status": 26,
         "location_precision": 24, "joined": 16, "left": 16, "website": 28, **_PROVENANCE_WIDTHS},
        {"joined": DateRule(launch="warning", past=True), "left": DateRule(past=True, ends="joined")},
    ),
    "agreements": Layout(
        ("title_ru",),
        {"signed": 16, **_TITLE_WIDTHS, "kind": 24, "place_ru": 30, "place_en": 30, "amount_rub": 16,
         "scope": 30, **_PROVENANCE_WIDTHS},
        {"signed": DateRule(launch="error", past=True)},
        (OrgList("parties", "agreement_parties", after="kind", required=True),),  # an agreement has parties
    ),
    "projects": Layout(
        ("title_ru",),
        {**_TITLE_WIDTHS, "started": 14, "finished": 14, "status": 24, "amount_rub": 16, "amount_note_ru": 35,
         "amount_note_en": 35, "scope": 30, **_PROVENANCE_WIDTHS},
        # Planned projects may start or finish in the future, so neither date is held to the past.
        {"started": DateRule(launch="error"), "finished": DateRule(ends="started")},
        (OrgList("participants", "project_participants", after="amount_note_en"),),
    ),
    "events": Layout(
        ("title_ru",),
        {"date": 14, "kind": 24, **_TITLE_WIDTHS, "project_id": 30, "scope": 30, **_PROVENANCE_WIDTHS},
        {"date": DateRule(launch="error", past=True)},
        (OrgList("organisations", "event_organisations", after="title_en"),),
    ),
    "membership_counts": Layout(
        ("counted", "date"),
        {"date": 14, "count": 10, "approximate": 15, "counted": 30, "scope": 30, **_PROVENANCE_WIDTHS},
        {"date": DateRule(launch="error", past=True)},
    ),
}


@dataclass(frozen=True)
class Column:
    """One column of a registry sheet and the package field it fills."""

    field: str  # package field; for ORGS the list column's own name, its values fill the ``link`` table
    text: str  # stem of its catalogue texts: header registry_column_<text>, own hint registry_hint_<text>
    kind: Kind = Kind.TEXT
    required: bool = False
    width: int = 20
    vocab: Mapping[str, Term] | None = None  # ENUM and BOOLEAN
    link: str | None = None  # ORGS: link table (its columns: the sheet's id field and org_id)
    fallback: str | None = None  # field whose value fills this one when the cell is empty (name_en ← name_ru)
    default: str | None = None  # package value of an empty cell
    date: DateRule = DateRule()
    maximum: float | None = None  # NUMBER and INTEGER: the descriptor's bound (a larger value is a typing error)

    def header(self, lang: str) -> str:
        return t(f"registry_column_{self.text}", lang)

    def hint(self, lang: str) -> str:
        if self.text in OWN_HINTS:
            return t(f"registry_hint_{self.text}", lang)
        return "" if self.kind is Kind.TEXT else t(f"registry_hint_kind_{self.kind}", lang)


@dataclass(frozen=True)
class Sheet:
    """One registry sheet: a package table plus the link tables its list columns fill."""

    table: str
    id_field: str
    slug_from: tuple[str, ...]
    columns: tuple[Column, ...]

    def title(self, lang: str) -> str:
        return t(f"registry_sheet_{self.table}", lang)

    def about(self, lang: str) -> str:
        return t(f"registry_about_{self.table}", lang)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name), None)

    def match(self, header: object) -> Column | None:
        """The column a header names: Russian or English header or the package field, any case and spacing."""
        key = header_key(header)
        return next((c for c in self.columns if key in _column_keys(c)), None)

    @property
    def links(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.link)


def header_key(header: object) -> str:
    """Headers compare without case, spaces, «ё» and the required-mark «*»."""
    text = str(header or "").casefold().replace("ё", "е").replace("*", "")
    return re.sub(r"\s+", "", text).rstrip(":")


def _column_keys(column: Column) -> set[str]:
    return {*(header_key(column.header(lang)) for lang in LANGS), header_key(column.field)}


def departure(table: str, name: str) -> Departure | None:
    """Where the workbook departs from the descriptor for ``table.name``, if it does."""
    schema = declared_schemas()[table]
    if f"{table}.{name}" in DEPARTURES:
        return DEPARTURES[f"{table}.{name}"]
    if name in DEPARTURES:
        return DEPARTURES[name]
    if schema["primaryKey"] == [name]:
        return GENERATED_ID
    dates = {f["name"] for f in schema["fields"] if f["type"] == "date"}
    if name.endswith("_precision") and name.removesuffix("_precision") in dates:
        return PRECISION_IN_DATE
    return None


def _kind(table: str, declared: dict) -> Kind:
    schema, name = declared_schemas()[table], declared["name"]
    if schema["primaryKey"] == [name]:
        return Kind.ID
    if name in FIELD_KINDS:
        return FIELD_KINDS[name]
    for key in schema.get("foreignKeys", []):
        if key["fields"] == [name] and key["reference"]["resource"] in REFERENCE_KINDS:
            return REFERENCE_KINDS[key["reference"]["resource"]]
    if "enum" in declared.get("constraints", {}):
        return Kind.ENUM
    return TYPE_KINDS[declared["type"]]


def _column(table: str, declared: dict, layout: Layout) -> Column:
    name = declared["name"]
    kind = _kind(table, declared)
    differs = departure(table, name)
    required = declared.get("constraints", {}).get("required", False)
    if differs and differs.required is not None:
        required = differs.required
    text = "id" if kind is Kind.ID else f"{table}_{name}" if name in PER_SHEET_HEADERS else name
    return Column(
        name, text, kind, required=required, width=ID_WIDTH if kind is Kind.ID else layout.widths.get(name, 20),
        vocab=YES_NO if kind is Kind.BOOLEAN else vocabulary(table, name) if kind is Kind.ENUM else None,
        fallback=differs and differs.fallback, default=differs and differs.default,
        date=layout.dates.get(name, DateRule()),
        maximum=declared.get("constraints", {}).get("maximum"),
    )


def _sheet(table: str, layout: Layout) -> Sheet:
    """The sheet of a package table: its descriptor's fields in order, as the workbook shows them."""
    schema = declared_schemas()[table]
    columns: list[Column] = []
    for declared in schema["fields"]:
        differs = departure(table, declared["name"])
        if differs is None or differs.shown:
            columns.append(_column(table, declared, layout))
        columns += [Column(org_list.field, org_list.field, Kind.ORGS, required=org_list.required, width=LIST_WIDTH,
                           link=org_list.link)
                    for org_list in layout.lists if org_list.after == declared["name"]]
    (id_field,) = schema["primaryKey"]
    return Sheet(table, id_field, layout.slug_from, tuple(columns))


SHEETS: tuple[Sheet, ...] = tuple(_sheet(table, layout) for table, layout in LAYOUTS.items())
SHEET_BY_TABLE: dict[str, Sheet] = {s.table: s for s in SHEETS}

# Sheets of the template that hold no data (catalogue keys of their titles): skipped on import without a warning.
INSTRUCTIONS = "registry_sheet_instructions"
LISTS = "registry_sheet_lists"
AUXILIARY = frozenset(header_key(t(title, lang)) for title in (INSTRUCTIONS, LISTS) for lang in LANGS)

# Link tables filled from list columns: table -> (sheet, column).
LINKS: dict[str, tuple[Sheet, Column]] = {c.link: (s, c) for s in SHEETS for c in s.links if c.link}


def sheet_for(title: object) -> Sheet | None:
    """The registry sheet a sheet title or file stem names (Russian or English title, or the table name)."""
    key = header_key(title)
    return next((s for s in SHEETS if key in {*(header_key(s.title(lang)) for lang in LANGS), s.table}), None)
