"""Tests for dashboard/ui/sections/network.py: the collaboration graph, its figure, summary, table and click parsing.

Expected numbers come from the CSV files read independently of the code under test (``packages.bundled_csv``
and :func:`independent_graph`), and a few are stated by hand from the files.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections import Counter

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import dcc, html

from dashboard.data import network
from dashboard.data.filters import FilteredData, apply_filters, parse_state
from dashboard.data.package import ClusterData
from dashboard.data.vocab import sector_colours
from dashboard.i18n import counted
from dashboard.ui import components, events, ids, page
from dashboard.ui.figures import base as fig_base
from dashboard.ui.figures import network as fig_network
from dashboard.ui.sections import network as network_section
from dashboard.ui.sections.profile import MAX_ORG_ID
from dashboard.ui.view import View
from tests import packages as pk
from tests.dash_requests import text_table_rows

NBSP = "\u00a0"
# The four founders-and-financiers core, from agreement_parties.csv and project_participants.csv by hand:
# all four are parties of founding-2014 and management-2015 and participants of irkut-industrial-park,
# technopark-centres and staff-training (2 + 3 = 5); the government and Yakovlev also share
# interregional-2019 (6).
CORE_WEIGHTS = {
    ("gov-irkutsk", "irkut"): (3, 3),
    ("gov-irkutsk", "uac"): (2, 3),
    ("fcpf", "gov-irkutsk"): (2, 3),
    ("irkut", "uac"): (2, 3),
    ("fcpf", "irkut"): (2, 3),
    ("fcpf", "uac"): (2, 3),
    # IRNITU: founding-2014, technopark-centres, staff-training
    ("irnitu", "uac"): (1, 2),
    # BI PITRON: its investment agreement and its investment project with the government
    ("bi-pitron", "gov-irkutsk"): (1, 1),
    # the December 2018 joining agreement only
    ("cdc-irkutsk", "usolye-promtech"): (1, 0),
}
# Besides the three that share no agreement or project, nine of the ten members of the separate 2019 interregional
# cluster (all but PROMTEKH-Irkutsk, a partner of its own plant): none signed its agreement, and the sources name no
# participant of its first project.
NO_LINKS = {"irkutskkabel", "irkutsk-relay-plant", "protsvetanie", "irkut-stankoservis", "energotsentr-irkut",
            "promtekh-ulyanovsk", "rost-avia", "gidromash", "teploobmennik", "aviastar-sp", "aerocomposit-ulyanovsk",
            "spektr-avia"}


@pytest.fixture(scope="module")
def data():
    return pk.bundled()


@pytest.fixture(scope="module")
def colours(data):
    return sector_colours(list(data.sectors["sector_id"]))


def view(data, query: dict | None = None):
    state = parse_state(query or {}, data)
    return state, apply_filters(data, state)


def graph(data, query: dict | None = None, **kwargs):
    state, filtered = view(data, query)
    return network.collaboration_graph(data, filtered, state.lang, **kwargs)


def independent_graph(org_ids: set[str] | None = None, agreements: set[str] | None = None,
                      projects: set[str] | None = None) -> Counter:
    """(a, b) with a < b -> shared agreements + projects, straight from the CSV text."""
    weights: Counter = Counter()
    for file, key, allowed in (("agreement_parties.csv", "agreement_id", agreements),
                               ("project_participants.csv", "project_id", projects)):
        groups: dict[str, set[str]] = {}
        for row in pk.bundled_csv(file).to_dict("records"):
            if allowed is not None and row[key] not in allowed:
                continue
            if org_ids is not None and row["org_id"] not in org_ids:
                continue
            groups.setdefault(row[key], set()).add(row["org_id"])
        for members in groups.values():
            weights.update(itertools.combinations(sorted(members), 2))
    return weights


def as_weights(edges: pd.DataFrame) -> dict[tuple[str, str], int]:
    return {(s, t): int(w) for s, t, w in zip(edges["source"], edges["target"], edges["weight"], strict=True)}


def node_traces(fig: go.Figure) -> list:
    return [t for t in fig.data if t.mode == "markers+text"]


# ---------------------------------------------------------------------------------------------------------
# the graph on the bundled data
# ---------------------------------------------------------------------------------------------------------


def test_bundled_graph_matches_the_csv_files(data):
    nodes, edges = graph(data)
    expected = independent_graph()
    assert as_weights(edges) == dict(expected)
    assert len(edges) == 34
    linked = {org for pair in expected for org in pair}
    assert set(nodes["org_id"]) == linked
    assert len(nodes) == 15
    assert set(pk.bundled_csv("organisations.csv")["org_id"]) - linked == NO_LINKS
    assert network.left_out(nodes) == 0
    assert edges.attrs["skipped_groups"] == 0
    assert list(nodes.columns) == network.NODE_COLUMNS
    assert list(edges.columns) == network.EDGE_COLUMNS


def test_weights_and_kinds_stated_by_hand(data):
    _, edges = graph(data)
    by_pair = edges.set_index(["source", "target"])
    for pair, (agreements, projects) in CORE_WEIGHTS.items():
        row = by_pair.loc[pair]
        assert (row["agreements"], row["projects"], row["weight"]) == (agreements, projects, agreements + projects)
        kinds = tuple(k for k, n in (("agreement", agreements), ("project", projects)) if n)
        assert row["kinds"] == kinds
    # usolye-promtech-joint-projects names a single participant: it links nobody
    assert not ((edges["source"] == "usolye-promtech") & (edges["target"] != "support-fund-irkutsk")
                & (edges["projects"] > 0)).any()
    assert (edges["source"] < edges["target"]).all()


def test_degree_and_strength_are_partners_and_shared_items(data):
    nodes, _ = graph(data)
    expected = independent_graph()
    partners: Counter = Counter()
    strength: Counter = Counter()
    for (a, b), weight in expected.items():
        partners.update([a, b])
        strength[a] += weight
        strength[b] += weight
    assert dict(zip(nodes["org_id"], nodes["degree"], strict=True)) == dict(partners)
    assert dict(zip(nodes["org_id"], nodes["strength"], strict=True)) == dict(strength)
    # Yakovlev shares something with every other linked organisation except the Usolye trio, BI PITRON and itself
    assert nodes.set_index("org_id").loc["irkut", "degree"] == 15 - 1 - 3 - 1
    # best connected first
    assert list(nodes["degree"]) == sorted(nodes["degree"], reverse=True)
    assert nodes["org_id"].iloc[0] == "irkut"


def test_labels_names_and_sectors_follow_the_language(data):
    ru, _ = graph(data)
    en, _ = graph(data, {"lang": "en"})
    ru, en = ru.set_index("org_id"), en.set_index("org_id")
    assert ru.loc["uac", "label"] == "ОАК" and en.loc["uac", "label"] == "UAC"
    assert ru.loc["uac", "name"] == "ПАО «Объединённая авиастроительная корпорация»"
    assert en.loc["gov-irkutsk", "label"] == "Government of Irkutsk Oblast"  # no short name: the full name
    assert ru.loc["uac", "sector"] == "aircraft"
    assert ru.loc["uac", "sector_label"] == "Авиастроение" and en.loc["uac", "sector_label"] == "Aircraft manufacturing"
    assert (ru[["x", "y"]] == en[["x", "y"]]).all().all()  # the language changes no position


def test_sector_filter_keeps_only_that_sectors_organisations(data):
    nodes, edges = graph(data, {"sector": ["aircraft"]})
    organisations = pk.bundled_csv("organisations.csv")
    aircraft = set(organisations.loc[organisations["sector"] == "aircraft", "org_id"])
    assert set(nodes["org_id"]) <= aircraft
    assert set(nodes["sector"]) == {"aircraft"}
    # by hand: UAC–Yakovlev 2 agreements + 3 projects; IAZ shares the PROMTEKH plant with Yakovlev; Aviastar-SP
    # shares nothing
    assert as_weights(edges) == {("irkut", "uac"): 5, ("iaz", "irkut"): 1}
    assert as_weights(edges) == dict(independent_graph(org_ids=aircraft))


def test_period_filter_drops_later_agreements_and_projects(data):
    nodes, edges = graph(data, {"to": "2014"})
    agreements = pk.bundled_csv("agreements.csv")
    projects = pk.bundled_csv("projects.csv")
    early_agreements = set(agreements.loc[agreements["signed"] < "2015", "agreement_id"])
    early_projects = set(projects.loc[(projects["started"] < "2015") | (projects["started"] == ""), "project_id"])
    assert early_agreements == {"founding-2014"}
    assert as_weights(edges) == dict(independent_graph(agreements=early_agreements, projects=early_projects))
    assert set(nodes["org_id"]) == {"gov-irkutsk", "fcpf", "uac", "irkut", "irnitu", "irkut-industrial-park"}
    assert len(edges) == 14
    assert as_weights(edges)[("gov-irkutsk", "irkut")] == 4  # founding-2014 and the three 2014 projects


def test_a_single_organisation_has_no_links(data):
    nodes, edges = graph(data, {"q": "ИРНИТУ"})
    assert nodes.empty and edges.empty
    assert network.left_out(nodes) == 0


def test_max_nodes_keeps_the_best_connected(data):
    nodes, edges = graph(data, max_nodes=5)
    # degree 10, 7, 6, then degree 5: FCPF and UAC (strength 19, id order) before the PROMTEKH plant's partners
    # and the industrial park (strength 5)
    assert list(nodes["org_id"]) == ["irkut", "gov-irkutsk", "promtech", "fcpf", "uac"]
    assert network.left_out(nodes) == 15 - 5
    assert set(edges["source"]) | set(edges["target"]) <= set(nodes["org_id"])
    # every pair but Promtech with FCPF and with UAC shares an agreement or a project
    assert len(edges) == 10 - 2


def test_pair_budget_leaves_out_the_largest_groups(data, monkeypatch):
    # Pairs per group, smallest first: the three 2-party agreements (two investment ones and the 2019 one) and the
    # BI PITRON project (1 each), the Usolye joining agreement (3), the management agreement (6): 13; the next, a
    # 5-party group (10), would exceed 20, so the four 5-party groups and the 6-party PROMTEKH plant are left out.
    monkeypatch.setattr(network, "PAIR_BUDGET", 20)
    _, edges = graph(data)
    assert edges.attrs["skipped_groups"] == 5
    # the 2019 agreement's pair (the government and Yakovlev) is also one of the management agreement's
    assert len(edges) == 1 + 1 + 3 + 6
    weights = as_weights(edges)
    assert weights[("bi-pitron", "gov-irkutsk")] == 2
    assert weights[("gov-irkutsk", "irkut")] == 2
    assert weights[("irkut", "uac")] == 1
    assert ("irnitu", "uac") not in weights


# ---------------------------------------------------------------------------------------------------------
# a synthetic registry built here: the MAX_NODES bound
# ---------------------------------------------------------------------------------------------------------


def synthetic(n_orgs: int, seed: int = 7) -> tuple[ClusterData, FilteredData]:
    """A ring of bilateral agreements (every organisation has 2 partners) plus projects that give the first
    organisations more partners: organisation i < 60 takes part in projects with 60 - i others."""
    rng = np.random.default_rng(seed)
    ids = [f"org{i:05d}" for i in range(n_orgs)]
    sectors = ["alpha", "beta", "gamma"]
    organisations = pd.DataFrame({"org_id": ids, "name_ru": [f"Организация {i}" for i in range(n_orgs)],
                                  "name_en": [f"Organisation {i}" for i in range(n_orgs)],
                                  "short_name_ru": None, "short_name_en": None,
                                  "sector": [sectors[i % 3] for i in range(n_orgs)]})
    parties = [(f"a{i}", org) for i in range(n_orgs) for org in (ids[i], ids[(i + 1) % n_orgs])]
    participants = []
    for i in range(60):
        others = rng.choice(np.arange(100, n_orgs), size=60 - i, replace=False)
        participants += [(f"p{i}-{j}", org) for j, other in enumerate(others) for org in (ids[i], ids[other])]
    agreements = pd.DataFrame({"agreement_id": sorted({a for a, _ in parties})})
    projects = pd.DataFrame({"project_id": sorted({p for p, _ in participants})})
    events = pd.DataFrame({"event_id": pd.Series([], dtype=str)})
    data = ClusterData(meta=None, boundary={}, tables={
        "organisations": organisations, "agreements": agreements, "projects": projects, "events": events,
        "sectors": pd.DataFrame({"sector_id": sectors, "name_ru": sectors, "name_en": sectors}),
        "agreement_parties": pd.DataFrame(parties, columns=["agreement_id", "org_id"]),
        "project_participants": pd.DataFrame(participants, columns=["project_id", "org_id"]),
    })
    filtered = FilteredData(organisations=organisations, agreements=agreements, projects=projects, events=events,
                            counts=pd.DataFrame())
    return data, filtered


def test_max_nodes_bound_on_a_large_synthetic_registry():
    data, filtered = synthetic(2_000)
    nodes, edges = network.collaboration_graph(data, filtered)
    assert len(nodes) == network.MAX_NODES == 150
    assert network.left_out(nodes) == 2_000 - 150  # every organisation is on the ring
    # independent degrees: 2 on the ring, plus the projects
    degree: Counter = Counter()
    pairs = set()
    parties = data.agreement_parties.groupby("agreement_id")["org_id"].apply(sorted)
    participants = data.project_participants.groupby("project_id")["org_id"].apply(sorted)
    for members in [*parties, *participants]:
        pairs.update(itertools.combinations(members, 2))
    for a, b in pairs:
        degree.update([a, b])
    kept = set(nodes["org_id"])
    assert min(degree[o] for o in kept) >= max(degree[o] for o in degree if o not in kept)
    assert dict(zip(nodes["org_id"], nodes["degree"], strict=True)) == {o: degree[o] for o in kept}
    # the 60 project organisations have 62 - i partners (60 - i projects and two ring neighbours)
    assert nodes["org_id"].iloc[0] == "org00000" and nodes["degree"].iloc[0] == 62
    assert set(edges["source"]) | set(edges["target"]) <= kept
    assert nodes["x"].between(0, 1).all() and nodes["y"].between(0, 1).all()
    fig = go.Figure(fig_network.network_figure(nodes, edges, {"alpha": "#000"}, "en", network.left_out(nodes)))
    assert sum(len(t.x) for t in node_traces(fig)) == 150
    assert "Organisations with links: 2,000; showing the 150 with the most partners" in [
        a.text for a in fig.layout.annotations]


def test_layout_switches_to_a_circle_above_spring_max(monkeypatch):
    monkeypatch.setattr(network, "SPRING_MAX", 10)
    ids = [f"n{i:02d}" for i in range(30)]
    ring = pd.DataFrame({"source": ids, "target": ids[1:] + ids[:1], "weight": 1})
    x, y = network.layout_positions(ids, ring)
    radius = np.hypot(x - 0.5, y - 0.5)
    assert np.allclose(radius, radius[0])  # every node on one circle


# ---------------------------------------------------------------------------------------------------------
# layout: bounds and determinism
# ---------------------------------------------------------------------------------------------------------


def test_positions_are_normalised_and_components_do_not_overlap(data):
    nodes, _ = graph(data)
    assert nodes["x"].between(0, 1).all() and nodes["y"].between(0, 1).all()
    spans = (nodes["x"].max() - nodes["x"].min(), nodes["y"].max() - nodes["y"].min())
    assert max(spans) == pytest.approx(1.0)
    # the Usolye trio is a component of its own, packed beside the big one, not on top of it
    usolye = nodes["org_id"].isin(["usolye-promtech", "cdc-irkutsk", "support-fund-irkutsk"])
    trio, rest = nodes[usolye], nodes[~usolye]
    apart_x = trio["x"].min() > rest["x"].max() or trio["x"].max() < rest["x"].min()
    apart_y = trio["y"].min() > rest["y"].max() or trio["y"].max() < rest["y"].min()
    assert apart_x or apart_y


def test_layout_is_deterministic(data):
    first, _ = graph(data)
    second, _ = graph(data)
    pd.testing.assert_frame_equal(first, second)


POSITIONS_SCRIPT = """
import json
from dashboard.data.package import load_package
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data import network
data = load_package({path!r})
nodes, _ = network.collaboration_graph(data, apply_filters(data, parse_state({{}}, data)))
print(json.dumps({{o: [x, y] for o, x, y in zip(nodes["org_id"], nodes["x"], nodes["y"])}}))
"""


def test_layout_is_the_same_in_another_process_with_another_hash_seed(data):
    """Two gunicorn workers must draw the same picture: no layout input may depend on set order."""
    nodes, _ = graph(data)
    mine = {o: [x, y] for o, x, y in zip(nodes["org_id"], nodes["x"], nodes["y"], strict=True)}
    for seed in ("12345",):
        out = subprocess.run([sys.executable, "-c", POSITIONS_SCRIPT.format(path=str(pk.BUNDLED))],
                             capture_output=True, text=True, check=True, timeout=120,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        theirs = json.loads(out.stdout)
        assert theirs.keys() == mine.keys()
        for org, (x, y) in mine.items():
            assert theirs[org] == pytest.approx([x, y], abs=1e-12), org


# ---------------------------------------------------------------------------------------------------------
# figure
# ---------------------------------------------------------------------------------------------------------


def test_figure_has_one_node_trace_per_sector_with_the_right_points(data, colours):
    nodes, edges = graph(data)
    fig = go.Figure(fig_network.network_figure(nodes, edges, colours, "ru"))
    organisations = pk.bundled_csv("organisations.csv").set_index("org_id")
    linked = {org for pair in independent_graph() for org in pair}
    per_sector = Counter(organisations.loc[sorted(linked), "sector"])
    assert per_sector == {"components": 2, "aircraft": 3, "finance_development": 3, "infrastructure": 2,
                          "cluster_support": 2, "government": 1, "education_research": 1, "unspecified": 1}
    traces = node_traces(fig)
    sector_of_trace = {t.name: t for t in traces}
    sectors = pk.bundled_csv("sectors.csv").set_index("sector_id")
    assert len(traces) == len(per_sector)
    for sector, count in per_sector.items():
        name = sectors.loc[sector, "name_ru"].split(" (")[0]  # the legend drops the parenthesised part
        trace = sector_of_trace[name]
        assert len(trace.x) == count
        assert trace.marker.color == colours[sector]
        in_sector = set(organisations.index[organisations["sector"] == sector])
        assert {row[0] for row in trace.customdata} == linked & in_sector
        assert trace.type == "scatter"
    # traces follow the package's sector order (the legend order)
    order = [s for s in colours if s in per_sector]
    assert [t.name for t in traces] == [sectors.loc[s, "name_ru"].split(" (")[0] for s in order]


def test_figure_edges_are_one_none_separated_line_trace(data, colours):
    nodes, edges = graph(data)
    fig = go.Figure(fig_network.network_figure(nodes, edges, colours, "en"))
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) == 1
    xs = np.asarray(lines[0].x, dtype=float)
    assert len(xs) == 3 * 34
    assert np.isnan(xs[2::3]).all() and not np.isnan(xs[0::3]).any() and not np.isnan(xs[1::3]).any()
    assert lines[0].hoverinfo == "skip" and lines[0].showlegend is False
    assert all(t.type == "scatter" for t in fig.data)  # SVG, no WebGL


def test_figure_hover_size_customdata_and_axes(data, colours):
    nodes, edges = graph(data, {"lang": "en"})
    fig = go.Figure(fig_network.network_figure(nodes, edges, colours, "en"))
    aircraft = next(t for t in node_traces(fig) if t.name == "Aircraft manufacturing")
    rows = {row[0]: list(row) for row in aircraft.customdata}
    assert rows["uac"] == ["uac", "United Aircraft Corporation (PJSC UAC)", "Aircraft manufacturing", "5"]
    assert aircraft.hovertemplate == ("<b>%{customdata[1]}</b><br>%{customdata[2]}<br>Partners: %{customdata[3]}"
                                      "<extra></extra>")
    sizes = dict(zip((r[0] for r in aircraft.customdata), aircraft.marker.size, strict=True))
    # area grows with the number of partners: 9 px plus up to 21 px for the best connected (Yakovlev, 10)
    assert sizes["irkut"] == pytest.approx(30)
    assert sizes["iaz"] == pytest.approx(9 + 21 * np.sqrt(5 / 10))
    assert sizes["uac"] == pytest.approx(9 + 21 * np.sqrt(5 / 10))
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
    assert not fig.layout.annotations


def test_figure_names_at_most_labelled_nodes_without_overlaps(data, colours):
    nodes, edges = graph(data)
    fig = go.Figure(fig_network.network_figure(nodes, edges, colours, "ru"))
    shown = [text for t in node_traces(fig) for text in t.text if text]
    assert 0 < len(shown) <= fig_network.LABELLED
    assert "«Яковлев»" in shown  # the best connected node is always named
    assert all(len(text) <= fig_network.LABEL_CHARS for text in shown)


def test_empty_figure_says_so(data, colours):
    for lang, text in (("ru", "Под выбранные фильтры ничего не подходит. Расширьте период или снимите часть фильтров."),
                       ("en", "Nothing matches the filters. Widen the period or clear some of the filters.")):
        nodes, edges = graph(data, {"q": "ИРНИТУ", "lang": lang})
        fig = go.Figure(fig_network.network_figure(nodes, edges, colours, lang))
        assert [a.text.replace("<br>", " ") for a in fig.layout.annotations] == [text]
        assert not node_traces(fig) and not fig.data
        assert fig.layout.height == fig_network.EMPTY_HEIGHT


def test_organisations_without_shared_work_say_how_to_see_links(data, colours):
    nodes, edges = graph(data)
    alone = nodes.head(3)
    fig = go.Figure(fig_network.network_figure(alone, edges.iloc[:0], colours, "ru"))
    assert [a.text for a in fig.layout.annotations] == [
        "Нет общих соглашений и проектов<br>Расширьте период или снимите часть фильтров, чтобы увидеть связи."]
    assert len(node_traces(fig)) >= 1


def test_left_out_and_skipped_annotations(data, colours):
    nodes, edges = graph(data, max_nodes=5)
    fig = go.Figure(fig_network.network_figure(nodes, edges, colours, "ru", network.left_out(nodes), skipped_groups=2))
    assert [a.text for a in fig.layout.annotations] == [
        "Организаций со связями: 15; показаны 5 с наибольшим числом партнёров",
        "Соглашений и проектов с очень большим числом участников, не показанных связями: 2",
    ]
    assert sum(len(t.x) for t in node_traces(fig)) == 5


# ---------------------------------------------------------------------------------------------------------
# summary, nouns, table, click
# ---------------------------------------------------------------------------------------------------------


def test_summary_sentences(data):
    nodes, edges = graph(data)
    assert network.network_summary(nodes, edges, "ru") == (
        "15 организаций, 34 связи; больше всего партнёров у «Яковлев» (10), Правительство Иркутской области (7) и "
        "«Промтех» (6).")
    nodes, edges = graph(data, {"lang": "en", "sector": ["aircraft"]})
    assert network.network_summary(nodes, edges, "en") == (
        "3 organisations, 2 links; most partners: Yakovlev (2), UAC (1) and IAZ (1).")
    nodes, edges = graph(data, max_nodes=5)
    assert network.network_summary(nodes, edges, "ru").endswith(
        " Организаций со связями: 15; показаны 5 с наибольшим числом партнёров.")
    nodes, edges = graph(data, {"q": "ИРНИТУ"})
    assert network.network_summary(nodes, edges, "ru") == "Нет общих соглашений и проектов"


@pytest.mark.parametrize(("n", "ru", "en"), [
    (1, "1 организация", "1 organisation"),
    (2, "2 организации", "2 organisations"),
    (5, "5 организаций", "5 organisations"),
    (11, "11 организаций", "11 organisations"),
    (14, "14 организаций", "14 organisations"),
    (21, "21 организация", "21 organisations"),
    (24, "24 организации", "24 organisations"),
    (111, "111 организаций", "111 organisations"),
    (1000, f"1{NBSP}000 организаций", "1,000 organisations"),
])
def test_organisations_counted(n, ru, en):
    assert counted(n, "organisations", "ru") == ru
    assert counted(n, "organisations", "en") == en


def test_link_table_lists_partners_with_shared_counts(data):
    nodes, edges = graph(data)
    header, *body = text_table_rows(components.text_table(*network.link_rows(nodes, edges, "ru")).children)
    assert header == ["Организация", "Партнёров", "Партнёры (общих соглашений и проектов)"]
    assert len(body) == 15
    cells = {row[0]: row for row in body}
    irnitu = cells["Иркутский национальный исследовательский технический университет"]
    assert irnitu[1] == "4"
    assert irnitu[2] == "«Яковлев» (3), ОАК (3), Правительство Иркутской области (3), ФЦПФ (3)"
    pitron = cells["ООО «БИ ПИТРОН»"]
    assert (pitron[1], pitron[2]) == ("1", "Правительство Иркутской области (2)")


def clicked_org(click: object) -> str | None:
    """What the profile callback reads of a click on the network."""
    return events.point_value(click, fig_network.NODE_ORG_ID, MAX_ORG_ID)


@pytest.mark.parametrize("click", [
    None, "irkut", 42, [], {}, {"points": None}, {"points": "irkut"}, {"points": []}, {"points": [None]},
    {"points": ["irkut"]}, {"points": [{}]}, {"points": [{"customdata": "irkut"}]},
    {"points": [{"customdata": []}]}, {"points": [{"customdata": [None, "irkut"]}]},
    {"points": [{"customdata": [7]}]}, {"points": [{"customdata": [""]}]}, {"points": [{"customdata": ["  "]}]},
    {"points": [{"customdata": [{"org": "irkut"}]}]}, {"points": [{"customdata": ["x" * 1000]}]},
])
def test_click_org_id_refuses_garbage(click):
    assert clicked_org(click) is None


def test_click_org_id_reads_a_node_click(data, colours):
    click = {"points": [{"curveNumber": 1, "pointNumber": 0,
                         "customdata": ["irkut", "ПАО «Яковлев»", "Авиастроение", "10"]}]}
    assert clicked_org(click) == "irkut"
    nodes, edges = graph(data)
    fig = go.Figure(fig_network.network_figure(nodes, edges, colours, "ru"))
    # what plotly sends for each node: its customdata row
    clicked = {clicked_org({"points": [{"customdata": list(row)}]})
               for trace in node_traces(fig) for row in trace.customdata}
    assert clicked == set(nodes["org_id"])


# ---------------------------------------------------------------------------------------------------------
# section
# ---------------------------------------------------------------------------------------------------------


def walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children] if children is not None else []:
        if hasattr(child, "to_plotly_json"):
            yield from walk(child)


def test_section_has_graph_summary_and_table_filled_by_the_page(data):
    state, filtered = view(data)
    section = network_section.layout(View(data, state))
    assert isinstance(section, html.Section) and section.id == "section-network"
    graph_component = next(p for p in walk(section) if isinstance(p, dcc.Graph))
    assert graph_component.id == "network"
    assert graph_component.config == fig_base.graph_config("ru", "klaster-set")
    assert next(p for p in walk(section) if isinstance(p, html.H2)).children == "Сеть сотрудничества"

    parts = list(walk(page.page(View(data, state))))
    graph_component = next(p for p in parts if isinstance(p, dcc.Graph) and p.id == "network")
    assert sum(len(t.x) for t in node_traces(go.Figure(graph_component.figure))) == 15
    summary = next(p for p in parts if getattr(p, "id", None) == "network-summary")
    nodes, edges = network.collaboration_graph(data, filtered, "ru")
    assert summary.children == network.network_summary(nodes, edges, "ru")
    details = next(p for p in parts if isinstance(p, html.Details) and "Таблица связей" in str(p.children[0]))
    assert details.id == ids.details(ids.NETWORK_TABLE)
    # Folded away, the table is drawn only once the details are opened.
    assert next(p for p in walk(details) if getattr(p, "id", None) == ids.NETWORK_TABLE).children is None
    assert (ids.NETWORK_TABLE, "children") not in network_section.values(View(data, state), ())
    table = network_section.values(View(data, state), network_section.FOLDED)[(ids.NETWORK_TABLE, "children")]
    assert len(text_table_rows(table.children)) == 1 + 15


def test_section_follows_the_language_and_filters(data):
    state = parse_state({"lang": "en", "sector": ["aircraft"]}, data)
    parts = list(walk(page.page(View(data, state))))
    graph_component = next(p for p in parts if isinstance(p, dcc.Graph) and p.id == "network")
    assert graph_component.config["locale"] == "en"
    assert "Collaboration network" in [p.children for p in parts if isinstance(p, html.H2)]
    assert "Table of links" in [p.children for p in parts if isinstance(p, html.Summary)]
    summary = next(p for p in parts if getattr(p, "id", None) == "network-summary")
    assert summary.children.startswith("3 organisations, 2 links")


def test_values_match_outputs(data):
    state, _ = view(data)
    values = network_section.values(View(data, state), network_section.FOLDED)
    assert tuple(values) == network_section.OUTPUTS
    assert isinstance(go.Figure(values[("network", "figure")]), go.Figure)  # valid plotly
