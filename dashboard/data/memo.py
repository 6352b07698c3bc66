"""Values derived from something loaded once (a data package, a GeoJSON layer), computed the first time they
are asked for and kept with it: the one memo of per-package values. Pure functions of small hashable
arguments use :func:`functools.lru_cache`, and a request's derived values :func:`functools.cached_property`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def cached(owner: Any, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` the first time ``key`` is asked of ``owner`` (anything with a ``cache`` dict: a package, a
    loaded GeoJSON layer), the same value afterwards; computed every time for an owner without one (a plain
    dict a test built)."""
    cache = getattr(owner, "cache", None)
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]
