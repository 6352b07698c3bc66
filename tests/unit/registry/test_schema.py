"""The registry workbook's schema is the package descriptor's, apart from the departures it declares."""

from __future__ import annotations

import copy

import pytest

from dashboard.data.vocab import declared_field, declared_schemas
from dashboard.i18n import LANGS
from dashboard.registry import schema
from dashboard.registry.schema import DEPARTURES, LAYOUTS, SHEETS, Kind, departure


def descriptor_required(table: str, field: str) -> bool:
    return declared_field(table, field).get("constraints", {}).get("required", False)


def field_names(table: str) -> list[str]:
    return [f["name"] for f in declared_schemas()[table]["fields"]]


def test_required_flags_differ_from_the_descriptor_only_where_a_departure_says_so():
    differing = {(sheet.table, c.field) for sheet in SHEETS for c in sheet.columns
                 if not c.link and c.required != descriptor_required(sheet.table, c.field)}
    assert differing == {
        # optional: the importer makes the id from the name
        ("organisations", "org_id"), ("agreements", "agreement_id"), ("projects", "project_id"),
        ("events", "event_id"), ("membership_counts", "count_id"),
        # optional: the importer copies the Russian name or title
        ("organisations", "name_en"), ("agreements", "title_en"), ("projects", "title_en"), ("events", "title_en"),
        # optional: derived from the settlement, or «no» when empty
        ("organisations", "location_precision"), ("membership_counts", "approximate"),
        # required: a reported count needs its date
        ("membership_counts", "date"),
    }
    for table, field in differing:
        reason = departure(table, field)
        assert reason is not None and reason.why and reason.required is not None, (table, field)


def test_every_declared_name_is_a_field_of_the_descriptor():
    every_field = {name for table in LAYOUTS for name in field_names(table)}
    for key in DEPARTURES:
        table, _, name = key.rpartition(".")
        assert name in (field_names(table) if table else every_field), key
    for table, layout in LAYOUTS.items():
        names = set(field_names(table))
        assert set(layout.slug_from) <= names, table
        assert set(layout.widths) <= names, table
        assert set(layout.dates) <= names, table
        assert {rule.ends for rule in layout.dates.values() if rule.ends} <= set(layout.dates), table
        assert {org_list.after for org_list in layout.lists} <= names, table
        assert all(org_list.link in declared_schemas() for org_list in layout.lists), table


def test_columns_are_the_descriptor_fields_in_its_order_without_the_date_precisions():
    for sheet in SHEETS:
        names = field_names(sheet.table)
        dates = [f["name"] for f in declared_schemas()[sheet.table]["fields"] if f["type"] == "date"]
        assert [c.field for c in sheet.columns if not c.link] == [
            n for n in names if n not in {f"{d}_precision" for d in dates}]
        assert sheet.id_field == declared_schemas()[sheet.table]["primaryKey"][0] == sheet.columns[0].field


def test_kinds_come_from_types_keys_references_and_enumerations():
    organisations, events, counts = (schema.SHEET_BY_TABLE[t] for t in ("organisations", "events",
                                                                         "membership_counts"))
    kinds = {c.field: c.kind for c in (*organisations.columns, *events.columns, *counts.columns)}
    assert kinds["org_id"] is Kind.ID and kinds["event_id"] is Kind.ID  # primary keys
    assert (kinds["sector"], kinds["settlement_id"], kinds["project_id"]) == (Kind.SECTOR, Kind.SETTLEMENT,
                                                                            Kind.PROJECT)  # foreign keys
    assert (kinds["role"], kinds["joined"], kinds["count"], kinds["approximate"]) == (
        Kind.ENUM, Kind.DATE, Kind.INTEGER, Kind.BOOLEAN)
    assert (kinds["inn"], kinds["website"], kinds["source_urls"]) == (Kind.INN, Kind.URL, Kind.URLS)
    assert kinds["organisations"] is Kind.ORGS
    role = organisations.column("role")
    assert role is not None and list(role.vocab or {}) == declared_field("organisations", "role")["constraints"]["enum"]


def test_a_changed_descriptor_changes_the_sheet(monkeypatch):
    changed = copy.deepcopy(declared_schemas())
    fields = {f["name"]: f for f in changed["organisations"]["fields"]}
    fields["short_name_ru"]["constraints"]["required"] = True  # a flag no departure overrides
    fields["name_en"]["constraints"]["required"] = False  # one a departure overrides anyway
    fields["website"]["constraints"]["required"] = True
    changed["organisations"]["fields"].append({"name": "employees", "type": "integer"})
    monkeypatch.setattr(schema, "declared_schemas", lambda: changed)

    sheet = schema._sheet("organisations", LAYOUTS["organisations"])

    columns = {c.field: c for c in sheet.columns}
    assert columns["short_name_ru"].required and columns["website"].required
    assert not columns["name_en"].required
    assert (columns["employees"].kind, columns["employees"].required) == (Kind.INTEGER, False)
    assert list(columns)[-1] == "employees"


@pytest.mark.parametrize("lang", LANGS)
def test_every_sheet_and_column_has_its_texts(lang):
    for sheet in SHEETS:
        assert sheet.title(lang).strip() and sheet.about(lang).strip()
        for column in sheet.columns:
            assert column.header(lang).strip(), column.field
            assert column.kind is Kind.TEXT or column.hint(lang).strip(), column.field
