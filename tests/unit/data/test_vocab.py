"""The vocabularies in dashboard/data/vocab.py must hold exactly the codes the data package declares."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.data import vocab
from dashboard.data.vocab import (
    AGREEMENT_KIND,
    CONFIDENCE,
    DATE_PRECISION,
    EVENT_KIND,
    EVENT_KIND_GROUP,
    LOCATION_PRECISION,
    PROJECT_STATUS,
    ROLE,
    SCOPE,
    STATUS,
    TIMELINE_GROUP,
    VOCABULARIES,
    Term,
)

DESCRIPTOR = json.loads((Path(__file__).resolve().parents[3] / "data" / "datapackage.json").read_text("utf-8"))

# (resource, field) -> vocabulary, for fields named explicitly.
EXPLICIT = {
    ("organisations", "status"): STATUS,
    ("organisations", "role"): ROLE,
    ("organisations", "location_precision"): LOCATION_PRECISION,
    ("agreements", "kind"): AGREEMENT_KIND,
    ("projects", "status"): PROJECT_STATUS,
    ("events", "kind"): EVENT_KIND,
}
# Enumerations the dashboard never labels (they only select rows), so they have no vocabulary.
UNLABELLED = {("membership_counts", "counted")}


def vocabulary_for(resource: str, field: str) -> dict[str, Term] | None:
    if (resource, field) in EXPLICIT:
        return EXPLICIT[resource, field]
    if field.endswith("_precision"):
        return DATE_PRECISION
    if field == "confidence":
        return CONFIDENCE
    if field == "scope":
        return SCOPE
    return None


def enum_fields() -> list[tuple[str, str, list[str]]]:
    return [
        (resource["name"], field["name"], field["constraints"]["enum"])
        for resource in DESCRIPTOR["resources"]
        for field in resource["schema"]["fields"]
        if "enum" in field.get("constraints", {})
    ]


ENUMS = enum_fields()


def test_the_descriptor_declares_the_expected_enumerations():
    declared = {(resource, field) for resource, field, _ in ENUMS}
    # A sample that must be there; if the descriptor loses them, the mapping test below would test nothing.
    assert {
        ("organisations", "status"), ("organisations", "role"), ("organisations", "confidence"),
        ("organisations", "location_precision"), ("organisations", "joined_precision"),
        ("organisations", "left_precision"), ("organisation_names", "renamed_precision"),
        ("agreements", "signed_precision"), ("agreements", "kind"), ("agreements", "scope"),
        ("projects", "started_precision"), ("projects", "finished_precision"), ("projects", "status"),
        ("projects", "scope"), ("events", "date_precision"), ("events", "kind"), ("events", "scope"),
        ("membership_counts", "date_precision"), ("membership_counts", "scope"),
    } <= declared
    assert len(ENUMS) >= 25


@pytest.mark.parametrize(("resource", "field", "codes"), ENUMS, ids=[f"{r}.{f}" for r, f, _ in ENUMS])
def test_enum_matches_its_vocabulary(resource, field, codes):
    if (resource, field) in UNLABELLED:
        return
    table = vocabulary_for(resource, field)
    assert table is not None, f"{resource}.{field} is an enumeration without a vocabulary in dashboard/data/vocab.py"
    assert sorted(codes) == sorted(table), f"{resource}.{field}"
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(("key", "table"), list(VOCABULARIES.items()), ids=[f"{r}.{f}" for r, f in VOCABULARIES])
def test_registered_vocabularies_match_the_descriptor(key, table):
    declared = {(resource, field): codes for resource, field, codes in ENUMS}
    assert key in declared
    assert sorted(declared[key]) == sorted(table)


def test_event_kind_group_covers_every_event_kind():
    kinds = next(codes for resource, field, codes in ENUMS if (resource, field) == ("events", "kind"))
    assert set(EVENT_KIND_GROUP) == set(kinds) == set(EVENT_KIND)
    assert set(EVENT_KIND_GROUP.values()) <= set(TIMELINE_GROUP)


def test_timeline_groups_are_all_reachable():
    # "agreement", "joining" and "project" come from their own tables, the rest from event kinds.
    reachable = {"agreement", "joining", "project", *EVENT_KIND_GROUP.values()}
    assert reachable == set(TIMELINE_GROUP)


def test_date_precisions_have_distinct_symbols():
    symbols = [term.symbol for term in DATE_PRECISION.values()]
    assert len(set(symbols)) == len(symbols) == 5


def test_participant_statuses_are_statuses():
    assert set(vocab.PARTICIPANT_STATUSES) == {"founder", "member"}
    assert set(vocab.PARTICIPANT_STATUSES) <= set(STATUS)


@pytest.mark.parametrize("name", ["STATUS", "ROLE", "CONFIDENCE", "LOCATION_PRECISION", "DATE_PRECISION", "SCOPE",
                                  "AGREEMENT_KIND", "PROJECT_STATUS", "EVENT_KIND", "TIMELINE_GROUP"])
def test_every_term_has_both_labels(name):
    for code, term in getattr(vocab, name).items():
        assert term.label("ru").strip(), code
        assert term.label("en").strip(), code
        assert term.label("ru") == term.ru
        assert term.label("en") == term.en


def test_sector_colours_follow_package_order_and_are_distinct():
    sectors = ["aircraft", "components", "electrical"]
    assert vocab.sector_colours(sectors) == {"aircraft": "#0072B2", "components": "#E69F00",
                                             "electrical": "#009E73"}
    bundled = [row.split(",")[0] for row in
               (Path(__file__).resolve().parents[3] / "data" / "sectors.csv").read_text("utf-8").splitlines()[1:]]
    colours = vocab.sector_colours(bundled)
    assert list(colours) == bundled
    assert len(set(colours.values())) == len(bundled) == 10


def test_sector_colours_wrap_after_the_palette():
    colours = vocab.sector_colours([f"s{i}" for i in range(12)])
    assert colours["s10"] == colours["s0"]
    assert colours["s11"] == colours["s1"]
