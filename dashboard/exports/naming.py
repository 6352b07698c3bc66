"""What an export says about itself: the cluster's name, the data date, the filters in effect and a file name
that tells all of it."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.data import derive
from dashboard.data.filters import MULTI, FilterState, year_bounds
from dashboard.data.package import ClusterData
from dashboard.data.vocab import ROLE, STATUS
from dashboard.i18n import format_date, t
from dashboard.i18n.catalogue import EXPORTS

# A filter with more values than this is named by its export_file_many_<filter> word and their number.
MAX_FILE_VALUES = 3
MAX_FILE_STEM = 150


def cluster_name(data: ClusterData, lang: str) -> str:
    return data.meta.name_ru if lang == "ru" else data.meta.name_en


def as_of_text(data: ClusterData, lang: str) -> str:
    return f"{t('data_as_of', lang)} {format_date(pd.Timestamp(data.meta.data_as_of), 'day', lang)}"


def _value_labels(data: ClusterData, key: str, lang: str) -> dict[str, str]:
    if key == "sector":
        return derive.table_labels(data, "sectors", "sector_id", lang)
    if key == "settlement":
        return derive.table_labels(data, "settlements", "settlement_id", lang)
    return {code: term.label(lang) for code, term in (STATUS if key == "status" else ROLE).items()}


def _filters(data: ClusterData, state: FilterState) -> list[tuple[str, str, bool]]:
    """(filter name, what it shows, whether it narrows the view) for every filter."""
    lang = state.lang
    rows = []
    for key in MULTI:
        labels = _value_labels(data, key, lang)
        chosen = getattr(state, key)
        rows.append((t(f"filter_{key}", lang), ", ".join(labels[v] for v in chosen) or t("all", lang), bool(chosen)))
    orgs = data.organisations.set_index("org_id")
    focus = ", ".join(derive.org_label(orgs.loc[org_id].to_dict(), lang) for org_id in state.focus)
    rows.append((t("export_focus", lang), focus or t("all", lang), bool(focus)))
    low, high = year_bounds(data)
    whole = (state.year_from, state.year_to) == (low, high)
    # The period is always named, so a reader knows which years the figures cover.
    period = t("export_period_all", lang, first=low, last=high) if whole else f"{state.year_from}–{state.year_to}"
    rows.append((t("filter_date", lang), period, True))
    asof = state.asof or data.meta.data_as_of
    rows.append((t("asof", lang), format_date(pd.Timestamp(asof), "day", lang), state.asof is not None))
    rows.append((t("filter_search", lang), state.search or "—", bool(state.search)))
    return rows


def filter_summary(data: ClusterData, state: FilterState) -> list[tuple[str, str]]:
    """(filter name, what it shows) for every filter, "All" where nothing is chosen."""
    return [(name, value) for name, value, _ in _filters(data, state)]


def active_filters_text(data: ClusterData, state: FilterState) -> str:
    """One line naming only the filters in effect (the period always)."""
    return "; ".join(f"{name}: {value}" for name, value, active in _filters(data, state) if active)


def picture_texts(data: ClusterData, state: FilterState) -> dict[str, object]:
    """What a chart's picture says besides its title: the cluster and data date, the filters in effect (``lines``
    under the title) and the sources (``credit`` at its foot)."""
    lang = state.lang
    return {"lines": [f"{cluster_name(data, lang)} · {as_of_text(data, lang)}",
                      t("export_picture_filters", lang, filters=active_filters_text(data, state))],
            "credit": t("footer", lang)}


# --- file names ----------------------------------------------------------------------------------------------

def _file_part(text: str) -> str:
    """Letters (any script), digits, "-", "+" and "." kept; the rest, Windows-forbidden characters too, "_"."""
    return re.sub(r"_+", "_", re.sub(r"[^\w.+\-]", "_", text)).strip("_.-")


def _short_label(label: str) -> str:
    words = label.lower().replace("(", " ").split()
    # "Не участник" needs both words; a one- or two-letter first word means nothing alone.
    return "_".join(words[:2]) if len(words) > 1 and len(words[0]) <= 2 else words[0]


def cluster_short_name(data: ClusterData, lang: str) -> str:
    """A short file-name form of the cluster: "Машкластер_Иркутск" / "Irkutsk_machine-building_cluster"."""
    meta = data.meta
    name, region = (meta.name_ru, meta.region_ru) if lang == "ru" else (meta.name_en, meta.region_en)
    words = name.split()
    at = next((i for i, w in enumerate(words) if w.casefold().startswith(("кластер", "cluster"))), None)
    if not at:  # no "cluster" word, or nothing before it to abbreviate
        return _file_part(name)[:40]
    place = region.split()[0]
    if lang == "ru":
        # Russian region adjectives: "Иркутская" -> "Иркутск", "Красноярский" -> "Красноярск".
        place = re.sub(r"(ая|ий|ой|ый|ое)$", "", place)
        return _file_part(f"{words[at - 1][:3]}{words[at].lower()}_{place}")
    return _file_part(f"{place}_{words[at - 1].lower()}_{words[at].lower()}")


def _filter_file_parts(data: ClusterData, state: FilterState) -> list[str]:
    lang = state.lang
    parts = []
    for key in MULTI:
        chosen = getattr(state, key)
        if len(chosen) > MAX_FILE_VALUES:
            parts.append(f"{t(f'export_file_many_{key}', lang)}-{len(chosen)}")
        elif chosen and lang == "ru":
            labels = _value_labels(data, key, lang)
            parts.append("+".join(_short_label(labels[v]) for v in chosen))
        elif chosen:
            # The codes are English slugs already ("aircraft", "irkutsk").
            parts.append("+".join(v.replace("_", "-") for v in chosen))
    if state.focus:
        parts.append(f"{t('export_file_many_focus', lang)}-{len(state.focus)}")
    if state.search:
        parts.append(f"{t('filter_search', lang).split()[0].lower()}-{state.search[:20]}")
    if state.asof is not None:
        parts.append(f"{t('export_snapshot', lang)}-{state.asof.isoformat()}")
    if (state.year_from, state.year_to) != year_bounds(data):
        parts.append(str(state.year_from) if state.year_from == state.year_to
                     else f"{state.year_from}-{state.year_to}")
    return parts


def file_word(what: str, lang: str) -> str:
    """The word a file name calls an export kind (a table, a chart, …) in ``lang``: its catalogue word
    (export_file_what_<what>), so that no part of a name is in another language."""
    key = f"export_file_what_{what}"
    if key not in EXPORTS:
        raise KeyError(f"no file-name word for {what!r}: add {key} to the catalogue's EXPORTS")
    return _file_part(t(key, lang))


def file_in_archive(what: str, ext: str, lang: str) -> str:
    """A file's name inside an archive whose own name says the cluster, filters and date: "участники.csv"."""
    return f"{file_word(what, lang)}.{ext}"


def export_filename(data: ClusterData, state: FilterState, what: str, ext: str) -> str:
    """A file name saying what was exported (:func:`file_word`), under which filters, as of which date, every part
    in the language of the state; safe on Windows."""
    lang = state.lang
    as_of = ("на_" if lang == "ru" else "as-of_") + data.meta.data_as_of.isoformat()
    parts = [cluster_short_name(data, lang), file_word(what, lang), *_filter_file_parts(data, state)]
    stem = "_".join(p for p in map(_file_part, parts) if p)[:MAX_FILE_STEM - len(as_of) - 1].rstrip("_.-")
    return f"{stem}_{as_of}.{_file_part(ext.lstrip('.')) or 'bin'}"


