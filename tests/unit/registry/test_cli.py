"""The command line as the cluster's staff use it: ``python -m dashboard …`` in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.data.package import load_package
from dashboard.registry.publish import audit_log

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str, stdin: str = "", data_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLUSTER_DATA_DIR": str(data_dir or ROOT / "data")}
    return subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def data_dir(tmp_path, bundled_data_dir):
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir, target)
    return target


def test_validate_the_bundled_package(bundled_data_dir):
    result = run("validate", str(bundled_data_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_validate_reports_a_broken_package_with_exit_1_in_either_language(data_dir):
    organisations = data_dir / "organisations.csv"
    lines = organisations.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",founder,", ",grand-founder,", 1)
    organisations.write_text("\n".join(lines) + "\n", encoding="utf-8")

    russian = run("validate", str(data_dir))
    english = run("validate", str(data_dir), "--lang", "en")
    machine = run("validate", str(data_dir), "--format", "json")

    assert (russian.returncode, english.returncode, machine.returncode) == (1, 1, 1)
    assert "organisations.csv, строка 4, столбец «status»" in russian.stdout
    assert "organisations.csv" in english.stdout and "row 4" in english.stdout
    findings = json.loads(machine.stdout)
    assert any(f["file"] == "organisations.csv" and f["row"] == 4 and f["severity"] == "error" for f in findings)


def test_template_then_validate_then_import_then_rollback(tmp_path, data_dir):
    workbook = tmp_path / "реестр.xlsx"
    assert run("template", str(workbook), data_dir=data_dir).returncode == 0
    assert workbook.stat().st_size > 5000

    checked = run("validate", str(workbook), data_dir=data_dir)
    assert checked.returncode == 0, checked.stdout

    imported = run("import", str(workbook), "--into", str(data_dir), "--user", "staff")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "версия" in imported.stdout.lower()
    assert audit_log(data_dir)[-1]["user"] == "staff"
    assert audit_log(data_dir)[-1]["source"] == "реестр.xlsx"
    load_package(data_dir)

    assert run("rollback", str(data_dir), "--user", "staff").returncode == 0
    assert run("rollback", str(data_dir), "--user", "staff").returncode == 1  # nothing earlier than the original


def test_an_invalid_file_is_not_imported_and_nothing_changes(tmp_path, data_dir):
    broken = tmp_path / "organisations.csv"
    broken.write_text("Название;Отрасль\nООО «Ромашка»;нет такой\n", encoding="cp1251")
    before = (data_dir / "datapackage.json").read_bytes()

    result = run("import", str(broken), "--into", str(data_dir))

    assert result.returncode == 1
    assert "organisations.csv" in result.stdout
    assert (data_dir / "datapackage.json").read_bytes() == before


@pytest.mark.parametrize("args", [
    ("validate", "/no/such/path"),
    ("import", "/no/such/file.xlsx", "--into", "/tmp"),
    ("rollback", "/no/such/dir"),
    ("validate",),
    ("frobnicate",),
    ("validate", "data", "--format", "yaml"),
])
def test_usage_errors_exit_2_without_a_traceback(args):
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_hash_password_prints_a_credentials_line():
    result = run("hash-password", "anna", stdin="s3cret\n")
    assert result.returncode == 0
    user, hashed = result.stdout.strip().split(":", 1)
    from werkzeug.security import check_password_hash
    assert user == "anna" and check_password_hash(hashed, "s3cret")


@pytest.mark.parametrize("name", ["registry.pdf", "notes.json", "organisations"])
def test_validate_and_import_refuse_the_same_files_the_same_way(tmp_path, data_dir, name):
    path = tmp_path / name
    path.write_text("название;отрасль\n", encoding="utf-8")
    before = (data_dir / "datapackage.json").read_bytes()
    validated, imported = run("validate", str(path)), run("import", str(path), "--into", str(data_dir))
    assert (validated.returncode, imported.returncode) == (2, 2)
    assert (data_dir / "datapackage.json").read_bytes() == before  # nothing published


def test_validate_and_import_judge_a_txt_file_alike(tmp_path, data_dir):
    """A .txt file (Excel's «Unicode text») is read by both; a wrong one is invalid data for both (exit 1)."""
    path = tmp_path / "organisations.txt"
    path.write_text("Название;Отрасль\nООО «Ромашка»;нет такой\n", encoding="utf-8")
    before = (data_dir / "datapackage.json").read_bytes()
    validated, imported = run("validate", str(path)), run("import", str(path), "--into", str(data_dir))
    assert (validated.returncode, imported.returncode) == (1, 1)
    assert (data_dir / "datapackage.json").read_bytes() == before


def test_file_names_reach_the_terminal_escaped(tmp_path):
    path = tmp_path / "реестр\x1b[31m\u202eevil.csv"
    path.write_text("Название\n", encoding="utf-8")
    result = run("validate", str(path))
    assert "\x1b" not in result.stdout + result.stderr and "\u202e" not in result.stdout + result.stderr
    assert "\\u001b[31m\\u202eevil.csv" in result.stdout
