"""Controlled vocabularies: one table per enumeration drives labels, colours and symbols everywhere.

The codes, and their order, come from the bundled package descriptor ``data/datapackage.json``; this module
adds only what the descriptor cannot say: the labels, colours and symbols of each code.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

BUNDLED_DESCRIPTOR = Path(__file__).resolve().parents[2] / "data" / "datapackage.json"


class Term(NamedTuple):
    ru: str
    en: str
    colour: str = "#6c757d"
    symbol: str = "circle"

    def label(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en


@cache
def declared_schemas() -> dict[str, dict]:
    """The bundled descriptor's Table Schemas by resource name."""
    descriptor = json.loads(BUNDLED_DESCRIPTOR.read_text(encoding="utf-8"))
    return {resource["name"]: resource["schema"] for resource in descriptor["resources"]}


def declared_field(resource: str, field: str) -> dict:
    """The descriptor's declaration of ``resource.field`` (name, type, constraints)."""
    return next(f for f in declared_schemas()[resource]["fields"] if f["name"] == field)


def declared_codes(resource: str, field: str) -> tuple[str, ...]:
    """The codes the descriptor allows in ``resource.field``, in its order."""
    return tuple(declared_field(resource, field)["constraints"]["enum"])


def labelled(resource: str, field: str, terms: dict[str, Term]) -> dict[str, Term]:
    """The descriptor's codes of ``resource.field`` in its order, each with its term.

    A code without a term, or a term for a code the descriptor does not declare, stops the import of this
    module: a label shown for nothing, or a code shown without a label, is a mistake made here.
    """
    codes = declared_codes(resource, field)
    if set(codes) != set(terms):
        raise ValueError(f"{resource}.{field}: the descriptor declares {sorted(codes)}, vocab.py labels "
                         f"{sorted(terms)}")
    return {code: terms[code] for code in codes}


STATUS: dict[str, Term] = labelled("organisations", "status", {
    "founder": Term("Учредитель", "Founder", "#0b5394"),
    "member": Term("Участник", "Member", "#3d85c6"),
    "support_body": Term("Орган поддержки", "Support body", "#6aa84f"),
    "expected": Term("Ожидаемый участник", "Expected participant", "#e69138"),
    "interregional_member": Term(
        "Участник межрегионального авиакластера (2019)", "Member of the 2019 interregional aviation cluster",
        "#8e7cc3",
    ),
    # A plant of a participant's own legal entity: the place, never a second participant.
    "branch": Term("Филиал участника", "Branch of a participant", "#9fc5e8"),
    "not_member": Term("Не участник", "Not a member", "#999999"),
})


ROLE: dict[str, Term] = labelled("organisations", "role", {
    "anchor": Term("Якорное предприятие", "Anchor enterprise"),
    "government": Term("Органы власти", "Government"),
    "university": Term("Вуз", "University"),
    "development_institution": Term("Институт развития", "Development institution"),
    "cluster_support": Term("Инфраструктура поддержки", "Cluster support"),
    "infrastructure": Term("Промышленная инфраструктура", "Industrial infrastructure"),
    "enterprise": Term("Предприятие", "Enterprise"),
    "specialised_organisation": Term("Специализированная организация", "Specialised organisation"),
    "financing_body": Term("Финансовый институт", "Financing body"),
})

CONFIDENCE: dict[str, Term] = labelled("organisations", "confidence", {
    "stated": Term("указано в источнике", "stated in the source"),
    "inferred": Term("наш вывод", "our inference"),
})

LOCATION_PRECISION: dict[str, Term] = labelled("organisations", "location_precision", {
    "settlement": Term("населённый пункт", "settlement"),
    "settlement_inferred": Term("населённый пункт (наш вывод)", "settlement (inferred)"),
    "head_office": Term("головной офис", "head office"),
    "unknown": Term("не указано", "not stated"),
})

DATE_PRECISION: dict[str, Term] = labelled("organisations", "joined_precision", {
    "day": Term("день", "day", symbol="circle"),
    "month": Term("месяц", "month", symbol="circle-open"),
    "year": Term("год", "year", symbol="square-open"),
    "after": Term("не ранее", "not before", symbol="triangle-right-open"),
    "unknown": Term("неизвестна", "unknown", symbol="x-open"),
})

SCOPE: dict[str, Term] = labelled("agreements", "scope", {
    # The registry workbook's term, true of any package; the dashboard names this cluster by the package's
    # short name (derive.scope_label), and the importer accepts that name too.
    "regional_cluster": Term("Этот кластер", "This cluster"),
    "interregional_cluster": Term("Межрегиональный авиакластер (2019)", "Interregional aviation cluster (2019)"),
    "regional_context": Term("Контекст региона", "Regional context"),
})

AGREEMENT_KIND: dict[str, Term] = labelled("agreements", "kind", {
    "cluster_founding": Term("Создание кластера", "Cluster founding"),
    "cluster_management": Term("Управление кластером", "Cluster management"),
    "joining": Term("Вступление", "Joining"),
    "investment": Term("Инвестиционное", "Investment"),
    "interregional_cluster": Term("Межрегиональный кластер", "Interregional cluster"),
})

PROJECT_STATUS: dict[str, Term] = labelled("projects", "status", {
    "planned": Term("Запланирован", "Planned"),
    "announced": Term("Объявлен", "Announced"),
    "agreed": Term("Соглашение подписано", "Agreement signed"),
    "operating": Term("Действует", "Operating"),
    "no_follow_up_found": Term("Продолжение не найдено", "No follow-up found"),
})

EVENT_KIND: dict[str, Term] = labelled("events", "kind", {
    "announcement": Term("Объявление", "Announcement"),
    "milestone": Term("Веха", "Milestone"),
    "project_milestone": Term("Этап проекта", "Project milestone"),
    "registry": Term("Реестр Минпромторга", "Minpromtorg registry"),
    "renaming": Term("Переименование", "Renaming"),
    "statement": Term("Заявление", "Statement"),
    "context": Term("Другие кластеры региона", "Other clusters of the region"),
})

MEMBERSHIP_COUNTED: dict[str, Term] = labelled("membership_counts", "counted", {
    "participants": Term("Участники кластера", "Cluster participants"),
    "agreement_signatories": Term("Подписанты соглашения", "Agreement signatories"),
    "interregional_irkutsk_members": Term(
        "Участники межрегионального кластера из региона", "The region's members of the interregional cluster"
    ),
})

# Rows of the timeline, top to bottom; each timeline item falls in exactly one.
TIMELINE_GROUP: dict[str, Term] = {
    "agreement": Term("Соглашения", "Agreements", "#0b5394", "diamond"),
    "joining": Term("Вступления", "Joinings", "#3d85c6", "circle"),
    "project": Term("Проекты", "Projects", "#e69138", "square"),
    "event": Term("События", "Events", "#6aa84f", "star"),
    "context": Term("Контекст региона", "Regional context", "#999999", "circle"),
}

EVENT_KIND_GROUP = {
    "announcement": "event",
    "milestone": "event",
    "registry": "event",
    "renaming": "event",
    "statement": "event",
    "project_milestone": "project",
    "context": "context",
}

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
SECTOR_PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
    "#999999", "#8E7CC3",
)

# The enumerations labelled field by field; fields that mean the same in every table share one vocabulary.
_BY_FIELD: dict[tuple[str, str], dict[str, Term]] = {
    ("organisations", "status"): STATUS,
    ("organisations", "role"): ROLE,
    ("organisations", "location_precision"): LOCATION_PRECISION,
    ("agreements", "kind"): AGREEMENT_KIND,
    ("projects", "status"): PROJECT_STATUS,
    ("events", "kind"): EVENT_KIND,
    ("membership_counts", "counted"): MEMBERSHIP_COUNTED,
}
_SHARED: dict[str, dict[str, Term]] = {"confidence": CONFIDENCE, "scope": SCOPE}


def vocabulary(resource: str, field: str) -> dict[str, Term] | None:
    """The vocabulary of an enumeration of the descriptor (``None`` for a field without one)."""
    if (resource, field) in _BY_FIELD:
        return _BY_FIELD[resource, field]
    if field.endswith("_precision"):
        return DATE_PRECISION
    return _SHARED.get(field)


def sector_colours(sector_ids: list[str]) -> dict[str, str]:
    """Colour per sector in the order the data package lists them."""
    return {sid: SECTOR_PALETTE[i % len(SECTOR_PALETTE)] for i, sid in enumerate(sector_ids)}
