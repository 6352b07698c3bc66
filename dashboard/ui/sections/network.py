"""Collaboration network: organisations linked by the agreements and projects they share.

Pure functions from the package and its filtered slice to a graph (two DataFrames), a plotly figure
(SVG scatter traces, no WebGL), a text summary and a page section with a table as text alternative.

Bounded for large registries: at most :data:`MAX_NODES` organisations (those with the most partners) are
drawn and the rest are counted in ``nodes.attrs["left_out"]``; agreements and projects are expanded into
pairs of organisations only up to :data:`PAIR_BUDGET` pairs (the largest ones beyond it are counted in
``edges.attrs["skipped_groups"]``); the force layout runs only up to :data:`SPRING_MAX` nodes.
"""

from __future__ import annotations

import functools
import math
import re
from typing import NamedTuple

import networkx as nx
import numpy as np
import pandas as pd
from dash import dcc, html

from dashboard.data.derive import org_label, package_rows, shown_rows, table_labels
from dashboard.data.filters import FilteredData, known_organisations
from dashboard.data.memo import cached
from dashboard.data.package import ClusterData
from dashboard.data.vocab import sector_colours as default_sector_colours
from dashboard.i18n import format_number, pick
from dashboard.i18n import t as i18n_t
from dashboard.ui import components, ids
from dashboard.ui.figures import Figure, base_layout, figure, graph_config, point_data

NETWORK = "network"
NETWORK_SUMMARY = "network-summary"
NETWORK_TABLE = "network-table"
# (component id, property) of the filter-driven values :func:`render` returns.
OUTPUTS: tuple[tuple[str, str], ...] = (
    (NETWORK, "figure"),
    (NETWORK_SUMMARY, "children"),
    (NETWORK_TABLE, "children"),
)
# Position of the organisation id in a node marker's customdata (read by :func:`click_org_id`).
NODE_ORG_ID = 0

MAX_NODES = 150
# Links drawn, and partners named per organisation in the table.
MAX_EDGES_DRAWN = 1500
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
# Only the best connected nodes carry a name on the figure; every node has its hover.
LABELLED = 15
# Width of a character and height of a name in layout units (at the usual plot size): a name that would
# overlap one already shown is left to the hover.
LABEL_CHAR_WIDTH = 0.014
LABEL_HEIGHT = 0.05
LABEL_CHARS = 26
HEIGHT = 640
EMPTY_HEIGHT = 200
MAX_ORG_ID = 200
TOP_IN_SUMMARY = 3

NODE_COLUMNS = ["org_id", "label", "name", "sector", "sector_label", "degree", "strength", "x", "y"]
EDGE_COLUMNS = ["source", "target", "weight", "agreements", "projects", "kinds"]
# kind of link -> (FilteredData table, link table in the package, key column)
LINKS = {
    "agreement": ("agreements", "agreement_parties", "agreement_id"),
    "project": ("projects", "project_participants", "project_id"),
}

TEXT: dict[str, tuple[str, str]] = {
    "title": ("Сеть сотрудничества", "Collaboration network"),
    "explain": (
        "Организации связаны, если у них есть общее соглашение или совместный проект; размер точки — число "
        "партнёров. Нажмите на точку, чтобы открыть профиль организации.",
        "Organisations are linked when they share an agreement or a joint project; the size of a point is "
        "the number of partners. Click a point to open the organisation's profile.",
    ),
    "empty": ("Нет общих соглашений и проектов", "No shared agreements or projects"),
    "partners": ("Партнёров", "Partners"),
    "left_out": (
        "Организаций со связями: {total}; показаны {shown} с наибольшим числом партнёров",
        "Organisations with links: {total}; showing the {shown} with the most partners",
    ),
    "skipped": (
        "Соглашений и проектов с очень большим числом участников, не показанных связями: {n}",
        "Agreements and projects with very many parties not drawn as links: {n}",
    ),
    "summary": ("{orgs}, {links}; больше всего партнёров у {top}.", "{orgs}, {links}; most partners: {top}."),
    "table": ("Таблица связей", "Table of links"),
    "col_org": ("Организация", "Organisation"),
    "col_partners": ("Партнёров", "Partners"),
    "col_names": ("Партнёры (общих соглашений и проектов)", "Partners (shared agreements and projects)"),
    "and": ("и", "and"),
}
# Russian forms for 1, 2–4 and 5+ (21 организация, 22 организации, 25 организаций); English one / many.
NOUNS = {
    "org": (("организация", "организации", "организаций"), ("organisation", "organisations")),
    "link": (("связь", "связи", "связей"), ("link", "links")),
}


def _t(key: str, lang: str, **kwargs: object) -> str:
    ru, en = TEXT[key]
    text = ru if lang == "ru" else en
    return text.format(**kwargs) if kwargs else text


def count_noun(n: int, noun: str, lang: str) -> str:
    """«21 организация», «3 связи», «150 организаций»; "1 link", "30 links"."""
    ru, en = NOUNS[noun]
    if lang == "ru":
        tail, tens = n % 10, n % 100
        form = ru[0] if tail == 1 and tens != 11 else ru[1] if 2 <= tail <= 4 and not 12 <= tens <= 14 else ru[2]
    else:
        form = en[0] if n == 1 else en[1]
    return f"{format_number(n, lang)} {form}"


# ---------------------------------------------------------------------------------------------------------
# the graph
# ---------------------------------------------------------------------------------------------------------


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
        for kind, (table, link_table, key) in LINKS.items():
            links, groups = data.tables[link_table], data.tables[table]
            group = pd.Index(groups[key]).get_indexer(links[key])
            org = known.get_indexer(links["org_id"])
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
    organisations = data.organisations
    orgs = {row["org_id"]: row for row in organisations[organisations["org_id"].isin(kept_ids)].to_dict("records")}
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


# ---------------------------------------------------------------------------------------------------------
# figure, summary, click
# ---------------------------------------------------------------------------------------------------------


def _edge_lines(nodes: pd.DataFrame, edges: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """x and y of every edge as (start, end, gap) triples for one line trace; NaN gaps are sent as null."""
    where = pd.Index(nodes["org_id"])
    start, end = where.get_indexer(edges["source"]), where.get_indexer(edges["target"])
    lines = []
    for column in ("x", "y"):
        values = nodes[column].to_numpy(dtype=float)
        lines.append(np.column_stack([values[start], values[end], np.full(len(start), np.nan)]).ravel())
    return lines[0], lines[1]


def _legend_name(sector_label: str) -> str:
    """The sector without its parenthesised explanation (the hover has the full name)."""
    return re.sub(r"\s*\(.*\)\s*$", "", sector_label) or sector_label


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"


def _labelled(nodes: pd.DataFrame) -> set[str]:
    """The best connected nodes (at most LABELLED) whose name would not overlap an already shown name."""
    shown: list[tuple[float, float, int]] = []
    chosen = set()
    for org_id, label, x, y in zip(nodes["org_id"], nodes["label"], nodes["x"], nodes["y"], strict=True):
        if len(chosen) == LABELLED:
            break
        chars = len(_short(label))
        if all(abs(x - x0) >= (chars + chars0) / 2 * LABEL_CHAR_WIDTH or abs(y - y0) >= LABEL_HEIGHT
               for x0, y0, chars0 in shown):
            shown.append((x, y, chars))
            chosen.add(org_id)
    return chosen


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, sector_colours: dict[str, str], lang: str,
                   left_out: int = 0, skipped_groups: int = 0) -> Figure:
    """Edges as one grey line trace, nodes as one marker trace per sector (legend names the sectors),
    sized by the number of partners; node ``customdata[0]`` is the organisation id."""
    traces = []
    if not edges.empty:
        # The strongest links only: past a few thousand lines the eye sees a grey blot, not links.
        xs, ys = _edge_lines(nodes, edges.nlargest(MAX_EDGES_DRAWN, "weight", keep="first"))
        traces.append({"type": "scatter", "x": xs, "y": ys, "mode": "lines", "name": "links",
                       "line": {"width": 1, "color": "#adb5bd"}, "opacity": 0.8, "hoverinfo": "skip",
                       "showlegend": False})
    top_degree = max(int(nodes["degree"].max()), 1) if not nodes.empty else 1
    labelled = _labelled(nodes)
    order = [s for s in sector_colours if s in set(nodes["sector"])]
    order += sorted(set(nodes["sector"]) - set(order))
    for sector in order:
        rows = nodes[nodes["sector"] == sector]
        traces.append({
            "type": "scatter", "x": rows["x"].to_numpy(), "y": rows["y"].to_numpy(), "mode": "markers+text",
            "name": _legend_name(rows["sector_label"].iloc[0]),
            "text": [_short(label) if org_id in labelled else ""
                     for org_id, label in zip(rows["org_id"], rows["label"], strict=True)],
            "textposition": "top center", "textfont": {"size": 11, "color": "#343a40"},
            "marker": {"size": 9 + 21 * np.sqrt(rows["degree"].to_numpy(dtype=float) / top_degree),
                       "color": sector_colours.get(sector, "#6c757d"), "line": {"width": 1, "color": "white"}},
            "customdata": point_data(rows["org_id"], rows["name"], rows["sector_label"], rows["degree"]),
            "hovertemplate": (f"<b>%{{customdata[1]}}</b><br>%{{customdata[2]}}<br>{_t('partners', lang)}: "
                              "%{customdata[3]}<extra></extra>"),
            "cliponaxis": False,
        })
    notes = []
    if left_out:
        notes.append(_t("left_out", lang, total=format_number(len(nodes) + left_out, lang),
                        shown=format_number(len(nodes), lang)))
    if skipped_groups:
        notes.append(_t("skipped", lang, n=format_number(skipped_groups, lang)))
    annotations = [{"text": note, "x": 0, "y": 1.0 - 0.05 * i, "xref": "paper", "yref": "paper", "xanchor": "left",
                    "yanchor": "top", "showarrow": False, "font": {"size": 12, "color": "#495057"},
                    "bgcolor": "rgba(255,255,255,0.8)"} for i, note in enumerate(notes)]
    if edges.empty:
        annotations.append({"text": _t("empty", lang), "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
                            "showarrow": False, "font": {"size": 15, "color": "#6c757d"}})
    # hidden axes: nothing to measure for margins (automargin would still measure on every redraw)
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "automargin": False}
    pad = 0.06
    x_range = [float(nodes["x"].min()) - pad, float(nodes["x"].max()) + pad] if not nodes.empty else [0, 1]
    y_range = [float(nodes["y"].min()) - pad, float(nodes["y"].max()) + pad] if not nodes.empty else [0, 1]
    return figure(traces, base_layout(
        lang, height=HEIGHT if not nodes.empty else EMPTY_HEIGHT, plot_bgcolor="white", hovermode="closest",
        dragmode="pan", annotations=annotations,
        legend={"orientation": "h", "y": -0.01, "yanchor": "top", "font": {"size": 12}},
        xaxis={**hidden, "range": x_range}, yaxis={**hidden, "range": y_range, "scaleanchor": "x", "scaleratio": 1},
    ))


def network_summary(nodes: pd.DataFrame, edges: pd.DataFrame, lang: str) -> str:
    """One sentence for screen readers and for anyone who prefers text: size and best connected nodes."""
    if edges.empty:
        return _t("empty", lang)
    top = nodes.sort_values(["degree", "strength", "label"], ascending=[False, False, True]).head(TOP_IN_SUMMARY)
    names = [f"{label} ({format_number(degree, lang)})" for label, degree in zip(top["label"], top["degree"],
                                                                                 strict=True)]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {_t('and', lang)} {names[-1]}"
    text = _t("summary", lang, orgs=count_noun(len(nodes), "org", lang), links=count_noun(len(edges), "link", lang),
              top=listed)
    if left_out(nodes):
        text += " " + _t("left_out", lang, total=format_number(len(nodes) + left_out(nodes), lang),
                         shown=format_number(len(nodes), lang)) + "."
    return text


def click_org_id(click_data: object) -> str | None:
    """The organisation id of a clicked node, from an untrusted plotly ``clickData`` dict; else None."""
    if not isinstance(click_data, dict):
        return None
    points = click_data.get("points")
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        return None
    customdata = points[0].get("customdata")
    if not isinstance(customdata, list | tuple) or len(customdata) <= NODE_ORG_ID:
        return None
    org_id = customdata[NODE_ORG_ID]
    if not isinstance(org_id, str) or not org_id.strip() or len(org_id) > MAX_ORG_ID:
        return None
    return org_id


# ---------------------------------------------------------------------------------------------------------
# page section
# ---------------------------------------------------------------------------------------------------------


def _partner_list(partners: list[tuple[int, str]], lang: str) -> str:
    """The strongest partners first, at most MAX_PARTNERS_LISTED of them, then how many more."""
    ranked = sorted(partners, key=lambda p: (-p[0], p[1]))
    text = ", ".join(f"{label} ({weight})" for weight, label in ranked[:MAX_PARTNERS_LISTED])
    more = len(ranked) - MAX_PARTNERS_LISTED
    return f"{text} {i18n_t('and_more', lang, n=more)}" if more > 0 else text


def link_table(nodes: pd.DataFrame, edges: pd.DataFrame, lang: str) -> dcc.Markdown:
    """Organisation, number of partners, drawn partners with the number of shared agreements and projects."""
    labels = dict(zip(nodes["org_id"], nodes["label"], strict=True))
    partners: dict[str, list[tuple[int, str]]] = {org_id: [] for org_id in nodes["org_id"]}
    for source, target, weight in zip(edges["source"], edges["target"], edges["weight"], strict=True):
        partners[source].append((int(weight), labels[target]))
        partners[target].append((int(weight), labels[source]))
    rows = [[name, format_number(degree, lang), _partner_list(partners[org_id], lang)]
            for org_id, name, degree in zip(nodes["org_id"], nodes["name"], nodes["degree"], strict=True)]
    return components.text_table([_t(key, lang) for key in ("col_org", "col_partners", "col_names")], rows,
                                 numeric=(1,))


def render(data: ClusterData, filtered: FilteredData, lang: str, colours: dict[str, str] | None = None,
           table: bool = True) -> dict[tuple[str, str], object]:
    """The filter-driven values of the section, keyed like :data:`OUTPUTS` (figure, summary and, if
    ``table``, the table)."""
    nodes, edges = collaboration_graph(data, filtered, lang)
    colours = colours or default_sector_colours(list(data.sectors["sector_id"]))
    values = {
        (NETWORK, "figure"): network_figure(nodes, edges, colours, lang, left_out(nodes),
                                            edges.attrs.get("skipped_groups", 0)),
        (NETWORK_SUMMARY, "children"): network_summary(nodes, edges, lang),
    }
    if table:
        values[(NETWORK_TABLE, "children")] = link_table(nodes, edges, lang)
    return values


def section(lang: str) -> html.Section:
    """The view: heading, explanation, graph (id ``network``), text summary and a table of links.

    Its filter-driven values come from :func:`render`, like every other view's.
    """
    filename = "klaster-set" if lang == "ru" else "cluster-network"
    return html.Section([
        html.H2(_t("title", lang), className="h4", id=f"section-{NETWORK}-title"),
        html.P(_t("explain", lang), className="small text-muted"),
        components.export_buttons(NETWORK, lang),
        # a figure named by the heading and described by the summary (its text alternative)
        html.Div(dcc.Graph(id=NETWORK, config=graph_config(lang, filename)), role="figure",
                 **{"aria-labelledby": f"section-{NETWORK}-title", "aria-describedby": NETWORK_SUMMARY}),
        html.P(id=NETWORK_SUMMARY, className="small", **{"aria-live": "polite"}),
        html.Details([
            html.Summary(_t("table", lang)),
            html.Div(id=NETWORK_TABLE, className="table-responsive"),
        ], id=ids.details(NETWORK_TABLE), className="small"),
    ], id=f"section-{NETWORK}", className="view mb-4")

