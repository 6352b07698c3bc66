"""Callback requests built the way dash-renderer builds them, from the app's ``/_dash-dependencies``."""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping


def find_callback(dependencies: list[dict], first_output: str) -> dict:
    """The callback whose first output is the component id ``first_output``."""
    return next(d for d in dependencies if d["output"].lstrip(".").startswith(f"{first_output}."))


def callback_body(spec: dict, values: Mapping[str, object], state: Mapping[str, object] | None = None) -> dict:
    """The JSON body of ``POST /_dash-update-component``; ``values`` and ``state`` are keyed by component id
    (``"pattern"`` for pattern-matching inputs)."""
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in spec["output"].strip(".").split("...")]
    inputs = [{**i, "value": values.get(i["id"] if isinstance(i["id"], str) else "pattern")} for i in spec["inputs"]]
    return {
        "output": spec["output"],
        "outputs": outputs if spec["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "state": [{**s, "value": (state or {}).get(s["id"])} for s in spec["state"]],
        # What the user touched: the inputs given a value here (dash-renderer sends one per event).
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs
                           if isinstance(i["id"], str) and i["id"] in values][:1],
    }


def component_dicts(node: object) -> Iterator[dict]:
    """Every Dash component (as JSON: ``type``, ``namespace``, ``props``) in a layout or callback response."""
    if isinstance(node, dict):
        if "type" in node and "props" in node:
            yield node
        for value in node.values():
            yield from component_dicts(value)
    elif isinstance(node, list):
        for value in node:
            yield from component_dicts(value)


def text_table_rows(markdown: str) -> list[list[str]]:
    """Header and body rows of a ``components.text_table``, each cell as the text a reader sees."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    return [[html.unescape(cell) for cell in line.removeprefix("| ").removesuffix(" |").split(" | ")]
            for line in lines[:1] + lines[2:]]
