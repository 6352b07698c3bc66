"""Tests for dashboard/data/filters.py: untrusted URL parameters in, a valid state out; the state applied to data.

Expected values are worked out from the CSV files directly (read as text with pandas), not through the code
under test.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs

import pandas as pd
import pytest

from dashboard.data.filters import MAX_SEARCH, FilterState, allowed_values, apply_filters, parse_state, year_bounds
from tests import packages as pk


@pytest.fixture(scope="module")
def data():
    return pk.bundled()


def raw(file: str) -> pd.DataFrame:
    return pk.bundled_csv(file)


def year_of(text: str) -> int | None:
    return int(text[:4]) if text else None


def linked(links_file: str, key: str, org_ids: set[str]) -> set[str]:
    links = raw(links_file)
    return set(links.loc[links["org_id"].isin(org_ids), key])


def parse(query: str, data) -> FilterState:
    return parse_state(parse_qs(query.lstrip("?")), data)


# ---------------------------------------------------------------------------------------------------------
# parse_state
# ---------------------------------------------------------------------------------------------------------


def test_defaults(data):
    state = parse_state({}, data)
    assert state == FilterState(year_from=2014, year_to=2026)
    assert state.bounds == (2014, 2026) == year_bounds(data)
    assert (state.sector, state.status, state.role, state.settlement, state.search, state.lang) == (
        (), (), (), (), "", "ru")
    assert state.to_query() == ""
    assert not state.filters_organisations


def test_allowed_values_come_from_the_data(data):
    allowed = allowed_values(data)
    orgs = raw("organisations.csv")
    assert allowed["sector"] == tuple(raw("sectors.csv")["sector_id"])
    assert allowed["status"] == tuple(dict.fromkeys(orgs["status"]))
    assert allowed["role"] == tuple(dict.fromkeys(orgs["role"]))
    # Only settlements some organisation is in, in the order of settlements.csv.
    assert allowed["settlement"] == ("irkutsk", "shelekhov", "usolye-sibirskoye", "dubna", "moscow",
                                     "nizhny-novgorod", "ulyanovsk")


@pytest.mark.parametrize(
    ("key", "given", "kept"),
    [
        ("sector", ["aircraft", "shipbuilding", "components"], ("aircraft", "components")),
        ("sector", ["aircraft", "aircraft"], ("aircraft",)),
        ("sector", "electrical", ("electrical",)),
        ("sector", ["AIRCRAFT", " aircraft"], ()),
        # not_member is a valid code, but no organisation has it, so the filter offers no such choice
        ("status", ["founder", "not_member", "partner"], ("founder",)),
        ("role", ["university", "school", "anchor"], ("university", "anchor")),
        ("settlement", ["moscow", "alzamay", "atlantis", "irkutsk"], ("moscow", "irkutsk")),
    ],
)
def test_unknown_values_are_dropped(data, key, given, kept):
    state = parse_state({key: given}, data)
    assert getattr(state, key) == kept


@pytest.mark.parametrize(
    ("given_from", "given_to", "expected"),
    [
        (["1990"], ["2100"], (2014, 2026)),
        (["2016"], ["2018"], (2016, 2018)),
        (["2020"], ["2016"], (2016, 2020)),  # swapped
        (["2030"], None, (2026, 2026)),
        (None, ["1900"], (2014, 2014)),
        (["-5"], ["99999999999999999999"], (2014, 2026)),
        (["abc"], ["2016.5"], (2014, 2026)),
        (["2017"], [], (2017, 2026)),
        ([" 2017 "], ["2019", "2015"], (2017, 2019)),  # the first of repeated values counts
        (2016, 2018, (2016, 2018)),  # numbers from a callback
        ({"year": 2016}, [["2018"]], (2014, 2026)),
        (None, None, (2014, 2026)),
    ],
)
def test_years_are_clamped_to_the_package(data, given_from, given_to, expected):
    state = parse_state({"from": given_from, "to": given_to}, data)
    assert (state.year_from, state.year_to) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["  Иркут  "], "Иркут"),
        (["Иркутский\t авиационный\n завод"], "Иркутский авиационный завод"),
        ("IrGTU", "IrGTU"),
        (["first", "second"], "first"),
        (["   "], ""),
        ([], ""),
        (42, ""),
        ({"q": "x"}, ""),
        ([["nested"]], ""),
        (None, ""),
    ],
)
def test_search_is_trimmed_and_normalised(data, given, expected):
    assert parse_state({"q": given}, data).search == expected


def test_search_is_cut_to_100_characters(data):
    assert MAX_SEARCH == 100
    state = parse_state({"q": ["я" * 250]}, data)
    assert state.search == "я" * 100


@pytest.mark.parametrize(
    ("given", "expected"),
    [(["en"], "en"), ("en", "en"), (["ru"], "ru"), (["de"], "ru"), (["EN"], "ru"), ([" en"], "ru"), (5, "ru"),
     (None, "ru"), ([], "ru"), ({"en": 1}, "ru"), ([["en"]], "ru")],
)
def test_lang(data, given, expected):
    assert parse_state({"lang": given}, data).lang == expected


@pytest.mark.parametrize(
    "junk",
    [5, 3.5, True, b"aircraft", [["aircraft"]], [1, None, {"a": 1}], ({"aircraft"},), object()],
)
def test_non_string_junk_is_ignored(data, junk):
    state = parse_state({"sector": junk, "status": junk, "role": junk, "settlement": junk}, data)
    assert (state.sector, state.status, state.role, state.settlement) == ((), (), (), ())


def test_strings_among_junk_are_kept(data):
    state = parse_state({"sector": [1, None, "aircraft", ["components"], "components"]}, data)
    assert state.sector == ("aircraft", "components")


def test_dict_values_are_ignored(data):
    state = parse_state({"sector": {"aircraft": 1}, "settlement": {"moscow": "x"}}, data)
    assert (state.sector, state.settlement) == ((), ())


# ---------------------------------------------------------------------------------------------------------
# to_query
# ---------------------------------------------------------------------------------------------------------


def test_query_lists_only_what_differs_from_the_defaults(data):
    state = parse_state({"sector": ["aircraft", "components"], "from": ["2016"], "lang": ["en"]}, data)
    assert state.to_query() == "?lang=en&sector=aircraft&sector=components&from=2016"
    assert parse_state({"to": ["2026"], "from": ["2014"], "lang": ["ru"]}, data).to_query() == ""


def test_query_encodes_search_text(data):
    state = parse_state({"q": ["ПАО «Яковлев» & co=1"]}, data)
    query = state.to_query()
    assert query.startswith("?q=")
    assert "&co" not in query
    assert parse_qs(query[1:]) == {"q": ["ПАО «Яковлев» & co=1"]}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"lang": ["en"]},
        {"sector": ["components", "aircraft"], "status": ["member", "founder"], "role": ["enterprise"],
         "settlement": ["irkutsk", "moscow"], "from": ["2015"], "to": ["2019"], "q": ["Иркут"], "lang": ["en"]},
        {"from": ["2026"]},
        {"to": ["2014"]},
        {"q": ["  a   b  "], "settlement": ["dubna"]},
        {"q": ["x" * 300]},
    ],
)
def test_round_trip(data, params):
    state = parse_state(params, data)
    again = parse(state.to_query(), data)
    assert again == state
    assert again.to_query() == state.to_query()


def test_round_trip_keeps_selection_order(data):
    state = parse_state({"sector": ["components", "aircraft"]}, data)
    assert parse(state.to_query(), data).sector == ("components", "aircraft")


def test_search_cut_at_a_space_round_trips(data):
    state = parse_state({"q": ["a" * 99 + " bcd"]}, data)
    assert state.search == "a" * 99
    assert parse(state.to_query(), data) == state


def test_with_lang(data):
    state = parse_state({"sector": ["aircraft"]}, data)
    english = state.with_lang("en")
    assert english.lang == "en"
    assert english.sector == ("aircraft",)
    assert english.to_query() == "?lang=en&sector=aircraft"
    assert state.lang == "ru"


# ---------------------------------------------------------------------------------------------------------
# apply_filters
# ---------------------------------------------------------------------------------------------------------


def test_default_state_keeps_everything(data):
    filtered = apply_filters(data, parse_state({}, data))
    assert len(filtered.organisations) == len(raw("organisations.csv")) == 27
    assert len(filtered.agreements) == len(raw("agreements.csv")) == 6
    assert len(filtered.projects) == len(raw("projects.csv")) == 7
    assert len(filtered.events) == len(raw("events.csv")) == 19
    assert len(filtered.counts) == len(raw("membership_counts.csv")) == 5


@pytest.mark.parametrize("sectors", [["electrical"], ["components"], ["aircraft", "government"], ["unspecified"]])
def test_sector_filter(data, sectors):
    filtered = apply_filters(data, parse_state({"sector": sectors}, data))
    orgs = raw("organisations.csv")
    expected_orgs = set(orgs.loc[orgs["sector"].isin(sectors), "org_id"])
    assert set(filtered.organisations["org_id"]) == expected_orgs
    assert set(filtered.organisations["sector"]) == set(sectors)
    assert set(filtered.agreements["agreement_id"]) == linked("agreement_parties.csv", "agreement_id", expected_orgs)
    assert set(filtered.projects["project_id"]) == linked("project_participants.csv", "project_id", expected_orgs)
    assert set(filtered.events["event_id"]) == linked("event_organisations.csv", "event_id", expected_orgs)
    # Reported counts are about the whole cluster, so an organisation filter leaves them alone.
    assert len(filtered.counts) == 5


def test_electrical_sector_by_hand(data):
    filtered = apply_filters(data, parse_state({"sector": ["electrical"]}, data))
    assert sorted(filtered.organisations["org_id"]) == ["irkutsk-relay-plant", "irkutskkabel"]
    assert filtered.agreements.empty
    assert list(filtered.events["event_id"]) == ["levchenko-statement-2016"]


def test_filters_combine(data):
    filtered = apply_filters(data, parse_state({"sector": ["aircraft"], "status": ["founder"]}, data))
    assert sorted(filtered.organisations["org_id"]) == ["irkut", "uac"]
    filtered = apply_filters(data, parse_state({"settlement": ["moscow"]}, data))
    assert sorted(filtered.organisations["org_id"]) == ["fcpf", "frp", "irkut", "uac"]
    filtered = apply_filters(data, parse_state({"role": ["university"], "status": ["member"]}, data))
    assert filtered.organisations.empty
    assert filtered.agreements.empty and filtered.projects.empty and filtered.events.empty


def test_date_range_to_2016(data):
    filtered = apply_filters(data, parse_state({"to": ["2016"]}, data))
    agreements = raw("agreements.csv")
    assert set(filtered.agreements["agreement_id"]) == {
        a for a, s in zip(agreements["agreement_id"], agreements["signed"], strict=True)
        if year_of(s) is None or year_of(s) <= 2016}
    assert set(filtered.agreements["agreement_id"]) == {
        "founding-2014", "management-2015", "investment-bi-pitron-2015", "investment-promtech-2015"}
    # The 2018 and 2019 items are gone, undated ones stay.
    assert "joining-usolye-promtech-2018" not in set(filtered.agreements["agreement_id"])
    assert "interregional-ms21-components" not in set(filtered.projects["project_id"])
    assert "usolye-promtech-joint-projects" in set(filtered.projects["project_id"])
    assert filtered.events["date"].dropna().dt.year.max() == 2016
    events = raw("events.csv")
    assert set(filtered.events["event_id"]) == {
        e for e, d in zip(events["event_id"], events["date"], strict=True) if year_of(d) is None or year_of(d) <= 2016}
    orgs = raw("organisations.csv")
    assert set(filtered.organisations["org_id"]) == {
        o for o, j in zip(orgs["org_id"], orgs["joined"], strict=True) if year_of(j) is None or year_of(j) <= 2016}
    assert "promtekh-irkutsk" not in set(filtered.organisations["org_id"])
    assert "usolye-promtech" not in set(filtered.organisations["org_id"])
    assert filtered.counts["date"].dt.year.max() == 2015


def test_date_range_from_2020(data):
    filtered = apply_filters(data, parse_state({"from": ["2020"]}, data))
    assert filtered.agreements.empty
    # Projects run on: started before 2020 and never said to have finished.
    assert len(filtered.projects) == 7
    assert set(filtered.events["date"].dt.year.dropna()) == {2021, 2022, 2023, 2024, 2025}
    assert "polymer-cluster-plan" in set(filtered.events["event_id"])  # undated
    assert list(filtered.counts["count_id"]) == ["participants-krio"]
    # Organisations that joined before 2020 and never left are still there.
    assert len(filtered.organisations) == 27


def test_single_year(data):
    filtered = apply_filters(data, parse_state({"from": ["2019"], "to": ["2019"]}, data))
    assert list(filtered.agreements["agreement_id"]) == ["interregional-2019"]
    assert set(filtered.events["event_id"]) == {"promtekh-plant-opening-2019", "polymer-cluster-plan"}


def test_organisation_that_left_before_the_period(data):
    orgs = data.organisations.copy()
    irnitu = orgs["org_id"] == "irnitu"
    orgs.loc[irnitu, "left"] = pd.Timestamp("2017-01-01")
    orgs.loc[irnitu, "left_precision"] = "year"
    changed = dataclasses.replace(data, tables={**data.tables, "organisations": orgs})
    ids = lambda query: set(apply_filters(changed, parse(query, changed)).organisations["org_id"])  # noqa: E731
    assert "irnitu" in ids("")
    assert "irnitu" in ids("?from=2017")
    assert "irnitu" not in ids("?from=2018")
    assert "irnitu" in ids("?to=2014")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IrGTU", {"irnitu"}),  # former English name only
        ("ИрГТУ", {"irnitu"}),  # former Russian name only
        ("иргту", {"irnitu"}),  # case does not matter
        ("Научно-производственная", {"irkut"}),  # former name of the renamed Irkut Corporation
        ("Yakovlev", {"irkut", "iaz"}),  # current English names
        ("яковлев", {"irkut", "iaz"}),
        ("ЦКР", {"cdc-irkutsk"}),  # short name
        ("Regional FRP", {"frp-irkutsk"}),
        ("no such organisation", set()),
    ],
)
def test_search(data, text, expected):
    filtered = apply_filters(data, parse_state({"q": [text]}, data))
    assert set(filtered.organisations["org_id"]) == expected


def test_search_irkut_finds_the_renamed_corporation(data):
    orgs = raw("organisations.csv")
    irkut = orgs.set_index("org_id").loc["irkut"]
    # Today's names no longer say Irkut ...
    assert "иркут" not in " ".join(irkut[["name_ru", "name_en", "short_name_ru", "short_name_en"]]).casefold()
    found = set(apply_filters(data, parse_state({"q": ["Иркут"]}, data)).organisations["org_id"])
    # ... but the former name does.
    assert "irkut" in found
    names = orgs[["name_ru", "name_en", "short_name_ru", "short_name_en"]].agg(" ".join, axis=1).str.casefold()
    former = raw("organisation_names.csv")
    former_hits = former.loc[(former["former_name_ru"] + " " + former["former_name_en"]).str.casefold()
                             .str.contains("иркут"), "org_id"]
    assert found == set(orgs.loc[names.str.contains("иркут"), "org_id"]) | set(former_hits)
    assert len(found) == 13


def test_search_reduces_linked_items(data):
    filtered = apply_filters(data, parse_state({"q": ["IrGTU"]}, data))
    assert list(filtered.agreements["agreement_id"]) == ["founding-2014"]
    assert set(filtered.projects["project_id"]) == {"technopark-centres", "staff-training"}
    assert list(filtered.events["event_id"]) == ["irnitu-renamed-2015"]


def test_search_text_is_not_a_pattern(data):
    assert apply_filters(data, parse_state({"q": [".*"]}, data)).organisations.empty
    # "(" would be an unbalanced group as a regular expression; as text it finds the names that contain it.
    found = apply_filters(data, parse_state({"q": ["(PJSC"]}, data)).organisations
    assert set(found["org_id"]) == {"uac", "irkut"}


def test_filters_organisations_flag(data):
    assert parse_state({"q": ["x"]}, data).filters_organisations
    assert parse_state({"settlement": ["dubna"]}, data).filters_organisations
    assert not parse_state({"from": ["2016"], "lang": ["en"]}, data).filters_organisations
