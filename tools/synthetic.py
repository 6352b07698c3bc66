"""Synthetic data packages of any size, for tests and benchmarks: ``generate(out_dir, organisations, seed)``.

The package is valid against the bundled schema (``data/datapackage.json`` is copied with its reference tables
and boundary) and marks itself ``"synthetic": true`` so the app shows its SYNTHETIC banner. Every row is
invented: the organisations, agreements, projects and events exist nowhere, and every source URL points to
``https://example.invalid/synthetic/<table>/<id>``. Proportions follow the real cluster: about one agreement
per ten organisations (2–6 parties), one project per twenty (2–10 participants), one event per ten, one
reported participant count per year. The same seed always writes byte-identical files, and 100 000
organisations take a few seconds (numpy ``Generator(PCG64(seed))`` and column-wise pandas writes).

    python -m tools.synthetic OUT_DIR --organisations 1000 [--seed 20141120]

Synthetic rows never go into ``data/``: a target inside the bundled package folder is refused.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.data.package import DESCRIPTOR, GEO_FILES
from dashboard.i18n import counted

BUNDLED_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_SEED = 20141120
# Bumped whenever the same (organisations, seed) would produce different files; caches compare it.
GENERATOR_VERSION = 1
SOURCE_BASE = "https://example.invalid/synthetic"
MAX_ORGANISATIONS = 2_000_000

# Relative frequencies of enum values. Values the schema does not list are ignored; schema values not listed
# here get a small weight, so a changed enumeration still yields a valid package.
ROLE_BY_SECTOR: dict[str, dict[str, float]] = {
    "aircraft": {"enterprise": 80, "anchor": 5, "specialised_organisation": 15},
    "government": {"government": 100},
    "education_research": {"university": 70, "specialised_organisation": 30},
    "finance_development": {"financing_body": 50, "development_institution": 50},
    "infrastructure": {"infrastructure": 80, "enterprise": 20},
    "cluster_support": {"cluster_support": 70, "specialised_organisation": 30},
}
ROLE_DEFAULT = {"enterprise": 88, "specialised_organisation": 10, "infrastructure": 2}
SECTOR_WEIGHTS = {"components": 30, "aircraft": 6, "electrical": 12, "industrial_services": 14,
                  "education_research": 5, "government": 2, "finance_development": 3, "infrastructure": 4,
                  "cluster_support": 2, "unspecified": 14}
STATUS_WEIGHTS = {"member": 62, "expected": 10, "interregional_member": 12, "support_body": 6, "not_member": 10}
FOUNDERS = 5  # the first organisations found the cluster on its launch date
CONFIDENCE_WEIGHTS = {"stated": 80, "inferred": 20}
# Date precisions: joined, signed, started, ... ("unknown" leaves the date empty).
PRECISION_WEIGHTS = {"day": 55, "month": 25, "year": 10, "after": 5, "unknown": 5}
LEFT_SHARE = 0.05
RENAMED_SHARE = 0.03
AGREEMENT_KIND_WEIGHTS = {"joining": 50, "investment": 40, "cluster_management": 3, "interregional_cluster": 7}
SCOPE_WEIGHTS = {"regional_cluster": 85, "interregional_cluster": 5, "regional_context": 10}
PROJECT_STATUS_WEIGHTS = {"planned": 15, "announced": 20, "agreed": 25, "operating": 30, "no_follow_up_found": 10}
EVENT_KIND_WEIGHTS = {"announcement": 20, "milestone": 20, "project_milestone": 20, "registry": 5, "renaming": 5,
                      "statement": 20, "context": 10}
# Where the organisations are: the regional capital first, then the bigger towns (others share the rest).
SETTLEMENT_PREFERENCE = ("irkutsk", "angarsk", "shelekhov", "bratsk", "usolye-sibirskoye", "ust-ilimsk")
OUTSIDE_SHARE, UNLOCATED_SHARE = 0.05, 0.05

LEGAL_FORMS = {  # role -> [(ru, en)]
    "government": [("ГКУ", "State institution")],
    "university": [("ФГБОУ ВО", "University")],
    "financing_body": [("Фонд", "Fund")],
    "development_institution": [("АНО", "ANO")],
    "cluster_support": [("АНО", "ANO")],
    "anchor": [("ПАО", "PJSC")],
}
COMPANY_FORMS = [("ООО", "LLC"), ("ООО", "LLC"), ("ООО", "LLC"), ("АО", "JSC"), ("ПАО", "PJSC")]
SEARCH_STEM = ("Ангара", "Angara")
STEMS = [("Сиб", "Sib"), SEARCH_STEM, ("Байкал", "Baikal"), ("Иркут", "Irkut"), ("Авиа", "Avia"),
         ("Техно", "Tekhno"), ("Пром", "Prom"), ("Энерго", "Energo"), ("Лена", "Lena"), ("Саян", "Sayan"),
         ("Прибор", "Pribor"), ("Метал", "Metal"), ("Композит", "Kompozit"), ("Вектор", "Vektor")]
SUFFIXES = [("маш", "mash"), ("техника", "tekhnika"), ("пром", "prom"), ("снаб", "snab"), ("сервис", "servis"),
            ("деталь", "detal"), ("прибор", "pribor"), ("инструмент", "instrument"), ("системы", "sistemy"),
            ("завод", "zavod")]
AGREEMENT_TITLES = {
    "cluster_founding": ("Соглашение о создании кластера", "Cluster founding agreement"),
    "cluster_management": ("Соглашение об управлении кластером", "Cluster management agreement"),
    "joining": ("Соглашение о присоединении к кластеру", "Agreement on joining the cluster"),
    "investment": ("Инвестиционное соглашение", "Investment agreement"),
    "interregional_cluster": ("Соглашение о межрегиональном кластере", "Interregional cluster agreement"),
}
PROJECT_TITLES = [("Производство комплектующих", "Component production"),
                  ("Модернизация цеха", "Workshop modernisation"),
                  ("Центр испытаний", "Testing centre"), ("Подготовка кадров", "Staff training"),
                  ("Цифровая платформа кооперации", "Digital cooperation platform"),
                  ("Локализация производства", "Production localisation")]
EVENT_TITLES = {  # kind -> (ru, en)
    "announcement": ("Объявление о планах кластера", "Cluster plans announced"),
    "milestone": ("Презентация кластера на выставке", "Cluster presented at a trade fair"),
    "project_milestone": ("Запуск производственной линии", "Production line launched"),
    "registry": ("Внесение в реестр", "Registry entry"),
    "renaming": ("Переименование участника", "A member renamed"),
    "statement": ("Заявление о планах развития", "Statement on development plans"),
    "context": ("Событие в регионе", "Regional event"),
}
PLACES = [("Иркутск", "Irkutsk"), ("Москва, авиасалон", "Moscow, air show"), ("Ангарск", "Angarsk")]
NOTE_RU = "Синтетическая запись для тестов и замеров производительности."
NOTE_EN = "Synthetic record for tests and benchmarks."


class SyntheticError(ValueError):
    """The generator cannot write the requested package (bad arguments or a forbidden target)."""


# ---------------------------------------------------------------------------------------------------------
# drawing helpers
# ---------------------------------------------------------------------------------------------------------


def _weights(allowed: list[str], weights: Mapping[str, float], default: float = 1.0) -> np.ndarray:
    raw = np.array([float(weights.get(value, default)) for value in allowed])
    return raw / raw.sum()


def _choose(rng: np.random.Generator, allowed: list[str], weights: Mapping[str, float], size: int,
            default: float = 1.0) -> np.ndarray:
    """``size`` values of ``allowed`` (an enumeration) drawn with the given relative weights."""
    return np.asarray(allowed, dtype=object)[rng.choice(len(allowed), size=size, p=_weights(allowed, weights,
                                                                                              default))]


def _pick(rng: np.random.Generator, pairs: list[tuple[str, str]], size: int) -> tuple[np.ndarray, np.ndarray]:
    index = rng.integers(len(pairs), size=size)
    return (np.array([p[0] for p in pairs], dtype=object)[index],
            np.array([p[1] for p in pairs], dtype=object)[index])


def _floor(days: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """Dates moved to the first day of the period their precision names (month, year)."""
    days = days.copy()
    month = precision == "month"
    year = precision == "year"
    days[month] = days[month].astype("datetime64[M]").astype("datetime64[D]")
    days[year] = days[year].astype("datetime64[Y]").astype("datetime64[D]")
    return days


def _not_before(days: np.ndarray, precision: np.ndarray, earliest: np.ndarray) -> np.ndarray:
    """``_floor`` for dates that must not precede ``earliest`` (leaving, finishing): where the period's first
    day would, the precision becomes ``day`` instead (``days`` itself is never earlier). Changes ``precision``."""
    floored = _floor(days, precision)
    early = floored < earliest
    precision[early] = "day"
    floored[early] = days[early]
    return floored


def _iso(days: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """ISO dates as text, empty where the precision is unknown."""
    text = np.datetime_as_string(days, unit="D").astype(object)
    text[precision == "unknown"] = ""
    return text


def _dates(rng: np.random.Generator, size: int, start: np.datetime64, end: np.datetime64,
           precisions: list[str], skew: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Random days in [start, end] (``skew`` < 1 favours later days), precisions, and the dates as text."""
    span = int((end - start).astype(int))
    fraction = rng.random(size) ** skew
    days = start + np.floor(fraction * span).astype("timedelta64[D]")
    precision = _choose(rng, precisions, PRECISION_WEIGHTS, size, default=0.0)
    days = _floor(days, precision)
    return days, precision, _iso(days, precision)


def _ids(prefix: str, count: int) -> np.ndarray:
    width = max(4, len(str(count)))
    return np.array([f"{prefix}-{i:0{width}d}" for i in range(1, count + 1)], dtype=object)


def _sources(table: str, keys: np.ndarray) -> np.ndarray:
    return (f"{SOURCE_BASE}/{table}/" + pd.Series(keys, dtype=object)).to_numpy(dtype=object)


def _maybe(rng: np.random.Generator, values: np.ndarray, share: float) -> np.ndarray:
    """The values on about ``share`` of the rows, empty text elsewhere."""
    values = np.asarray(values, dtype=object).copy()
    values[rng.random(len(values)) >= share] = ""
    return values


def _links(rng: np.random.Generator, groups: np.ndarray, low: int, high: int, n_orgs: int,
           weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(group, organisation index) pairs: each group gets ``low``..``high`` distinct organisations, drawn with
    ``weights`` (hubs take part in many groups). Duplicate draws are dropped, so a group may end up a little
    smaller; its first two members always differ."""
    sizes = np.minimum(rng.integers(low, high + 1, size=len(groups)), n_orgs)
    group_index = np.repeat(np.arange(len(groups)), sizes)
    members = rng.choice(n_orgs, size=int(sizes.sum()), p=weights)
    if n_orgs > 1:
        first = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        second = first + 1
        has_second = sizes >= 2
        first, second = first[has_second], second[has_second]
        members[second] = (members[first] + 1 + rng.integers(n_orgs - 1, size=len(first))) % n_orgs
    frame = pd.DataFrame({"g": group_index, "o": members}).drop_duplicates()
    return groups[frame["g"].to_numpy()], frame["o"].to_numpy()


# ---------------------------------------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------------------------------------


def _enum(descriptor: dict, table: str, field: str) -> list[str]:
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    spec = next(f for f in resource["schema"]["fields"] if f["name"] == field)
    return list(spec["constraints"]["enum"])


def _settlement_weights(settlements: pd.DataFrame, region_code: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """In-region settlement ids with Zipf-like weights (preferred towns first), and the ones outside."""
    inside = settlements.loc[settlements["region_code"] == region_code, "settlement_id"].tolist()
    outside = settlements.loc[settlements["region_code"] != region_code, "settlement_id"].tolist()
    preferred = [s for s in SETTLEMENT_PREFERENCE if s in inside]
    ordered = preferred + [s for s in inside if s not in preferred]
    weights = 1.0 / np.arange(1, len(ordered) + 1) ** 1.1
    return np.array(ordered, dtype=object), weights / weights.sum(), np.array(outside, dtype=object)


def _organisations(rng: np.random.Generator, n: int, descriptor: dict, sectors: list[str],
                   settlements: pd.DataFrame, cluster: dict) -> pd.DataFrame:
    launch, as_of = np.datetime64(cluster["launch_date"]), np.datetime64(cluster["data_as_of"])
    precisions = _enum(descriptor, "organisations", "joined_precision")
    org_id = _ids("syn-org", n)

    sector = _choose(rng, sectors, SECTOR_WEIGHTS, n)
    roles = _enum(descriptor, "organisations", "role")
    role = np.empty(n, dtype=object)
    for sector_id in sectors:
        rows = np.flatnonzero(sector == sector_id)
        role[rows] = _choose(rng, roles, ROLE_BY_SECTOR.get(sector_id, ROLE_DEFAULT), len(rows), default=0.0)
    statuses = _enum(descriptor, "organisations", "status")
    status = _choose(rng, statuses, STATUS_WEIGHTS, n, default=0.0)
    founders = min(FOUNDERS, n)
    if "founder" in statuses:
        status[:founders] = "founder"

    # names: a legal form that fits the role, a made-up brand and the row number (names stay unique)
    form_ru, form_en = _pick(rng, COMPANY_FORMS, n)
    for role_id, forms in LEGAL_FORMS.items():
        rows = np.flatnonzero(role == role_id)
        form_ru[rows], form_en[rows] = _pick(rng, forms, len(rows))
    stem_ru, stem_en = _pick(rng, STEMS, n)
    suffix_ru, suffix_en = _pick(rng, SUFFIXES, n)
    number = pd.Series(np.arange(1, n + 1)).astype(str)
    brand_ru = pd.Series(stem_ru) + pd.Series(suffix_ru) + "-" + number
    brand_en = pd.Series(stem_en) + pd.Series(suffix_en) + "-" + number
    name_ru = pd.Series(form_ru) + " «" + brand_ru + "»"
    name_en = brand_en + " " + pd.Series(form_en)
    has_short = rng.random(n) < 0.3

    # where: mostly in the region, a few head offices elsewhere, some unknown
    inside, inside_weights, outside = _settlement_weights(settlements, cluster["region_code"])
    where = rng.random(n)
    settlement = inside[rng.choice(len(inside), size=n, p=inside_weights)]
    location = np.where(rng.random(n) < 0.8, "settlement", "settlement_inferred").astype(object)
    is_outside = (where < OUTSIDE_SHARE) if len(outside) else np.zeros(n, dtype=bool)
    if len(outside):
        settlement[is_outside] = outside[rng.integers(len(outside), size=int(is_outside.sum()))]
    location[is_outside] = "head_office"
    unlocated = (where >= OUTSIDE_SHARE) & (where < OUTSIDE_SHARE + UNLOCATED_SHARE)
    settlement[unlocated] = ""
    location[unlocated] = "unknown"

    # when: joined between launch and "data as of" (more of them later), a few have left since
    joined, joined_precision, joined_text = _dates(rng, n, launch, as_of, precisions, skew=0.8)
    joined[:founders], joined_precision[:founders] = launch, "day"
    joined_text[:founders] = str(launch)
    left_precision = np.full(n, "unknown", dtype=object)
    left = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    leaves = (rng.random(n) < LEFT_SHARE) & (joined_precision != "unknown")
    leaves[:founders] = False
    rest = (as_of - joined[leaves]).astype(int)
    left[leaves] = joined[leaves] + (rng.random(int(leaves.sum())) * rest).astype("timedelta64[D]")
    left_precision[leaves] = np.where(rng.random(int(leaves.sum())) < 0.7, "day", "month")
    leaving_precision = left_precision[leaves]
    left[leaves] = _not_before(left[leaves], leaving_precision, joined[leaves])
    left_precision[leaves] = leaving_precision
    left_text = np.where(leaves, np.datetime_as_string(left, unit="D"), "").astype(object)

    noted = rng.random(n) < 0.3
    return pd.DataFrame({
        "org_id": org_id,
        "name_ru": name_ru,
        "name_en": name_en,
        "short_name_ru": np.where(has_short, brand_ru, ""),
        "short_name_en": np.where(has_short, brand_en, ""),
        "sector": sector,
        "role": role,
        "status": status,
        "settlement_id": settlement,
        "location_precision": location,
        "inn": "",
        "ogrn": "",
        "website": _maybe(rng, f"{SOURCE_BASE}/site/" + pd.Series(org_id), 0.4),
        "joined": joined_text,
        "joined_precision": joined_precision,
        "left": left_text,
        "left_precision": left_precision,
        "notes_ru": np.where(noted, NOTE_RU, ""),
        "notes_en": np.where(noted, NOTE_EN, ""),
        "source_urls": _sources("organisations", org_id),
        "confidence": _choose(rng, ["stated", "inferred"], CONFIDENCE_WEIGHTS, n),
    })


def _hub_weights(orgs: pd.DataFrame) -> np.ndarray:
    """How likely each organisation is to be a party: founders and anchors far more than the rest."""
    weights = np.ones(len(orgs))
    weights[orgs["status"].eq("founder").to_numpy() | orgs["role"].eq("anchor").to_numpy()] = 200.0
    weights[orgs["status"].isin(["not_member", "expected"]).to_numpy()] = 0.3
    return weights / weights.sum()


def _organisation_names(rng: np.random.Generator, orgs: pd.DataFrame, descriptor: dict,
                        cluster: dict) -> pd.DataFrame:
    renamed = np.flatnonzero(rng.random(len(orgs)) < RENAMED_SHARE)
    subset = orgs.iloc[renamed]
    precisions = _enum(descriptor, "organisation_names", "renamed_precision")
    _, precision, text = _dates(rng, len(subset), np.datetime64(cluster["launch_date"]),
                                np.datetime64(cluster["data_as_of"]), precisions)
    org_id = subset["org_id"].to_numpy(dtype=object)
    return pd.DataFrame({
        "org_id": org_id,
        "former_name_ru": ("Прежнее название: " + subset["name_ru"]).to_numpy(dtype=object),
        "former_name_en": ("Former name: " + subset["name_en"]).to_numpy(dtype=object),
        "renamed": text,
        "renamed_precision": precision,
        **_provenance(rng, "organisation_names", org_id),
    })


def _numbered(titles_ru: pd.Series | np.ndarray, titles_en: pd.Series | np.ndarray) -> dict[str, np.ndarray]:
    """``title_ru`` and ``title_en``: each title with the item's running number, so no two items read alike."""
    number = pd.Series(np.arange(1, len(titles_ru) + 1)).astype(str)
    return {"title_ru": (pd.Series(titles_ru) + " № " + number).to_numpy(dtype=object),
            "title_en": (pd.Series(titles_en) + " No. " + number).to_numpy(dtype=object)}


def _provenance(rng: np.random.Generator, table: str, ids: np.ndarray) -> dict[str, object]:
    """The provenance columns every synthetic row carries: no notes, a synthetic source, a confidence mark."""
    return {"notes_ru": "", "notes_en": "", "source_urls": _sources(table, ids),
            "confidence": _choose(rng, ["stated", "inferred"], CONFIDENCE_WEIGHTS, len(ids))}


def _scope(rng: np.random.Generator, descriptor: dict, table: str, size: int) -> np.ndarray:
    return _choose(rng, _enum(descriptor, table, "scope"), SCOPE_WEIGHTS, size, default=0.0)


def _amounts(rng: np.random.Generator, size: int, share: float) -> np.ndarray:
    """Amounts in roubles on about ``share`` of the rows (log-normal around 100 m, whole thousands)."""
    amounts = np.round(rng.lognormal(np.log(1e8), 1.5, size=size), -3)
    text = pd.Series(amounts).map(lambda a: f"{a:.0f}").to_numpy(dtype=object)
    text[rng.random(size) >= share] = ""
    return text


def _agreements(rng: np.random.Generator, n_orgs: int, descriptor: dict, cluster: dict,
                hubs: np.ndarray, org_ids: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    count = max(1, round(n_orgs / 10))
    agreement_id = _ids("syn-agr", count)
    kinds = _enum(descriptor, "agreements", "kind")
    kind = _choose(rng, kinds, AGREEMENT_KIND_WEIGHTS, count, default=0.0)
    precisions = _enum(descriptor, "agreements", "signed_precision")
    _, precision, signed = _dates(rng, count, np.datetime64(cluster["launch_date"]),
                                  np.datetime64(cluster["data_as_of"]), precisions)
    if "cluster_founding" in kinds:
        kind[0], precision[0], signed[0] = "cluster_founding", "day", cluster["launch_date"]
    scope = _scope(rng, descriptor, "agreements", count)
    scope[kind == "interregional_cluster"] = "interregional_cluster"
    scope[kind == "cluster_founding"] = "regional_cluster"
    title = pd.Series(kind).map(AGREEMENT_TITLES)
    place_ru, place_en = _pick(rng, PLACES, count)
    has_place = rng.random(count) < 0.5
    amount = _amounts(rng, count, 0.5)
    amount[kind != "investment"] = ""
    agreements = pd.DataFrame({
        "agreement_id": agreement_id,
        "signed": signed,
        "signed_precision": precision,
        **_numbered(title.str[0], title.str[1]),
        "kind": kind,
        "place_ru": np.where(has_place, place_ru, ""),
        "place_en": np.where(has_place, place_en, ""),
        "amount_rub": amount,
        "scope": scope,
        **_provenance(rng, "agreements", agreement_id),
    })
    groups, members = _links(rng, agreement_id, 2, 6, n_orgs, hubs)
    parties = pd.DataFrame({"agreement_id": groups, "org_id": org_ids[members]})
    return agreements, parties


def _projects(rng: np.random.Generator, n_orgs: int, descriptor: dict, cluster: dict,
              hubs: np.ndarray, org_ids: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    count = max(1, round(n_orgs / 20))
    project_id = _ids("syn-prj", count)
    as_of = np.datetime64(cluster["data_as_of"])
    precisions = _enum(descriptor, "projects", "started_precision")
    started, started_precision, started_text = _dates(rng, count, np.datetime64(cluster["launch_date"]), as_of,
                                                      precisions)
    finishes = (rng.random(count) < 0.2) & (started_precision != "unknown")
    finished = started + (rng.random(count) * (as_of - started).astype(int)).astype("timedelta64[D]")
    finished_precision = np.where(finishes, np.where(rng.random(count) < 0.6, "month", "year"), "unknown")
    finished_precision = finished_precision.astype(object)
    finished = _not_before(finished, finished_precision, started)
    finished_text = _iso(finished, finished_precision)
    title_ru, title_en = _pick(rng, PROJECT_TITLES, count)
    noted = rng.random(count) < 0.2
    projects = pd.DataFrame({
        "project_id": project_id,
        **_numbered(title_ru, title_en),
        "started": started_text,
        "started_precision": started_precision,
        "finished": finished_text,
        "finished_precision": finished_precision,
        "status": _choose(rng, _enum(descriptor, "projects", "status"), PROJECT_STATUS_WEIGHTS, count, default=0.0),
        "amount_rub": _amounts(rng, count, 0.6),
        "amount_note_ru": np.where(noted, "Сумма по заявлению участников", ""),
        "amount_note_en": np.where(noted, "Amount as stated by the participants", ""),
        "scope": _scope(rng, descriptor, "projects", count),
        **_provenance(rng, "projects", project_id),
    })
    groups, members = _links(rng, project_id, 2, 10, n_orgs, hubs)
    participants = pd.DataFrame({"project_id": groups, "org_id": org_ids[members]})
    return projects, participants


def _events(rng: np.random.Generator, n_orgs: int, descriptor: dict, cluster: dict, hubs: np.ndarray,
            org_ids: np.ndarray, project_ids: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    count = max(1, round(n_orgs / 10))
    event_id = _ids("syn-evt", count)
    kind = _choose(rng, _enum(descriptor, "events", "kind"), EVENT_KIND_WEIGHTS, count, default=0.0)
    precisions = _enum(descriptor, "events", "date_precision")
    _, precision, date = _dates(rng, count, np.datetime64(cluster["launch_date"]),
                                np.datetime64(cluster["data_as_of"]), precisions)
    project = np.where(kind == "project_milestone", project_ids[rng.integers(len(project_ids), size=count)], "")
    scope = _scope(rng, descriptor, "events", count)
    scope[kind == "context"] = "regional_context"
    title = pd.Series(kind).map(lambda k: EVENT_TITLES.get(k, ("Событие", "Event")))
    events = pd.DataFrame({
        "event_id": event_id,
        "date": date,
        "date_precision": precision,
        "kind": kind,
        **_numbered(title.str[0], title.str[1]),
        "project_id": project.astype(object),
        "scope": scope,
        **_provenance(rng, "events", event_id),
    })
    # most events name one or two organisations; context events often none
    groups, members = _links(rng, event_id, 1, 3, n_orgs, hubs)
    named = pd.DataFrame({"event_id": groups, "org_id": org_ids[members]})
    named = named[~named["event_id"].isin(event_id[kind == "context"][::2])]
    return events, named.reset_index(drop=True)


def _membership_counts(rng: np.random.Generator, orgs: pd.DataFrame, cluster: dict) -> pd.DataFrame:
    """One reported participant count per year (1 December), a little above the named participants then, as
    real reports are; plus the signatories of the founding agreement."""
    launch, as_of = pd.Timestamp(cluster["launch_date"]), pd.Timestamp(cluster["data_as_of"])
    joined = pd.to_datetime(orgs["joined"], format="%Y-%m-%d", errors="coerce")
    left = pd.to_datetime(orgs["left"], format="%Y-%m-%d", errors="coerce")
    participant = orgs["status"].isin(["founder", "member"])
    rows = [{"count_id": f"syn-count-{launch.year}-signatories", "date": launch.date().isoformat(),
             "date_precision": "day", "count": int(min(FOUNDERS, len(orgs))), "approximate": "false",
             "counted": "agreement_signatories"}]
    for year in range(launch.year + 1, as_of.year + 1):
        day = pd.Timestamp(year=year, month=12, day=1)
        if day > as_of:
            day = pd.Timestamp(year=year, month=as_of.month, day=1)
        named = int((participant & (joined <= day) & (left.isna() | (left > day))).sum())
        approximate = bool(rng.random() < 0.5)
        reported = round(named * (1.0 + 0.2 * rng.random()))
        if approximate:
            reported = max(5 * round(reported / 5), 0)
        rows.append({"count_id": f"syn-count-{year}", "date": day.date().isoformat(), "date_precision": "month",
                     "count": reported, "approximate": "true" if approximate else "false",
                     "counted": "participants"})
    counts = pd.DataFrame(rows)
    counts["scope"] = "regional_cluster"
    counts["notes_ru"] = ""
    counts["notes_en"] = ""
    counts["source_urls"] = _sources("membership_counts", counts["count_id"].to_numpy(dtype=object))
    counts["confidence"] = "stated"
    return counts


# ---------------------------------------------------------------------------------------------------------
# the package
# ---------------------------------------------------------------------------------------------------------


def organisations_label(n: int, lang: str) -> str:
    """``1 000 организаций`` / ``1,000 organisations``, with the Russian plural that fits ``n``."""
    return counted(n, "organisations", lang)


def _descriptor(source: dict, organisations: int, seed: int) -> dict:
    descriptor = json.loads(json.dumps(source))
    cluster = descriptor["cluster"]
    descriptor["name"] = f"synthetic-cluster-{organisations}"
    descriptor["title"] = (f"СИНТЕТИЧЕСКИЙ кластер ({organisations_label(organisations, 'ru')}) / "
                           f"SYNTHETIC cluster ({organisations_label(organisations, 'en')})")
    descriptor["sources"] = [{"title": "Invented by tools/synthetic.py; no row describes a real organisation",
                              "path": f"{SOURCE_BASE}/"}, *source.get("sources", [])[1:]]
    cluster.update({
        "name_ru": f"СИНТЕТИЧЕСКИЙ кластер ({organisations_label(organisations, 'ru')})",
        "name_en": f"SYNTHETIC cluster ({organisations_label(organisations, 'en')})",
        "short_name_ru": "СИНТЕТИЧЕСКИЙ кластер",
        "short_name_en": "SYNTHETIC cluster",
        # one of the stems the synthetic brands are built from, so the search hint finds something
        "search_example_ru": SEARCH_STEM[0],
        "search_example_en": SEARCH_STEM[1],
        "synthetic": True,
        "synthetic_organisations": organisations,
        "synthetic_seed": seed,
        "synthetic_generator": GENERATOR_VERSION,
    })
    cluster.pop("districts", None)
    return descriptor


def _write(frame: pd.DataFrame, path: Path, columns: list[str]) -> None:
    frame = frame.reindex(columns=columns, fill_value="")
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _refuse_bundled(out_dir: Path, source: Path) -> None:
    target = out_dir.resolve()
    for protected in {BUNDLED_DIR.resolve(), source.resolve()}:
        if target == protected or target.is_relative_to(protected):
            raise SyntheticError(f"refusing to write synthetic rows into the data package {protected}")


def generate(out_dir: Path, organisations: int, seed: int = DEFAULT_SEED, source: Path = BUNDLED_DIR) -> Path:
    """Write a synthetic package with ``organisations`` organisations into ``out_dir`` and return the folder.

    ``source`` gives the schema, the sectors, the settlements, the boundary and the cluster's region and
    dates (the bundled package by default); its own rows are never copied.
    """
    out_dir, source = Path(out_dir), Path(source)
    if isinstance(organisations, bool) or not isinstance(organisations, int) \
            or not 1 <= organisations <= MAX_ORGANISATIONS:
        raise SyntheticError(f"organisations must be an integer in 1..{MAX_ORGANISATIONS}, not {organisations!r}")
    _refuse_bundled(out_dir, source)
    source_descriptor = json.loads((source / DESCRIPTOR).read_text(encoding="utf-8"))
    descriptor = _descriptor(source_descriptor, organisations, seed)
    cluster = descriptor["cluster"]
    columns = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]}
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    sectors = pd.read_csv(source / paths["sectors"], dtype=str, keep_default_na=False)
    settlements = pd.read_csv(source / paths["settlements"], dtype=str, keep_default_na=False)

    rng = np.random.Generator(np.random.PCG64(seed))
    orgs = _organisations(rng, organisations, descriptor, sectors["sector_id"].tolist(), settlements, cluster)
    org_ids = orgs["org_id"].to_numpy(dtype=object)
    hubs = _hub_weights(orgs)
    names = _organisation_names(rng, orgs, descriptor, cluster)
    agreements, parties = _agreements(rng, organisations, descriptor, cluster, hubs, org_ids)
    projects, participants = _projects(rng, organisations, descriptor, cluster, hubs, org_ids)
    events, event_orgs = _events(rng, organisations, descriptor, cluster, hubs, org_ids,
                                 projects["project_id"].to_numpy(dtype=object))
    counts = _membership_counts(rng, orgs, cluster)

    out_dir.mkdir(parents=True, exist_ok=True)
    tables = {"sectors": sectors, "settlements": settlements, "organisations": orgs,
              "organisation_names": names, "agreements": agreements, "agreement_parties": parties,
              "projects": projects, "project_participants": participants, "events": events,
              "event_organisations": event_orgs, "membership_counts": counts}
    for name, frame in tables.items():
        (out_dir / paths[name]).parent.mkdir(parents=True, exist_ok=True)
        _write(frame, out_dir / paths[name], columns[name])
    for layer in (cluster[key] for key in GEO_FILES if cluster.get(key)):  # the source's map, as it is
        (out_dir / layer).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / layer, out_dir / layer)
    (out_dir / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.synthetic",
                                     description="Write a synthetic data package (for tests and benchmarks).")
    parser.add_argument("out_dir", type=Path, help="folder to write (created; never inside data/)")
    parser.add_argument("--organisations", "-n", type=int, required=True, help="number of organisations")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--source", type=Path, default=BUNDLED_DIR,
                        help="package giving the schema, sectors, settlements and boundary (default: data/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        out = generate(args.out_dir, args.organisations, args.seed, args.source)
    except (SyntheticError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{out}: {args.organisations} organisations, seed {args.seed}, "
          f"{time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
