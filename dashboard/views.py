"""What every view shows for one filter state: the values of the filter-driven component properties.

The page layout uses :func:`render` for its first paint and the filter callback for every change, so the
two can never disagree.
"""

from __future__ import annotations

from dash import html

from dashboard import components, derive, exports, figures, ids, network
from dashboard.datapackage import ClusterData
from dashboard.filters import FilterState, apply_filters
from dashboard.i18n import format_date, t
from dashboard.vocab import TIMELINE_GROUP, sector_colours

# Rows a table receives: the eye reads no more, and every row is in the downloads.
MAX_TABLE_ROWS = 150

# (component id, property) of every output, in the order the filter callback returns them.
OUTPUTS: tuple[tuple[str, str], ...] = (
    *((kpi, "children") for kpi in ids.KPIS),
    *((ids.caption(kpi), "children") for kpi in ids.KPIS),
    (ids.TIMELINE, "figure"),
    (ids.TIMELINE_UNDATED, "children"),
    (ids.MAP, "figure"),
    (ids.MAP_ELSEWHERE, "children"),
    (ids.GROWTH, "figure"),
    (ids.SECTORS, "figure"),
    *((ids.summary(chart), "children") for chart in ids.DESCRIBED_CHARTS),
    *((ids.data_table(chart), "children") for chart in ids.DESCRIBED_CHARTS),
    (ids.SELECTION, "children"),
    (ids.ASOF_LABEL, "children"),
    (ids.AGREEMENTS_TABLE, "rowData"),
    (ids.PROJECTS_TABLE, "rowData"),
    (ids.MEMBERS_TABLE, "rowData"),
    *((ids.table_note(grid), "children") for grid in ids.GRIDS),
    (ids.URL_QUERY, "data"),
    (ids.LANG_SWITCH, "href"),
    (ids.CHART_NAMES, "data"),
    *network.OUTPUTS,
)


def _elsewhere(groups: dict, lang: str) -> list:
    blocks = []
    if groups["outside"]:
        items = [html.Li([html.Span(f"{town}: "), *components.org_buttons(entries)])
                 for town, entries in sorted(groups["outside"].items())]
        blocks += [html.H3(t("outside_region", lang), className="h6 mt-2"), html.Ul(items, className="mb-1")]
    if groups["unlocated"]:
        blocks += [html.H3(t("no_location", lang), className="h6 mt-2"),
                   html.Div(components.org_buttons(groups["unlocated"]))]
    return blocks


def _table_note(total: int, lang: str) -> str:
    return t("table_shown", lang, shown=MAX_TABLE_ROWS, total=total) if total > MAX_TABLE_ROWS else ""


def _undated(items, lang: str) -> list:
    undated = items[items["date"].isna()]
    if undated.empty:
        return []
    return [html.H3(t("timeline_undated", lang), className="h6 mt-2"),
            html.Ul([html.Li(f"{row.date_label}: {row.title}") for row in undated.itertuples()])]


def data_table(header: list[str], rows: list[list[object]]) -> html.Table:
    """The data behind a chart as a plain table: the text alternative screen readers and keyboards reach."""
    return html.Table([
        html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
        html.Tbody([html.Tr([html.Td(str(cell)) for cell in row]) for row in rows]),
    ], className="table table-sm small")


def _selection(data: ClusterData, state: FilterState) -> list:
    if not state.focus:
        return []
    names = derive.lookup(data.organisations, "org_id", state.lang)
    return [html.Span(t("selection", state.lang), className="me-2"),
            *(html.Span(names[org_id], className="badge text-bg-warning me-1") for org_id in state.focus)]


def render(data: ClusterData, state: FilterState) -> dict[tuple[str, str], object]:
    lang, present = state.lang, state.present
    filtered = apply_filters(data, state)
    colours = sector_colours(list(data.sectors["sector_id"]))
    sector_labels = derive.lookup(data.sectors, "sector_id", lang)
    timeline = derive.timeline_items(data, filtered, state)
    points = derive.map_points(data, filtered, lang)
    elsewhere = derive.organisations_elsewhere(data, filtered, lang)
    series = derive.growth_series(data, filtered, state)
    reported = derive.reported_counts(filtered, lang)
    sectors = derive.sector_counts(data, filtered, lang)
    values: dict[tuple[str, str], object] = {}
    for kpi, (value, caption) in derive.kpis(filtered, lang).items():
        values[(kpi, "children")] = value
        values[(ids.caption(kpi), "children")] = caption
    dated = timeline[timeline["date"].notna()]
    final = series.groupby("sector")["count"].last() if len(series) else {}
    values.update({
        (ids.TIMELINE, "figure"): figures.timeline_figure(timeline, lang, present),
        (ids.TIMELINE_UNDATED, "children"): _undated(timeline, lang),
        (ids.MAP, "figure"): figures.map_figure(
            points, data.boundary, sector_labels, colours, lang,
            inset=figures.inset_ranges(derive.located_towns(data), data.boundary), districts=data.districts,
            present=present),
        (ids.MAP_ELSEWHERE, "children"): _elsewhere(elsewhere, lang),
        (ids.GROWTH, "figure"): figures.growth_figure(series, reported, sector_labels, colours, lang, present),
        (ids.SECTORS, "figure"): figures.sectors_figure(sectors, colours, lang, present),
        (ids.summary(ids.TIMELINE), "children"): derive.timeline_summary(timeline, lang),
        (ids.summary(ids.MAP), "children"): derive.map_summary(points, elsewhere, lang),
        (ids.summary(ids.GROWTH), "children"): derive.growth_summary(series, reported, lang),
        (ids.summary(ids.SECTORS), "children"): derive.sectors_summary(sectors, lang),
        (ids.data_table(ids.TIMELINE), "children"): data_table(
            [t("col_date", lang), t("col_group", lang), t("col_title", lang)],
            [[r.date_label, TIMELINE_GROUP[r.group].label(lang), r.title] for r in dated.itertuples()]),
        (ids.data_table(ids.MAP), "children"): data_table(
            [t("col_settlement", lang), t("col_sector", lang), t("col_count", lang), t("col_names", lang)],
            [[r.settlement, r.sector_label, r.count, ", ".join(r.names)] for r in points.itertuples()]),
        (ids.data_table(ids.GROWTH), "children"): data_table(
            [t("col_sector", lang), t("col_count", lang)],
            [[sector_labels[s], n] for s, n in dict(final).items()]
            + [[f"{t('growth_reported', lang)} ({r.date_label})", r.label] for r in reported.itertuples()]),
        (ids.data_table(ids.SECTORS), "children"): data_table(
            [t("col_sector", lang), t("col_count", lang)], [[r.label, r.count] for r in sectors.itertuples()]),
        (ids.SELECTION, "children"): _selection(data, state),
        (ids.ASOF_LABEL, "children"): format_date(state.asof, "day", lang) if state.asof else t("asof_today", lang),
        (ids.AGREEMENTS_TABLE, "rowData"): derive.agreement_rows(data, filtered, lang, MAX_TABLE_ROWS),
        (ids.PROJECTS_TABLE, "rowData"): derive.project_rows(data, filtered, lang, MAX_TABLE_ROWS),
        (ids.MEMBERS_TABLE, "rowData"): derive.member_rows(data, filtered, lang, MAX_TABLE_ROWS),
        (ids.table_note(ids.AGREEMENTS_TABLE), "children"): _table_note(len(filtered.agreements), lang),
        (ids.table_note(ids.PROJECTS_TABLE), "children"): _table_note(len(filtered.projects), lang),
        (ids.table_note(ids.MEMBERS_TABLE), "children"): _table_note(len(filtered.organisations), lang),
        (ids.URL_QUERY, "data"): state.to_query(),
        (ids.LANG_SWITCH, "href"): state.with_lang("en" if lang == "ru" else "ru").to_query() or "?",
    })
    values[(ids.CHART_NAMES, "data")] = {
        chart: exports.export_filename(data, state, chart, "png").removesuffix(".png")
        for chart in ids.EXPORTABLE_CHARTS}
    values.update(network.render(data, filtered, lang, colours))
    return values
