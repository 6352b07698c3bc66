"""The filtered tables as people read them, one spec per table: human headers, labels, dates as precise as
known, sources. Every table comes from :mod:`dashboard.data.derive`, the same rows the dashboard shows."""

from __future__ import annotations

import pandas as pd

from dashboard.data import derive
from dashboard.data.filters import FilteredData, FilterState, apply_filters
from dashboard.data.package import ClusterData
from dashboard.data.vocab import CONFIDENCE, TIMELINE_GROUP
from dashboard.exports.naming import cluster_name, filter_summary
from dashboard.i18n import format_date, pick, t

TABLES: dict[str, str] = {  # export table -> i18n key of its title
    "organisations": "members",
    "agreements": "agreements",
    "projects": "kpi_projects",
    "events": "timeline",
    "counts": "growth_reported",
}


# --- tables --------------------------------------------------------------------------------------------------

def _frame(rows: list[dict], columns: dict[str, str], lang: str) -> pd.DataFrame:
    """Rows as a DataFrame with the given columns under their human headers; source lists joined by spaces."""
    frame = pd.DataFrame(rows, columns=list(columns))
    if "sources" in frame:
        frame["sources"] = frame["sources"].map(" ".join)
    return frame.rename(columns={key: t(label, lang) for key, label in columns.items()})


def _timeline_rows(data: ClusterData, filtered: FilteredData, state: FilterState) -> list[dict]:
    """The timeline items with every source URL and the confidence of the record behind each item."""
    lang = state.lang
    return [{
        "date": item["date_label"],
        "group": TIMELINE_GROUP[item["group"]].label(lang),
        "title": item["title"],
        "confidence": CONFIDENCE[item["confidence"]].label(lang),
        "sources": item["sources"],
    } for item in derive.timeline_items(data, filtered, state).to_dict("records")]


def filtered_tables(data: ClusterData, filtered: FilteredData, state: FilterState) -> dict[str, pd.DataFrame]:
    lang = state.lang
    notes = derive.lookup(data.organisations, "org_id", lang, "notes")
    members = [{**row, "notes": notes[row["org_id"]]} for row in derive.member_rows(data, filtered, lang)]
    counts = [{
        "date": row["date_label"], "count": row["label"], "notes": pick(row, "notes", lang),
        "confidence": CONFIDENCE[row["confidence"]].label(lang), "sources": derive.source_list(row["source_urls"]),
    } for row in derive.reported_counts(data, filtered, lang).to_dict("records")]
    tail = {"confidence": "col_confidence", "sources": "col_sources"}
    return {
        "organisations": _frame(members, {
            "name": "col_name", "short": "col_short", "sector": "col_sector", "role": "col_role",
            "status": "col_status", "settlement": "col_settlement", "joined": "col_joined", "notes": "notes",
            **tail}, lang),
        "agreements": _frame(derive.agreement_rows(data, filtered, lang), {
            "date": "col_date", "title": "col_title", "kind": "col_kind", "parties": "col_parties",
            "amount": "col_amount", "scope": "col_scope", **tail}, lang),
        "projects": _frame(derive.project_rows(data, filtered, lang), {
            "date": "col_period", "title": "col_title", "participants": "col_participants", "amount": "col_amount",
            "status": "col_status", "scope": "col_scope", **tail}, lang),
        "events": _frame(_timeline_rows(data, filtered, state), {
            "date": "col_date", "group": "col_group", "title": "col_title", **tail}, lang),
        "counts": _frame(counts, {"date": "col_date", "count": "col_reported", "notes": "notes", **tail}, lang),
    }


def tables_for_export(data: ClusterData, state: FilterState) -> dict[str, pd.DataFrame]:
    """The filtered tables as people read them: human headers, labels, dates as precise as known, sources."""
    return filtered_tables(data, apply_filters(data, state), state)


def table_title(table: str, lang: str) -> str:
    return t(TABLES[table], lang)


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


