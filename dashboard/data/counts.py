"""What each count of organisations counts, defined once for every view, export and slide.

An organisation's membership status puts it in exactly one group. Only ``members`` — founders and members of
this cluster that a source names — are counted as the cluster's participants (KPI, charts, tables' totals,
the period comparison, exports); the other groups are shown apart, under their own names, and never inside a
count of members.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import pandas as pd

from dashboard.data.vocab import STATUS

GROUPS: dict[str, tuple[str, ...]] = {
    "members": ("founder", "member"),
    "support": ("support_body",),  # work for the cluster (development centre, funds) without being members
    "expected": ("expected",),  # expected to join; no source reports them as members
    "other_cluster": ("interregional_member",),  # members of the separate 2019 interregional aviation cluster
    # a branch of a member's own legal entity (a plant): its place is shown, its legal entity is the member
    "branches": ("branch",),
    "not_member": ("not_member",),
}
MEMBER_STATUSES = GROUPS["members"]
T = TypeVar("T", pd.Series, np.ndarray)
GROUP_OF_STATUS = {status: group for group, statuses in GROUPS.items() for status in statuses}
if set(GROUP_OF_STATUS) != set(STATUS):
    raise ValueError(f"statuses without exactly one count group: {sorted(set(STATUS) ^ set(GROUP_OF_STATUS))}")


def in_group(statuses: pd.Series, group: str) -> pd.Series:
    """Whether each status is of ``group``."""
    return statuses.isin(GROUPS[group])


def count(orgs: pd.DataFrame, group: str = "members") -> int:
    """How many of ``orgs`` are of ``group`` (the cluster's named members unless said otherwise)."""
    return int(in_group(orgs["status"], group).sum())


def members(orgs: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``orgs`` that are the cluster's named members."""
    return orgs[in_group(orgs["status"], "members")]


def present_at(joined: T, left: T, day: pd.Timestamp | np.datetime64) -> T:
    """Whether each organisation, by its joining and leaving dates (columns or arrays; a missing date compares
    False), had joined by ``day`` and not left by then: of the named members, those counted at that day."""
    return (joined <= day) & ~(left <= day)
