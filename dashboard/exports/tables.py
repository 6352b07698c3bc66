"""The filtered tables as people read them: human headers, labels, dates as precise as known, sources. The
columns are :data:`dashboard.data.tables.TABLES`; the rows are the ones the dashboard shows."""

from __future__ import annotations

import pandas as pd

from dashboard.data import derive
from dashboard.data.filters import FilteredData, FilterState, apply_filters
from dashboard.data.package import ClusterData
from dashboard.data.tables import TABLES, Kind, select
from dashboard.data.vocab import CONFIDENCE, TIMELINE_GROUP
from dashboard.exports.naming import cluster_name, filter_summary
from dashboard.i18n import format_date, pick, t


def _frame(table: str, rows: list[dict], lang: str) -> pd.DataFrame:
    """Exported rows as a DataFrame under their human headers; lists of links joined by spaces."""
    columns = TABLES[table].columns_for(exported=True)
    frame = pd.DataFrame(rows, columns=[column.key for column in columns])
    for column in columns:
        if column.kind is Kind.LINKS:
            frame[column.key] = frame[column.key].map(" ".join)
    return frame.set_axis([t(column.header, lang) for column in columns], axis=1)


def _timeline_rows(data: ClusterData, filtered: FilteredData, state: FilterState) -> list[dict]:
    """The timeline items with every source URL and the confidence of the record behind each item."""
    lang = state.lang
    return select("events", ({
        "date": item["date_label"],
        "group": TIMELINE_GROUP[item["group"]].label(lang),
        "title": item["title"],
        "confidence": CONFIDENCE[item["confidence"]].label(lang),
        "sources": item["sources"],
    } for item in derive.timeline_items(data, filtered, state).to_dict("records")), exported=True)


def _count_rows(data: ClusterData, filtered: FilteredData, lang: str) -> list[dict]:
    """The participant counts the sources report, as the growth chart marks them."""
    return select("counts", ({
        "date": row["date_label"],
        "count": row["label"],
        "notes": pick(row, "notes", lang),
        "confidence": CONFIDENCE[row["confidence"]].label(lang),
        "sources": derive.source_list(row["source_urls"]),
    } for row in derive.reported_counts(data, filtered, lang).to_dict("records")), exported=True)


def filtered_tables(data: ClusterData, filtered: FilteredData, state: FilterState) -> dict[str, pd.DataFrame]:
    lang = state.lang
    rows = {
        "organisations": derive.member_rows(data, filtered, lang, exported=True),
        "agreements": derive.agreement_rows(data, filtered, lang, exported=True),
        "projects": derive.project_rows(data, filtered, lang, exported=True),
        "events": _timeline_rows(data, filtered, state),
        "counts": _count_rows(data, filtered, lang),
    }
    return {table: _frame(table, rows[table], lang) for table in TABLES}


def tables_for_export(data: ClusterData, state: FilterState) -> dict[str, pd.DataFrame]:
    """The filtered tables as people read them: human headers, labels, dates as precise as known, sources."""
    return filtered_tables(data, apply_filters(data, state), state)


def table_title(table: str, lang: str) -> str:
    return t(TABLES[table].title, lang)


def about_rows(data: ClusterData, state: FilterState, tables: dict[str, pd.DataFrame]) -> list[tuple[str, object]]:
    """The "About" sheet: what was exported, from which data, under which filters, with which credits."""
    lang = state.lang
    rows = [(t("export_cluster", lang), cluster_name(data, lang)),
            (t("data_as_of", lang), format_date(pd.Timestamp(data.meta.data_as_of), "day", lang))]
    if data.meta.synthetic:
        rows.append((t("synthetic_banner", lang), ""))
    rows.append((t("filters", lang), ""))
    rows += [(f"  {name}", value) for name, value in filter_summary(data, state)]
    rows += [(t("export_rows", lang, table=table_title(name, lang)), len(frame)) for name, frame in tables.items()]
    rows += [(t("export_coverage", lang), derive.coverage_text(data, lang)),
             (t("export_credits", lang), t("footer", lang))]
    return rows
