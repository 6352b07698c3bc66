"""The synthetic package generator, and the pure helpers of the benchmark suite (no timing assertions)."""

from __future__ import annotations

import csv
import filecmp
import json
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.measures import components_by_id
from dashboard.data.package import load_package
from dashboard.i18n import t
from dashboard.web.app import create_app
from tests.dash_requests import callback_body, find_callback
from tools import synthetic

BUNDLED = Path(__file__).resolve().parents[3] / "data"
LINKED = {"agreement_parties": ("agreement_id", 2, 6), "project_participants": ("project_id", 2, 10)}


@pytest.fixture(scope="module")
def package_1000(tmp_path_factory) -> Path:
    return synthetic.generate(tmp_path_factory.mktemp("synthetic") / "pkg", 1000)


@pytest.fixture(scope="module")
def data_1000(package_1000):
    return load_package(package_1000)


def rows(folder: Path, file: str) -> list[dict[str, str]]:
    with (folder / file).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def package_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------------------------------------
# the generator
# ---------------------------------------------------------------------------------------------------------


def test_the_same_seed_writes_identical_files(tmp_path, package_1000):
    again = synthetic.generate(tmp_path / "again", 1000)
    files = package_files(package_1000)
    assert files == package_files(again)
    _, mismatch, errors = filecmp.cmpfiles(package_1000, again, files, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_another_seed_writes_other_organisations(tmp_path, package_1000):
    other = synthetic.generate(tmp_path / "other", 1000, seed=7)
    assert (other / "organisations.csv").read_bytes() != (package_1000 / "organisations.csv").read_bytes()
    assert load_package(other).meta.synthetic


def test_a_thousand_organisations_make_a_valid_synthetic_package(data_1000):
    assert len(data_1000.organisations) == 1000
    assert data_1000.organisations["org_id"].is_unique
    meta = data_1000.meta
    assert meta.synthetic is True
    assert meta.name_ru == "СИНТЕТИЧЕСКИЙ кластер (1\u00a0000 организаций)"
    assert meta.name_en == "SYNTHETIC cluster (1,000 organisations)"
    bundled = load_package(BUNDLED).meta
    assert (meta.region_code, meta.launch_date, meta.data_as_of) == (bundled.region_code, bundled.launch_date,
                                                                     bundled.data_as_of)


@pytest.mark.parametrize("organisations", [1, 2, 7, 60])
def test_small_packages_are_valid_too(tmp_path, organisations):
    data = load_package(synthetic.generate(tmp_path / "pkg", organisations))
    assert len(data.organisations) == organisations
    assert data.meta.synthetic


def test_tables_come_in_realistic_proportions(package_1000, data_1000):
    assert len(data_1000.agreements) == 100
    assert len(data_1000.projects) == 50
    assert len(data_1000.events) == 100
    years = data_1000.meta.data_as_of.year - data_1000.meta.launch_date.year
    assert len(data_1000.membership_counts[data_1000.membership_counts["counted"] == "participants"]) == years
    for table, (key, low, high) in LINKED.items():
        sizes = getattr(data_1000, table).groupby(key).size()
        assert sizes.between(low, high).all(), table
    orgs = data_1000.organisations
    # most organisations are members and located in the region; a few are elsewhere, unlocated, or left
    assert (orgs["status"] == "member").mean() > 0.4
    assert (orgs["status"] == "founder").sum() == synthetic.FOUNDERS
    in_region = set(data_1000.settlements.loc[data_1000.settlements["region_code"] == "RU-IRK", "settlement_id"])
    assert orgs["settlement_id"].isin(in_region).mean() > 0.8
    assert orgs["settlement_id"].isna().any() and orgs["left"].notna().any()
    assert set(orgs["joined_precision"]) >= {"day", "month", "year", "unknown"}
    assert orgs["joined"].dropna().between(pd.Timestamp("2014-01-01"), pd.Timestamp(data_1000.meta.data_as_of)).all()
    left = orgs.dropna(subset=["left"])
    assert (left["left"] >= left["joined"]).all()


def test_every_row_has_a_synthetic_source_and_a_confidence(package_1000):
    descriptor = json.loads((package_1000 / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        fields = {f["name"] for f in resource["schema"]["fields"]}
        if not {"source_urls", "confidence"} <= fields:
            continue
        for row in rows(package_1000, resource["path"]):
            assert row["source_urls"].startswith(f"{synthetic.SOURCE_BASE}/{resource['name']}/"), resource["name"]
            assert row["confidence"] in ("stated", "inferred")


def test_the_bundled_reference_tables_and_boundary_are_reused(package_1000):
    for file in ("sectors.csv", "settlements.csv"):
        assert rows(package_1000, file) == rows(BUNDLED, file)
    descriptor = json.loads((package_1000 / "datapackage.json").read_text(encoding="utf-8"))
    boundary = descriptor["cluster"]["boundary"]
    assert (package_1000 / boundary).read_bytes() == (BUNDLED / boundary).read_bytes()
    assert descriptor["cluster"]["synthetic"] is True
    assert descriptor["cluster"]["synthetic_organisations"] == 1000


def test_synthetic_rows_never_go_into_the_bundled_package(tmp_path):
    before = {f: (BUNDLED / f).read_bytes() for f in package_files(BUNDLED)}
    for target in (BUNDLED, BUNDLED / "synthetic"):
        with pytest.raises(synthetic.SyntheticError):
            synthetic.generate(target, 10)
    assert {f: (BUNDLED / f).read_bytes() for f in package_files(BUNDLED)} == before
    with pytest.raises(synthetic.SyntheticError):
        synthetic.generate(tmp_path / "pkg", 0)


def test_command_line(tmp_path, capsys):
    assert synthetic.main([str(tmp_path / "cli"), "--organisations", "12", "--seed", "3"]) == 0
    assert "12 organisations" in capsys.readouterr().out
    assert len(load_package(tmp_path / "cli").organisations) == 12
    assert synthetic.main([str(BUNDLED), "--organisations", "12"]) == 2


@pytest.mark.parametrize(("n", "ru"), [(1, "1 организация"), (3, "3 организации"), (11, "11 организаций"),
                                       (22, "22 организации"), (100_000, "100\u00a0000 организаций")])
def test_organisation_counts_read_naturally(n, ru):
    assert synthetic.organisations_label(n, "ru") == ru


def test_the_app_on_a_synthetic_package_shows_the_synthetic_banner(package_1000):
    app = create_app(package_1000)
    client = app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    body = callback_body(find_callback(dependencies, "page"), {"url": ""})
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    components = components_by_id(response.get_json())
    assert components["synthetic-banner"]["children"] == t("synthetic_banner", "ru")
    assert "СИНТЕТИЧЕСКИЙ" in json.dumps(response.get_json(), ensure_ascii=False)


# ---------------------------------------------------------------------------------------------------------
# benchmark helpers (pure functions only)
# ---------------------------------------------------------------------------------------------------------


def test_percentiles_and_summaries():
    from benchmarks import measures

    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert measures.percentile(values, 0.5) == 3.0
    assert measures.percentile(values, 0.95) == 5.0
    assert measures.percentile(values, 0.0) == 1.0
    assert measures.percentile([], 0.5) is None
    assert measures.median([1, 2, 3, 4]) == 2.5
    assert measures.median([]) is None
    summary = measures.summarise(values)
    assert summary == {"n": 5, "p50": 3.0, "p95": 5.0, "min": 1.0, "max": 5.0, "mean": 3.0}
    assert measures.summarise([])["p50"] is None


def test_byte_accounting():
    import gzip

    from benchmarks import measures

    body = b"plotly " * 1000
    assert measures.gzip_size(body) == measures.gzip_size(body) < len(body)
    assert measures.decoded(gzip.compress(body), "gzip") == body
    assert measures.decoded(body, None) == body
    sent = gzip.compress(body)
    records = [
        measures.response_record("http://127.0.0.1:1/", "GET", 200, None, b"<html>", b"<html>", "document"),
        measures.response_record("http://127.0.0.1:1/x/plotly.min.js", "GET", 200, "gzip", sent, body),
        measures.response_record("http://127.0.0.1:1/_dash-update-component", "POST", 204, None, 0, b""),
    ]
    assert [r["category"] for r in records] == ["index", "scripts", "callbacks"]
    assert records[1]["compressed"] and not records[0]["compressed"]
    totals = measures.account(records)
    assert totals["requests"] == 3
    assert totals["wire_bytes"] == 6 + len(sent)
    assert totals["raw_bytes"] == 6 + len(body)
    assert totals["by_category"]["scripts"]["raw_bytes"] == len(body)
    assert totals["server_compressed"] == "some"
    assert measures.account([])["server_compressed"] == "none"


def test_page_references_are_scripts_and_style_sheets():
    from benchmarks import measures

    page = """<html><head><link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/a.css">
    </head><body><script src="/r.js"></script><script>inline()</script><script src="/r.js"></script>
    <script src="/b.js?v=1"></script></body></html>"""
    assert measures.page_references(page) == ["/a.css", "/r.js", "/b.js?v=1"]


def test_callback_bodies_and_filter_states():
    from benchmarks import measures

    spec = {"output": "..a.children...b.figure..", "inputs": [{"id": "s", "property": "value"},
                                                              {"id": "q", "property": "value"}],
            "state": [{"id": "lang", "property": "data"}]}
    body = measures.callback_body(spec, {"s": ["x"], "q": ""}, {"lang": "ru"}, changed=["s"])
    assert body["outputs"] == [{"id": "a", "property": "children"}, {"id": "b", "property": "figure"}]
    assert body["inputs"][0]["value"] == ["x"] and body["state"][0]["value"] == "ru"
    assert body["changedPropIds"] == ["s.value"]
    assert measures.find_callback([spec], "a") is spec
    tree = {"type": "Div", "namespace": "x", "props": {"id": "root", "children": [
        {"type": "Dropdown", "namespace": "x", "props": {"id": "filter-sector", "options": [
            {"label": "A", "value": "a"}, {"label": "B", "value": "b"}]}},
        {"type": "RangeSlider", "namespace": "x", "props": {"id": "filter-date", "min": 2014, "max": 2026}}]}}
    page = measures.components_by_id(tree)
    assert set(page) == {"root", "filter-sector", "filter-date"}
    states = measures.filter_states(page, 40, seed=1)
    assert states == measures.filter_states(page, 40, seed=1)
    assert len(states) == 40
    for state in states:
        values = state["values"]
        assert set(values["filter-sector"]) <= {"a", "b"}
        low, high = values["filter-date"]
        assert 2014 <= low <= high <= 2026
        params = measures.parse_params(values, state["state"])
        assert params["sector"] == values["filter-sector"] and params["lang"] in ("ru", "en")
    assert any(s["values"]["filter-sector"] for s in states) and any(s["values"]["filter-search"] for s in states)


def test_a_filter_change_fires_the_callbacks_the_browser_would_call():
    from benchmarks import measures

    def spec(first: str, inputs: list[str], clientside: bool = False) -> dict:
        return {"output": f"..{first}.children...x-{first}.children..", "state": [{"id": "lang", "property": "data"}],
                "inputs": [{"id": i, "property": "value"} for i in inputs],
                "clientside_function": {"namespace": "n", "function_name": "f"} if clientside else None}

    # the network and the comparison follow the address the main callback answers with
    dependencies = [spec("network", ["url-query"]), spec("page", ["url"]),
                    spec("kpi-participants", ["filter-sector", "filter-date", "compare-a"]),
                    spec("compare", ["compare-a", "url-query"]), spec("js", ["filter-sector"], clientside=True)]
    specs = measures.filter_callbacks(dependencies)
    assert [measures.callback_name(s) for s in specs] == ["kpi-participants", "network", "compare"]
    assert [measures.callback_name(s) for s in measures.fired_by(specs, ["filter-date"])] == [
        "kpi-participants", "network", "compare"]
    page = {"compare-a": {"value": "2020-01-01"}, "lang": {"data": "en"}, "filter-sector": {"value": []},
            "url-query": {"value": ""}}
    change = {"values": {"filter-sector": ["a"]}, "state": {}, "changed": ["filter-sector"]}
    bodies = measures.change_bodies(specs, page, change)
    assert len(bodies) == 3
    main = bodies[0]
    assert {i["id"]: i["value"] for i in main["inputs"]} == {"filter-sector": ["a"], "filter-date": None,
                                                             "compare-a": "2020-01-01"}
    assert main["state"] == [{"id": "lang", "property": "data", "value": "en"}]
    assert main["changedPropIds"] == ["filter-sector.value"]
    assert [body["changedPropIds"] for body in bodies[1:]] == [["url-query.value"]] * 2
    # once the main one answers, the others are sent with its address
    measures.follow(bodies, json.dumps({"response": {"url-query": {"data": "?sector=a"}}}).encode())
    assert [i["value"] for body in bodies[1:] for i in body["inputs"] if i["id"] == "url-query"] == ["?sector=a"] * 2


def test_scales_and_the_markdown_table_survive_timeouts():
    from benchmarks import report
    from benchmarks.run import parse_scale

    assert parse_scale("bundled") == ("bundled", None)
    assert parse_scale("10k") == ("10k", 10_000)
    assert parse_scale("2500") == ("2500", 2500)
    with pytest.raises(ValueError):
        parse_scale("0")
    results = {
        "started": "2026-01-01T00:00:00", "machine": {"nproc": 2}, "git": {"commit": "abc"},
        "floor": {"plotly_raw_bytes": 4_800_000, "plotly_gzip_bytes": 1_470_000,
                  "cold_start": {"first_200_s": [1.0, 2.0], "workers_ready_s": [2.0], "status": "ok"},
                  "browser": {"navigation_ms": [1000.0], "click_ms": [20.0], "status": "ok"}},
        "scales": [
            {"scale": "1k", "organisations": 1000, "rows": {"organisations": 1000, "agreements": 100},
             "generate": {"seconds": 0.1, "cached": False}, "load_package": {"seconds": [0.3]},
             "cold_start": {"first_200_s": [3.0], "workers_ready_s": [3.5], "status": "ok"},
             "filter_callback": {"inprocess_ms": {"n": 30, "p50": 100.0, "p95": 150.0}, "status": "ok",
                                 "callbacks": ["kpi-participants", "network"],
                                 "bytes": {"p50": 50_000, "max": 60_000}, "gzip_bytes": {"p50": 5_000}},
             "apply_filters_ms": {"n": 30, "p50": 10.0, "p95": 12.0},
             "browser": {"navigation_ms": [3000.0], "click_ms": [600.0], "status": "ok"},
             "memory_kib": {"master": {"VmHWM": 1}, "worker1": {"VmHWM": 204_800}}, "problems": []},
            {"scale": "100k", "cold_start": {"first_200_s": [], "status": "timeout"},
             "filter_callback": {"status": "timeout"}, "browser": {"status": "timeout"},
             "problems": ["browser (dashboard) run 0: timeout"]},
        ],
    }
    table = report.markdown(results)
    lines = [line for line in table.splitlines() if line.startswith("|")]
    assert lines[0] == "| measurement | floor | 1k | 100k |"
    assert all(line.count("|") == lines[0].count("|") for line in lines)
    assert "100 / 150 ms (×10)" in table
    assert "timeout" in table and "200 MB" in table
    assert "- 100k: browser (dashboard) run 0: timeout" in table
    assert "kpi-participants, network" in table
