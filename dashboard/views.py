"""What every view shows for one filter state: the values of the filter-driven component properties.

The page layout uses :func:`render` for its first paint and the filter callback for every change, so the
two can never disagree.
"""

from __future__ import annotations

from dash import html

from dashboard import derive, figures, ids
from dashboard.datapackage import ClusterData
from dashboard.filters import FilterState, apply_filters
from dashboard.i18n import t
from dashboard.vocab import sector_colours

# (component id, property) of every output, in the order the filter callback returns them.
OUTPUTS: tuple[tuple[str, str], ...] = (
    *((kpi, "children") for kpi in ids.KPIS),
    *((ids.caption(kpi), "children") for kpi in ids.KPIS),
    (ids.TIMELINE, "figure"),
    (ids.TIMELINE_UNDATED, "children"),
    (ids.MAP, "figure"),
    (ids.MAP_ELSEWHERE, "children"),
    (ids.GROWTH, "figure"),
    (ids.AGREEMENTS_TABLE, "rowData"),
    (ids.PROJECTS_TABLE, "rowData"),
    (ids.MEMBERS_TABLE, "rowData"),
    (ids.URL_QUERY, "data"),
    (ids.LANG_SWITCH, "href"),
)


def org_buttons(entries: list[tuple[str, str]]) -> list:
    return [html.Button(label, id=ids.org_link(org_id), className="btn btn-link btn-sm org-link p-0 me-2")
            for org_id, label in entries]


def _elsewhere(groups: dict, lang: str) -> list:
    blocks = []
    if groups["outside"]:
        items = [html.Li([html.Span(f"{town}: "), *org_buttons(entries)])
                 for town, entries in sorted(groups["outside"].items())]
        blocks += [html.H3(t("outside_region", lang), className="h6 mt-2"), html.Ul(items, className="mb-1")]
    if groups["unlocated"]:
        blocks += [html.H3(t("no_location", lang), className="h6 mt-2"),
                   html.Div(org_buttons(groups["unlocated"]))]
    return blocks


def _undated(items, lang: str) -> list:
    undated = items[items["date"].isna()]
    if undated.empty:
        return []
    return [html.H3(t("timeline_undated", lang), className="h6 mt-2"),
            html.Ul([html.Li(f"{row.date_label}: {row.title}") for row in undated.itertuples()])]


def render(data: ClusterData, state: FilterState) -> dict[tuple[str, str], object]:
    lang = state.lang
    filtered = apply_filters(data, state)
    colours = sector_colours(list(data.sectors["sector_id"]))
    sector_labels = derive.lookup(data.sectors, "sector_id", lang)
    kpis = derive.kpis(filtered, lang)
    timeline = derive.timeline_items(data, filtered, state)
    values: dict[tuple[str, str], object] = {}
    for kpi, (value, caption) in kpis.items():
        values[(kpi, "children")] = value
        values[(ids.caption(kpi), "children")] = caption
    values.update({
        (ids.TIMELINE, "figure"): figures.timeline_figure(timeline, lang),
        (ids.TIMELINE_UNDATED, "children"): _undated(timeline, lang),
        (ids.MAP, "figure"): figures.map_figure(
            derive.map_points(data, filtered, lang), data.boundary, colours, lang, data.districts),
        (ids.MAP_ELSEWHERE, "children"): _elsewhere(derive.organisations_elsewhere(data, filtered, lang), lang),
        (ids.GROWTH, "figure"): figures.growth_figure(
            derive.growth_series(data, filtered, state), derive.reported_counts(filtered, lang),
            sector_labels, colours, lang),
        (ids.AGREEMENTS_TABLE, "rowData"): derive.agreement_rows(data, filtered, lang),
        (ids.PROJECTS_TABLE, "rowData"): derive.project_rows(data, filtered, lang),
        (ids.MEMBERS_TABLE, "rowData"): derive.member_rows(data, filtered, lang),
        (ids.URL_QUERY, "data"): state.to_query(),
        (ids.LANG_SWITCH, "href"): state.with_lang("en" if lang == "ru" else "ru").to_query() or "?",
    })
    return values
