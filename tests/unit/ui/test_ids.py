"""Element ids: every callback names components that exist (the app's validation layout), and every id is typed
once, in dashboard/ui/ids.py — not in the other ui modules, nor in the assets' JavaScript."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from dashboard.data.package import load_package
from dashboard.ui import ids, page
from dashboard.ui.view import View, state_from_query
from dashboard.web.app import create_app

ROOT = Path(__file__).resolve().parents[3]
UI = ROOT / "dashboard" / "ui"
# Dash's own props on ids, for components it creates (the page's router parts): none of ours.
DEPENDENCY_KEYS = ("inputs", "state")


@pytest.fixture(scope="module")
def app(bundled_data_dir):
    return create_app(bundled_data_dir)


def layout_ids(component: object) -> list[object]:
    """Every id in a component tree (string and pattern-matching ones)."""
    found = []
    stack = [component.to_plotly_json() if hasattr(component, "to_plotly_json") else component]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "props" in node and isinstance(node["props"], dict):
                if "id" in node["props"]:
                    found.append(node["props"]["id"])
                stack.extend(node["props"].values())
            else:
                stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
        elif hasattr(node, "to_plotly_json"):
            stack.append(node.to_plotly_json())
    return found


def callback_ids(dependencies: list[dict]) -> list[object]:
    """Every component id a callback names, as declared (a pattern-matching id as its dict)."""
    named = []
    for spec in dependencies:
        outputs = spec["output"].strip(".").split("...")
        parts = [output.rsplit(".", 1)[0] for output in outputs]
        parts += [item["id"] for key in DEPENDENCY_KEYS for item in spec[key]]
        named += [json.loads(part) if part.startswith("{") else part for part in parts]
    return named


def test_every_callback_names_components_of_the_validation_layout(app):
    dependencies = app.server.test_client().get("/_dash-dependencies").get_json()
    present = layout_ids(app.validation_layout)
    strings = {i for i in present if isinstance(i, str)}
    patterns = {i["type"] for i in present if isinstance(i, dict)}
    named = callback_ids(dependencies)
    assert len(named) > 100  # every callback was read
    missing = [i for i in named if (i["type"] not in patterns if isinstance(i, dict) else i not in strings)]
    assert not missing


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_page_holds_no_id_twice(bundled_data_dir, lang):
    data = load_package(bundled_data_dir)
    whole = page.page(View(data, state_from_query(data, f"?lang={lang}")))
    found = [json.dumps(i, sort_keys=True) for i in layout_ids(whole)]
    assert len(found) > 100
    assert len(found) == len(set(found))


def test_the_validation_layout_is_bare(app):
    """Dash puts it in every page's HTML: one component of each id, no figures or data."""
    assert len(json.dumps(app.validation_layout.to_plotly_json(), default=str)) < 50_000
    assert not [c for c in app.validation_layout.children if getattr(c, "figure", None) or getattr(c, "children", None)]


def test_the_layout_names_the_validation_layout_for_dash(app):
    assert app.config.suppress_callback_exceptions is False
    assert app.validation_layout is not None


def _typed_ids(path: Path) -> list[str]:
    """Where a module types an id itself: ``id="…"`` or an ``Input("…")``/``Output``/``State`` of a literal."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.keyword) and node.arg == "id" and isinstance(node.value, ast.Constant | ast.JoinedStr):
            found.append(f"{path.name}:{node.lineno}")
        if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Input", "Output", "State")
                and node.args and isinstance(node.args[0], ast.Constant | ast.JoinedStr)):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_no_ui_module_types_an_id_of_its_own():
    modules = [path for path in UI.rglob("*.py") if path.name != "ids.py"]
    assert len(modules) > 15
    assert [place for path in modules for place in _typed_ids(path)] == []


def test_the_assets_javascript_names_no_id_of_the_page():
    values = {value for name, value in vars(ids).items() if name.isupper() and isinstance(value, str) and "-" in value}
    assert "members-table" in values
    scripts = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "assets").glob("*.js")}
    typed = [(name, value) for name, text in scripts.items() for value in values
             if re.search(rf"[\"'#]{re.escape(value)}[\"'\s.\]]", text)]
    assert typed == []
