"""Tests for dashboard/data/package.py: the shipped package loads, every kind of broken package is refused
with problems a person can act on, and another cluster's package works the same way."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.data import derive
from dashboard.data import package as datapackage
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import META_REQUIRED, TABLES, PackageError, Problem, load_package
from dashboard.ui.figures import map as fig_map
from tests import packages as pk

DATE_PRECISION_MESSAGE = "a date must be given unless its precision is 'unknown', and only then left empty"


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    return pk.copy_package(tmp_path)


def problems_of(pkg: Path) -> list[Problem]:
    with pytest.raises(PackageError) as info:
        load_package(pkg)
    assert info.value.data_dir == pkg
    return info.value.problems


def only_problem(pkg: Path) -> Problem:
    problems = problems_of(pkg)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


# ---------------------------------------------------------------------------------------------------------
# the shipped package
# ---------------------------------------------------------------------------------------------------------


def test_bundled_package_loads_with_its_metadata(bundled_data_dir):
    data = load_package(bundled_data_dir)
    assert data.meta == datapackage.ClusterMeta(
        name_ru="Машиностроительный кластер Иркутской области",
        name_en="Irkutsk Region Machine-Building Cluster",
        region_ru="Иркутская область",
        region_en="Irkutsk Oblast",
        region_code="RU-IRK",
        launch_date=dt.date(2014, 11, 20),
        data_as_of=dt.date(2026, 11, 26),
        synthetic=False,
        short_name_ru="Машиностроительный кластер",
        short_name_en="Machine-building cluster",
        search_example_ru="Иркут",
        search_example_en="Irkut",
        licences=("Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/)",),
    )
    assert data.districts is None
    assert data.boundary["type"] == "FeatureCollection"
    assert data.boundary["features"][0]["properties"]["iso_3166_2"] == "RU-IRK"


def test_bundled_package_has_every_table_with_every_row():
    data = pk.bundled()
    assert set(data.tables) == set(TABLES)
    for name in TABLES:
        raw = pk.bundled_csv(f"{name}.csv")
        frame = data.tables[name]
        assert list(frame.columns) == list(raw.columns), name
        assert len(frame) == len(raw), name
    assert len(data.organisations) == 27
    assert len(data.agreements) == 6
    assert len(data.projects) == 7
    assert len(data.events) == 19
    assert len(data.settlements) == 48


def test_columns_get_their_declared_types():
    data = pk.bundled()
    assert pd.api.types.is_datetime64_any_dtype(data.agreements["signed"])
    assert data.agreements.loc[data.agreements["agreement_id"] == "founding-2014", "signed"].iloc[0] == \
        pd.Timestamp("2014-11-20")
    assert str(data.membership_counts["count"].dtype) == "Int64"
    assert data.membership_counts.set_index("count_id").loc["participants-krio", "count"] == 76
    assert str(data.projects["amount_rub"].dtype) == "Float64"
    assert data.projects["amount_rub"].sum() == 25_440_000_000
    assert data.membership_counts["approximate"].dtype == bool
    assert data.membership_counts.set_index("count_id")["approximate"].to_dict() == {
        "founding-signatories-2014": False, "management-signatories-2015": False, "participants-2018-12": True,
        "interregional-irkutsk-members-2019": False, "participants-krio": False,
    }
    assert str(data.settlements["geonameid"].dtype) == "Int64"
    assert data.settlements.set_index("settlement_id").loc["irkutsk", "lat"] == pytest.approx(52.2957)
    # Empty cells are missing values, not empty strings.
    assert pd.isna(data.events.set_index("event_id").loc["polymer-cluster-plan", "date"])
    assert pd.isna(data.organisations.set_index("org_id").loc["bi-pitron", "settlement_id"])


def test_tables_are_attributes():
    data = pk.bundled()
    assert data.organisations is data.tables["organisations"]
    with pytest.raises(AttributeError):
        _ = data.no_such_table


def test_csv_helpers_rewrite_files_byte_for_byte(pkg):
    # The helpers must change only what a test asks for: reading and writing back changes nothing.
    for file in sorted(pkg.glob("*.csv")):
        header, rows = pk.read_csv(pkg, file.name)
        pk.write_csv(pkg, file.name, header, rows)
        assert file.read_bytes() == (pk.BUNDLED / file.name).read_bytes(), file.name


# ---------------------------------------------------------------------------------------------------------
# broken rows: each problem names the file, the row as numbered in the file (header = 1), column and value.
# All of them are broken in one copy, which also shows that every problem is reported in one go.
# ---------------------------------------------------------------------------------------------------------

# id, file, key column, key value, column, bad value, message start
BROKEN_CELLS = [
    ("bad-date", "agreements.csv", "agreement_id", "management-2015", "signed", "2015-13-01", "type error"),
    ("date-format", "events.csv", "event_id", "cdc-at-maks-2015", "date", "01.09.2015", "type error"),
    ("bad-integer", "membership_counts.csv", "count_id", "participants-krio", "count", "seventy", "type error"),
    ("bad-boolean", "membership_counts.csv", "count_id", "participants-2018-12", "approximate", "maybe",
     "type error"),
    ("bad-number", "settlements.csv", "settlement_id", "angarsk", "lat", "north", "type error"),
    ("status-enum", "organisations.csv", "org_id", "iaz", "status", "partner", "constraint error"),
    ("role-enum", "organisations.csv", "org_id", "irnitu", "role", "school", "constraint error"),
    ("precision-enum", "events.csv", "event_id", "frp-loan-2021", "date_precision", "decade", "constraint error"),
    ("scope-enum", "projects.csv", "project_id", "staff-training", "scope", "national", "constraint error"),
    ("confidence-enum-1", "organisations.csv", "org_id", "uac", "confidence", "guess", "constraint error"),
    ("confidence-enum-2", "organisations.csv", "org_id", "irkut", "confidence", "guess", "constraint error"),
    ("confidence-enum-3", "organisations.csv", "org_id", "frp", "confidence", "guess", "constraint error"),
    ("required", "organisations.csv", "org_id", "cdc-irkutsk", "name_en", "", "constraint error"),
    ("required-source", "agreements.csv", "agreement_id", "interregional-2019", "source_urls", "",
     "constraint error"),
    ("source-pattern", "events.csv", "event_id", "kobzev-visit-2025", "source_urls", "irk.today/x",
     "constraint error"),
    ("id-pattern", "settlements.csv", "settlement_id", "alzamay", "settlement_id", "Alzamay!", "constraint error"),
    ("negative-count", "membership_counts.csv", "count_id", "founding-signatories-2014", "count", "-1",
     "constraint error"),
    ("latitude-range", "settlements.csv", "settlement_id", "zima", "lat", "95.0", "constraint error"),
]
# id, file, key column, key value, column, unknown value, table it should have been found in
BROKEN_REFERENCES = [
    ("agreement-party", "agreement_parties.csv", "org_id", "bi-pitron", "org_id", "ghost-org", "organisations"),
    ("settlement", "organisations.csv", "org_id", "promtekh-irkutsk", "settlement_id", "atlantis", "settlements"),
    ("sector", "organisations.csv", "org_id", "promtech", "sector", "shipbuilding", "sectors"),
    ("event-project", "events.csv", "event_id", "promtekh-plant-opening-2019", "project_id", "no-such-project",
     "projects"),
    ("project-participant", "project_participants.csv", "project_id", "usolye-promtech-joint-projects", "org_id",
     "nobody", "organisations"),
]


class Broken:
    """One copy of the package with every broken cell above, loaded once."""

    def __init__(self, pkg: Path):
        self.pkg = pkg
        self.rows = {case[0]: pk.set_cell_where(pkg, *case[1:6]) for case in [*BROKEN_CELLS, *BROKEN_REFERENCES]}
        self.rows["duplicate-sector"] = pk.duplicate_row(
            pkg, "sectors.csv", pk.file_row(pkg, "sectors.csv", "sector_id", "components"))
        self.rows["duplicate-party"] = pk.duplicate_row(pkg, "agreement_parties.csv", 2)
        with pytest.raises(PackageError) as info:
            load_package(pkg)
        self.error = info.value
        self.problems = info.value.problems

    def at(self, file: str, row: int) -> Problem:
        found = [p for p in self.problems if (p.file, p.row) == (file, row)]
        assert len(found) == 1, f"{file} row {row}: {found}"
        return found[0]


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Broken:
    return Broken(pk.copy_package(tmp_path_factory.mktemp("broken")))


@pytest.mark.parametrize(("case", "file", "column", "value", "message"),
                         [(c[0], c[1], c[4], c[5], c[6]) for c in BROKEN_CELLS], ids=[c[0] for c in BROKEN_CELLS])
def test_broken_cell_is_one_precise_problem(broken, case, file, column, value, message):
    row = broken.rows[case]
    problem = broken.at(file, row)
    # An empty cell has no value to show.
    assert (problem.file, problem.row, problem.field, problem.value) == (file, row, column, value or None)
    assert problem.message.startswith(message)


def test_every_problem_reported_in_one_go(broken):
    assert len(broken.problems) == len(BROKEN_CELLS) + len(BROKEN_REFERENCES) + 2 == 25
    found = {(p.file, p.row) for p in broken.problems}
    expected = {(case[1], broken.rows[case[0]]) for case in [*BROKEN_CELLS, *BROKEN_REFERENCES]}
    expected |= {("sectors.csv", broken.rows["duplicate-sector"]),
                 ("agreement_parties.csv", broken.rows["duplicate-party"])}
    assert found == expected


def test_package_error_lists_every_problem(broken):
    lines = str(broken.error).splitlines()
    assert lines[0] == f"Invalid data package {broken.pkg} (25 problems):"
    assert lines[1:] == [f"  - {p}" for p in broken.problems]


def test_row_numbers_count_the_header_as_row_one(broken):
    # Worked out by hand from the shipped files.
    assert broken.rows["bad-date"] == 3  # management-2015 is the 2nd agreement
    assert broken.rows["status-enum"] == 5  # iaz is the 4th organisation
    assert broken.rows["agreement-party"] == 12  # bi-pitron is the 11th agreement party
    assert broken.at("agreements.csv", 3).field == "signed"
    assert broken.at("organisations.csv", 5).value == "partner"


def test_bad_date_problem_in_words(broken):
    assert str(broken.at("agreements.csv", 3)) == (
        "agreements.csv, row 3, column signed: type error: type is \"date/default\" (value '2015-13-01')")


def test_enum_problem_lists_the_allowed_codes(broken):
    problem = broken.at("organisations.csv", broken.rows["status-enum"])
    for code in ("founder", "member", "support_body", "expected", "interregional_member", "not_member"):
        assert f"'{code}'" in problem.message
    assert str(problem).startswith("organisations.csv, row 5, column status: constraint error")
    assert str(problem).endswith("(value 'partner')")


def test_required_problem_has_empty_value(broken):
    problem = broken.at("organisations.csv", broken.rows["required"])
    assert problem.message == 'constraint error: constraint "required" is "True"'
    assert str(problem) == 'organisations.csv, row 8, column name_en: constraint error: constraint "required" is "True"'


def test_duplicate_primary_key(broken):
    problem = broken.at("sectors.csv", broken.rows["duplicate-sector"])
    assert problem.row == 12
    assert problem.field is None
    # The problem points back at the row it repeats (components is row 3).
    assert problem.message == "primarykey error: the same as in the row at position 3"


def test_duplicate_composite_primary_key(broken):
    problem = broken.at("agreement_parties.csv", broken.rows["duplicate-party"])
    assert problem.row == 20  # appended after the header and the 18 parties
    assert problem.message == "primarykey error: the same as in the row at position 2"


@pytest.mark.parametrize(("case", "file", "column", "value", "lookup"),
                         [(c[0], c[1], c[4], c[5], c[6]) for c in BROKEN_REFERENCES],
                         ids=[c[0] for c in BROKEN_REFERENCES])
def test_unknown_reference_is_a_foreign_key_problem(broken, case, file, column, value, lookup):
    problem = broken.at(file, broken.rows[case])
    assert problem.message.startswith("foreignkey error")
    # Column, bad value and the table it was looked up in are all in the message.
    assert f'for "{column}": values "{value}" not found in the lookup table "{lookup}"' in problem.message


@pytest.mark.parametrize(("case", "file", "column", "value"), [(c[0], c[1], c[4], c[5]) for c in BROKEN_REFERENCES],
                         ids=[c[0] for c in BROKEN_REFERENCES])
def test_foreign_key_problem_has_column_and_value(broken, case, file, column, value):
    problem = broken.at(file, broken.rows[case])
    assert (problem.file, problem.row, problem.field, problem.value) == (file, broken.rows[case], column, value)
    assert str(problem).startswith(f"{file}, row {broken.rows[case]}, column {column}: foreignkey error")
    assert str(problem).endswith(f"(value {value!r})")


def test_dropped_column_is_a_missing_label(pkg):
    pk.drop_column(pkg, "organisations.csv", "confidence")
    problem = only_problem(pkg)
    assert (problem.file, problem.row, problem.field) == ("organisations.csv", None, "confidence")
    assert problem.message == "missing label"


def test_missing_csv_file_names_it(pkg):
    (pkg / "sectors.csv").unlink()
    problems = problems_of(pkg)
    assert problems[0].file == "sectors.csv"
    assert problems[0].message.startswith("scheme error")
    assert "sectors.csv" in problems[0].message


# ---------------------------------------------------------------------------------------------------------
# after the schema: a date and its precision must agree; the boundary and the metadata dates must be usable.
# All broken in one copy, which also shows that these problems are collected together.
# ---------------------------------------------------------------------------------------------------------

# id, file, key column, key value, column to change, new value, date field reported, precision shown
PRECISION_MISMATCHES = [
    # a date given although the precision says it is unknown
    ("unknown-with-date", "events.csv", "event_id", "gershun-statement-2024", "date_precision", "unknown", "date",
     "unknown"),
    ("left-without-precision", "organisations.csv", "org_id", "irnitu", "left", "2020-01-01", "left", "unknown"),
    ("finished-without-precision", "projects.csv", "project_id", "staff-training", "finished", "2019-01-01",
     "finished", "unknown"),
    # an empty date with a precision
    ("day-without-date", "events.csv", "event_id", "kobzev-visit-2025", "date", "", "date", "day"),
    ("month-without-date", "agreements.csv", "agreement_id", "joining-usolye-promtech-2018", "signed", "",
     "signed", "month"),
    ("after-without-date", "organisations.csv", "org_id", "protsvetanie", "joined", "", "joined", "after"),
    ("year-without-date", "organisations.csv", "org_id", "frp", "joined", "", "joined", "year"),
    ("renamed-without-date", "organisation_names.csv", "org_id", "irkut", "renamed", "", "renamed", "day"),
    ("count-without-date", "membership_counts.csv", "count_id", "participants-krio", "date", "", "date", "after"),
    ("started-without-date", "projects.csv", "project_id", "technopark-centres", "started", "", "started", "day"),
]


class Mismatched:
    def __init__(self, pkg: Path):
        self.pkg = pkg
        self.rows = {case[0]: pk.set_cell_where(pkg, *case[1:6]) for case in PRECISION_MISMATCHES}
        (pkg / "geo" / "irkutsk_oblast.geojson").unlink()
        pk.set_cluster(pkg, data_as_of="2026-02-30")
        self.problems = problems_of(pkg)


@pytest.fixture(scope="module")
def mismatched(tmp_path_factory) -> Mismatched:
    return Mismatched(pk.copy_package(tmp_path_factory.mktemp("mismatched")))


@pytest.mark.parametrize(("case", "file", "field", "shown"), [(c[0], c[1], c[6], c[7]) for c in PRECISION_MISMATCHES],
                         ids=[c[0] for c in PRECISION_MISMATCHES])
def test_date_precision_mismatch(mismatched, case, file, field, shown):
    row = mismatched.rows[case]
    found = [p for p in mismatched.problems if (p.file, p.row) == (file, row)]
    assert found == [Problem(file, DATE_PRECISION_MESSAGE, row=row, field=field, value=shown)]


def test_later_stage_problems_reported_together(mismatched):
    pkg = mismatched.pkg
    assert len(mismatched.problems) == len(PRECISION_MISMATCHES) + 2
    assert mismatched.problems[-2:] == [
        Problem("datapackage.json", f"GeoJSON file {pkg / 'geo' / 'irkutsk_oblast.geojson'} does not exist",
                field="cluster"),
        Problem("datapackage.json", "cluster metadata: day is out of range for month", field="cluster"),
    ]
    # In the order of the descriptor: resource, then date field, then row.
    resources = pk.read_descriptor(pkg)["resources"]
    files = [r["path"] for r in resources]
    fields = {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in resources}
    order = [(p.file, p.field, p.row) for p in mismatched.problems[:-2]]
    assert order == sorted(order, key=lambda x: (files.index(x[0]), fields[x[0]].index(x[1]), x[2]))
    assert order[:3] == [("organisations.csv", "joined", mismatched.rows["after-without-date"]),
                         ("organisations.csv", "joined", mismatched.rows["year-without-date"]),
                         ("organisations.csv", "left", mismatched.rows["left-without-precision"])]


def test_empty_date_with_unknown_precision_is_fine(pkg):
    row = pk.set_cell_where(pkg, "events.csv", "event_id", "gershun-statement-2024", "date", "")
    pk.set_cell(pkg, "events.csv", row, "date_precision", "unknown")
    events = load_package(pkg).events.set_index("event_id")
    assert pd.isna(events.loc["gershun-statement-2024", "date"])
    assert events.loc["gershun-statement-2024", "date_precision"] == "unknown"


# ---------------------------------------------------------------------------------------------------------
# the descriptor and the cluster metadata
# ---------------------------------------------------------------------------------------------------------


def test_missing_descriptor(pkg):
    (pkg / "datapackage.json").unlink()
    problem = only_problem(pkg)
    assert problem == Problem("datapackage.json", "file not found")
    assert str(problem) == "datapackage.json: file not found"


def test_missing_folder(tmp_path):
    problems = problems_of(tmp_path / "nowhere")
    assert problems == [Problem("datapackage.json", "file not found")]


def test_invalid_json_gives_the_line(pkg):
    text = (pkg / "datapackage.json").read_text("utf-8")
    broken = text.replace('"profile": "tabular-data-package",', '"profile": "tabular-data-package",,', 1)
    assert broken != text
    (pkg / "datapackage.json").write_text(broken, encoding="utf-8")
    problem = only_problem(pkg)
    assert problem.file == "datapackage.json"
    assert problem.message.startswith("not valid JSON: ")
    assert problem.row == 4


def test_truncated_json(pkg):
    (pkg / "datapackage.json").write_text('{\n"cluster": {\n', encoding="utf-8")
    problem = only_problem(pkg)
    assert problem.file == "datapackage.json"
    assert problem.message.startswith("not valid JSON")


@pytest.mark.parametrize("text", ["[]", '"cluster"', "42", "null"])
def test_descriptor_that_is_not_an_object(pkg, text):
    (pkg / "datapackage.json").write_text(text, encoding="utf-8")
    assert only_problem(pkg) == Problem("datapackage.json", "must be a JSON object")


@pytest.mark.parametrize("resources", [None, "sectors.csv", {"name": "sectors"}])
def test_resources_that_are_not_a_list(pkg, resources):
    pk.edit_descriptor(pkg, lambda d: d.__setitem__("resources", resources))
    assert only_problem(pkg) == Problem("datapackage.json", "'resources' must be a list", field="resources")


def test_resources_that_are_not_objects_count_as_missing(pkg):
    pk.edit_descriptor(pkg, lambda d: d.__setitem__("resources", [r if r["name"] != "events" else "events"
                                                                  for r in d["resources"]]))
    assert only_problem(pkg) == Problem("datapackage.json", "resource 'events' is missing", field="resources")


def test_missing_cluster_metadata(pkg):
    pk.edit_descriptor(pkg, lambda d: d.pop("cluster"))
    problem = only_problem(pkg)
    assert problem == Problem("datapackage.json", "the 'cluster' metadata object is missing", field="cluster")
    assert str(problem) == "datapackage.json, column cluster: the 'cluster' metadata object is missing"


def test_cluster_metadata_not_an_object(pkg):
    pk.edit_descriptor(pkg, lambda d: d.__setitem__("cluster", "Irkutsk"))
    assert only_problem(pkg).message == "the 'cluster' metadata object is missing"


@pytest.mark.parametrize("key", META_REQUIRED)
def test_missing_cluster_key(pkg, key):
    pk.set_cluster(pkg, **{key: None})
    assert only_problem(pkg) == Problem("datapackage.json", f"cluster metadata lacks '{key}'", field="cluster")


def test_empty_cluster_key_counts_as_missing(pkg):
    pk.set_cluster(pkg, name_ru="")
    assert only_problem(pkg).message == "cluster metadata lacks 'name_ru'"


def test_all_missing_cluster_keys_reported_together(pkg):
    pk.set_cluster(pkg, region_code=None, launch_date=None, boundary=None)
    messages = [p.message for p in problems_of(pkg)]
    assert messages == ["cluster metadata lacks 'region_code'", "cluster metadata lacks 'launch_date'",
                        "cluster metadata lacks 'boundary'"]


def test_missing_resource(pkg):
    pk.edit_descriptor(pkg, lambda d: d.__setitem__(
        "resources", [r for r in d["resources"] if r["name"] != "membership_counts"]))
    assert only_problem(pkg) == Problem("datapackage.json", "resource 'membership_counts' is missing",
                                        field="resources")


def test_non_string_launch_date(pkg):
    pk.set_cluster(pkg, launch_date=2014)
    problem = only_problem(pkg)
    assert (problem.file, problem.row, problem.field) == ("datapackage.json", None, "cluster")
    assert problem.message == "cluster metadata: fromisoformat: argument must be str"


def test_boundary_not_json(pkg):
    (pkg / "geo" / "irkutsk_oblast.geojson").write_text("{", encoding="utf-8")
    problem = only_problem(pkg)
    assert problem.field == "cluster"
    assert "irkutsk_oblast.geojson is not valid JSON" in problem.message


def test_missing_districts_file(pkg):
    pk.set_cluster(pkg, districts="geo/districts.geojson")
    problem = only_problem(pkg)
    assert (problem.file, problem.field) == ("datapackage.json", "cluster")
    assert problem.message.endswith("geo/districts.geojson does not exist")


def test_problem_str():
    assert str(Problem("a.csv", "type error", row=3, field="signed", value="x")) == \
        "a.csv, row 3, column signed: type error (value 'x')"
    assert str(Problem("a.csv", "constraint error", row=4, field="name_en", value="")) == \
        "a.csv, row 4, column name_en: constraint error"
    assert str(Problem("a.csv", "missing label", field="confidence")) == "a.csv, column confidence: missing label"


# ---------------------------------------------------------------------------------------------------------
# another cluster's package
# ---------------------------------------------------------------------------------------------------------

OTHER_CLUSTER = {
    "name_ru": "Авиационный кластер Ульяновской области",
    "name_en": "Ulyanovsk Region Aviation Cluster",
    "region_ru": "Ульяновская область",
    "region_en": "Ulyanovsk Oblast",
    "region_code": "RU-ULY",
    "launch_date": "2016-03-15",
    "data_as_of": "2025-05-31",
    "synthetic": True,
    "short_name_ru": "Авиационный кластер",
    "short_name_en": "Aviation cluster",
    "search_example_ru": "Авиастар",
    "search_example_en": "Aviastar",
}


class Other:
    """The package turned into another cluster's: Ulyanovsk metadata, boundary and districts; the bundled
    Aviastar-SP, placed in Ulyanovsk, is its one local firm."""

    def __init__(self, pkg: Path):
        self.pkg = pkg
        pk.set_cluster(pkg, **OTHER_CLUSTER)
        boundary = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                    "geometry": {"type": "Polygon", "coordinates": [pk.square(47.0, 53.0, 3.0)]}}]}
        (pkg / "geo" / "ulyanovsk_oblast.geojson").write_text(json.dumps(boundary), encoding="utf-8")
        pk.set_cluster(pkg, boundary="geo/ulyanovsk_oblast.geojson")
        self.boundary = boundary
        self.districts = pk.add_districts(pkg, "geo/districts.geojson", pk.two_squares_geojson(47.0, 53.0, 1.5))
        self.data = load_package(pkg)


@pytest.fixture(scope="module")
def other(tmp_path_factory) -> Other:
    return Other(pk.copy_package(tmp_path_factory.mktemp("other")))


def test_another_clusters_metadata_is_returned(other):
    assert other.data.meta == datapackage.ClusterMeta(
        name_ru="Авиационный кластер Ульяновской области",
        name_en="Ulyanovsk Region Aviation Cluster",
        region_ru="Ульяновская область",
        region_en="Ulyanovsk Oblast",
        region_code="RU-ULY",
        launch_date=dt.date(2016, 3, 15),
        data_as_of=dt.date(2025, 5, 31),
        synthetic=True,
        short_name_ru="Авиационный кластер",
        short_name_en="Aviation cluster",
        search_example_ru="Авиастар",
        search_example_en="Aviastar",
        licences=("Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/)",),
    )
    assert other.data.boundary == other.boundary


def test_another_clusters_years_bound_the_filters(other):
    state = parse_state({"from": ["2000"], "to": ["2030"]}, other.data)
    assert (state.year_from, state.year_to) == (2016, 2025)
    assert state.to_query() == ""


def test_districts_are_loaded(other):
    assert other.data.districts == other.districts
    assert [f["properties"]["name"] for f in other.data.districts["features"]] == ["west", "east"]


def test_map_of_another_region_with_districts(other):
    data = other.data
    state = parse_state({}, data)
    filtered = apply_filters(data, state)
    points = derive.map_points(data, filtered, "en")
    # Only the organisation placed in Ulyanovsk is in this cluster's region now.
    assert points[["settlement_id", "group", "count", "org_ids"]].to_dict("records") == [
        {"settlement_id": "ulyanovsk", "group": "other_cluster", "count": 1, "org_ids": ["aviastar-sp"]}]
    elsewhere = derive.organisations_elsewhere(data, filtered, "en")
    assert sorted(elsewhere["outside"]) == ["Dubna", "Irkutsk", "Moscow", "Nizhniy Novgorod", "Shelekhov",
                                            "Usol’ye-Sibirskoye"]
    fig = go.Figure(fig_map.map_figure(points, data.boundary, "en", districts=data.districts))
    other_cluster = "Member of the 2019 interregional aviation cluster"
    assert [trace.name for trace in fig.data if trace.x is not None and len(trace.x)] == [
        "districts", "boundary", other_cluster, "towns"]
    # The other region's package has no context layers: the Irkutsk ones are never drawn for it.
    assert not {"neighbours", "lakes", "rivers"} & {trace.name for trace in fig.data}
    lines = fig.data[0]
    # Two closed squares of five corners each, separated by one gap (NaN, which plotly.js leaves undrawn).
    assert [None if pd.isna(x) else x for x in lines.x] == [47.0, 48.5, 48.5, 47.0, 47.0, None, 48.5, 50.0, 50.0,
                                                             48.5, 48.5]
    assert [None if pd.isna(y) else y for y in lines.y] == [53.0, 53.0, 54.5, 54.5, 53.0, None, 53.0, 53.0, 54.5,
                                                             54.5, 53.0]
    without = go.Figure(fig_map.map_figure(points, data.boundary, "en"))
    assert [trace.name for trace in without.data if trace.x is not None and len(trace.x)] == [
        "boundary", other_cluster, "towns"]


def test_app_on_another_package_shows_its_name(other):
    from dashboard.web.app import create_app

    app = create_app(other.pkg)
    response = app.server.test_client().get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<title>Авиационный кластер Ульяновской области</title>" in html
    assert "Машиностроительный кластер Иркутской области" not in html


def test_app_refuses_a_broken_package(pkg):
    from dashboard.web.app import create_app

    pk.set_cell_where(pkg, "organisations.csv", "org_id", "iaz", "status", "partner")
    with pytest.raises(PackageError):
        create_app(pkg)


def test_a_changed_copy_of_a_package_derives_its_own_values(bundled_data_dir):
    data = load_package(bundled_data_dir)
    before = derive.table_labels(data, "sectors", "sector_id", "en")
    sectors = data.sectors.assign(name_en="renamed")
    changed = dataclasses.replace(data, tables={**data.tables, "sectors": sectors})
    assert set(derive.table_labels(changed, "sectors", "sector_id", "en").values()) == {"renamed"}
    assert derive.table_labels(data, "sectors", "sector_id", "en") == before != {}
