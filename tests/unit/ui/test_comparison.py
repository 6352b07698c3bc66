"""Period comparison: the pure computation against the CSV files read independently, the figure, the section,
and the callback over HTTP in a minimal app (the dashboard may not include the view yet)."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import replace
from pathlib import Path

import dash
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import dcc, html

from dashboard.data import comparison
from dashboard.data.comparison import compare
from dashboard.data.filters import apply_filters
from dashboard.data.live import LivePackage
from dashboard.data.package import load_package
from dashboard.data.vocab import sector_colours
from dashboard.i18n import catalogue, t
from dashboard.ui import ids
from dashboard.ui.figures import base as fig_base
from dashboard.ui.figures import comparison as fig_comparison
from dashboard.ui.sections import comparison as comparison_section
from dashboard.ui.view import PACKAGE, View
from dashboard.web.vendor import BOOTSTRAP_URL, register_vendor_routes
from tests.dash_requests import callback_body, find_callback

A, B = dt.date(2015, 1, 1), dt.date(2019, 12, 31)
CATEGORIES = comparison.CATEGORIES


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


# --- the same answers, computed straight from the CSV files with the csv module ---------------------------


class Csv:
    """The bundled tables as plain dicts; dates as ``datetime.date`` or None."""

    def __init__(self, data_dir: Path):
        self.dir = data_dir

    def rows(self, name: str) -> list[dict]:
        with open(self.dir / f"{name}.csv", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    @staticmethod
    def day(text: str) -> dt.date | None:
        return dt.date.fromisoformat(text) if text else None

    def organisations(self, sectors: set[str] | None = None) -> list[dict]:
        return [r for r in self.rows("organisations") if sectors is None or r["sector"] in sectors]

    def linked(self, table: str, key: str, org_ids: set[str]) -> set[str]:
        return {r[key] for r in self.rows(table) if r["org_id"] in org_ids}

    def expected(self, a: dt.date, b: dt.date, sectors: set[str] | None = None) -> dict:
        """Ids per category in (a, b], and named participants (founder, member) per sector at a and at b; only
        named participants join or leave the cluster."""

        def within(text: str) -> bool:
            day = self.day(text)
            return day is not None and a < day <= b

        orgs = self.organisations(sectors)
        org_ids = {r["org_id"] for r in orgs}
        movers = [r for r in orgs if r["status"] in ("founder", "member")]
        agreements = self.rows("agreements")
        projects = self.rows("projects")
        events = self.rows("events")
        if sectors is not None:
            allowed = self.linked("agreement_parties", "agreement_id", org_ids)
            agreements = [r for r in agreements if r["agreement_id"] in allowed]
            allowed = self.linked("project_participants", "project_id", org_ids)
            projects = [r for r in projects if r["project_id"] in allowed]
            allowed = self.linked("event_organisations", "event_id", org_ids)
            events = [r for r in events if r["event_id"] in allowed]

        def named_at(day: dt.date) -> dict[str, int]:
            counts: dict[str, int] = {}
            for r in orgs:
                joined, left = self.day(r["joined"]), self.day(r["left"])
                if r["status"] in ("founder", "member") and joined and joined <= day and not (left and left <= day):
                    counts[r["sector"]] = counts.get(r["sector"], 0) + 1
            return counts

        return {
            "joined": {r["org_id"] for r in movers if within(r["joined"])},
            "left": {r["org_id"] for r in movers if within(r["left"])},
            "agreements": {r["agreement_id"] for r in agreements if within(r["signed"])},
            "projects_started": {r["project_id"] for r in projects if within(r["started"])},
            "projects_finished": {r["project_id"] for r in projects if within(r["finished"])},
            "events": {r["event_id"] for r in events if within(r["date"])},
            "at_a": named_at(a),
            "at_b": named_at(b),
        }


@pytest.fixture(scope="module")
def csvs(bundled_data_dir):
    return Csv(bundled_data_dir)


def run(data, a=A, b=B, lang="ru", **params):
    state = comparison.comparison_state(data, {**params, "lang": lang})
    return compare(data, apply_filters(data, state), a, b, lang)


def keys(result, category):
    return {item.key for item in result.items(category)}


def assert_matches(result, want):
    for category in CATEGORIES:
        assert keys(result, category) == want[category], category
    counts = result.sector_counts.set_index("sector")
    assert counts["at_a"].to_dict() == {s: want["at_a"].get(s, 0) for s in counts.index}
    assert counts["at_b"].to_dict() == {s: want["at_b"].get(s, 0) for s in counts.index}
    assert set(counts.index) == set(want["at_a"]) | set(want["at_b"])
    assert (counts["change"] == counts["at_b"] - counts["at_a"]).all()


# --- compare() ---------------------------------------------------------------------------------------------


def test_2015_to_2019_matches_the_csv_files(data, csvs):
    result = run(data)
    assert_matches(result, csvs.expected(A, B))

    # The same, written out: the answers an analyst would check by hand. Only named participants join, not the
    # ten members of the 2019 interregional cluster nor the registry's specialised organisation (a support body).
    assert keys(result, "joined") == {"bi-pitron", "promtech", "usolye-promtech"}
    assert keys(result, "left") == set()
    assert keys(result, "agreements") == {"management-2015", "investment-bi-pitron-2015", "investment-promtech-2015",
                                          "joining-usolye-promtech-2018", "interregional-2019"}
    assert keys(result, "projects_started") == {"bi-pitron-investment", "promtekh-irkutsk-plant",
                                                "interregional-ms21-components"}
    assert keys(result, "events") == {"irnitu-renamed-2015", "pharma-cluster-growth-2015", "decree-779-2015",
                                      "cdc-at-maks-2015", "levchenko-statement-2016", "registry-opens-2016",
                                      "registry-entry", "promtekh-plant-opening-2019"}
    counts = result.sector_counts.set_index("sector")[["at_a", "at_b", "change"]]
    assert counts.to_dict("index") == {
        "aircraft": {"at_a": 2, "at_b": 2, "change": 0},
        "components": {"at_a": 0, "at_b": 1, "change": 1},
        "education_research": {"at_a": 1, "at_b": 1, "change": 0},
        "government": {"at_a": 1, "at_b": 1, "change": 0},
        "finance_development": {"at_a": 1, "at_b": 1, "change": 0},
        "infrastructure": {"at_a": 0, "at_b": 1, "change": 1},
        "unspecified": {"at_a": 0, "at_b": 1, "change": 1},
    }
    assert list(result.sector_counts.columns) == ["sector", "label", "at_a", "at_b", "change"]
    assert list(result.sector_counts["sector"]) == [s for s in data.sectors["sector_id"] if s in counts.index]


def test_items_are_sorted_by_date_and_labelled_with_their_precision(data):
    result = run(data)
    for category in CATEGORIES:
        dates = [item.date for item in result.items(category)]
        assert dates == sorted(dates)
    labels = {item.key: item.date_label for item in result.items("joined")}
    assert labels["promtech"] == "08.2015"
    assert "protsvetanie" not in labels  # the registry's specialised organisation is a support body
    assert "aviastar-sp" not in labels  # a member of the 2019 interregional cluster, not of this one
    assert {item.key: item.date_label for item in result.items("events")}["registry-entry"] == "не ранее 06.2016"
    promtech = next(item for item in result.items("joined") if item.key == "promtech")
    assert promtech.name == "ЗАО «Промышленные технологии» — участник"
    context = next(item for item in result.items("events") if item.key == "pharma-cluster-growth-2015")
    assert context.name.endswith("(контекст региона)")


def test_english_names_and_labels(data):
    result = run(data, lang="en")
    promtech = next(item for item in result.items("joined") if item.key == "promtech")
    assert promtech.date_label == "Aug 2015"
    assert promtech.name == "Industrial Technologies CJSC (Promtech group) — member"
    assert result.sector_counts.set_index("sector").loc["aircraft", "label"] == "Aircraft manufacturing"


def test_swapped_dates_give_the_same_comparison(data):
    forward, backward = run(data, A, B), run(data, B, A)
    assert (backward.date_a, backward.date_b) == (A, B)
    for category in CATEGORIES:
        assert backward.items(category) == forward.items(category)
    pd.testing.assert_frame_equal(backward.sector_counts, forward.sector_counts)


@pytest.mark.parametrize("sectors", [["aircraft"], ["components", "cluster_support"]])
def test_sector_filter_restricts_everything(data, csvs, sectors):
    result = run(data, sector=sectors)
    want = csvs.expected(A, B, set(sectors))
    assert_matches(result, want)
    everything = run(data)
    assert all(keys(result, c) <= keys(everything, c) for c in CATEGORIES)
    assert set(result.sector_counts["sector"]) <= set(sectors)


def test_aircraft_sector_by_hand(data):
    result = run(data, sector=["aircraft"])
    assert keys(result, "joined") == set()  # Aviastar-SP joined the interregional cluster, not this one
    assert keys(result, "agreements") == {"management-2015", "interregional-2019"}
    # UAC and Yakovlev; the Irkutsk Aviation Plant is Yakovlev's branch, not a second participant
    assert result.sector_counts[["sector", "at_a", "at_b", "change"]].values.tolist() == [["aircraft", 2, 2, 0]]


def test_status_and_search_filters_apply_too(data):
    support = run(data, status=["support_body"])
    assert support.items("joined") == [] and support.sector_counts.empty  # support bodies neither join nor count
    assert keys(support, "agreements") == {"joining-usolye-promtech-2018"}
    irkut = run(data, q="Иркут")  # current or former names, as the search of every view
    # the «Иркут» companies that joined in the period joined the interregional cluster, not this one
    assert keys(irkut, "joined") == set()
    # «Иркут» is in the names of the Irkutsk government, Irkut (now Yakovlev), its plant and IRNITU.
    assert set(irkut.sector_counts["sector"]) == {"aircraft", "education_research", "government"}


def test_interval_is_open_at_a_and_closed_at_b(data):
    # The 2015 agreements are dated 08.2015, stored as 2015-08-01: counted by that day, not the day before.
    up_to = run(data, dt.date(2015, 1, 1), dt.date(2015, 8, 1))
    assert "management-2015" in keys(up_to, "agreements")
    too_early = run(data, dt.date(2015, 1, 1), dt.date(2015, 7, 31))
    assert "management-2015" not in keys(too_early, "agreements")
    from_then = run(data, dt.date(2015, 8, 1), dt.date(2016, 1, 1))
    assert "management-2015" not in keys(from_then, "agreements")


@pytest.mark.parametrize("a, b", [(A, A), (dt.date(2017, 1, 1), dt.date(2017, 6, 30))])
def test_empty_interval_gives_empty_lists(data, a, b):
    result = run(data, a, b)
    assert all(result.items(c) == [] for c in CATEGORIES)
    assert (result.sector_counts["change"] == 0).all()
    assert (result.sector_counts["at_a"] == result.sector_counts["at_b"]).all()
    assert not result.sector_counts.empty


def test_an_organisation_that_left_is_listed_and_no_longer_counted(data, csvs):
    orgs = data.organisations.copy()
    orgs.loc[orgs["org_id"] == "promtech", ["left", "left_precision"]] = [pd.Timestamp("2018-03-01"), "month"]
    changed = replace(data, tables={**data.tables, "organisations": orgs})
    result = run(changed)
    assert keys(result, "left") == {"promtech"}
    assert next(item for item in result.items("left") if item.key == "promtech").date_label == "03.2018"
    assert "components" not in set(result.sector_counts["sector"])  # joined 08.2015, gone by 31.12.2019
    assert run(changed, A, dt.date(2018, 2, 28)).sector_counts.set_index("sector").loc["components", "at_b"] == 1


def test_filters_ignore_the_year_range_and_other_page_state(data):
    state = comparison.comparison_state(data, {"sector": ["aircraft", "bogus"], "from": "2020", "to": "2021",
                                               "q": "  Яковлев ", "lang": "en", "org": ["uac"]})
    assert (state.year_from, state.year_to) == (2014, 2026)
    assert (state.sector, state.search, state.lang) == (("aircraft",), "Яковлев", "en")
    assert getattr(state, "focus", ()) == ()


# --- untrusted input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b, want", [
    ("2015-01-01", "2019-12-31", (A, B)),
    ("2000-01-01", "2099-01-01", (dt.date(2014, 11, 20), dt.date(2026, 11, 26))),
    ("", None, (dt.date(2014, 11, 20), dt.date(2026, 11, 26))),
    ("31.12.2019", ["2019-12-31"], (dt.date(2014, 11, 20), dt.date(2026, 11, 26))),
    ("2019-02-30", 20191231, (dt.date(2014, 11, 20), dt.date(2026, 11, 26))),
    ("9" * 10000, {"$gt": 1}, (dt.date(2014, 11, 20), dt.date(2026, 11, 26))),
])
def test_dates_are_parsed_clamped_or_defaulted(data, a, b, want):
    assert comparison.parse_dates(a, b, data) == want


# --- figure ------------------------------------------------------------------------------------------------------


def test_figure_has_one_bar_trace_per_date_with_the_sector_counts(data):
    result = run(data)
    colours = sector_colours(list(data.sectors["sector_id"]))
    fig = go.Figure(fig_comparison.comparison_figure(result, colours, "ru"))
    assert [trace.type for trace in fig.data] == ["bar", "bar"]
    assert all(trace.orientation == "h" for trace in fig.data)
    counts = result.sector_counts
    assert list(fig.data[0].x) == list(counts["at_a"])
    assert list(fig.data[1].x) == list(counts["at_b"])
    assert list(fig.data[0].y) == list(fig.data[1].y) == [fig_base.wrap_label(label) for label in counts["label"]]
    assert fig.data[0].name == "Дата А: 01.01.2015"
    assert fig.data[1].name == "Дата Б: 31.12.2019"
    assert list(fig.data[1].marker.color) == [colours[s] for s in counts["sector"]]
    assert fig.layout.barmode == "group"
    base = fig_base.base_layout("ru")
    assert fig.layout.separators == base["separators"]
    assert fig.layout.font.family == base["font"]["family"]
    assert fig.layout.font.size == base["font"]["size"]


def test_english_figure_and_an_empty_one(data):
    fig = go.Figure(fig_comparison.comparison_figure(run(data, lang="en"), {}, "en"))
    assert fig.data[0].name == "Date A: 1 Jan 2015"
    assert fig.layout.separators == fig_base.SEPARATORS["en"]
    empty = go.Figure(fig_comparison.comparison_figure(run(data, status=["support_body"]), {}, "ru"))
    assert [trace.type for trace in empty.data] == ["bar", "bar"]
    assert len(empty.data[0].x) == 0
    assert empty.layout.annotations[0].text == (f"{catalogue.COMPARISON['compare_no_participants'][0]}<br>"
                                                f"{catalogue.PAGE['compare_widen'][0]}")
    # no invented axis: nothing to measure
    assert empty.layout.xaxis.visible is False and empty.layout.yaxis.visible is False


# --- texts and section -----------------------------------------------------------------------------------------


def test_summary_sentence(data):
    assert comparison.summary(run(data), "ru") == (
        "С 01.01.2015 по 31.12.2019 вступили 3 организации, вышли 0 организаций, подписано 5 соглашений, "
        "начато 3 проекта, завершено 0 проектов, произошло 8 событий. "
        "Названных участников: 5 на 01.01.2015 и 8 на 31.12.2019.")
    assert comparison.summary(run(data, sector=["aircraft"], lang="en"), "en") == (
        "From 1 Jan 2015 to 31 Dec 2019: 0 organisations joined, 0 organisations left, 2 agreements signed, "
        "1 project started, 0 projects finished, 2 events. Named participants: 2 on 1 Jan 2015 and 2 on "
        "31 Dec 2019.")


def test_every_text_has_russian_and_english():
    assert all(len(pair) == 2 and all(pair) for pair in catalogue.COMPARISON.values())
    assert t("compare_nothing", "ru") == "ничего"
    assert t("count_axis", "en") == "Organisations"  # one catalogue for every view


def _find(component, component_id):
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float) and (
                found := _find(child, component_id)) is not None:
            return found
    return None


def _texts(component) -> list[str]:
    if isinstance(component, str | int | float):
        return [str(component)]
    children = getattr(component, "children", None)
    return [text for child in (children if isinstance(children, list | tuple) else [children])
            if child is not None for text in _texts(child)]


def test_section_has_the_inputs_graph_and_results(data):
    state = comparison.comparison_state(data, {})
    section = comparison_section.layout(View(data, state))
    assert section.id == "section-compare"
    for input_id, label, value in ((ids.COMPARE_A, "Дата А", "2014-11-20"), (ids.COMPARE_B, "Дата Б", "2026-11-26")):
        field = _find(section, input_id)
        assert (field.type, field.min, field.max, field.value) == ("date", "2014-11-20", "2026-11-26", value)
        assert any(getattr(node, "html_for", None) == input_id and node.children == label
                   for node in _walk(section))
    assert _find(section, ids.COMPARE_FIGURE).figure is not None
    results = _find(section, ids.COMPARE_RESULTS)
    full = compare(data, apply_filters(data, state), data.meta.launch_date, data.meta.data_as_of, "ru")
    texts = _texts(results)
    for category, label in (("joined", "Вступили"), ("left", "Вышли"), ("agreements", "Подписаны соглашения"),
                            ("projects_started", "Начаты проекты"), ("projects_finished", "Завершены проекты"),
                            ("events", "События")):
        assert f"{label} ({full.counts()[category]})" in texts
    assert "ничего" in texts  # nobody left
    assert texts[0].startswith("С 20.11.2014 по 26.11.2026 вступили")
    assert _find(results, "compare-sector-table") is not None


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _walk(child)


def test_section_first_paint_obeys_the_filters(data):
    state = comparison.comparison_state(data, {"sector": ["aircraft"], "lang": "en"})
    section = comparison_section.layout(View(data, state))
    texts = _texts(_find(section, ids.COMPARE_RESULTS))
    assert "Joined (0)" in texts  # Aviastar-SP joined the 2019 interregional cluster, not this one
    assert "Date A" in _texts(section)


# --- the callback over HTTP --------------------------------------------------------------------------------------


def minimal_app(data_dir: Path, assets_dir: Path) -> dash.Dash:
    """The comparison section beside the filter components it listens to, wired as the dashboard would."""
    package = LivePackage(data_dir)
    data = package.current()
    app = dash.Dash(__name__, assets_folder=str(assets_dir), external_stylesheets=[BOOTSTRAP_URL],
                    serve_locally=True, suppress_callback_exceptions=True)
    register_vendor_routes(app.server)
    state = comparison.comparison_state(data, {})
    app.layout = html.Div([
        dcc.Store(id=ids.LANG, data="ru"),
        *(dcc.Dropdown(id=component, multi=True, value=[]) for component in
          (ids.FILTER_SECTOR, ids.FILTER_STATUS, ids.FILTER_ROLE, ids.FILTER_SETTLEMENT)),
        dcc.Input(id=ids.FILTER_SEARCH, value=""),
        comparison_section.layout(View(data, state)),
    ])
    app.server.config[PACKAGE] = package
    comparison_section.register_callbacks(app)
    return app


@pytest.fixture(scope="module")
def app(bundled_data_dir, assets_dir):
    return minimal_app(bundled_data_dir, assets_dir)


def post(app, values: dict, query: object = "", shown: object = None, status: int = 200):
    """The comparison's answer to its two dates and the page's address (``query``, as the charts' callback sets
    it), where the comparison shows the state ``shown``; what changed: the first of ``values``, else the address."""
    dependencies = app.server.test_client().get("/_dash-dependencies").get_json()
    spec = find_callback(dependencies, ids.COMPARE_FIGURE)
    defaults = {ids.COMPARE_A: "2014-11-20", ids.COMPARE_B: "2026-11-26", ids.URL_QUERY: query}
    body = callback_body(spec, {**values, **{k: v for k, v in defaults.items() if k not in values}},
                         {ids.COMPARE_STATE: shown})
    changed = next(iter(values), ids.URL_QUERY)
    body["changedPropIds"] = [f"{i['id']}.{i['property']}" for i in body["inputs"] if i["id"] == changed]
    response = app.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code == status
    return response.get_json()["response"] if status == 200 else None


def test_callback_returns_figure_and_results_for_the_dates_and_filters(app, data):
    response = post(app, {ids.COMPARE_A: "2019-12-31", ids.COMPARE_B: "2015-01-01"}, "?sector=aircraft&to=2018")
    want = run(data, sector=["aircraft"])
    figure = response[ids.COMPARE_FIGURE]["figure"]
    assert [trace["x"] for trace in figure["data"]] == [list(want.sector_counts["at_a"]),
                                                        list(want.sector_counts["at_b"])]
    results = response[ids.COMPARE_RESULTS]["children"]
    assert results[0]["props"]["children"] == comparison.summary(want, "ru")
    # what it shows: the organisation filters of the address, not its period
    assert response[ids.COMPARE_STATE]["data"] == "?sector=aircraft"


def test_a_new_address_with_the_same_organisation_filters_leaves_the_comparison_as_it_is(app):
    """The charts' callback sets the address on every filter change; one of the period, the focus or the as-of
    date changes nothing the comparison shows, which is then not sent again."""
    changed = "?sector=aircraft&from=2016&asof=2019-01-01"
    post(app, {}, changed, shown="?sector=aircraft", status=204)
    assert post(app, {}, changed, shown="")[ids.COMPARE_STATE]["data"] == "?sector=aircraft"
    # its own dates are always answered
    assert post(app, {ids.COMPARE_A: "2019-12-31"}, "?sector=aircraft", shown="?sector=aircraft")


@pytest.mark.parametrize("values, query", [
    ({ids.COMPARE_A: "<script>", ids.COMPARE_B: {"x": 1}}, ""),
    ({ids.COMPARE_A: ["2015-01-01"], ids.COMPARE_B: 2019}, "?lang=en"),
    ({}, "?sector=%24gt&sector=aircraft%3Cscript%3E&lang=xx&q=" + "Иркут" * 5000),
    ({}, {"status": 12, "role": "anchor"}),
    ({}, ["?lang=en"]),
])
def test_hostile_values_give_a_sane_comparison(app, values, query):
    response = post(app, values, query)
    summary = response[ids.COMPARE_RESULTS]["children"][0]["props"]["children"]
    assert summary.startswith(("С 20.11.2014 по 26.11.2026", "From 20 Nov 2014 to 26 Nov 2026"))
    assert len(response[ids.COMPARE_FIGURE]["figure"]["data"]) == 2


def test_a_long_category_lists_its_first_items_and_counts_them_all(data, monkeypatch):
    full = run(data)
    total = full.counts()["joined"]
    monkeypatch.setattr(comparison, "MAX_LISTED", 2)
    short = run(data)
    assert short.counts() == full.counts() and total > 2
    assert short.items("joined") == full.items("joined")[:2]
    texts = _texts(html.Div(comparison_section.results(short, "ru")))
    assert f"Вступили ({total})" in texts
    assert f"…и ещё {total - 2}" in " ".join(texts)


def test_the_catalogue_lists_by_date_then_name_then_in_its_own_order():
    dates = pd.to_datetime(["2020-01-02", "2020-01-01", "2020-01-02", "2020-01-02", "2020-01-01"]).to_numpy()
    names = pd.Series(["b", "z", "a", "b", "y"]).to_numpy(dtype=object)
    assert comparison._by_date_and_name(dates, names) == [4, 1, 2, 0, 3]
