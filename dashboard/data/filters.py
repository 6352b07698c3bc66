"""Filter state: parsed from the URL query string (untrusted), written back to it, and applied to the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from dashboard.data.memo import cached
from dashboard.data.package import ClusterData
from dashboard.i18n import DEFAULT_LANG, LANGS

MAX_SEARCH = 100
MAX_FOCUS = 50
# Multi-value filters: URL key -> (organisations column, where the allowed values come from).
MULTI = {
    "sector": "sector",
    "status": "status",
    "role": "role",
    "settlement": "settlement_id",
}


@dataclass(frozen=True)
class FilterState:
    """What the user selected. Empty selections mean "all"; years are inclusive."""

    year_from: int
    year_to: int
    sector: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    role: tuple[str, ...] = ()
    settlement: tuple[str, ...] = ()
    search: str = ""
    # Organisations picked by clicking a timeline item (cross-filtering).
    focus: tuple[str, ...] = ()
    # The cluster as it stood on this date; None means today.
    asof: dt.date | None = None
    present: bool = False
    lang: str = DEFAULT_LANG
    bounds: tuple[int, int] = field(default=(0, 0), compare=False)

    @property
    def filters_organisations(self) -> bool:
        return bool(self.sector or self.status or self.role or self.settlement or self.search or self.focus)

    @property
    def period(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """First and last day shown: the year range, cut at the as-of date."""
        end = pd.Timestamp(year=self.year_to, month=12, day=31)
        if self.asof is not None:
            end = min(end, pd.Timestamp(self.asof))
        return pd.Timestamp(year=self.year_from, month=1, day=1), end

    def to_query(self) -> str:
        """The query string that reopens exactly this view (defaults are left out)."""
        params: list[tuple[str, str]] = []
        if self.lang != DEFAULT_LANG:
            params.append(("lang", self.lang))
        for key in MULTI:
            params.extend((key, value) for value in getattr(self, key))
        if self.year_from != self.bounds[0]:
            params.append(("from", str(self.year_from)))
        if self.year_to != self.bounds[1]:
            params.append(("to", str(self.year_to)))
        if self.search:
            params.append(("q", self.search))
        params.extend(("org", org_id) for org_id in self.focus)
        if self.asof is not None:
            params.append(("asof", self.asof.isoformat()))
        if self.present:
            params.append(("present", "1"))
        return f"?{urlencode(params)}" if params else ""

    def with_lang(self, lang: str) -> FilterState:
        return replace(self, lang=lang)

    def toggled_presentation(self) -> FilterState:
        return replace(self, present=not self.present)


def year_bounds(data: ClusterData) -> tuple[int, int]:
    return data.meta.launch_date.year, data.meta.data_as_of.year


def allowed_values(data: ClusterData) -> dict[str, tuple[str, ...]]:
    """The values each multi-select filter may take, in display order."""
    def compute() -> dict[str, tuple[str, ...]]:
        orgs = data.organisations
        used_settlements = set(orgs["settlement_id"].dropna().unique())  # a set of the few, not of every row
        return {
            "sector": tuple(data.sectors["sector_id"]),
            "status": tuple(orgs["status"].unique()),
            "role": tuple(orgs["role"].unique()),
            "settlement": tuple(s for s in data.settlements["settlement_id"] if s in used_settlements),
        }

    return cached(data, "allowed_values", compute)


def known_organisations(data: ClusterData) -> pd.Index:
    """The organisation ids in table order: membership (``in``) and row positions (``get_indexer``)."""
    return cached(data, "org_ids", lambda: pd.Index(data.organisations["org_id"]))


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []


def _as_year(value: object, default: int, low: int, high: int) -> int:
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        year = int(str(value))
    except (TypeError, ValueError):
        return default
    return min(max(year, low), high)


def _first(value: object) -> object:
    return value[0] if isinstance(value, list | tuple) and value else value


def _as_date(value: object, low: dt.date, high: dt.date) -> dt.date | None:
    """An ISO date within the package's span, or None (today) for anything else."""
    try:
        day = dt.date.fromisoformat(str(_first(value)))
    except ValueError:
        return None
    return None if day >= high else max(day, low)


def parse_state(params: Mapping[str, object], data: ClusterData) -> FilterState:
    """Build a valid state from untrusted input: unknown values are dropped, years clamped, text cut."""
    low, high = year_bounds(data)
    allowed = allowed_values(data)
    chosen = {key: tuple(dict.fromkeys(v for v in _as_list(params.get(key)) if v in allowed[key]))
              for key in MULTI}
    year_from = _as_year(params.get("from"), low, low, high)
    year_to = _as_year(params.get("to"), high, low, high)
    if year_from > year_to:
        year_from, year_to = year_to, year_from
    search = _first(params.get("q"))
    search = " ".join(search.split())[:MAX_SEARCH].strip() if isinstance(search, str) else ""
    known = known_organisations(data)
    focus = tuple(dict.fromkeys(v for v in _as_list(params.get("org")) if v in known))[:MAX_FOCUS]
    lang = _first(params.get("lang"))
    return FilterState(
        year_from=year_from, year_to=year_to, search=search, focus=focus, bounds=(low, high),
        asof=_as_date(params.get("asof"), data.meta.launch_date, data.meta.data_as_of),
        present=_first(params.get("present")) in ("1", 1, True),
        lang=lang if lang in LANGS else DEFAULT_LANG, **chosen,
    )


@dataclass(frozen=True)
class FilteredData:
    """The slice of the package every view shows."""

    organisations: pd.DataFrame
    agreements: pd.DataFrame
    projects: pd.DataFrame
    events: pd.DataFrame
    counts: pd.DataFrame


def in_period(dates: pd.Series | np.ndarray, state: FilterState) -> np.ndarray:
    """Undated items are always kept; dated ones when their (first possible) day lies in the period."""
    start, end = (day.to_datetime64() for day in state.period)
    dates = np.asarray(dates, dtype="datetime64[ns]")
    return np.isnat(dates) | ((dates >= start) & (dates <= end))


def _names_matching(data: ClusterData, text: str) -> np.ndarray:
    """Whether each organisation's current or former name, in either language, contains the text (by row)."""
    needle = text.casefold()
    names, former_names, former_ids = cached(data, "searched_names", lambda: _searched_names(data))
    former = former_ids[_containing(former_names, needle)]
    return _containing(names, needle) | data.organisations["org_id"].isin(former).to_numpy()


def _containing(texts: list[str], needle: str) -> np.ndarray:
    return np.fromiter((needle in text for text in texts), dtype=bool, count=len(texts))


def _searched_names(data: ClusterData) -> tuple[list[str], list[str], np.ndarray]:
    """Current names (both languages, full and short) by organisation row, and former names with their
    organisations' ids, case-folded. Plain str: ``in`` searches 100 000 of them in about 10 ms, faster than
    numpy.strings over a fixed-width copy, which took 0.3 s and 46 MB to build at every start."""
    orgs = data.organisations
    names = zip(*(orgs[column].fillna("").tolist() for column in ("name_ru", "name_en", "short_name_ru",
                                                                    "short_name_en")), strict=True)
    former = data.organisation_names
    former_names = zip(former["former_name_ru"].fillna("").tolist(), former["former_name_en"].fillna("").tolist(),
                       strict=True)
    return ([" ".join(parts).casefold() for parts in names],
            [" ".join(parts).casefold() for parts in former_names],
            former["org_id"].to_numpy(dtype=object))


def filter_organisations(data: ClusterData, state: FilterState) -> pd.DataFrame:
    orgs = data.organisations
    keep = pd.Series(True, index=orgs.index)
    for key, column in MULTI.items():
        selected = getattr(state, key)
        if selected:
            keep &= orgs[column].isin(selected)
    if state.search:
        keep &= _names_matching(data, state.search)
    if state.focus:
        keep &= orgs["org_id"].isin(state.focus)
    start, end = state.period
    # An organisation belongs to the period if it was linked by its end and had not left before its start.
    keep &= orgs["joined"].isna() | (orgs["joined"] <= end)
    keep &= orgs["left"].isna() | (orgs["left"] >= start)
    return orgs[keep]


# The tables whose rows name organisations through a table of links, with that table and the rows' key.
LINKED_TABLES = {"agreements": ("agreement_parties", "agreement_id"),
                 "projects": ("project_participants", "project_id"),
                 "events": ("event_organisations", "event_id")}


def link_positions(data: ClusterData, table: str) -> tuple[np.ndarray, np.ndarray]:
    """Each link of one of :data:`LINKED_TABLES` as the row of its organisation and the row of its item (-1 for an
    id that table does not hold), computed once per package: a filter state then picks by position, not by
    looking up a hundred thousand ids."""
    def compute() -> tuple[np.ndarray, np.ndarray]:
        link_table, key = LINKED_TABLES[table]
        links = data.tables[link_table]
        return (known_organisations(data).get_indexer(links["org_id"]),
                pd.Index(data.tables[table][key]).get_indexer(links[key]))

    return cached(data, f"link_rows:{table}", compute)


def _involving(data: ClusterData, table: str, orgs: pd.DataFrame) -> np.ndarray:
    """Whether each row of one of :data:`LINKED_TABLES` is linked to one of ``orgs`` (rows of the package's)."""
    org_rows, item_rows = link_positions(data, table)
    # One slot more at the end, where the -1 of an unknown id lands: never a shown organisation, nor an item.
    shown = np.zeros(len(data.organisations) + 1, dtype=bool)
    shown[orgs.index.to_numpy()] = True
    involved = np.zeros(len(data.tables[table]) + 1, dtype=bool)
    involved[item_rows[shown[org_rows]]] = True
    return involved[:-1]


def apply_filters(data: ClusterData, state: FilterState) -> FilteredData:
    orgs = filter_organisations(data, state)
    agreements = data.agreements[in_period(data.agreements["signed"], state)]
    start, end = state.period
    projects = data.projects
    projects = projects[(projects["started"].isna() | (projects["started"] <= end))
                        & (projects["finished"].isna() | (projects["finished"] >= start))]
    events = data.events[in_period(data.events["date"], state)]
    counts = data.membership_counts[in_period(data.membership_counts["date"], state)]
    if state.filters_organisations:
        # a package's tables are indexed 0…n-1: their index is their rows' positions
        agreements = agreements[_involving(data, "agreements", orgs)[agreements.index.to_numpy()]]
        projects = projects[_involving(data, "projects", orgs)[projects.index.to_numpy()]]
        events = events[_involving(data, "events", orgs)[events.index.to_numpy()]]
    return FilteredData(organisations=orgs, agreements=agreements, projects=projects, events=events,
                        counts=counts)
