"""The filtered tables as the files carry them: human headers, and values an analyst can compute with — dates as
dates with their precision beside them, amounts as numbers with their currency, counts as numbers. The columns are
:data:`dashboard.data.tables.TABLES`; the rows are the ones the dashboard shows."""

from __future__ import annotations

import pandas as pd

from dashboard.data import derive
from dashboard.data.filters import FilteredData, FilterState, apply_filters
from dashboard.data.package import ClusterData
from dashboard.data.tables import TABLES, Column, Kind, select
from dashboard.data.vocab import CONFIDENCE, DATE_PRECISION, TIMELINE_GROUP
from dashboard.exports.naming import cluster_name, filter_summary
from dashboard.i18n import pick, t

# What a file's column holds, as pandas keeps it (text columns stay text).
FRAME_TYPES = {Kind.DATE: "datetime64[s]", Kind.COUNT: "Int64", Kind.AMOUNT: "float64"}


def file_value(column: Column, row: dict, lang: str) -> object:
    """What a file writes in ``column`` of ``row``: a date, count or amount as its value, a date's precision in
    words, source URLs separated by spaces, anything else as it stands."""
    value = row[column.file_key]
    if column.kind is Kind.LINKS:
        return " ".join(value)
    if column.kind is Kind.PRECISION:
        return DATE_PRECISION[value].label(lang)
    return value


def file_frame(table: str, rows: list[dict], lang: str) -> pd.DataFrame:
    """The rows of ``table`` as a file carries them, under their human headers."""
    columns = TABLES[table].columns_for(exported=True)
    return pd.DataFrame({
        t(column.header, lang): pd.Series([file_value(column, row, lang) for row in rows],
                                          dtype=FRAME_TYPES.get(column.kind, object))
        for column in columns})


def _timeline_rows(data: ClusterData, filtered: FilteredData, state: FilterState) -> list[dict]:
    """The timeline items with every source URL and the confidence of the record behind each item."""
    lang = state.lang
    return select("events", ({
        **derive.date_cells("date", item["date"], item["precision"], lang),
        "group": TIMELINE_GROUP[item["group"]].label(lang),
        "title": item["title"],
        "confidence": CONFIDENCE[item["confidence"]].label(lang),
        "sources": item["sources"],
    } for item in derive.timeline_items(data, filtered, state).to_dict("records")), exported=True)


def _count_rows(data: ClusterData, filtered: FilteredData, lang: str) -> list[dict]:
    """The participant counts the sources report, as the growth chart marks them."""
    return select("counts", ({
        **derive.date_cells("date", row["date"], row["date_precision"], lang),
        "count": row["label"],
        "count_value": int(row["count"]),
        "approximate": t("export_yes" if row["approximate"] else "export_no", lang),
        "notes": pick(row, "notes", lang),
        "confidence": CONFIDENCE[row["confidence"]].label(lang),
        "sources": derive.source_list(row["source_urls"]),
    } for row in derive.reported_counts(data, filtered, lang).to_dict("records")), exported=True)


def filtered_rows(data: ClusterData, filtered: FilteredData, state: FilterState) -> dict[str, list[dict]]:
    """Every table's rows under the filters, each a dict of its cells' labels and values by column key."""
    lang = state.lang
    return {
        "organisations": derive.member_rows(data, filtered, lang, exported=True),
        "agreements": derive.agreement_rows(data, filtered, lang, exported=True),
        "projects": derive.project_rows(data, filtered, lang, exported=True),
        "events": _timeline_rows(data, filtered, state),
        "counts": _count_rows(data, filtered, lang),
    }


def rows_for_export(data: ClusterData, state: FilterState) -> dict[str, list[dict]]:
    return filtered_rows(data, apply_filters(data, state), state)


def filtered_tables(data: ClusterData, filtered: FilteredData, state: FilterState) -> dict[str, pd.DataFrame]:
    """The filtered tables as the files carry them (:func:`file_frame`)."""
    return {table: file_frame(table, rows, state.lang) for table, rows in filtered_rows(data, filtered, state).items()}


def tables_for_export(data: ClusterData, state: FilterState) -> dict[str, pd.DataFrame]:
    return filtered_tables(data, apply_filters(data, state), state)


def table_title(table: str, lang: str) -> str:
    return t(TABLES[table].title, lang)


def about_rows(data: ClusterData, state: FilterState, row_counts: dict[str, int]) -> list[tuple[str, object]]:
    """What the files say about themselves (the XLSX "About" sheet, the ZIP's text file): what was exported,
    from which data as of when, under which filters, with which credits and licence, and how to read its cells."""
    lang = state.lang
    name = cluster_name(data, lang)
    rows: list[tuple[str, object]] = [(t("export_title", lang), t("export_title_text", lang, cluster=name)),
                                      (t("export_cluster", lang), name),
                                      (t("data_as_of", lang), data.meta.data_as_of)]
    if data.meta.synthetic:
        rows.append((t("synthetic_banner", lang), ""))
    rows.append((t("filters", lang), ""))
    rows += [(f"  {name}", value) for name, value in filter_summary(data, state)]
    rows += [(t("export_rows", lang, table=table_title(table, lang)), count) for table, count in row_counts.items()]
    rows += [(t("export_coverage", lang), derive.coverage_text(data, lang)),
             (t("export_credits", lang), t("footer", lang))]
    if data.meta.licences:
        rows.append((t("export_licence", lang), "; ".join(data.meta.licences)))
    rows += [(t("export_how_dates", lang), t("export_how_dates_text", lang)),
             (t("export_how_amounts", lang), t("export_how_amounts_text", lang))]
    return rows
