"""The vocabularies in dashboard/data/vocab.py hold exactly the codes the data package declares, in its order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.data import counts, vocab
from dashboard.data.vocab import (
    AGREEMENT_KIND,
    DATE_PRECISION,
    EVENT_KIND,
    EVENT_KIND_GROUP,
    STATUS,
    TIMELINE_GROUP,
    Term,
)

DESCRIPTOR = json.loads((Path(__file__).resolve().parents[3] / "data" / "datapackage.json").read_text("utf-8"))


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
        ("membership_counts", "counted"),
    } <= declared
    assert len(ENUMS) >= 25


@pytest.mark.parametrize(("resource", "field", "codes"), ENUMS, ids=[f"{r}.{f}" for r, f, _ in ENUMS])
def test_enum_matches_its_vocabulary(resource, field, codes):
    # Shared vocabularies (dates' precision, confidence, scope) are read from one table's declaration: every
    # other table must declare the same codes, in the same order.
    table = vocab.vocabulary(resource, field)
    assert table is not None, f"{resource}.{field} is an enumeration without a vocabulary in dashboard/data/vocab.py"
    assert list(codes) == list(table), f"{resource}.{field}"
    assert len(codes) == len(set(codes))


def test_fields_without_an_enumeration_have_no_vocabulary():
    assert vocab.vocabulary("organisations", "name_ru") is None
    assert vocab.vocabulary("sectors", "sector_id") is None


def test_codes_come_from_the_descriptor_in_its_order():
    assert vocab.declared_codes("events", "kind") == tuple(EVENT_KIND)
    assert tuple(STATUS) == ("founder", "member", "support_body", "expected", "interregional_member", "branch",
                             "not_member")
    assert vocab.declared_field("agreements", "kind")["constraints"]["enum"] == list(AGREEMENT_KIND)


def test_labels_follow_the_descriptor_order_not_their_own():
    terms = {"unknown": Term("неизвестна", "unknown"), **{code: DATE_PRECISION[code] for code in
                                                           ("year", "day", "after", "month")}}
    assert list(vocab.labelled("events", "date_precision", terms)) == ["day", "month", "year", "after", "unknown"]


@pytest.mark.parametrize(("terms", "wrong"), [
    ({code: term for code, term in DATE_PRECISION.items() if code != "after"}, "after"),
    ({**DATE_PRECISION, "week": Term("неделя", "week")}, "week"),
], ids=["a code without a label", "a label without a code"])
def test_a_vocabulary_that_disagrees_with_the_descriptor_is_refused(terms, wrong):
    with pytest.raises(ValueError, match=wrong):
        vocab.labelled("events", "date_precision", terms)


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
    assert set(counts.MEMBER_STATUSES) == {"founder", "member"}
    assert {status for group in counts.GROUPS.values() for status in group} == set(STATUS)


@pytest.mark.parametrize("name", ["STATUS", "ROLE", "CONFIDENCE", "LOCATION_PRECISION", "DATE_PRECISION", "SCOPE",
                                  "AGREEMENT_KIND", "PROJECT_STATUS", "EVENT_KIND", "MEMBERSHIP_COUNTED",
                                  "TIMELINE_GROUP"])
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
