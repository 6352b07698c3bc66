"""Pure derivations from the filtered data: timeline items, map points, growth series, KPI values, table rows.

Everything here is DataFrame in, DataFrame or plain values out, so the figures, the tables and the tests
share one computation.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from dashboard.data import counts, geo, tables
from dashboard.data.counts import GROUP_OF_STATUS, GROUPS, MEMBER_STATUSES, in_group
from dashboard.data.filters import FilteredData, FilterState, in_period, known_organisations
from dashboard.data.memo import cached
from dashboard.data.package import ClusterData
from dashboard.data.vocab import (
    AGREEMENT_KIND,
    CONFIDENCE,
    EVENT_KIND_GROUP,
    PROJECT_STATUS,
    ROLE,
    SCOPE,
    STATUS,
    TIMELINE_GROUP,
)
from dashboard.i18n import LANGS, counted, format_date, format_dates, format_number, format_rub, pick, t

TIMELINE_COLUMNS = ["date", "precision", "group", "title", "date_label", "label", "source", "org_ids", "sources",
                    "confidence"]
JOINING_STATUSES = (*MEMBER_STATUSES, "interregional_member")
# Beyond this many distinct joining dates the growth chart steps by month.
MAX_GROWTH_STEPS = 400
# Names a map point keeps for its hover and table, and organisation ids for its click (the profile's
# chooser; the settlement filter shows them all); its count covers every organisation.
MAX_NAMES = 6
MAX_IDS = 10
# Margin of the map's enlarged detail around its towns.
INSET_PAD_DEG = 0.35
# How each count group is drawn on the map (the dashboard's and the exported one): a colour and a shape,
# so that status reads without colour too; "open" shapes are outlines only.
MAP_GROUP_STYLE: dict[str, tuple[str, str]] = {
    "members": ("#d55e00", "circle"),
    "support": ("#009e73", "diamond"),
    "expected": ("#d55e00", "circle-open"),
    "other_cluster": ("#cc79a7", "square"),
    "branches": ("#d55e00", "triangle-up"),  # a member's own plant: the member's colour, another shape
    "not_member": ("#495057", "x"),
}
if set(MAP_GROUP_STYLE) != set(GROUPS):
    raise ValueError("every count group needs a map style")
MAP_POINT_COLUMNS = ["settlement_id", "settlement", "group", "group_label", "town_lat", "town_lon", "count", "names",
                     "org_ids"]


def source_list(source_urls: str) -> list[str]:
    return [url for url in str(source_urls).split() if url.startswith(("http://", "https://"))]


def source_domain(url: str) -> str:
    return urlsplit(url).netloc.removeprefix("www.")


def lookup(frame: pd.DataFrame, key: str, lang: str, field: str = "name") -> dict[str, str]:
    return {row[key]: pick(row, field, lang) for row in frame.to_dict("records")}


def table_labels(data: ClusterData, table: str, key: str, lang: str, field: str = "name") -> dict[str, str]:
    """:func:`lookup` of one of the package's tables, computed once per package: callers only read it."""
    return cached(data, f"labels:{table}:{field}:{lang}", lambda: lookup(data.tables[table], key, lang, field))


def org_label(row: dict, lang: str) -> str:
    return pick(row, "short_name", lang) or pick(row, "name", lang)


def localized(frame: pd.DataFrame, field: str, lang: str) -> pd.Series:
    """:func:`pick` for a whole column: ``field_<lang>`` where given, else ``field_ru``."""
    russian = frame[f"{field}_ru"].fillna("").astype(str)
    other = frame.get(f"{field}_{lang}")
    if lang == "ru" or other is None:
        return russian
    return _given_else(other, russian)


def _given_else(texts: pd.Series, fallback: pd.Series) -> pd.Series:
    """Each of ``texts`` that has more than spaces in it, else ``fallback``'s value of that row. With str's own
    methods, value by value, since pandas' string methods cost several times more (a registry has 100k names)."""
    values = texts.to_numpy(dtype=object)
    given = np.fromiter((isinstance(text, str) and text.strip() != "" for text in values), dtype=bool,
                        count=len(values))
    return pd.Series(np.where(given, values, fallback.to_numpy(dtype=object)), index=fallback.index,
                     dtype=fallback.dtype)


def linked_orgs(data: ClusterData, links: str, key: str) -> dict[str, list[str]]:
    """Organisation ids per agreement / project / event."""
    return cached(data, f"linked:{links}", lambda: _grouped_lists(data.tables[links], key, "org_id"))


def _grouped_lists(frame: pd.DataFrame, key: str, value: str) -> dict[str, list[str]]:
    """``value`` per ``key``, in table order: from one stable sort and list slices (a pandas groupby calls
    Python per group and reads a string column element by element, seconds at 100k links)."""
    keys = frame[key].to_numpy(dtype=object)
    if not len(keys):
        return {}
    order = np.argsort(keys, kind="stable")
    keys, values = keys[order], frame[value].to_numpy(dtype=object)[order].tolist()
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]).tolist()
    return {keys[first]: values[first:end] for first, end in zip(starts, [*starts[1:], len(keys)], strict=True)}


# compiled once: re.findall(pattern, text) looks its pattern up in re's cache on every call, a 100k times
URL = re.compile(r"https?://\S+")


def _sources(urls: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The addresses in each row's sources text, and the first of them ("" for none). Row by row: finding each
    distinct text first (pandas.factorize) cost as much as searching them all, and a registry's rows mostly differ."""
    found = np.fromiter((URL.findall(text) for text in urls.fillna("").tolist()), dtype=object, count=len(urls))
    first = np.fromiter((addresses[0] if addresses else "" for addresses in found), dtype=object, count=len(found))
    return found, first


# The tables timeline items come from, in the order their items stand on one date, with their id columns.
TIMELINE_TABLES = ("agreements", "organisations", "projects", "events")
TABLE_IDS = {"agreements": "agreement_id", "organisations": "org_id", "projects": "project_id", "events": "event_id"}


def timeline_items(data: ClusterData, filtered: FilteredData, state: FilterState) -> pd.DataFrame:
    """Agreements, joinings, project starts and events on one date axis, each in one timeline group,
    with the organisations each item involves (clicking an item filters the dashboard to them)."""
    def keys_and_dates() -> tuple[np.ndarray, np.ndarray]:
        catalogue = timeline_catalogue(data)
        return catalogue["key"].to_numpy(), catalogue["date"].to_numpy()

    keys, dates = cached(data, "timeline_keys", keys_and_dates)
    shown = shown_rows(data, filtered)[keys] & in_period(dates, state)
    items = _timeline_columns(data, state.lang).take(np.flatnonzero(shown))
    items.index = pd.RangeIndex(len(items))
    return items


def _timeline_columns(data: ClusterData, lang: str) -> pd.DataFrame:
    """The catalogue's :data:`TIMELINE_COLUMNS` in ``lang`` (copy-on-write: the same arrays as the catalogue)."""
    return cached(data, f"timeline_columns:{lang}", lambda: timeline_catalogue(data).rename(
        columns={f"title_{lang}": "title", f"date_label_{lang}": "date_label", f"label_{lang}": "label"}
    )[TIMELINE_COLUMNS])


def _row_offsets(data: ClusterData) -> dict[str, int]:
    """Where the rows of each of :data:`TIMELINE_TABLES` start in their concatenation."""
    sizes = [len(data.tables[table]) for table in TIMELINE_TABLES]
    return dict(zip(TIMELINE_TABLES, np.cumsum([0, *sizes[:-1]]), strict=True))


def package_rows(data: ClusterData, table: str, index: pd.Index) -> np.ndarray:
    """Rows of one of :data:`TIMELINE_TABLES` as positions in their concatenation: one key for items of
    every table, which a catalogue built once per package is picked by."""
    return _row_offsets(data)[table] + index.to_numpy()


def row_tables(data: ClusterData, rows: np.ndarray) -> np.ndarray:
    """The table each of :func:`package_rows` comes from."""
    starts = np.fromiter(_row_offsets(data).values(), dtype=np.int64)
    return np.array(TIMELINE_TABLES)[np.searchsorted(starts, rows, side="right") - 1]


def row_ids(data: ClusterData, rows: np.ndarray) -> np.ndarray:
    """The ids (org_id, agreement_id, …) of :func:`package_rows`."""
    ids = cached(data, "row_ids", lambda: np.concatenate(
        [data.tables[table][TABLE_IDS[table]].to_numpy(dtype=object) for table in TIMELINE_TABLES]))
    return ids[rows]


def shown_rows(data: ClusterData, filtered: FilteredData) -> np.ndarray:
    """Whether each row of the concatenation of :data:`TIMELINE_TABLES` is in ``filtered``."""
    shown = np.zeros(sum(len(data.tables[table]) for table in TIMELINE_TABLES), dtype=bool)
    for table in TIMELINE_TABLES:
        shown[package_rows(data, table, getattr(filtered, table).index)] = True
    return shown


def joining_titles(data: ClusterData, orgs: pd.DataFrame, lang: str) -> pd.Series:
    """An organisation of the package (``orgs``: some of its rows) as an item of the timeline and the comparison: its
    name and its status."""
    statuses = orgs["status"].map({code: term.label(lang).lower() for code, term in STATUS.items()}).astype(str)
    # joined as plain values: pandas joins its strings several times slower
    titles = by_row(organisation_names(data, lang), orgs.index) + " — " + statuses.to_numpy(dtype=object)
    return pd.Series(titles, index=orgs.index, dtype=str)


def timeline_catalogue(data: ClusterData) -> pd.DataFrame:
    """Every item the timeline can show, labelled once per package (``title_<lang>``, ``date_label_<lang>``
    for every language, and ``label_<lang>``: the short label a key milestone carries on the chart, from the
    table's ``label_<lang>`` column, empty for every other item), in date order; ``key`` is the item's row in
    the concatenation of :data:`TIMELINE_TABLES` (:func:`package_rows`), so a filter change only picks rows."""
    return cached(data, "timeline", lambda: _timeline_catalogue(data))


def _timeline_catalogue(data: ClusterData) -> pd.DataFrame:
    # Each table's items as columns of plain arrays, put together and ordered as arrays: one frame built at the end
    # instead of one per table, concatenated and then sorted, which took each column's strings through pandas thrice.
    def part(table: str, frame: pd.DataFrame, date: str, group: pd.Series | str,
             title: Callable[[str], pd.Series], org_ids: list[list[str]]) -> dict[str, np.ndarray]:
        def column(values: pd.Series | str) -> np.ndarray:
            """The items' values, or one value for every item."""
            if isinstance(values, str):
                return np.full(len(frame), values, dtype=object)
            return values.to_numpy(dtype=object)

        sources, first_source = _sources(frame["source_urls"])
        return {
            "key": package_rows(data, table, frame.index),
            "date": frame[date].to_numpy(), "precision": column(frame[f"{date}_precision"]), "group": column(group),
            **{f"title_{lang}": column(title(lang)) for lang in LANGS},
            **{f"label_{lang}": column(frame[f"label_{lang}"].fillna("") if f"label_{lang}" in frame else "")
               for lang in LANGS},
            "org_ids": np.fromiter(org_ids, dtype=object, count=len(frame)), "sources": sources,
            "confidence": column(frame["confidence"]),
            # the first source stands in the hover; the exports list them all
            "source": first_source,
        }

    def linked(frame: pd.DataFrame, links: str, key: str) -> list[list[str]]:
        lists = linked_orgs(data, links, key)
        return [lists.get(k, []) for k in frame[key].tolist()]

    agreements, projects, events = data.agreements, data.projects, data.events
    orgs = data.organisations
    orgs = orgs[orgs["status"].isin(JOINING_STATUSES) & orgs["joined"].notna()]
    # Only this cluster's members join it; the members of another cluster stand with the region's context.
    joining_group = pd.Series(np.where(in_group(orgs["status"], "members"), "joining", "context"), index=orgs.index)

    parts = [
        part("agreements", agreements, "signed", "agreement", lambda lang: localized(agreements, "title", lang),
             linked(agreements, "agreement_parties", "agreement_id")),
        part("organisations", orgs, "joined", joining_group, lambda lang: joining_titles(data, orgs, lang),
             [[org_id] for org_id in orgs["org_id"].tolist()]),
        part("projects", projects, "started", "project", lambda lang: localized(projects, "title", lang),
             linked(projects, "project_participants", "project_id")),
        part("events", events, "date", events["kind"].map(EVENT_KIND_GROUP),
             lambda lang: localized(events, "title", lang), linked(events, "event_organisations", "event_id")),
    ]
    columns = {name: np.concatenate([columns[name] for columns in parts]) for name in parts[0]}
    # in date order, undated last (numpy sorts NaT last), items of one date in table order
    order = np.argsort(columns["date"], kind="stable")
    items = pd.DataFrame({name: values[order] for name, values in columns.items()})
    for lang in LANGS:
        items[f"date_label_{lang}"] = format_dates(items["date"], items["precision"], lang)
    return items


def by_row(values: pd.Series | np.ndarray, rows: pd.Index) -> np.ndarray:
    """The ``values`` (one per row of a package table) of the table's rows ``rows``: a package's tables are
    indexed 0…n-1, so by position, which costs a tenth of pandas' lookup by label."""
    return np.asarray(values)[rows.to_numpy()]


def settlement_frame(data: ClusterData) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        settlements = data.settlements.copy()
        settlements["in_region"] = settlements["region_code"] == data.meta.region_code
        return settlements.set_index("settlement_id")

    return cached(data, "settlements", compute)


def map_points(data: ClusterData, filtered: FilteredData, lang: str) -> pd.DataFrame:
    """One point per (settlement in the region, count group of :mod:`counts`): town centre, count, names and
    organisation ids, town by town and in the groups' order within a town.

    ``names`` holds the first MAX_NAMES names and ``org_ids`` the first MAX_IDS ids; ``count`` counts all."""
    towns, groups = _point_keys(data)
    orgs = filtered.organisations
    codes = by_row(_point_codes(data), orgs.index)
    rows = np.flatnonzero(codes >= 0)
    rows = rows[np.argsort(codes[rows], kind="stable")]  # point by point, in table order within each
    codes = codes[rows]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else np.array([], dtype=int)
    count = np.diff(np.r_[starts, len(codes)])
    kept = rows[np.arange(len(rows)) - np.repeat(starts, count) < MAX_IDS]
    kept_counts = np.minimum(count, MAX_IDS)
    ends = np.cumsum(kept_counts)
    spans = list(zip((ends - kept_counts).tolist(), ends.tolist(), strict=True))

    def per_point(values: np.ndarray, keep: int) -> list[list]:
        # list slices: np.split makes an array per point, ten times slower for a few hundred points
        values = values.tolist()
        return [values[first:min(first + keep, end)] for first, end in spans]

    town, group = codes[starts] // len(groups), codes[starts] % len(groups)
    town_columns = _town_columns(data, lang)
    return pd.DataFrame({
        "settlement_id": towns[town], "settlement": town_columns["name"][town], "group": groups[group],
        "group_label": np.array([group_label(name, lang) for name in groups], dtype=object)[group],
        "town_lat": town_columns["lat"][town], "town_lon": town_columns["lon"][town], "count": count,
        "names": per_point(by_row(organisation_names(data, lang), orgs.index[kept]), MAX_NAMES),
        "org_ids": per_point(by_row(organisation_ids(data), orgs.index[kept]), MAX_IDS),
    }, columns=MAP_POINT_COLUMNS)


def group_label(group: str, lang: str) -> str:
    """A count group's name: its status's label, or for the members (founders and members) the catalogue's."""
    statuses = GROUPS[group]
    return STATUS[statuses[0]].label(lang) if len(statuses) == 1 else t("map_group_members", lang)


def _town_columns(data: ClusterData, lang: str) -> dict[str, np.ndarray]:
    """Name in ``lang`` and centre (lat, lon) of the region's settlements, in the order of :func:`_point_keys`."""
    def compute() -> dict[str, np.ndarray]:
        settlements = settlement_frame(data).loc[_point_keys(data)[0]]
        return {"name": localized(settlements, "name", lang).to_numpy(dtype=object),
                "lat": settlements["lat"].to_numpy(dtype=float), "lon": settlements["lon"].to_numpy(dtype=float)}

    return cached(data, f"town_columns:{lang}", compute)


def sector_codes(data: ClusterData) -> pd.Series:
    """Each organisation's sector as its position in the sectors table, by row."""
    return cached(data, "sector_codes", lambda: data.organisations["sector"].map(
        {sector: i for i, sector in enumerate(data.sectors["sector_id"])}).astype(np.int64))


def point_organisations(data: ClusterData, filtered: FilteredData, settlement_id: object, group: object) -> list[str]:
    """The ids a map point keeps (see :func:`map_points`) for the point of ``settlement_id`` and count ``group``."""
    points = map_points(data, filtered, "ru")
    hit = points[(points["settlement_id"] == settlement_id) & (points["group"] == group)]
    return list(hit["org_ids"].iloc[0]) if len(hit) else []


def _point_keys(data: ClusterData) -> tuple[np.ndarray, np.ndarray]:
    """The region's settlement ids in id order and the count groups in :data:`counts.GROUPS` order."""
    def compute() -> tuple[np.ndarray, np.ndarray]:
        settlements = settlement_frame(data)
        return (np.array(sorted(settlements.index[settlements["in_region"]]), dtype=object),
                np.array(list(GROUPS), dtype=object))

    return cached(data, "point_keys", compute)


def _point_codes(data: ClusterData) -> pd.Series:
    """Each organisation's map point as one number, settlement × groups + group (so sorting the numbers sorts
    the points as the map lists them), by row; -1 for an organisation off the map."""
    def compute() -> pd.Series:
        towns, groups = _point_keys(data)
        orgs = data.organisations
        town = orgs["settlement_id"].map({town: i for i, town in enumerate(towns)})
        group = orgs["status"].map(GROUP_OF_STATUS).map({group: i for i, group in enumerate(groups)})
        codes = (town * len(groups) + group).fillna(-1).astype(np.int64)
        return codes.where(organisation_places(data) == "map", -1)

    return cached(data, "point_codes", compute)


# Per-organisation texts by row are kept as numpy arrays: reading rows of a pandas string column converts the
# whole column to Python strings first.

def organisation_places(data: ClusterData) -> np.ndarray:
    """Where each organisation is drawn, by row: "map" (a town of the region), "outside" (a town elsewhere) or
    "unlocated" (no town stated)."""
    def compute() -> np.ndarray:
        in_region = data.organisations["settlement_id"].map(settlement_frame(data)["in_region"])
        return np.where(in_region.isna(), "unlocated", np.where(in_region.astype(bool), "map", "outside"))

    return cached(data, "places", compute)


def organisation_names(data: ClusterData, lang: str) -> np.ndarray:
    """Every organisation's name in ``lang``, by row of the organisations table."""
    return cached(data, f"names:{lang}", lambda: localized(data.organisations, "name", lang).to_numpy(dtype=object))


def names_of(data: ClusterData, org_ids: Sequence[str], lang: str) -> list[str]:
    """The names in ``lang`` of known organisations, by id."""
    rows = known_organisations(data).get_indexer(list(org_ids))
    return list(organisation_names(data, lang)[rows])


def organisation_ids(data: ClusterData) -> np.ndarray:
    """Every organisation's id, by row."""
    return cached(data, "org_id_array", lambda: data.organisations["org_id"].to_numpy(dtype=object))


def organisation_towns(data: ClusterData, lang: str) -> np.ndarray:
    """The name in ``lang`` of every organisation's settlement (NaN where none is stated), by row."""
    return cached(data, f"towns:{lang}", lambda: data.organisations["settlement_id"].map(
        localized(settlement_frame(data), "name", lang)).to_numpy(dtype=object))


def organisation_labels(data: ClusterData, lang: str) -> np.ndarray:
    """Every organisation's short name (its name where it has none) in ``lang``, by row: :func:`org_label` for the
    whole table."""
    def compute() -> np.ndarray:
        names = pd.Series(organisation_names(data, lang), index=data.organisations.index)
        return _given_else(localized(data.organisations, "short_name", lang), names).to_numpy(dtype=object)

    return cached(data, f"labels:{lang}", compute)


def located_towns(data: ClusterData) -> pd.DataFrame:
    """Centres (town_lat, town_lon) of the region's settlements where any organisation of the package sits."""
    def compute() -> pd.DataFrame:
        settlements = settlement_frame(data)
        used = settlements.index.isin(data.organisations["settlement_id"]) & settlements["in_region"]
        return settlements.loc[used, ["lat", "lon"]].rename(columns={"lat": "town_lat", "lon": "town_lon"})

    return cached(data, "located_towns", compute)


def inset_ranges(points: pd.DataFrame, boundary: dict) -> tuple[list[float], list[float]] | None:
    """Lon/lat ranges of an enlarged detail around the towns, when they crowd a small part of the region."""
    if points.empty:
        return None
    min_lon, _, max_lon, _ = geo.bounds(boundary)
    pad = INSET_PAD_DEG
    lat_range = [points["town_lat"].min() - pad, points["town_lat"].max() + pad]
    stretch = 1 / np.cos(np.radians(np.mean(lat_range)))
    lon_range = [points["town_lon"].min() - pad * stretch, points["town_lon"].max() + pad * stretch]
    if lon_range[1] - lon_range[0] > (max_lon - min_lon) / 3:
        return None
    return lon_range, lat_range


def map_inset(data: ClusterData) -> tuple[list[float], list[float]] | None:
    """The map's enlarged detail around every town of the package (the same whatever the filters)."""
    return cached(data, "map_inset", lambda: inset_ranges(located_towns(data), data.boundary))


def organisations_elsewhere(data: ClusterData, filtered: FilteredData, lang: str) -> dict[str, list[tuple]]:
    """Organisations not on the region's map: outside the region (by town) and with no stated location; those that
    are not members of the cluster say what they are."""
    rows = filtered.organisations.index
    places = by_row(organisation_places(data), rows)
    off_map = rows[places != "map"]
    outside = places[places != "map"] == "outside"
    # a status beside every organisation that is not a member, as the map's legend tells them apart
    statuses = filtered.organisations.loc[off_map, "status"].tolist()
    labels = [label if status in MEMBER_STATUSES else f"{label} ({STATUS[status].label(lang).lower()})"
              for label, status in zip(by_row(organisation_labels(data, lang), off_map).tolist(), statuses,
                                       strict=True)]
    entries = list(zip(by_row(organisation_ids(data), off_map).tolist(), labels, strict=True))
    towns: dict[str, list[tuple]] = {}
    for town, entry, is_outside in zip(by_row(organisation_towns(data, lang), off_map).tolist(), entries,
                                       outside.tolist(), strict=True):
        if is_outside:
            towns.setdefault(town, []).append(entry)
    return {"outside": towns,
            "unlocated": [entry for entry, is_outside in zip(entries, outside.tolist(), strict=True) if not is_outside]}


def growth_series(data: ClusterData, filtered: FilteredData, state: FilterState) -> pd.DataFrame:
    """Cumulative number of named participants per sector at each date one of them was first linked."""
    orgs = filtered.organisations
    # Columns, not the filtered frame: selecting rows of every column costs more than all the rest here.
    counted = by_row(participant_rows(data), orgs.index) & orgs["joined"].notna().to_numpy()
    start = np.datetime64(data.meta.launch_date, "ns")
    end = min(np.datetime64(data.meta.data_as_of, "ns"), state.period[1].to_datetime64())
    joined = orgs["joined"].to_numpy(dtype="datetime64[ns]")[counted]
    # Organisations linked before the launch (a year-precision date) count from the launch on.
    dates = np.unique(np.r_[start, joined, end])
    dates = dates[(dates >= start) & (dates <= end)]
    if len(dates) > MAX_GROWTH_STEPS:
        # Month ends: finer steps than a chart's pixels only make the response heavy.
        month_ends = cached(data, "month_ends",
                            lambda: pd.date_range(start, data.meta.data_as_of, freq="ME").to_numpy())
        dates = np.unique(np.r_[start, month_ends[month_ends <= end], end])
    sectors = by_row(sector_codes(data), orgs.index[counted])
    order = np.lexsort((joined, sectors))
    sectors, joined = sectors[order], joined[order]
    codes, starts = np.unique(sectors, return_index=True)
    bounds = np.r_[starts, len(sectors)]
    # per sector present, how many of its participants had joined by each date
    counts = [np.searchsorted(joined[first:last], dates, side="right")
              for first, last in itertools.pairwise(bounds)]
    return pd.DataFrame({
        "date": np.tile(dates, len(codes)),
        "sector": np.repeat(data.sectors["sector_id"].to_numpy()[codes], len(dates)),
        "count": np.concatenate(counts) if counts else np.array([], dtype=np.int64),
    })


def reported_counts(data: ClusterData, filtered: FilteredData, lang: str) -> pd.DataFrame:
    """The participant counts the sources report in the period, in date order, with their ``label``,
    ``date_label``, first ``source``, its ``source_name`` (the site) and the source's ``wording`` (labelled once
    per package and language). They count the whole cluster: only the period selects them."""
    labelled = cached(data, f"reported:{lang}", lambda: _labelled_counts(data.membership_counts, lang))
    shown = np.zeros(len(data.membership_counts), dtype=bool)
    shown[filtered.counts.index] = True
    return labelled[shown[labelled.index]]


def _labelled_counts(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    counts = counts[counts["counted"] == "participants"].copy()
    counts["label"] = [
        (t("approx", lang) if approx else "") + str(n)
        for n, approx in zip(counts["count"], counts["approximate"], strict=True)
    ]
    counts["date_label"] = [format_date(d, p, lang)
                            for d, p in zip(counts["date"], counts["date_precision"], strict=True)]
    counts["source"] = counts["source_urls"].map(lambda urls: source_list(urls)[0])
    counts["source_name"] = counts["source"].map(source_domain)
    counts["wording"] = [first_sentence(pick(row, "notes", lang)) for row in counts.to_dict("records")]
    return counts.sort_values("date")


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, without its full stop: a count's notes open with what its source says."""
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0].removesuffix(".")


def named_participants(orgs: pd.DataFrame) -> int:
    """The cluster's named members among ``orgs``: the one count of participants (:mod:`dashboard.data.counts`)."""
    return counts.count(orgs, "members")


def participant_rows(data: ClusterData) -> pd.Series:
    """Whether each organisation, by row, is a named participant (:func:`named_participants` counts them)."""
    return cached(data, "participants", lambda: counts.in_group(data.organisations["status"], "members"))


def coverage_text(data: ClusterData, lang: str) -> str:
    """What the participant count counts, and the reported counts beside it as the different measures they are,
    for the whole package, as the dashboard header states it (once per package: every page states it)."""
    def compute() -> str:
        named = counted(named_participants(data.organisations), "organisations", lang)
        reported = _labelled_counts(data.membership_counts, lang)
        if reported.empty:
            return t("coverage_no_count", lang, named=named)
        listed = ", ".join(t("coverage_reported", lang, count=row["label"], date=row["date_label"],
                             source=source_domain(row["source"])) for row in reported.to_dict("records"))
        return t("coverage", lang, named=named, reported=listed)

    return cached(data, f"coverage:{lang}", compute)


def kpis(data: ClusterData, filtered: FilteredData, lang: str) -> dict[str, tuple[str, str]]:
    """KPI card id -> (value, caption)."""
    reported = reported_counts(data, filtered, lang)
    amounts = filtered.projects["amount_rub"].dropna()
    return {
        "kpi-participants": (str(int(by_row(participant_rows(data), filtered.organisations.index).sum())),
                             t("kpi_participants_note", lang)),
        # the latest count of the period, as the growth chart labels it, with its source
        "kpi-reported": (reported["label"].iloc[-1], t("kpi_reported_note", lang, date=reported["date_label"].iloc[-1],
                                                       source=source_domain(reported["source"].iloc[-1])))
        if len(reported) else ("—", ""),
        "kpi-agreements": (str(len(filtered.agreements)), ""),
        "kpi-projects": (str(len(filtered.projects)), ""),
        "kpi-investment": (
            format_rub(float(amounts.sum()), lang) if len(amounts) else t("kpi_no_amount", lang),
            t("kpi_investment_note", lang, n=len(amounts)) if len(amounts) else "",
        ),
    }


def _names_by(links: pd.DataFrame, key: str, keys: pd.Series, data: ClusterData, lang: str) -> dict[str, str]:
    """The short labels of the organisations linked to each of ``keys``, joined by commas."""
    links = links[links[key].isin(keys)]
    rows = known_organisations(data).get_indexer(links["org_id"])
    labels = pd.Series(organisation_labels(data, lang)[rows], index=links.index)
    return labels.groupby(links[key]).agg(", ".join).to_dict()


def member_rows(data: ClusterData, filtered: FilteredData, lang: str, limit: int | None = None,
                exported: bool = False) -> list[dict]:
    """Rows of the organisations table (:data:`tables.TABLES`) for the screen, or the files when ``exported``;
    ``limit`` keeps the first rows only (the exports take them all)."""
    sectors = table_labels(data, "sectors", "sector_id", lang)
    settlements = table_labels(data, "settlements", "settlement_id", lang)
    return tables.select("organisations", ({
        "org_id": row["org_id"],
        "name": pick(row, "name", lang),
        "short": pick(row, "short_name", lang),
        "sector": sectors[row["sector"]],
        "role": ROLE[row["role"]].label(lang),
        "status": STATUS[row["status"]].label(lang),
        "settlement": settlements.get(row["settlement_id"], "—"),
        **date_cells("joined", row["joined"], row["joined_precision"], lang),
        "notes": pick(row, "notes", lang),
        **_record_cells(row, lang),
    } for row in filtered.organisations.head(limit).to_dict("records")), exported)


def agreement_rows(data: ClusterData, filtered: FilteredData, lang: str, limit: int | None = None,
                   exported: bool = False) -> list[dict]:
    """Rows of the agreements table, as :func:`member_rows`."""
    shown = filtered.agreements.sort_values("signed").head(limit)
    parties = _names_by(data.agreement_parties, "agreement_id", shown["agreement_id"], data, lang)
    return tables.select("agreements", ({
        **date_cells("date", row["signed"], row["signed_precision"], lang),
        "title": pick(row, "title", lang),
        "kind": AGREEMENT_KIND[row["kind"]].label(lang),
        "parties": parties.get(row["agreement_id"], ""),
        **_amount_cells(row["amount_rub"], lang),
        "scope": scope_label(data, row["scope"], lang),
        **_record_cells(row, lang),
    } for row in shown.to_dict("records")), exported)


def scope_label(data: ClusterData, scope: str, lang: str) -> str:
    """What a row is about: this cluster by the package's short name, or another scope by its term."""
    return data.meta.short_name(lang) if scope == "regional_cluster" else SCOPE[scope].label(lang)


def project_rows(data: ClusterData, filtered: FilteredData, lang: str, limit: int | None = None,
                 exported: bool = False) -> list[dict]:
    """Rows of the projects table, as :func:`member_rows`; the date is the period from start to finish."""
    shown = filtered.projects.sort_values("started").head(limit)
    participants = _names_by(data.project_participants, "project_id", shown["project_id"], data, lang)
    return tables.select("projects", ({
        # the screen's date is the period, sorted by its start
        **date_cells("date", row["started"], row["started_precision"], lang), "date": _period(row, lang),
        **date_cells("started", row["started"], row["started_precision"], lang),
        **date_cells("finished", row["finished"], row["finished_precision"], lang),
        "title": pick(row, "title", lang),
        "participants": participants.get(row["project_id"], ""),
        # the screen's amount says the sources' note on it too; the files give the note a column of its own
        **_amount_cells(row["amount_rub"], lang), "amount": _project_amount(row, lang),
        "amount_note": pick(row, "amount_note", lang),
        "status": PROJECT_STATUS[row["status"]].label(lang),
        "scope": scope_label(data, row["scope"], lang),
        **_record_cells(row, lang),
    } for row in shown.to_dict("records")), exported)


# The first day of the period a date of a precision stands for ("after" is known to the month).
PERIOD_START = {"month": {"day": 1}, "after": {"day": 1}, "year": {"month": 1, "day": 1}}


def date_cells(key: str, date: pd.Timestamp, precision: str, lang: str) -> dict[str, object]:
    """A date column's label, the text it sorts by, and for the files its date — the first day of its month or year
    when known to the month or year, None when unknown: never an invented day — and how precisely it is known."""
    known = not pd.isna(date) and precision != "unknown"
    return {key: format_date(date, precision, lang),
            tables.sort_key_of(key): "" if pd.isna(date) else date.strftime("%Y-%m-%d"),
            tables.value_key_of(key): date.date().replace(**PERIOD_START.get(precision, {})) if known else None,
            tables.precision_key_of(key): precision}


def _record_cells(row: dict, lang: str) -> dict[str, object]:
    """How sure a record is and its source URLs, which every table ends with."""
    return {"confidence": CONFIDENCE[row["confidence"]].label(lang), "sources": source_list(row["source_urls"])}


def _period(project: dict, lang: str) -> str:
    period = format_date(project["started"], project["started_precision"], lang)
    if pd.isna(project["finished"]):
        return period
    return f"{period} — {format_date(project['finished'], project['finished_precision'], lang)}"


def _amount(rub: float, lang: str) -> str:
    return "" if pd.isna(rub) else format_rub(rub, lang)


def _amount_cells(rub: float, lang: str) -> dict[str, object]:
    """An amount column's label, and for the files its number and currency (None and "" when none is stated)."""
    known = not pd.isna(rub)
    return {"amount": _amount(rub, lang), tables.value_key_of("amount"): float(rub) if known else None,
            "amount_currency": tables.CURRENCY if known else ""}


def _project_amount(project: dict, lang: str) -> str:
    """The amount with the sources' note on it ("440 млн ₽ (первая очередь)")."""
    amount = _amount(project["amount_rub"], lang)
    note = pick(project, "amount_note", lang)
    return f"{amount} ({note})" if amount and note else amount


def sector_counts(data: ClusterData, filtered: FilteredData, lang: str) -> pd.DataFrame:
    """Named participants per sector (sectors with none are left out), in the package's sector order."""
    rows = filtered.organisations.index
    codes = by_row(sector_codes(data), rows)[by_row(participant_rows(data), rows)]
    counts = np.bincount(codes, minlength=len(data.sectors)).tolist()
    labels = table_labels(data, "sectors", "sector_id", lang)
    rows = [(sid, labels[sid], n) for sid, n in zip(data.sectors["sector_id"], counts, strict=True) if n]
    return pd.DataFrame(rows, columns=["sector", "label", "count"])


class LabelPlace(NamedTuple):
    """Where a milestone's label stands: its line of the label band (0 the top one) and whether it ends at its
    point rather than starts there."""

    line: int
    ends_at_point: bool


def timeline_label_places(positions: Sequence[float], widths: Sequence[float], gap: float) -> list[LabelPlace]:
    """Lines for labels of points at ``positions`` along an axis (0 to 1), each ``widths`` of it wide and
    ``gap`` apart at least, in a band above the chart: a leader drops from each label's edge to its point.

    A label starts at its point (ends there when it would run past the axis's end, unless it would then run past
    its start by more). Each takes the highest
    line where it overlaps no label, its leader crosses no label below it and no leader from above crosses
    it; only when no line allows all three (two milestones on one day) may a leader cross a label.
    """
    placed: list[tuple[int, float, float, float]] = []  # line, start, end, point
    places = [LabelPlace(0, False)] * len(positions)
    for i in sorted(range(len(positions)), key=lambda i: positions[i]):
        point, width = positions[i], widths[i]
        # a label wider than the room on either side runs over on the side with more room
        ends_at_point = point + width > 1 and (point >= width or point > 1 - point)
        start, end = (point - width, point) if ends_at_point else (point, point + width)
        lines = range(len(placed) + 1)
        overlapping = {line for line, a, b, _ in placed if a < end + gap and start < b + gap}
        # a line is crossed when a label below it covers this leader, or this label covers a leader from above
        crossing = {n for n in lines for line, a, b, at in placed
                    if (line > n and a - gap <= point <= b + gap) or (line < n and start - gap <= at <= end + gap)}
        line = next((n for n in lines if n not in overlapping | crossing), None)
        if line is None:
            line = next(n for n in lines if n not in overlapping)
        placed.append((line, start, end, point))
        places[i] = LabelPlace(line, ends_at_point)
    return places


def timeline_summary(items: pd.DataFrame, lang: str) -> str:
    dated = items["date"].notna().to_numpy()
    if not dated.any():
        return t("summary_timeline_empty", lang)
    first, last = items["date"].min().year, items["date"].max().year
    span = t("year", lang, first=first) if first == last else t("years_span", lang, first=first, last=last)
    codes, groups = pd.factorize(items["group"].to_numpy()[dated])
    counts = dict(zip(groups, np.bincount(codes).tolist(), strict=True))
    listed = ", ".join(f"{TIMELINE_GROUP[group].label(lang).lower()}: {format_number(counts[group], lang)}"
                       for group in TIMELINE_GROUP if group in counts)
    return t("summary_timeline", lang, items=counted(int(dated.sum()), "items", lang), span=span, groups=listed)


def map_summary(data: ClusterData, filtered: FilteredData, points: pd.DataFrame, lang: str) -> str:
    codes, towns = pd.factorize(points["settlement"].to_numpy())
    counts = np.bincount(codes, weights=points["count"].to_numpy(), minlength=len(towns)).astype(int)
    order = np.argsort(-counts, kind="stable")
    listed = ", ".join(f"{towns[i]} — {format_number(int(counts[i]), lang)}" for i in order) or "—"
    places = by_row(organisation_places(data), filtered.organisations.index)
    return t("summary_map", lang, inside=counted(int(counts.sum()), "organisations", lang), towns=listed,
             outside=format_number(int((places == "outside").sum()), lang),
             unlocated=format_number(int((places == "unlocated").sum()), lang))


def named_total(series: pd.DataFrame) -> int:
    """The named participants of :func:`growth_series` at its last date."""
    # every sector's cumulative count has a row for every date: the total on the last one
    dates = series["date"].to_numpy()
    return int(series["count"].to_numpy()[dates == dates.max()].sum()) if len(series) else 0


def growth_summary(series: pd.DataFrame, reported: pd.DataFrame, lang: str, filters_organisations: bool = False) -> str:
    """The growth chart in a sentence; with organisations filtered, it says that the reported counts are the
    whole cluster's."""
    counts = "; ".join(f"{row['label']} ({row['date_label']}, {row['source_name']})"
                       for row in reported.to_dict("records")) or "—"
    summary = t("summary_growth", lang, named=format_number(named_total(series), lang), reported=counts)
    if filters_organisations and not reported.empty:
        summary += " " + t("growth_reported_unfiltered", lang)
    return summary


def sectors_summary(counts: pd.DataFrame, lang: str) -> str:
    ranked = sorted(zip(counts["label"], counts["count"].tolist(), strict=True), key=lambda row: -row[1])
    listed = ", ".join(f"{label} — {format_number(n, lang)}" for label, n in ranked) or "—"
    return t("summary_sectors", lang, sectors=listed)


def asof_steps(data: ClusterData, mode: str, extra: dt.date | None = None) -> list[dt.date]:
    """The dates the as-of control steps through: each year's end, or each dated item; the last is today."""
    launch, today = data.meta.launch_date, data.meta.data_as_of
    if mode == "event":
        dated = pd.concat([data.agreements["signed"], data.organisations["joined"], data.projects["started"],
                           data.events["date"], data.membership_counts["date"]]).dropna()
        steps = {d.date() for d in dated if launch <= d.date() < today}
        steps.add(launch)
    else:
        steps = {dt.date(year, 12, 31) for year in range(launch.year, today.year)}
    if extra is not None:
        steps.add(extra)
    return [*sorted(steps), today]
