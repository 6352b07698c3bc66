"""Tests for dashboard/data/derive.py. Expected values are computed independently from the CSV files (as text)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from dashboard.data import derive
from dashboard.data.counts import GROUP_OF_STATUS, GROUPS
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.tables import TABLES
from dashboard.i18n import counted, t
from tests import packages as pk

JOINING = {"founder", "member"}
OTHER_CLUSTER = {"interregional_member"}
TIMELINE_COLUMNS = ["date", "precision", "group", "title", "date_label", "label", "source", "org_ids", "sources",
                    "confidence"]
PARTICIPANTS = {"founder", "member"}


def members_note(lang: str) -> str:
    return t("kpi_participants_note", lang)


def reported_note(lang: str, date: str, source: str) -> str:
    return t("kpi_reported_note", lang, date=date, source=source)


KRIO_RU = reported_note("ru", "не ранее 04.2022", "krio.devindex.ru")
KRIO_EN = reported_note("en", "not before Apr 2022", "krio.devindex.ru")


@pytest.fixture(scope="module")
def data():
    return pk.bundled()


def raw(file: str) -> pd.DataFrame:
    return pk.bundled_csv(file)


def year_of(text: str) -> int | None:
    return int(text[:4]) if text else None


def view(data, query: dict | None = None):
    state = parse_state(query or {}, data)
    return state, apply_filters(data, state)


def in_period(text: str, low: int, high: int) -> bool:
    return year_of(text) is None or low <= year_of(text) <= high


def linked(links_file: str, key: str, org_ids: set[str]) -> set[str]:
    links = raw(links_file)
    return set(links.loc[links["org_id"].isin(org_ids), key])


# ---------------------------------------------------------------------------------------------------------
# timeline
# ---------------------------------------------------------------------------------------------------------


def expected_timeline_size(low: int, high: int) -> dict[str, int]:
    """Items per group for a year range with no organisation filter, from the CSV text."""
    groups = {"agreement": 0, "joining": 0, "project": 0, "event": 0, "context": 0}
    groups["agreement"] = sum(in_period(s, low, high) for s in raw("agreements.csv")["signed"])
    orgs = raw("organisations.csv")
    joined = [(status, j != "" and low <= year_of(j) <= high)
              for status, j in zip(orgs["status"], orgs["joined"], strict=True)]
    groups["joining"] = sum(status in JOINING and shown for status, shown in joined)
    # the members of the separate 2019 interregional cluster stand with the region's context
    groups["context"] = sum(status in OTHER_CLUSTER and shown for status, shown in joined)
    projects = raw("projects.csv")
    groups["project"] = sum(in_period(s, low, high) and (year_of(s) is None or year_of(s) <= high)
                            for s in projects["started"])
    events = raw("events.csv")
    for kind, date in zip(events["kind"], events["date"], strict=True):
        if in_period(date, low, high):
            group = {"context": "context", "project_milestone": "project"}.get(kind, "event")
            groups[group] += 1
    return groups


def test_timeline_has_every_kind_of_item(data):
    state, filtered = view(data)
    items = derive.timeline_items(data, filtered, state)
    assert list(items.columns) == TIMELINE_COLUMNS
    assert items["group"].value_counts().to_dict() == expected_timeline_size(2014, 2026)
    # 6 agreements + 8 joinings of members + 10 of the interregional cluster's + 7 projects + 19 events
    assert len(items) == 50
    assert (items["group"] == "joining").sum() == 8


@pytest.mark.parametrize(("low", "high"), [(2016, 2019), (2014, 2014), (2020, 2026), (2017, 2017)])
def test_timeline_items_lie_in_the_period(data, low, high):
    state, filtered = view(data, {"from": [str(low)], "to": [str(high)]})
    items = derive.timeline_items(data, filtered, state)
    years = items["date"].dropna().dt.year
    assert years.between(low, high).all()
    expected = {g: n for g, n in expected_timeline_size(low, high).items() if n}
    assert items["group"].value_counts().to_dict() == expected


def test_timeline_is_sorted_with_undated_last(data):
    state, filtered = view(data)
    items = derive.timeline_items(data, filtered, state)
    dated = items["date"].dropna()
    assert dated.is_monotonic_increasing
    assert items["date"].iloc[: len(dated)].notna().all()
    undated = items[items["date"].isna()]
    assert sorted(undated["title"]) == sorted([
        raw("projects.csv").set_index("project_id").loc["usolye-promtech-joint-projects", "title_ru"],
        raw("events.csv").set_index("event_id").loc["polymer-cluster-plan", "title_ru"],
    ])
    assert set(undated["date_label"]) == {"дата неизвестна"}
    # the CDC competition's publication; IAZ, known only to the year 2014, is a branch and does not join
    assert items["date"].iloc[0] == pd.Timestamp("2014-10-31")
    assert items["date"].dropna().iloc[-1] == pd.Timestamp("2025-06-30")


@pytest.mark.parametrize(
    ("lang", "title_column", "title", "label"),
    [
        ("ru", "title_ru", "joining-usolye-promtech-2018", "12.2018"),
        ("en", "title_en", "joining-usolye-promtech-2018", "Dec 2018"),
        ("ru", "title_ru", "founding-2014", "20.11.2014"),
        ("en", "title_en", "founding-2014", "20 Nov 2014"),
        ("ru", "title_ru", "management-2015", "08.2015"),
    ],
)
def test_timeline_agreement_labels(data, lang, title_column, title, label):
    state, filtered = view(data, {"lang": [lang]})
    items = derive.timeline_items(data, filtered, state)
    agreement = raw("agreements.csv").set_index("agreement_id").loc[title]
    row = items[items["title"] == agreement[title_column]]
    assert len(row) == 1
    assert row["group"].iloc[0] == "agreement"
    assert row["date_label"].iloc[0] == label
    assert row["source"].iloc[0] == agreement["source_urls"].split()[0]


@pytest.mark.parametrize(
    ("event_id", "group", "ru", "en"),
    [
        ("registry-entry", "event", "не ранее 06.2016", "not before Jun 2016"),
        ("frp-loan-2021", "project", "2021", "2021"),
        ("pharma-cluster-2014", "context", "11.2014", "Nov 2014"),
        ("polymer-cluster-plan", "context", "дата неизвестна", "date unknown"),
        ("irkut-renamed-yakovlev-2023", "event", "26.07.2023", "26 Jul 2023"),
    ],
)
def test_timeline_event_groups_and_labels(data, event_id, group, ru, en):
    event = raw("events.csv").set_index("event_id").loc[event_id]
    for lang, label in (("ru", ru), ("en", en)):
        state, filtered = view(data, {"lang": [lang]})
        items = derive.timeline_items(data, filtered, state)
        row = items[items["title"] == event[f"title_{lang}"]]
        assert row[["group", "date_label", "source"]].values.tolist() == [
            [group, label, event["source_urls"].split()[0]]]


def test_timeline_joining_titles(data):
    state, filtered = view(data)
    items = derive.timeline_items(data, filtered, state)
    joinings = items[items["group"] == "joining"]
    assert "ПАО «Яковлев» — учредитель" in set(joinings["title"])
    assert "Индустриальный технопарк «Усолье-Промтех» — участник" in set(joinings["title"])
    state, filtered = view(data, {"lang": ["en"]})
    items = derive.timeline_items(data, filtered, state)
    assert "PJSC Yakovlev — founder" in set(items["title"])
    # Support bodies and expected participants have not joined anything.
    assert not any(title.startswith("Irkutsk Oblast Cluster Development Centre") for title in items["title"])


def test_timeline_follows_the_organisation_filter(data):
    state, filtered = view(data, {"sector": ["electrical"]})
    items = derive.timeline_items(data, filtered, state)
    event = raw("events.csv").set_index("event_id").loc["levchenko-statement-2016"]
    # Both electrical organisations are only "expected", so the one event naming them is all there is.
    assert items[["group", "title", "date_label"]].values.tolist() == [["event", event["title_ru"], "19.02.2016"]]


def test_timeline_can_be_empty(data):
    state, filtered = view(data, {"q": ["no such organisation"]})
    items = derive.timeline_items(data, filtered, state)
    assert items.empty
    assert list(items.columns) == TIMELINE_COLUMNS


def test_timeline_joinings_are_this_clusters_members_only(data):
    state, filtered = view(data)
    items = derive.timeline_items(data, filtered, state)
    orgs = raw("organisations.csv").set_index("org_id")
    joined = set(items.loc[items["group"] == "joining", "org_ids"].map(tuple).sum())
    assert joined == set(orgs.index[orgs["status"].isin(JOINING) & (orgs["joined"] != "")])
    other = items[items["title"].str.endswith(" — участник межрегионального авиакластера (2019)")]
    assert len(other) == 10 and set(other["group"]) == {"context"}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_timeline_labels_come_from_the_data(data, lang):
    state, filtered = view(data, {"lang": [lang]})
    items = derive.timeline_items(data, filtered, state)
    expected = {}
    for table, date in (("agreements.csv", "signed"), ("events.csv", "date")):
        rows = raw(table)
        expected.update({label: pd.Timestamp(day) for label, day in zip(rows[f"label_{lang}"], rows[date],
                                                                           strict=True) if label})
    labelled = items[items["label"] != ""]
    assert dict(zip(labelled["label"], labelled["date"], strict=True)) == expected
    assert len(expected) == 7
    founding = raw("agreements.csv").set_index("agreement_id").loc["founding-2014"]
    assert labelled["label"].iloc[0] == founding[f"label_{lang}"]
    assert labelled["date"].iloc[0] == pd.Timestamp("2014-11-20")


def test_timeline_labels_keep_to_the_filters(data):
    state, filtered = view(data, {"from": ["2019"], "to": ["2020"]})
    items = derive.timeline_items(data, filtered, state)
    assert list(items.loc[items["label"] != "", "label"]) == ["Межрегиональный авиакластер", "Завод ПРОМТЕХ-Иркутск"]


def overlapping(a: tuple[float, float], b: tuple[float, float], gap: float) -> bool:
    return a[0] < b[1] + gap and b[0] < a[1] + gap


def label_spans(positions, widths, places) -> list[tuple[float, float]]:
    return [(x - w, x) if place.ends_at_point else (x, x + w)
            for x, w, place in zip(positions, widths, places, strict=True)]


@pytest.mark.parametrize("seed", range(30))
def test_milestone_labels_never_overlap(seed):
    rng = np.random.default_rng(seed)
    positions = rng.uniform(0, 1, rng.integers(1, 15)).tolist()
    widths = rng.uniform(0.05, 0.4, len(positions)).tolist()
    places = derive.timeline_label_places(positions, widths, gap=0.01)
    spans = label_spans(positions, widths, places)
    for i, j in itertools.combinations(range(len(positions)), 2):
        if places[i].line == places[j].line:
            assert not overlapping(spans[i], spans[j], 0.01)
    assert all(start >= 0 and end <= 1 for start, end in spans)


@pytest.mark.parametrize("seed", range(30))
def test_no_leader_crosses_a_label_when_the_points_stand_apart(seed):
    """A leader drops from its label through every line below it to its point."""
    rng = np.random.default_rng(seed)
    gap = 0.01
    positions = np.cumsum(rng.uniform(2 * gap, 0.15, rng.integers(1, 10))).tolist()
    positions = [x for x in positions if x < 0.9]
    widths = [min(w, 1 - x) for x, w in zip(positions, rng.uniform(0.05, 0.35, len(positions)), strict=False)]
    places = derive.timeline_label_places(positions, widths, gap)
    spans = label_spans(positions, widths, places)
    for i, j in itertools.permutations(range(len(positions)), 2):
        if places[i].line < places[j].line:
            assert not spans[j][0] - gap <= positions[i] <= spans[j][1] + gap
        if places[i].line == places[j].line:
            assert not overlapping(spans[i], spans[j], gap)


def test_milestone_labels_by_hand():
    places = derive.timeline_label_places([0.0, 0.05, 0.1, 0.5, 0.95], [0.2] * 5, gap=0.01)
    assert [place.line for place in places] == [0, 1, 2, 0, 0]
    assert [place.ends_at_point for place in places] == [False, False, False, False, True]
    # the label of the leader a lower label would cover takes a new line instead
    places = derive.timeline_label_places([0.0, 0.3, 0.35], [0.32, 0.2, 0.2], gap=0.01)
    assert [place.line for place in places] == [0, 1, 2]
    # two milestones on one day cannot avoid a leader: their labels still never overlap
    places = derive.timeline_label_places([0.4, 0.4], [0.2, 0.2], gap=0.01)
    assert [place.line for place in places] == [0, 1]
    assert derive.timeline_label_places([], [], gap=0.01) == []


# ---------------------------------------------------------------------------------------------------------
# map
# ---------------------------------------------------------------------------------------------------------


def located_in_region(org_ids: set[str]) -> pd.DataFrame:
    orgs = raw("organisations.csv")
    settlements = raw("settlements.csv").set_index("settlement_id")
    in_region = set(settlements.index[settlements["region_code"] == "RU-IRK"])
    return orgs[orgs["org_id"].isin(org_ids) & orgs["settlement_id"].isin(in_region)]


@pytest.mark.parametrize("query", [{}, {"sector": ["cluster_support", "industrial_services"]},
                                   {"to": ["2016"]}, {"status": ["interregional_member"]}, {"q": ["Иркут"]}])
def test_map_points_group_by_settlement_and_count_group(data, query):
    _, filtered = view(data, query)
    points = derive.map_points(data, filtered, "ru")
    located = located_in_region(set(filtered.organisations["org_id"]))
    located = located.assign(group=located["status"].map(GROUP_OF_STATUS))
    expected = located.groupby(["settlement_id", "group"])["org_id"].apply(sorted).to_dict()
    got = {(r["settlement_id"], r["group"]): sorted(r["org_ids"]) for r in points.to_dict("records")}
    assert got == expected
    assert points["count"].sum() == len(located)
    assert all(len(r["org_ids"]) == r["count"] == len(r["names"]) for r in points.to_dict("records"))
    assert not points.duplicated(["settlement_id", "group"]).any()


def test_map_points_default_by_hand(data):
    _, filtered = view(data)
    points = derive.map_points(data, filtered, "ru")
    assert points["count"].sum() == 12
    assert points.groupby("settlement_id")["count"].sum().to_dict() == {
        "irkutsk": 10, "shelekhov": 1, "usolye-sibirskoye": 1}
    # Town by town, and within a town in the order of counts.GROUPS; IAZ is a branch, not a member.
    assert list(zip(points["settlement_id"], points["group"], points["count"], strict=True)) == [
        ("irkutsk", "members", 2), ("irkutsk", "support", 3), ("irkutsk", "expected", 1),
        ("irkutsk", "other_cluster", 3), ("irkutsk", "branches", 1), ("shelekhov", "expected", 1),
        ("usolye-sibirskoye", "members", 1)]
    support = points[(points["settlement_id"] == "irkutsk") & (points["group"] == "support")].iloc[0]
    assert support["org_ids"] == ["cdc-irkutsk", "support-fund-irkutsk", "frp-irkutsk"]
    assert support["names"] == ["Центр кластерного развития Иркутской области",
                                "Фонд поддержки и развития предпринимательства Иркутской области",
                                "Фонд развития промышленности Иркутской области"]
    assert support["settlement"] == "Иркутск"
    assert support["group_label"] == "Орган поддержки"
    assert points.loc[0, "group_label"] == "Участники кластера"
    english = derive.map_points(data, filtered, "en")
    assert set(english["settlement"]) == {"Irkutsk", "Shelekhov", "Usol’ye-Sibirskoye"}
    assert set(english["group_label"]) == {"Cluster members", "Support body", "Expected participant",
                                           "Member of the 2019 interregional aviation cluster",
                                           "Branch of a participant"}


def test_map_points_positions(data):
    _, filtered = view(data)
    points = derive.map_points(data, filtered, "ru")
    settlements = raw("settlements.csv").set_index("settlement_id")
    for row in points.to_dict("records"):
        assert row["town_lat"] == pytest.approx(float(settlements.loc[row["settlement_id"], "lat"]))
        assert row["town_lon"] == pytest.approx(float(settlements.loc[row["settlement_id"], "lon"]))


def test_every_count_group_has_a_map_style_and_a_name():
    assert set(derive.MAP_GROUP_STYLE) == set(GROUPS)
    # no two groups look alike
    assert len(set(derive.MAP_GROUP_STYLE.values())) == len(GROUPS)
    for lang in ("ru", "en"):
        names = [derive.group_label(group, lang) for group in GROUPS]
        assert len(set(names)) == len(GROUPS) and all(names)


def test_outside_the_region_is_not_on_the_map(data):
    _, filtered = view(data)
    points = derive.map_points(data, filtered, "ru")
    on_map = {org for ids in points["org_ids"] for org in ids}
    assert not on_map & {"uac", "irkut", "fcpf", "frp", "promtech", "gidromash", "aviastar-sp"}
    elsewhere = derive.organisations_elsewhere(data, filtered, "ru")
    assert elsewhere["outside"] == {
        # a support body is no member, and says so
        "Москва": [("uac", "ОАК"), ("irkut", "«Яковлев»"), ("fcpf", "ФЦПФ"), ("frp", "ФРП (орган поддержки)")],
        "Дубна": [("promtech", "«Промтех»")],
        "Нижний Новгород": [("gidromash", "НОАО «Гидромаш» (участник межрегионального авиакластера (2019))")],
        "Ульяновск": [("aviastar-sp", "«Авиастар-СП» (участник межрегионального авиакластера (2019))")],
    }
    orgs = raw("organisations.csv")
    assert [org for org, _ in elsewhere["unlocated"]] == list(orgs.loc[orgs["settlement_id"] == "", "org_id"])
    assert ("bi-pitron", "ООО «БИ ПИТРОН»") in elsewhere["unlocated"]  # no short name: the full one
    # Every organisation is in exactly one place.
    outside = {org for entries in elsewhere["outside"].values() for org, _ in entries}
    unlocated = {org for org, _ in elsewhere["unlocated"]}
    assert len(on_map) + len(outside) + len(unlocated) == len(filtered.organisations) == 27
    assert on_map | outside | unlocated == set(filtered.organisations["org_id"])


def test_outside_the_region_in_english_and_filtered(data):
    _, filtered = view(data, {"sector": ["components"], "lang": ["en"]})
    elsewhere = derive.organisations_elsewhere(data, filtered, "en")
    assert elsewhere["outside"] == {"Dubna": [("promtech", "Promtech")],
                                    "Nizhniy Novgorod": [("gidromash", "Gidromash (NOAO) (member of the 2019 "
                                                                       "interregional aviation cluster)")]}
    assert [org for org, _ in elsewhere["unlocated"]] == [
        "rost-avia", "teploobmennik", "aerocomposit-ulyanovsk", "promtekh-ulyanovsk", "spektr-avia"]


def test_empty_map(data):
    _, filtered = view(data, {"settlement": ["moscow"]})
    points = derive.map_points(data, filtered, "ru")
    assert points.empty
    assert "org_ids" in points.columns


# ---------------------------------------------------------------------------------------------------------
# growth
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [{}, {"to": ["2016"]}, {"to": ["2018"]}, {"sector": ["aircraft", "components"]},
                                   {"from": ["2019"], "to": ["2022"]}])
def test_growth_series_is_cumulative(data, query):
    state, filtered = view(data, query)
    series = derive.growth_series(data, filtered, state)
    end = min(pd.Timestamp("2026-11-26"), pd.Timestamp(year=state.year_to, month=12, day=31))
    orgs = raw("organisations.csv")
    participants = orgs[orgs["status"].isin(PARTICIPANTS) & orgs["org_id"].isin(filtered.organisations["org_id"])]
    expected_last = {sector: sum(pd.Timestamp(j) <= end for j in group["joined"])
                     for sector, group in participants.groupby("sector")}
    expected_last = {s: n for s, n in expected_last.items() if n}
    last = series.groupby("sector")["count"].last().to_dict()
    assert last == expected_last
    dates = None
    for _, rows in series.groupby("sector"):
        assert rows["count"].is_monotonic_increasing
        assert rows["date"].is_monotonic_increasing
        assert rows["date"].iloc[-1] == end
        dates = list(rows["date"]) if dates is None else dates
        assert list(rows["date"]) == dates  # every sector on the same dates, so they stack
    assert pd.Timestamp("2014-11-20") in dates


def test_growth_series_steps_by_hand(data):
    state, filtered = view(data)
    series = derive.growth_series(data, filtered, state)
    aircraft = series[series["sector"] == "aircraft"]
    assert dict(zip(aircraft["date"].dt.strftime("%Y-%m-%d"), aircraft["count"], strict=True)) == {
        "2014-11-20": 2, "2015-08-01": 2, "2018-12-01": 2, "2026-11-26": 2}  # UAC and Yakovlev; IAZ is a branch
    assert series.groupby("sector")["count"].last().sum() == 8
    # Sectors without a named participant have no series (they would only add empty layers): cluster support
    # has support bodies only.
    assert set(series["sector"]) == {"aircraft", "components", "education_research",
                                     "finance_development", "government", "infrastructure", "unspecified"}


def test_growth_series_does_not_start_before_the_launch(data):
    state, filtered = view(data)
    series = derive.growth_series(data, filtered, state)
    assert series["date"].min() == pd.Timestamp("2014-11-20")


def test_growth_series_without_participants(data):
    state, filtered = view(data, {"sector": ["electrical"]})
    series = derive.growth_series(data, filtered, state)
    assert series.empty
    assert list(series.columns) == ["date", "sector", "count"]


def test_reported_counts(data):
    _, filtered = view(data)
    counts = raw("membership_counts.csv")
    participants = counts[counts["counted"] == "participants"]
    ru = derive.reported_counts(data, filtered, "ru")
    assert list(ru["count_id"]) == ["participants-2018-12", "participants-krio"]
    assert list(ru["label"]) == ["около 40", "76"]
    assert list(ru["date_label"]) == ["12.2018", "не ранее 04.2022"]
    assert list(ru["source"]) == [urls.split()[0] for urls in participants["source_urls"]]
    assert list(ru["source_name"]) == ["uprom.tech", "krio.devindex.ru"]
    # what the source says, as the row's notes open
    assert list(ru["wording"]) == [
        "«…около сорока предприятий и организаций Приангарья»",
        "«Машиностроительный (76 участников)» в списке территориальных кластеров"]
    en = derive.reported_counts(data, filtered, "en")
    assert list(en["label"]) == ["about 40", "76"]
    assert list(en["date_label"]) == ["Dec 2018", "not before Apr 2022"]
    assert en["wording"].iloc[0] == "\"…about forty enterprises and organisations of Priangarye\""


@pytest.mark.parametrize(("text", "first"), [
    ("Около 40 предприятий. Архивная копия усечена.", "Около 40 предприятий"),
    ("  One only.  ", "One only"),
    ("Asked? Yes.", "Asked?"),
    ("", ""),
])
def test_first_sentence(text, first):
    assert derive.first_sentence(text) == first


def test_reported_counts_do_not_follow_the_organisation_filters(data):
    _, whole = view(data)
    _, electrical = view(data, {"sector": ["electrical"], "status": ["founder"], "q": "Иркут"})
    assert list(derive.reported_counts(data, electrical, "ru")["count_id"]) == \
        list(derive.reported_counts(data, whole, "ru")["count_id"])


def test_growth_summary_names_the_sources_and_says_when_a_filter_does_not_apply(data):
    state, filtered = view(data, {"sector": ["aircraft"]})
    series, reported = derive.growth_series(data, filtered, state), derive.reported_counts(data, filtered, "ru")
    assert derive.growth_summary(series, reported, "ru") == (
        "Названо участников к концу периода: 2. Заявленное число участников: около 40 (12.2018, uprom.tech); "
        "76 (не ранее 04.2022, krio.devindex.ru).")
    assert derive.growth_summary(series, reported, "ru", filters_organisations=True).endswith(
        "krio.devindex.ru). Заявленные числа — по всему кластеру: фильтры, кроме периода, на них не действуют.")
    # nothing reported in the period: nothing to warn about
    state, filtered = view(data, {"sector": ["aircraft"], "to": ["2016"]})
    quiet = derive.growth_summary(derive.growth_series(data, filtered, state),
                                  derive.reported_counts(data, filtered, "en"), "en", filters_organisations=True)
    assert quiet == "Participants named by the end of the period: 2. Reported numbers of participants: —."


def test_reported_counts_follow_the_period(data):
    _, filtered = view(data, {"to": ["2020"]})
    assert list(derive.reported_counts(data, filtered, "ru")["count_id"]) == ["participants-2018-12"]
    _, filtered = view(data, {"to": ["2017"]})
    assert derive.reported_counts(data, filtered, "ru").empty


# ---------------------------------------------------------------------------------------------------------
# KPIs
# ---------------------------------------------------------------------------------------------------------


def test_kpis_default(data):
    _, filtered = view(data)
    orgs = raw("organisations.csv")
    amounts = pd.to_numeric(raw("projects.csv")["amount_rub"].replace("", None)).dropna()
    assert orgs["status"].isin(PARTICIPANTS).sum() == 8
    assert amounts.sum() == 25_440_000_000 and len(amounts) == 2
    assert derive.kpis(data, filtered, "ru") == {
        "kpi-participants": ("8", members_note("ru")),
        "kpi-reported": ("76", KRIO_RU),
        "kpi-agreements": (str(len(raw("agreements.csv"))), ""),
        "kpi-projects": (str(len(raw("projects.csv"))), ""),
        "kpi-investment": ("25,4 млрд ₽", "сумма указанных в источниках сумм, 2 пр."),
    }
    assert derive.kpis(data, filtered, "en") == {
        "kpi-participants": ("8", members_note("en")),
        "kpi-reported": ("76", KRIO_EN),
        "kpi-agreements": ("6", ""),
        "kpi-projects": ("7", ""),
        "kpi-investment": ("RUB 25.4 bn", "sum of stated amounts, 2 proj."),
    }


@pytest.mark.parametrize("sectors", [["components"], ["aircraft"], ["electrical"], ["education_research"],
                                     ["government", "finance_development"]])
def test_kpis_for_a_sector(data, sectors):
    _, filtered = view(data, {"sector": sectors})
    orgs = raw("organisations.csv")
    chosen = orgs[orgs["sector"].isin(sectors)]
    org_ids = set(chosen["org_id"])
    projects = raw("projects.csv")
    projects = projects[projects["project_id"].isin(linked("project_participants.csv", "project_id", org_ids))]
    amounts = pd.to_numeric(projects["amount_rub"].replace("", None)).dropna()
    kpis = derive.kpis(data, filtered, "ru")
    assert kpis["kpi-participants"] == (str(chosen["status"].isin(PARTICIPANTS).sum()), members_note("ru"))
    assert kpis["kpi-agreements"] == (str(len(linked("agreement_parties.csv", "agreement_id", org_ids))), "")
    assert kpis["kpi-projects"] == (str(len(projects)), "")
    if len(amounts):
        total = amounts.sum()
        value = f"{total / 1e9:.1f}".replace(".", ",").removesuffix(",0") + " млрд ₽" if total >= 1e9 else \
            f"{total / 1e6:.1f}".replace(".", ",").removesuffix(",0") + " млн ₽"
        assert kpis["kpi-investment"] == (value, f"сумма указанных в источниках сумм, {len(amounts)} пр.")
    else:
        assert kpis["kpi-investment"] == ("нет данных", "")
    # The reported count is about the whole cluster.
    assert kpis["kpi-reported"] == ("76", KRIO_RU)


def test_kpis_for_components_by_hand(data):
    _, filtered = view(data, {"sector": ["components"]})
    assert derive.kpis(data, filtered, "en") == {
        "kpi-participants": ("1", members_note("en")),
        "kpi-reported": ("76", KRIO_EN),
        # Promtech's investment agreement and plant; the interregional agreement and project name no component maker
        "kpi-agreements": ("1", ""),
        "kpi-projects": ("1", ""),
        "kpi-investment": ("RUB 440 m", "sum of stated amounts, 1 proj."),
    }


def test_kpis_for_an_early_period(data):
    _, filtered = view(data, {"to": ["2017"]})
    kpis = derive.kpis(data, filtered, "ru")
    assert kpis["kpi-reported"] == ("—", "")
    assert kpis["kpi-agreements"] == ("4", "")
    assert kpis["kpi-investment"] == ("440 млн ₽", "сумма указанных в источниках сумм, 1 пр.")
    _, filtered = view(data, {"from": ["2018"], "to": ["2020"]})
    assert derive.kpis(data, filtered, "en")["kpi-reported"] == ("about 40",
                                                                 reported_note("en", "Dec 2018", "uprom.tech"))


# ---------------------------------------------------------------------------------------------------------
# table rows
# ---------------------------------------------------------------------------------------------------------


def test_agreement_rows(data):
    _, filtered = view(data)
    rows = derive.agreement_rows(data, filtered, "ru")
    assert [r["date_sort"] for r in rows] == sorted(r["date_sort"] for r in rows)
    assert len(rows) == 6
    founding = rows[0]
    assert founding["date"] == "20.11.2014"
    assert founding["kind"] == "Создание кластера"
    assert founding["parties"] == "Правительство Иркутской области, ФЦПФ, ОАК, «Яковлев», ИРНИТУ"
    assert founding["sources"] == raw("agreements.csv")["source_urls"].iloc[0].split()
    assert founding["amount"] == ""
    english = derive.agreement_rows(data, filtered, "en")
    assert english[-1]["scope"] == "Interregional aviation cluster (2019)"
    assert english[-1]["date"] == "14 Feb 2019"


def test_project_rows(data):
    _, filtered = view(data, {"lang": ["en"]})
    rows = {r["title"]: r for r in derive.project_rows(data, filtered, "en")}
    projects = raw("projects.csv").set_index("project_id")
    plant = rows[projects.loc["promtekh-irkutsk-plant", "title_en"]]
    assert plant["amount"] == f"RUB 440 m ({projects.loc['promtekh-irkutsk-plant', 'amount_note_en']})"
    assert plant["participants"] == "Promtech, PROMTEKH-Irkutsk, Yakovlev, IAZ, FRP, Regional FRP"
    assert plant["status"] == "Operating"
    assert plant["confidence"] == "our inference"
    assert plant["date"] == "Aug 2015"
    undated = rows[projects.loc["usolye-promtech-joint-projects", "title_en"]]
    assert (undated["date"], undated["date_sort"], undated["amount"]) == ("date unknown", "", "")


def test_member_rows(data):
    _, filtered = view(data)
    rows = {r["org_id"]: r for r in derive.member_rows(data, filtered, "ru")}
    assert len(rows) == 27
    assert rows["irkut"] | {"sources": None} == {
        "org_id": "irkut", "name": "ПАО «Яковлев»", "sector": "Авиастроение",
        "role": "Якорное предприятие", "status": "Учредитель", "settlement": "Москва", "joined": "20.11.2014",
        "joined_sort": "2014-11-20", "confidence": "указано в источнике", "sources": None}
    assert rows["bi-pitron"]["settlement"] == "—"
    exported = {r["name"]: r for r in derive.member_rows(data, filtered, "ru", exported=True)}
    assert exported["ПАО «Яковлев»"]["short"] == "«Яковлев»"
    assert rows["iaz"]["joined"] == "2014"


ROW_FUNCTIONS = {"organisations": derive.member_rows, "agreements": derive.agreement_rows,
                 "projects": derive.project_rows}


@pytest.mark.parametrize("table", list(ROW_FUNCTIONS))
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_table_rows_carry_the_keys_of_the_table_spec(data, table, lang):
    _, filtered = view(data)
    rows = ROW_FUNCTIONS[table]
    screen, exported = rows(data, filtered, lang), rows(data, filtered, lang, exported=True)
    assert len(screen) == len(exported) > 0
    assert {tuple(row) for row in screen} == {TABLES[table].row_keys(exported=False)}
    assert {tuple(row) for row in exported} == {TABLES[table].row_keys(exported=True)}
    # the files carry the very cells the screen shows
    both = set(TABLES[table].row_keys(exported=False)) & set(TABLES[table].row_keys(exported=True))
    assert [{key: row[key] for key in both} for row in screen] == [{key: row[key] for key in both} for row in exported]
    assert rows(data, filtered, lang, 2) == screen[:2]


def test_exported_member_rows_carry_the_notes(data):
    _, filtered = view(data)
    notes = raw("organisations.csv").set_index("org_id")
    for lang in ("ru", "en"):
        screen = derive.member_rows(data, filtered, lang)
        exported = derive.member_rows(data, filtered, lang, exported=True)
        for row, shown in zip(exported, screen, strict=True):
            expected = notes.loc[shown["org_id"], f"notes_{lang}"] or notes.loc[shown["org_id"], "notes_ru"]
            assert row["notes"] == expected
    assert any(row["notes"] for row in exported)
    assert all("notes" not in row for row in screen)


@pytest.mark.parametrize("query", [{}, {"sector": ["aircraft"]}, {"q": ["нет такого"]}])
def test_map_summary_counts_what_the_map_and_the_lists_beside_it_show(data, query):
    _, filtered = view(data, query)
    points = derive.map_points(data, filtered, "en")
    elsewhere = derive.organisations_elsewhere(data, filtered, "en")
    summary = derive.map_summary(data, filtered, points, "en")
    outside = sum(len(entries) for entries in elsewhere["outside"].values())
    assert summary.startswith(f"The region's map shows {counted(int(points['count'].sum()), 'organisations', 'en')}:")
    assert summary.endswith(f"Outside the region: {outside}; location not stated: {len(elsewhere['unlocated'])}.")


@pytest.mark.parametrize(("table", "key", "links"), [("agreements", "agreement_id", "agreement_parties"),
                                                     ("projects", "project_id", "project_participants"),
                                                     ("events", "event_id", "event_organisations")])
def test_timeline_items_carry_their_organisations_and_sources(data, table, key, links):
    """Each agreement, project and event lists its linked organisations in the link table's order, and the
    addresses its sources text names."""
    state, filtered = view(data)
    items = derive.timeline_items(data, filtered, state)
    link_rows = raw(f"{links}.csv")
    for row in raw(f"{table}.csv").itertuples():
        item = items[items["title"] == row.title_ru]
        assert len(item) == 1, row.title_ru
        expected = link_rows.loc[link_rows[key] == getattr(row, key), "org_id"].tolist()
        assert item["org_ids"].iloc[0] == expected
        urls = [word for word in str(row.source_urls).split() if word.startswith(("http://", "https://"))]
        assert item["sources"].iloc[0] == urls
