"""What fired a callback, and what it carries: a person, or components that have just been rendered; the
value of a clicked chart point.

Components that a callback renders fire the callbacks listening to them at once (even with
``prevent_initial_call``), with empty values; these helpers tell such calls from real events.
"""

from __future__ import annotations

from dash import ctx


def clicked() -> bool:
    """Whether a real event fired the callback (a click, a tick, a picked point: a non-empty value)."""
    return bool(ctx.triggered and ctx.triggered[0].get("value"))


def new_layout() -> bool:
    """Whether all inputs fired together, which happens only when the page has just been rendered."""
    return len(ctx.triggered_prop_ids) == len(ctx.inputs_list) > 1


def point_value(click: object, index: int, max_length: int | None = None) -> str | None:
    """The customdata value at ``index`` of the first point of a plotly ``clickData`` (untrusted): a non-blank
    text of at most ``max_length`` characters, else None."""
    points = click.get("points") if isinstance(click, dict) else None
    point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
    customdata = point.get("customdata")
    if not isinstance(customdata, list | tuple) or len(customdata) <= index:
        return None
    value = customdata[index]
    if not isinstance(value, str) or not value.strip() or (max_length is not None and len(value) > max_length):
        return None
    return value
