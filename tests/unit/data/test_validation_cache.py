"""Validation once per content: a package that passed every check is marked, and frictionless skips it only
while its content is exactly what was validated. A changed, unmarked or unwritable package is validated."""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest

from dashboard.data.package import DESCRIPTOR, VALIDATED_MARKER, PackageError, load_package, mark_validated
from dashboard.registry import publish as publishing
from tests import packages as pk


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    """A copy of the bundled package without a marker."""
    target = pk.copy_package(tmp_path)
    (target / VALIDATED_MARKER).unlink(missing_ok=True)
    return target


@pytest.fixture
def validations(monkeypatch) -> list[str]:
    """Every descriptor frictionless validates during the test."""
    validated = []
    validate = frictionless.validate

    def counting_validate(source, *args, **kwargs):
        validated.append(source)
        return validate(source, *args, **kwargs)

    monkeypatch.setattr(frictionless, "validate", counting_validate)
    return validated


def set_cell(pkg: Path, file: str, row: int, column: str, value: str) -> None:
    """Change one cell in place; ``row`` as a person counts it (the header is row 1)."""
    header, rows = pk.read_csv(pkg, file)
    rows[row - 2][header.index(column)] = value
    pk.write_csv(pkg, file, header, rows)


def test_a_valid_package_is_validated_once_and_then_loaded_as_marked(pkg, validations):
    first = load_package(pkg)
    assert len(validations) == 1
    assert (pkg / VALIDATED_MARKER).is_file()

    second = load_package(pkg)
    assert len(validations) == 1
    for name, table in first.tables.items():
        assert table.equals(second.tables[name]), name
    assert second.meta == first.meta


def test_a_cell_changed_after_marking_is_validated_and_reported_where_it_is(pkg, validations):
    load_package(pkg)
    set_cell(pkg, "organisations.csv", 3, "status", "founding-father")

    with pytest.raises(PackageError) as error:
        load_package(pkg)

    assert len(validations) == 2
    (problem,) = error.value.problems
    assert (problem.file, problem.row, problem.field, problem.value) == (
        "organisations.csv", 3, "status", "founding-father")


def test_the_marker_of_one_content_does_not_cover_a_changed_descriptor(pkg, validations):
    load_package(pkg)
    descriptor = json.loads((pkg / DESCRIPTOR).read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"]["fields"][0]["constraints"] = {"maxLength": 1}
    (pkg / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")

    with pytest.raises(PackageError) as error:
        load_package(pkg)

    assert len(validations) == 2
    assert {p.file for p in error.value.problems} == {descriptor["resources"][0]["path"]}


def test_a_new_frictionless_version_validates_again(pkg, validations, monkeypatch):
    load_package(pkg)
    installed = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "99.0.0" if name == "frictionless" else installed(name))
    load_package(pkg)
    assert len(validations) == 2


@pytest.mark.parametrize("marker", ["", "not json", "[]", '{"fingerprint": 5}', '{"fingerprint": "' + "0" * 64 + '"}'])
def test_a_garbage_or_stale_marker_is_ignored_and_replaced(pkg, validations, marker):
    (pkg / VALIDATED_MARKER).write_text(marker, encoding="utf-8")

    load_package(pkg)
    load_package(pkg)

    assert len(validations) == 1


def test_a_package_changed_while_it_was_validated_is_not_marked(pkg, validations, monkeypatch):
    validate = frictionless.validate

    def validate_then_edit(source, *args, **kwargs):
        report = validate(source, *args, **kwargs)
        set_cell(pkg, "organisations.csv", 3, "notes_en", "edited during validation")
        return report

    monkeypatch.setattr(frictionless, "validate", validate_then_edit)
    load_package(pkg)
    assert not (pkg / VALIDATED_MARKER).exists()


def test_content_that_cannot_be_converted_is_a_problem_even_when_marked(pkg):
    """Whatever a marker says (here one forged over the broken content), loading ends in a PackageError."""
    set_cell(pkg, "organisations.csv", 3, "joined", "2015-13-45")
    mark_validated(pkg, (pkg / DESCRIPTOR).read_bytes())

    with pytest.raises(PackageError) as error:
        load_package(pkg)

    (problem,) = error.value.problems
    assert problem.file == "organisations.csv"
    assert "2015-13-45" in problem.message


@pytest.fixture
def read_only(pkg: Path):
    """``pkg`` where no file can be created: chmod for a normal user, the immutable attribute for root."""
    if os.geteuid() != 0:
        pkg.chmod(0o555)
        yield pkg
        pkg.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(pkg)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not possible here: no way to make a folder read-only for root")
    try:
        yield pkg
    finally:
        subprocess.run(["chattr", "-i", str(pkg)], check=True)


def test_a_read_only_package_loads_and_is_validated_every_time(read_only, validations):
    with pytest.raises(OSError):
        (read_only / "probe").write_text("", encoding="utf-8")

    load_package(read_only)
    load_package(read_only)

    assert len(validations) == 2
    assert not list(read_only.glob(f"{VALIDATED_MARKER}*"))


def test_the_marker_travels_with_a_copy_of_its_content(pkg, tmp_path, validations):
    load_package(pkg)
    copy = pk.copy_package(tmp_path / "copy", pkg)
    load_package(copy)
    assert validations == [str(pkg / DESCRIPTOR)]


def test_the_marker_leaves_no_temporary_file_and_git_ignores_it(pkg):
    load_package(pkg)
    assert [p.name for p in pkg.glob(f"{VALIDATED_MARKER}*")] == [VALIDATED_MARKER]
    names = [f"data/{VALIDATED_MARKER}", f"data/versions/1/{VALIDATED_MARKER}.1a2b3c4d.tmp"]
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=pk.BUNDLED.parent,
                             capture_output=True, text=True)
    assert ignored.stdout.split() == names


def test_publish_and_rollback_make_live_a_package_already_marked_validated(pkg, validations):
    """So the workers reload a published version without validating it again, each on its own."""
    organisations = load_package(pkg).organisations.copy()
    organisations.loc[organisations["org_id"] == "bi-pitron", "notes_en"] = "published"
    publishing.publish({"organisations": organisations}, pkg, user="a", source="x")
    validations.clear()
    assert load_package(pkg).organisations.set_index("org_id").loc["bi-pitron", "notes_en"] == "published"
    assert validations == []

    publishing.rollback(pkg, user="a")
    validations.clear()
    assert load_package(pkg).organisations.set_index("org_id").loc["bi-pitron", "notes_en"] != "published"
    assert validations == []


def test_a_marked_package_loads_without_importing_frictionless(pkg):
    load_package(pkg)
    code = (f"import sys; from dashboard.data.package import load_package; load_package({str(pkg)!r}); "
            "print('frictionless' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "False"
