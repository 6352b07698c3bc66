"""The layers of ``dashboard/`` hold by construction: the import-linter contracts of pyproject.toml, and what
importing a layer costs at run time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB_LIBRARIES = ("dash", "dash_ag_grid", "dash_bootstrap_components", "flask", "plotly")


def loaded_after(statement: str) -> list[str]:
    """Top-level packages present in ``sys.modules`` after ``statement`` ran in a fresh interpreter."""
    code = f"import sys; {statement}; import json; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_importing_the_package_builds_nothing() -> None:
    loaded = loaded_after("import dashboard")
    assert not set(loaded) & {*WEB_LIBRARIES, "pandas", "numpy"}


@pytest.mark.parametrize("module", ["dashboard.data.derive", "dashboard.data.live", "dashboard.i18n",
                                    "dashboard.registry.importer", "dashboard.registry.publish",
                                    "dashboard.exports.slides", "dashboard.exports.spreadsheets", "dashboard.cli"])
def test_lower_layers_load_no_web_framework(module: str) -> None:
    assert not set(loaded_after(f"import {module}")) & set(WEB_LIBRARIES)


def test_figures_load_no_dash() -> None:
    assert "dash" not in loaded_after("import dashboard.ui.figures")


# What only a download, an upload or the admin's check needs, loaded by the first one in a worker instead of by every
# start of the app (README "Performance").
DOWNLOAD_AND_UPLOAD_LIBRARIES = ("matplotlib", "openpyxl", "pptx", "xlsxwriter", "confusable_homoglyphs")


def test_starting_the_app_loads_no_library_only_downloads_and_uploads_use() -> None:
    assert not set(loaded_after("import app")) & set(DOWNLOAD_AND_UPLOAD_LIBRARIES)
