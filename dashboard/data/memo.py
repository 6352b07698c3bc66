"""Values derived from a loaded package alone (indexes, lookups, labels), computed once per package."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from dashboard.data.package import ClusterData

T = TypeVar("T")


def cached(data: ClusterData, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` the first time ``key`` is asked of this package, the same value afterwards."""
    if key not in data.cache:
        data.cache[key] = compute()
    return data.cache[key]
