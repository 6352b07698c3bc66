"""Period comparison: what changed in the cluster between two dates chosen by the user.

Between date A and date B (A ≤ B; swapped when given the other way round) it lists who joined or left,
the agreements signed, the projects started or finished and the events, and compares the named
participants per sector at A and at B. Everything obeys the sector, status, role, settlement and search
filters exactly as the other views do; the year range of the filter panel is not used, because the two
dates set the period here.

Dates kept to month or year precision are stored as the first day of their period. An item counts as
having happened by a date when that stored day is not after the date; undated items are not counted.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from dashboard.data import counts, derive
from dashboard.data.filters import FilteredData, FilterState, apply_filters, parse_state
from dashboard.data.memo import cached
from dashboard.data.package import ClusterData
from dashboard.data.vocab import TIMELINE_GROUP
from dashboard.i18n import format_date, format_dates, format_number, plural, plural_ru, t
from dashboard.i18n.catalogue import COMPARISON_EN_SUMMARY, COMPARISON_RU_SUMMARY

MINUS = "\u2212"
# Items listed by name per category; the heading counts them all.
MAX_LISTED = 40
CATEGORIES = ("joined", "left", "agreements", "projects_started", "projects_finished", "events")
SECTOR_COLUMNS = ["sector", "label", "at_a", "at_b", "change"]


class Item(NamedTuple):
    """One thing that happened in the interval: its id, stored date, date as shown, and name."""

    key: str
    date: pd.Timestamp
    date_label: str
    name: str


@dataclass(frozen=True)
class Comparison:
    """What changed between ``date_a`` and ``date_b`` (``date_a`` ≤ ``date_b``): per category, how many items
    and the first :data:`MAX_LISTED` of them by date (a whole registry can have a hundred thousand)."""

    date_a: dt.date
    date_b: dt.date
    listed: dict[str, list[Item]]
    totals: dict[str, int]
    sector_counts: pd.DataFrame  # columns SECTOR_COLUMNS, one row per sector with a participant at A or B

    def items(self, category: str) -> list[Item]:
        return self.listed[category]

    def counts(self) -> dict[str, int]:
        return {category: self.totals[category] for category in CATEGORIES}


def _between(dates: pd.Series, after: pd.Timestamp, until: pd.Timestamp) -> pd.Series:
    """Dated and after ``after`` and not after ``until``: the interval (A, B]. NaT compares False."""
    return (dates > after) & (dates <= until)

# The category of the items each table gives the timeline: the comparison lists them from its catalogue.
TIMELINE_CATEGORIES = {"agreements": "agreements", "organisations": "joined", "projects": "projects_started",
                       "events": "events"}

# Categories the timeline does not show: their table and the date that places them in (A, B].
OWN_DATES = {"left": ("organisations", "left"), "projects_finished": ("projects", "finished")}


def _catalogue(data: ClusterData, lang: str) -> pd.DataFrame:
    """Every dated item a comparison can list, named and dated in ``lang`` once per package, in date then name
    order; ``row`` is its row as :func:`derive.package_rows`, so a comparison only picks rows. Most are the
    timeline's items, whose texts it shares; events about other clusters of the region say so, as their
    timeline row does."""
    timeline = derive.timeline_catalogue(data)
    keys = timeline["key"].to_numpy()
    tables = derive.row_tables(data, keys)
    # Only the cluster's members join or leave it (data.counts): the timeline may also show other joinings.
    participants = derive.participant_rows(data)
    members = derive.package_rows(data, "organisations", participants.index[participants.to_numpy()])
    rows = np.flatnonzero(timeline["date"].notna().to_numpy() & ((tables != "organisations") | np.isin(keys, members)))
    # Columns picked as arrays: picking the catalogue's rows and mapping its texts in pandas cost most of the time.
    categories, tables = np.empty(len(rows), dtype=object), tables[rows]
    for table, category in TIMELINE_CATEGORIES.items():
        categories[tables == table] = category
    names = timeline[f"title_{lang}"].to_numpy(dtype=object)[rows]
    context = timeline["group"].to_numpy()[rows] == "context"
    names[context] += f" ({TIMELINE_GROUP['context'].label(lang).lower()})"
    parts = [pd.DataFrame({"category": categories, "row": keys[rows], "date": timeline["date"].to_numpy()[rows],
                           "date_label": timeline[f"date_label_{lang}"].to_numpy()[rows], "name": names})]
    for category, (table, date_field) in OWN_DATES.items():
        frame = data.tables[table]
        # one selection of the rows listed (selecting the members first took their every column)
        listed = frame[date_field].notna().to_numpy()
        if table == "organisations":
            listed = listed & derive.participant_rows(data).to_numpy()
        frame = frame[listed]
        names = derive.joining_titles(data, frame, lang) if table == "organisations" else derive.localized(
            frame, "title", lang)
        parts.append(pd.DataFrame({
            "category": category, "row": derive.package_rows(data, table, frame.index),
            "date": frame[date_field].to_numpy(),
            "date_label": format_dates(frame[date_field], frame[f"{date_field}_precision"], lang).to_numpy(),
            "name": names.to_numpy()}))
    items = pd.concat(parts, ignore_index=True)
    return items.take(_by_date_and_name(items["date"].to_numpy(dtype="datetime64[ns]"),
                                        items["name"].to_numpy(dtype=object)))


def _by_date_and_name(dates: np.ndarray, names: np.ndarray) -> list[int]:
    """The positions of items in date then name order, in their own order where both are the same: numpy sorts the
    dates, and Python only the names of each date (a few, where sorting all of them costs twice as much)."""
    order = np.argsort(dates, kind="stable")
    days, names, order = dates[order].view(np.int64), names[order].tolist(), order.tolist()
    starts = np.flatnonzero(np.r_[True, days[1:] != days[:-1]]).tolist()
    for first, end in itertools.pairwise([*starts, len(order)]):
        if end - first > 1:
            order[first:end] = [order[first + i] for i in sorted(range(end - first), key=names[first:end].__getitem__)]
    return order


def sector_counts(data: ClusterData, orgs: pd.DataFrame, day_a: pd.Timestamp, day_b: pd.Timestamp,
                  lang: str) -> pd.DataFrame:
    """Named participants per sector at A and at B, in the package's sector order; empty sectors left out."""
    # over the package's codes by row: filtering the whole frame twice cost ten times more
    named = derive.by_row(derive.participant_rows(data), orgs.index)
    sectors = derive.by_row(derive.sector_codes(data), orgs.index)[named]
    joined, left = (orgs[column].to_numpy(dtype="datetime64[ns]")[named] for column in ("joined", "left"))

    def at(day: pd.Timestamp) -> list[int]:
        present = counts.present_at(joined, left, day.to_datetime64())
        return np.bincount(sectors[present], minlength=len(data.sectors)).tolist()

    labels = derive.table_labels(data, "sectors", "sector_id", lang)
    rows = [(sector, labels[sector], a, b)
            for sector, a, b in zip(data.sectors["sector_id"], at(day_a), at(day_b), strict=True) if a or b]
    frame = pd.DataFrame(rows, columns=SECTOR_COLUMNS[:-1]).astype({"at_a": int, "at_b": int})
    frame["change"] = frame["at_b"] - frame["at_a"]
    return frame[SECTOR_COLUMNS]


def compare(data: ClusterData, filtered: FilteredData, date_a: dt.date, date_b: dt.date, lang: str) -> Comparison:
    """What happened in (A, B] within ``filtered`` (the filters applied over the whole period)."""
    if date_a > date_b:
        date_a, date_b = date_b, date_a
    day_a, day_b = pd.Timestamp(date_a), pd.Timestamp(date_b)
    catalogue = cached(data, f"comparison:{lang}", lambda: _catalogue(data, lang))
    picked = catalogue[derive.shown_rows(data, filtered)[catalogue["row"]] & _between(catalogue["date"], day_a, day_b)]
    rows = picked.groupby("category", sort=False).indices
    listed = {}
    for category in CATEGORIES:
        first = picked.iloc[rows.get(category, [])[:MAX_LISTED]]
        listed[category] = [Item(*values) for values in zip(
            derive.row_ids(data, first["row"].to_numpy()), first["date"], first["date_label"].to_numpy(dtype=object),
            first["name"].to_numpy(dtype=object), strict=True)]
    return Comparison(date_a=date_a, date_b=date_b, listed=listed,
                      totals={category: len(rows.get(category, [])) for category in CATEGORIES},
                      sector_counts=sector_counts(data, filtered.organisations, day_a, day_b, lang))


def day_label(day: dt.date, lang: str) -> str:
    return format_date(pd.Timestamp(day), "day", lang)


def signed(change: int, lang: str) -> str:
    if change > 0:
        return f"+{format_number(change, lang)}"
    if change < 0:
        return f"{MINUS}{format_number(-change, lang)}"
    return "0"


def summary(comparison: Comparison, lang: str) -> str:
    """One sentence for screen readers: the interval, the count in each category, the named participants."""
    a, b = day_label(comparison.date_a, lang), day_label(comparison.date_b, lang)
    parts = []
    for category, count in comparison.counts().items():
        if lang == "ru":
            verbs, nouns = COMPARISON_RU_SUMMARY[category]
            parts.append(f"{plural_ru(count, verbs)} {format_number(count, lang)} {plural_ru(count, nouns)}")
        else:
            one, many, verb = COMPARISON_EN_SUMMARY[category]
            parts.append(" ".join(filter(None, (format_number(count, lang), plural(count, (one, many), lang), verb))))
    by_sector = comparison.sector_counts
    participants = t("compare_participants_summary", lang, a=a, b=b,
                     at_a=format_number(int(by_sector["at_a"].sum()), lang),
                     at_b=format_number(int(by_sector["at_b"].sum()), lang))
    return f"{t('compare_period', lang, a=a, b=b)} {', '.join(parts)}. {participants}"


def comparison_state(data: ClusterData, params: dict[str, object]) -> FilterState:
    """The filter state the comparison obeys: the organisation filters, language and presentation mode of untrusted
    ``params`` (keys as in the URL), over the whole period, whatever else the page's state holds."""
    keys = ("sector", "status", "role", "settlement", "q", "lang", "present")
    return parse_state({key: params.get(key) for key in keys}, data)


def parse_dates(value_a: object, value_b: object, data: ClusterData) -> tuple[dt.date, dt.date]:
    """Dates from the two inputs (untrusted): ISO dates clamped to [launch, data as of]; anything else gives
    the default (launch for A, data as of for B)."""
    low, high = data.meta.launch_date, data.meta.data_as_of

    def one(value: object, default: dt.date) -> dt.date:
        if not isinstance(value, str) or len(value) > 32:
            return default
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return default
        return min(max(day, low), high)

    return one(value_a, low), one(value_b, high)


def comparison_for(data: ClusterData, state: FilterState, value_a: object, value_b: object) -> Comparison:
    """The comparison between the two (untrusted) input dates under ``state``'s organisation filters."""
    state = comparison_state(data, {"sector": list(state.sector), "status": list(state.status),
                                    "role": list(state.role), "settlement": list(state.settlement),
                                    "q": state.search, "lang": state.lang})
    date_a, date_b = parse_dates(value_a, value_b, data)
    return compare(data, apply_filters(data, state), date_a, date_b, state.lang)
