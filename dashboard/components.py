"""Small components more than one view uses."""

from __future__ import annotations

from dash import html

from dashboard import ids
from dashboard.i18n import t


def org_buttons(entries: list[tuple[str, str]]) -> list:
    """One link-styled button per (org id, label) that opens the organisation's profile."""
    return [html.Button(label, id=ids.org_link(org_id), className="btn btn-link btn-sm org-link p-0 me-2")
            for org_id, label in entries]


def export_buttons(chart_id: str, lang: str) -> html.Div:
    """PNG (presentation resolution) and SVG downloads of a chart, named after the cluster, chart and filters."""
    return html.Div([
        html.Button(fmt.upper(), id=ids.chart_export(chart_id, fmt), className="btn btn-outline-secondary btn-sm",
                    title=t(f"download_{fmt}", lang), **{"aria-label": f"{t(f'download_{fmt}', lang)}"})
        for fmt in ("png", "svg")
    ], className="chart-export btn-group btn-group-sm mb-1", role="group")
