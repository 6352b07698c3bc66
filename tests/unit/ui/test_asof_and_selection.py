"""The cluster "as of" a date, presentation mode and cross-filtering, as pure functions and as callbacks."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

import pandas as pd
import pytest

from dashboard.data import derive
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.i18n import t
from dashboard.ui import ids
from dashboard.web.app import create_app
from tests.dash_requests import callback_body, find_callback


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


@pytest.fixture(scope="module")
def app(bundled_data_dir):
    return create_app(bundled_data_dir)


@pytest.fixture(scope="module")
def dependencies(app):
    return app.server.test_client().get("/_dash-dependencies").get_json()


def post(app, dependencies, first_output, values, state=None):
    body = callback_body(find_callback(dependencies, first_output), values, state)
    response = app.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code in (200, 204)
    return response.get_json()["response"] if response.status_code == 200 else None


@pytest.mark.parametrize(("raw", "expected"), [
    ("2018-12-31", dt.date(2018, 12, 31)),
    ("2010-01-01", dt.date(2014, 11, 20)),  # before the launch: the launch
    ("2030-01-01", None),  # after the data: today
    ("2026-11-26", None),
    ("31.12.2018", None),
    ("<script>", None),
    (["2016-05-01", "2017-01-01"], dt.date(2016, 5, 1)),
])
def test_asof_is_parsed_from_untrusted_input(data, raw, expected):
    assert parse_state({"asof": raw}, data).asof == expected


def test_presentation_flag_and_focus_round_trip_through_the_url(data):
    state = parse_state({"present": "1", "org": ["uac", "no-such-org", "irkut"], "asof": "2016-12-31"}, data)
    assert state.present and state.focus == ("uac", "irkut")
    query = state.to_query()
    assert parse_qs(query[1:]) == {"org": ["uac", "irkut"], "asof": ["2016-12-31"], "present": ["1"]}
    assert parse_state(parse_qs(query[1:]), data) == state
    assert parse_state({"present": "yes"}, data).present is False


def test_the_cluster_as_of_a_date_counts_only_what_existed_then(data):
    cutoff = pd.Timestamp("2018-12-31")
    filtered = apply_filters(data, parse_state({"asof": "2018-12-31"}, data))

    orgs = data.organisations
    assert set(filtered.organisations["org_id"]) == set(orgs.loc[orgs["joined"].isna() | (orgs["joined"] <= cutoff),
                                                                  "org_id"])
    assert "promtekh-irkutsk" not in set(filtered.organisations["org_id"])  # linked in 2019
    assert (filtered.agreements["signed"] <= cutoff).all()
    assert len(filtered.agreements) == int((data.agreements["signed"] <= cutoff).sum())
    assert (filtered.projects["started"].isna() | (filtered.projects["started"] <= cutoff)).all()
    counts = derive.kpis(data, filtered, "ru")
    # the 76 reported after 2022 is not known yet
    assert counts["kpi-reported"] == ("около 40", t("kpi_reported_note", "ru", date="12.2018", source="uprom.tech"))


def test_asof_steps_by_year_and_by_event(data):
    by_year = derive.asof_steps(data, "year")
    assert by_year[0] == dt.date(2014, 12, 31) and by_year[-1] == data.meta.data_as_of
    assert len(by_year) == data.meta.data_as_of.year - 2014 + 1
    by_event = derive.asof_steps(data, "event")
    assert by_event[0] == data.meta.launch_date
    assert dt.date(2019, 2, 14) in by_event and dt.date(2023, 7, 26) in by_event
    assert by_event == sorted(set(by_event))
    assert dt.date(2016, 5, 5) in derive.asof_steps(data, "year", dt.date(2016, 5, 5))


def test_timeline_items_name_the_organisations_they_involve(data):
    state = parse_state({}, data)
    items = derive.timeline_items(data, apply_filters(data, state), state)
    founding = items[(items["group"] == "agreement") & (items["date"] == pd.Timestamp("2014-11-20"))].iloc[0]
    parties = data.agreement_parties
    founding_id = data.agreements.loc[data.agreements["signed"] == pd.Timestamp("2014-11-20"), "agreement_id"].iloc[0]
    assert sorted(founding["org_ids"]) == sorted(parties.loc[parties["agreement_id"] == founding_id, "org_id"])


def test_sector_counts_and_text_alternatives(data):
    state = parse_state({}, data)
    filtered = apply_filters(data, state)
    counts = derive.sector_counts(data, filtered, "ru")
    participants = data.organisations[data.organisations["status"].isin(["founder", "member"])]
    assert dict(zip(counts["sector"], counts["count"], strict=True)) == participants["sector"].value_counts().to_dict()
    summary = derive.sectors_summary(counts, "ru")
    assert summary.startswith("Участники по отраслям: Авиастроение — 2")
    items = derive.timeline_items(data, filtered, state)
    assert f"{int(items['date'].notna().sum())} отметок" in derive.timeline_summary(items, "ru")


@pytest.mark.parametrize(("query", "ru", "en"), [
    # two dated items of one year: the noun agrees, the year stands alone, counts are whole numbers
    # (Usolye-Promtech's joining agreement and its joining; its joint projects are undated)
    ({"q": "Усолье"}, "На хронологии 2 отметки, 2018 г. (соглашения: 1, вступления: 1).",
     "The timeline has 2 items, 2018 (agreements: 1, joinings: 1)."),
    ({"q": "нет такого"}, "На хронологии нет отметок.", "The timeline has no items."),
])
def test_timeline_summary_reads_as_a_sentence(data, query, ru, en):
    state = parse_state(query, data)
    items = derive.timeline_items(data, apply_filters(data, state), state)
    assert derive.timeline_summary(items, "ru") == ru
    assert derive.timeline_summary(items, "en") == en


def test_clicks_cross_filter_and_clear_selection_undoes_them(app, dependencies):
    state = {ids.FILTER_SECTOR: [], ids.FILTER_SETTLEMENT: [], ids.FOCUS: []}
    bar = {"points": [{"customdata": ["aircraft"]}]}
    response = post(app, dependencies, ids.FILTER_SECTOR, {ids.SECTORS: bar}, state)
    assert response == {ids.FILTER_SECTOR: {"value": ["aircraft"]}}
    again = post(app, dependencies, ids.FILTER_SECTOR, {ids.SECTORS: bar}, {**state, ids.FILTER_SECTOR: ["aircraft"]})
    assert again == {ids.FILTER_SECTOR: {"value": []}}

    marker = {"points": [{"customdata": ["Иркутск", 1, "names", "irkutsk", "aircraft"]}]}
    assert post(app, dependencies, ids.FILTER_SECTOR, {ids.MAP: marker}, state) == {
        ids.FILTER_SETTLEMENT: {"value": ["irkutsk"]}}
    item = {"points": [{"customdata": ["title", "20.11.2014", "src", "uac irkut"]}]}
    assert post(app, dependencies, ids.FILTER_SECTOR, {ids.TIMELINE: item}, state) == {
        ids.FOCUS: {"data": ["uac", "irkut"]}}

    cleared = post(app, dependencies, ids.FILTER_SECTOR, {ids.CLEAR_SELECTION: 1},
                   {ids.FILTER_SECTOR: ["aircraft"], ids.FILTER_SETTLEMENT: ["irkutsk"], ids.FOCUS: ["uac"]})
    assert cleared == {ids.FILTER_SECTOR: {"value": []}, ids.FILTER_SETTLEMENT: {"value": []},
                       ids.FOCUS: {"data": []}}
    for garbage in ({"points": "x"}, {"points": [{"customdata": [5]}]}, ["aircraft"], None):
        assert not post(app, dependencies, ids.FILTER_SECTOR, {ids.SECTORS: garbage}, state)


def test_presentation_switch_links_to_the_same_view_in_the_other_mode(app, dependencies):
    """The switch is a link the filter callback keeps pointing at the current view, presentation mode toggled."""
    filters = {ids.FILTER_SECTOR: ["aircraft"], ids.FILTER_DATE: [2014, 2019]}
    for query, toggled in (("", {"present": ["1"]}), ("?present=1", {})):
        response = post(app, dependencies, ids.KPI_PARTICIPANTS, filters, {ids.URL_QUERY: query, ids.LANG: "ru"})
        assert parse_qs(response[ids.PRESENT_TOGGLE]["href"][1:]) == {"sector": ["aircraft"], "to": ["2019"],
                                                                     **toggled}
