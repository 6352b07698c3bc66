"""What fired a callback: a person, or components that have just been rendered.

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
