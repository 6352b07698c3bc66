"""Collaboration network: organisations linked by the agreements and projects they share.

Pure functions from the package and its filtered slice to a graph (two DataFrames), its text summary and
the rows of its table; :mod:`dashboard.ui.figures.network` draws it.

Bounded for large registries: at most :data:`MAX_NODES` organisations (those with the most partners) are
drawn and the rest are counted in ``nodes.attrs["left_out"]``; agreements and projects are expanded into
pairs of organisations only up to :data:`PAIR_BUDGET` pairs (the largest ones beyond it are counted in
``edges.attrs["skipped_groups"]``); the force layout runs only up to :data:`SPRING_MAX` nodes.
"""

from __future__ import annotations

import functools
import math
from typing import NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from dashboard.data.derive import org_label, package_rows, shown_rows, table_labels
from dashboard.data.filters import LINKED_TABLES, FilteredData, known_organisations, link_positions
from dashboard.data.memo import cached
from dashboard.data.package import ClusterData
from dashboard.i18n import counted, format_number, pick, t

MAX_NODES = 150
MAX_PARTNERS_LISTED = 10
# Most organisation pairs built from shared agreements and projects (one agreement of k parties gives
# k(k-1)/2 pairs); the largest agreements/projects beyond it are not drawn as links.
PAIR_BUDGET = 2_000_000
# Above this many nodes the O(n² · iterations) force layout gives way to a circle.
SPRING_MAX = 200
SPRING_ITERATIONS = 60
# Components are packed into rows about this many times wider than high, like the plot area.
PACK_ASPECT = 1.5
LAYOUT_CACHE_SIZE = 32
SEED = 20141120
TOP_IN_SUMMARY = 3
NODE_COLUMNS = ["org_id", "label", "name", "sector", "sector_label", "degree", "strength", "x", "y"]
EDGE_COLUMNS = ["source", "target", "weight", "agreements", "projects", "kinds"]
# kind of link -> FilteredData table (its link table and key: filters.LINKED_TABLES)
LINKS = {"agreement": "agreements", "project": "projects"}


class _Links(NamedTuple):
    """Every agreement party and project participant of a package as integer codes: the rows (as
    :func:`derive.package_rows`, which a filter state picks by) of the agreement or project and of the
    organisation, and their ranks by ``kind:id`` and by organisation id (the order the graph breaks ties in)."""

    group_rows: np.ndarray
    org_rows: np.ndarray
    group_ranks: np.ndarray
    org_ranks: np.ndarray
    projects: np.ndarray  # by group rank: whether the group is a project
    org_ids: np.ndarray  # by organisation rank


def _links(data: ClusterData) -> _Links:
    def compute() -> _Links:
        known = known_organisations(data)
        group_rows, orgs, names = [], [], []
        for kind, table in LINKS.items():
            groups, key = data.tables[table], LINKED_TABLES[table][1]
            org, group = link_positions(data, table)
            linked = (group >= 0) & (org >= 0)
            group_rows.append(package_rows(data, table, pd.Index(group[linked])))
            orgs.append(org[linked])
            names.append(kind + ":" + groups[key].to_numpy(dtype=str)[group[linked]])
        group_names, group_ranks = np.unique(np.concatenate(names), return_inverse=True)
        org_positions = np.concatenate(orgs)
        ids = known.to_numpy(dtype=str)
        by_id = np.argsort(ids, kind="stable")
        rank = np.empty(len(ids), dtype=np.int64)
        rank[by_id] = np.arange(len(ids))
        return _Links(np.concatenate(group_rows), package_rows(data, "organisations", pd.Index(org_positions)),
                      group_ranks.astype(np.int64), rank[org_positions], np.char.startswith(group_names, "project:"),
                      ids[by_id].astype(object))

    return cached(data, "network_links", compute)


def _pairs(data: ClusterData, filtered: FilteredData) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Organisation ids (sorted) and, per linked pair of their codes a < b, the agreements and projects they
    share among the filtered ones (filtered organisations only); plus the number of groups left out by the
    pair budget.

    Groups (agreements and projects of two or more parties) are expanded smallest first while their pairs
    fit in PAIR_BUDGET. Integer codes throughout: 100 000 organisations take well under a second.
    """
    links = _links(data)
    shown = shown_rows(data, filtered)
    taking_part = shown[links.group_rows] & shown[links.org_rows]
    org_ranks, org_codes = np.unique(links.org_ranks[taking_part], return_inverse=True)
    group_ranks, group_codes = np.unique(links.group_ranks[taking_part], return_inverse=True)
    org_ids, is_project = links.org_ids[org_ranks], links.projects[group_ranks]
    n_orgs = len(org_ids)
    _, first = np.unique(group_codes.astype(np.int64) * max(n_orgs, 1) + org_codes, return_index=True)
    org_codes, group_codes = org_codes[first], group_codes[first]
    sizes = np.bincount(group_codes, minlength=len(group_ranks)).astype(np.int64)
    eligible = np.flatnonzero(sizes >= 2)
    order = eligible[np.lexsort((eligible, sizes[eligible]))]
    fits = np.cumsum(sizes[order] * (sizes[order] - 1) // 2) <= PAIR_BUDGET
    taken = np.zeros(len(group_ranks), dtype=bool)
    taken[order[fits]] = True
    rows = taken[group_codes]
    frame = pd.DataFrame({"g": group_codes[rows], "o": org_codes[rows]})
    both = frame.merge(frame, on="g")
    both = both[both["o_x"] < both["o_y"]]
    keys = both["o_x"].to_numpy(np.int64) * n_orgs + both["o_y"].to_numpy(np.int64)
    pair_keys, inverse = np.unique(keys, return_inverse=True)
    projects = np.bincount(inverse, weights=is_project[both["g"].to_numpy()], minlength=len(pair_keys))
    agreements = np.bincount(inverse, minlength=len(pair_keys)) - projects
    pairs = np.column_stack([pair_keys // max(n_orgs, 1), pair_keys % max(n_orgs, 1)]).astype(np.int64)
    pairs = pairs.reshape(-1, 2)
    counts = np.column_stack([agreements, projects]).astype(np.int64)
    return np.asarray(org_ids, dtype=object), pairs, counts, int((~fits).sum())


def _normalised(pos: dict[str, np.ndarray], order: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Positions scaled into [0, 1] with one factor for both axes (the drawing keeps its shape), centred."""
    if not order:
        return np.array([]), np.array([])
    xy = np.array([pos[node] for node in order], dtype=float).reshape(len(order), 2)
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = float((high - low).max())
    if span == 0:
        return np.full(len(order), 0.5), np.full(len(order), 0.5)
    xy = (xy - low) / span + (1 - (high - low) / span) / 2
    xy = np.clip(xy, 0.0, 1.0)
    return xy[:, 0], xy[:, 1]


def _component_layout(graph: nx.Graph) -> dict[str, np.ndarray]:
    """Positions of one connected component, scaled to fit a box of side 1 with its corner at (0, 0)."""
    nodes = list(graph)
    if len(nodes) == 1:
        return {nodes[0]: np.array([0.5, 0.5])}
    if len(nodes) <= SPRING_MAX:
        pos = nx.spring_layout(graph, seed=SEED, iterations=SPRING_ITERATIONS, weight="weight", method="force")
    else:
        pos = nx.circular_layout(graph)
    x, y = _normalised(pos, nodes)
    return {node: np.array([x[i], y[i]]) for i, node in enumerate(nodes)}


def layout_positions(nodes: list[str], edges: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Deterministic positions in [0, 1]: each connected component gets a seeded force layout (a circle above
    SPRING_MAX nodes) in a square whose side grows with the square root of its size; the squares are packed
    in rows, largest first. Laid out together, separate components would drift to the edges."""
    x, y = _layout(tuple(nodes), tuple(zip(edges["source"], edges["target"], edges["weight"], strict=True)))
    return x.copy(), y.copy()

# The force layout is most of a network update; going back to an earlier filter state finds it here.


@functools.lru_cache(maxsize=LAYOUT_CACHE_SIZE)
def _layout(nodes: tuple[str, ...], edges: tuple[tuple[str, str, int], ...]) -> tuple[np.ndarray, np.ndarray]:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from(edges)
    order = {node: i for i, node in enumerate(nodes)}
    components = sorted((sorted(c, key=order.get) for c in nx.connected_components(graph)),
                        key=lambda c: (-len(c), order[c[0]]))
    sides = [math.sqrt(len(c)) for c in components]
    width = max([*sides, 0.0, math.sqrt(sum(s * s for s in sides) * PACK_ASPECT)])
    pos: dict[str, np.ndarray] = {}
    x = y = row_height = 0.0
    for component, side in zip(components, sides, strict=True):
        if x > 0 and x + side > width + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        # A graph of its own, nodes in a fixed order: a subgraph view may iterate in set order, which
        # changes with the interpreter's hash seed (another gunicorn worker would draw another picture).
        sub = nx.Graph()
        sub.add_nodes_from(component)
        sub.add_edges_from(graph.edges(component, data=True))
        inner = _component_layout(sub)
        # a margin of 10 % of the box keeps neighbouring components apart
        for node, (px, py) in inner.items():
            pos[node] = np.array([x + side * (0.1 + 0.8 * px), -(y + side * (0.1 + 0.8 * py))])
        x += side
        row_height = max(row_height, side)
    return _normalised(pos, nodes)


def collaboration_graph(data: ClusterData, filtered: FilteredData, lang: str = "ru",
                        max_nodes: int = MAX_NODES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes and edges of the collaboration network of the filtered data.

    Nodes: the filtered organisations sharing at least one filtered agreement or project with another
    filtered organisation, best connected first (at most ``max_nodes``); ``degree`` is the number of
    partners, ``strength`` the sum of link weights, both over all organisations with links. ``x``/``y`` in
    [0, 1]. ``nodes.attrs["left_out"]``: organisations with links not drawn.
    Edges: pairs of drawn organisations (``source`` < ``target``), ``weight`` = shared agreements + shared
    projects, ``kinds`` = which of the two. ``edges.attrs["skipped_groups"]``: agreements and projects too
    big for the pair budget.
    """
    org_ids, pairs, counts, skipped = _pairs(data, filtered)
    weights = counts.sum(axis=1)
    n_orgs = len(org_ids)
    degree = np.bincount(pairs[:, 0], minlength=n_orgs) + np.bincount(pairs[:, 1], minlength=n_orgs)
    strength = (np.bincount(pairs[:, 0], weights=weights, minlength=n_orgs)
                + np.bincount(pairs[:, 1], weights=weights, minlength=n_orgs)).astype(np.int64)
    linked = np.flatnonzero(degree > 0)
    # most partners first, then the strongest ties, then by id (codes follow the sorted ids)
    ranked = linked[np.lexsort((linked, -strength[linked], -degree[linked]))]
    kept = ranked[:max_nodes]
    keep = np.zeros(n_orgs, dtype=bool)
    keep[kept] = True
    drawn = keep[pairs[:, 0]] & keep[pairs[:, 1]]
    edges = pd.DataFrame({
        "source": [str(org_id) for org_id in org_ids[pairs[drawn, 0]]],
        "target": [str(org_id) for org_id in org_ids[pairs[drawn, 1]]],
        "weight": weights[drawn].astype(int),
        "agreements": counts[drawn, 0].astype(int),
        "projects": counts[drawn, 1].astype(int),
    })
    edges["kinds"] = pd.Series([tuple(kind for kind, n in (("agreement", a), ("project", p)) if n)
                                for a, p in zip(edges["agreements"], edges["projects"], strict=True)], dtype=object)

    kept_ids = [str(org_id) for org_id in org_ids[kept]]
    # by position in the package's id index, not by testing every organisation's id
    rows = known_organisations(data).get_indexer(kept_ids)
    orgs = {row["org_id"]: row for row in data.organisations.take(rows).to_dict("records")}
    sector_names = table_labels(data, "sectors", "sector_id", lang)
    nodes = pd.DataFrame({"org_id": kept_ids, "degree": degree[kept].astype(int),
                          "strength": strength[kept].astype(int)})
    nodes["label"] = [org_label(orgs[o], lang) for o in kept_ids]
    nodes["name"] = [pick(orgs[o], "name", lang) for o in kept_ids]
    nodes["sector"] = [orgs[o]["sector"] for o in kept_ids]
    nodes["sector_label"] = [sector_names.get(s, s) for s in nodes["sector"]]
    nodes["x"], nodes["y"] = layout_positions(kept_ids, edges)
    nodes = nodes[NODE_COLUMNS]
    nodes.attrs["left_out"] = len(linked) - len(kept)
    edges.attrs["skipped_groups"] = skipped
    return nodes, edges


def left_out(nodes: pd.DataFrame) -> int:
    return int(nodes.attrs.get("left_out", 0))


def network_summary(nodes: pd.DataFrame, edges: pd.DataFrame, lang: str) -> str:
    """One sentence for screen readers and for anyone who prefers text: size and best connected nodes."""
    if edges.empty:
        return t("network_empty", lang)
    top = nodes.sort_values(["degree", "strength", "label"], ascending=[False, False, True]).head(TOP_IN_SUMMARY)
    names = [f"{label} ({format_number(degree, lang)})" for label, degree in zip(top["label"], top["degree"],
                                                                                 strict=True)]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {t('and', lang)} {names[-1]}"
    text = t("network_summary", lang, orgs=counted(len(nodes), "organisations", lang),
             links=counted(len(edges), "links", lang), top=listed)
    if left_out(nodes):
        text += " " + t("network_left_out", lang, total=format_number(len(nodes) + left_out(nodes), lang),
                         shown=format_number(len(nodes), lang)) + "."
    return text


def _partner_list(partners: list[tuple[int, str]], lang: str) -> str:
    """The strongest partners first, at most MAX_PARTNERS_LISTED of them, then how many more."""
    ranked = sorted(partners, key=lambda p: (-p[0], p[1]))
    text = ", ".join(f"{label} ({weight})" for weight, label in ranked[:MAX_PARTNERS_LISTED])
    more = len(ranked) - MAX_PARTNERS_LISTED
    return f"{text} {t('and_more', lang, n=more)}" if more > 0 else text


def link_rows(nodes: pd.DataFrame, edges: pd.DataFrame, lang: str) -> tuple[list[str], list[list[str]]]:
    """The network as a table (header, rows): organisation, number of partners, drawn partners with the number of
    shared agreements and projects."""
    labels = dict(zip(nodes["org_id"], nodes["label"], strict=True))
    partners: dict[str, list[tuple[int, str]]] = {org_id: [] for org_id in nodes["org_id"]}
    for source, target, weight in zip(edges["source"], edges["target"], edges["weight"], strict=True):
        partners[source].append((int(weight), labels[target]))
        partners[target].append((int(weight), labels[source]))
    rows = [[name, format_number(degree, lang), _partner_list(partners[org_id], lang)]
            for org_id, name, degree in zip(nodes["org_id"], nodes["name"], nodes["degree"], strict=True)]
    return [t(key, lang) for key in ("network_col_org", "network_col_partners", "network_col_names")], rows
