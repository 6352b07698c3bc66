"""One count, one definition: every view that counts the cluster's participants finds the same number under the
same filter, and no other group is ever inside it."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import comparison, counts, derive
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.data.vocab import STATUS
from dashboard.exports.tables import filtered_tables
from dashboard.i18n import t

FILTERS = [{}, {"sector": ["aircraft"]}, {"sector": ["components", "cluster_support"]}, {"q": ["Иркут"]},
           {"status": ["member", "interregional_member"]}, {"to": ["2018"]}, {"sector": ["electrical"]}]


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


def every_views_count(data, params: dict) -> dict[str, int]:
    state = parse_state({**params, "lang": ["ru"]}, data)
    filtered = apply_filters(data, state)
    end = min(pd.Timestamp(data.meta.data_as_of), pd.Timestamp(year=state.year_to, month=12, day=31))
    growth = derive.growth_series(data, filtered, state)
    member_labels = {STATUS[status].label("ru") for status in counts.GROUPS["members"]}
    organisations = filtered_tables(data, filtered, state)["organisations"]
    return {
        "kpi": int(derive.kpis(data, filtered, "ru")["kpi-participants"][0]),
        "comparison": int(comparison.compare(data, filtered, data.meta.launch_date, end.date(), "ru")
                          .sector_counts["at_b"].sum()),
        "growth": int(growth.loc[growth["date"] == growth["date"].max(), "count"].sum()) if len(growth) else 0,
        "members_table": sum(row["status"] in member_labels for row in derive.member_rows(data, filtered, "ru")),
        "export": int(organisations[t("col_status", "ru")].isin(member_labels).sum()),
        "definition": counts.count(filtered.organisations),
    }


@pytest.mark.parametrize("params", FILTERS)
def test_every_view_counts_the_same_members(data, params):
    found = every_views_count(data, params)
    assert len(set(found.values())) == 1, found


def test_the_count_is_the_members_only(data):
    orgs = data.organisations
    assert counts.count(orgs) == int(orgs["status"].isin(["founder", "member"]).sum())
    assert counts.count(orgs) < len(orgs)  # the package has support bodies, expected and other clusters' members
    for group in counts.GROUPS:
        if group != "members":
            assert not counts.in_group(counts.members(orgs)["status"], group).any()


def test_members_at_a_day_have_joined_and_not_left(data):
    orgs = data.organisations.copy()
    orgs.loc[orgs["org_id"] == "promtech", "left"] = pd.Timestamp("2018-03-01")
    named = counts.members(orgs)

    def members_at(day: str) -> set[str]:
        return set(named["org_id"][counts.present_at(named["joined"], named["left"], pd.Timestamp(day))])

    assert "promtech" in members_at("2018-02-28")
    assert "promtech" not in members_at("2018-03-01")
    assert members_at("2014-11-19") <= {"iaz"}  # only IAZ, dated 2014


def test_header_says_what_it_counts_and_that_reported_counts_differ(data):
    ru, en = derive.coverage_text(data, "ru"), derive.coverage_text(data, "en")
    named = counts.count(data.organisations)
    assert f"названные в источниках участниками или учредителями кластера: {named} организаций" in ru
    assert "около 40 (12.2018, uprom.tech), 76 (не ранее 04.2022, krio.devindex.ru)" in ru
    assert "другие меры из других источников" in ru
    assert f"name as participants or founders of the cluster: {named} organisations" in en
    assert "different measures from different sources" in en
