"""The participants on the map of the region, and those outside it or without a stated place, as lists."""

from __future__ import annotations

from collections.abc import Collection

from dash import Patch, html

from dashboard.data import derive
from dashboard.i18n import t
from dashboard.ui import components, ids
from dashboard.ui.figures.map import dynamic_traces, map_figure
from dashboard.ui.view import Output_, View

NAME = "map"
# Organisations given a profile button per town: every button is a Dash component, and many of them slow
# every redraw of the page.
MAX_BUTTONS = 12
DATA_TABLE = (ids.data_table(ids.MAP), "children")
OUTPUTS: tuple[Output_, ...] = (
    (ids.MAP, "figure"),
    (ids.summary(ids.MAP), "children"),
    (ids.MAP_ELSEWHERE, "children"),
    DATA_TABLE,
)
FOLDED = {DATA_TABLE: ids.details(ids.data_table(ids.MAP))}


def layout(view: View) -> html.Section:
    lang = view.lang
    return components.section(
        NAME, t("map", lang, region=view.data.meta.region(lang)),
        components.chart(ids.MAP, NAME, lang),
        html.P(t("map_note", lang), className="small text-muted"),
        html.Div(id=ids.MAP_ELSEWHERE, className="small"))


def values(view: View, unfolded: Collection[Output_]) -> dict:
    data, lang = view.data, view.lang
    shown = {
        (ids.MAP, "figure"): map_figure(view.points, data.boundary, lang, inset=derive.map_inset(data),
                                        districts=data.districts, neighbours=data.neighbours, water=data.water,
                                        towns=data.towns, present=view.state.present),
        (ids.summary(ids.MAP), "children"): derive.map_summary(data, view.filtered, view.points, lang),
        (ids.MAP_ELSEWHERE, "children"): _elsewhere(view.elsewhere, lang),
    }
    if DATA_TABLE in unfolded:
        header = [t("col_settlement", lang), t("col_status", lang), t("col_count", lang), t("col_names", lang)]
        shown[DATA_TABLE] = components.data_table(
            header, [[r.settlement, r.group_label, r.count, ", ".join(r.names)] for r in view.points.itertuples()],
            lang, numeric=(2,))
    return shown


def marker_patch(figure: dict) -> Patch:
    """The map's geography never changes with the filters: only its marker and town-name traces travel."""
    patch = Patch()
    for index, trace in dynamic_traces(figure).items():
        patch["data"][index] = trace
    # the note that nothing matches comes and goes with the filters
    patch["layout"]["annotations"] = figure["layout"]["annotations"]
    return patch


def _buttons(entries: list[tuple[str, str]], lang: str) -> list:
    """Profile buttons for the first organisations of a list; how many more there are, as text."""
    more = len(entries) - MAX_BUTTONS
    return [*components.org_buttons(entries[:MAX_BUTTONS]), *([t("and_more", lang, n=more)] if more > 0 else [])]


def _elsewhere(groups: dict, lang: str) -> list:
    blocks = []
    if groups["outside"]:
        items = [html.Li([html.Span(f"{town}: "), *_buttons(entries, lang)])
                 for town, entries in sorted(groups["outside"].items())]
        blocks += [html.H3(t("outside_region", lang), className="h6 mt-2"), html.Ul(items, className="mb-1")]
    if groups["unlocated"]:
        blocks += [html.H3(t("no_location", lang), className="h6 mt-2"),
                   html.Div(_buttons(groups["unlocated"], lang))]
    return blocks
