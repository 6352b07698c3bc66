"""A publish that dies at any step leaves the live package, the version store and the audit log in agreement.

Every step of ``publish`` (each helper it calls and each rename that commits something) is a crash point:
the test first records the steps of one publish, then, on a fresh copy for each step, crashes right before
it with ``os._exit`` in a forked process (nothing cleans up, as after a kill), and
checks that the package loads and is entirely the old or entirely the new one, that the audit log agrees,
and that rollback then works. (``test_publish.py`` raises an exception at the swap, too.)
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dashboard.data.package import load_package
from dashboard.registry import publish as publishing
from dashboard.registry import retention

STEPS = ("_clear_interrupted", "load_package", "_copy_live_package", "write_table", "_archive_unversioned", "_diff",
         "_write_version_record", "_finish_version", "_audit", "mark_validated", "_write_json_atomically",
         "prune_versions")
COMMITS = ("rename", "replace")  # os.rename / os.replace: what actually changes the state on disk
CRASHED = 70


def labelled(data_dir: Path, label: str) -> dict:
    """Two tables changed at once, so a half-published package would show."""
    data = load_package(data_dir)
    organisations, agreements = data.organisations.copy(), data.agreements.copy()
    organisations["notes_en"] = label
    agreements["notes_en"] = label
    return {"organisations": organisations, "agreements": agreements}


def tables(data_dir: Path) -> dict:
    return load_package(data_dir).tables


def same(left: dict, right: dict) -> bool:
    return left.keys() == right.keys() and all(left[name].equals(right[name]) for name in left)


class Steps:
    """Wraps every step; ``crash_at`` (1-based) makes the n-th step call exit the process instead of running."""

    def __init__(self, patch, crash_at: int | None = None):
        self.calls: list[str] = []
        self.crash_at = crash_at
        for name in STEPS:
            patch(publishing, name, self.wrap(name, getattr(publishing, name)))
        for name in COMMITS:
            patch(os, name, self.wrap(f"os.{name}", getattr(os, name)))

    def wrap(self, name, step):
        def wrapped(*args, **kwargs):
            self.calls.append(name)
            if len(self.calls) == self.crash_at:
                os._exit(CRASHED)
            return step(*args, **kwargs)
        return wrapped


def crash_in_child(data_dir: Path, update: dict, crash_at: int) -> int:
    pid = os.fork()
    if pid == 0:
        try:
            os.environ["CLUSTER_VERSIONS_KEEP"] = "0"  # so that pruning, too, happens in the crashing publish
            Steps(setattr, crash_at)
            publishing.publish(update, data_dir, user="crash", source="crash.xlsx")
        finally:
            os._exit(0)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@pytest.fixture(scope="module", params=["bundled", "published"])
def start(request, tmp_path_factory, bundled_data_dir):
    """A package never published through here, or one with a publish behind it (so two to go back to)."""
    folder = tmp_path_factory.mktemp("start") / "data"
    shutil.copytree(bundled_data_dir, folder)
    before = tables(folder)
    if request.param == "published":
        publishing.publish(labelled(folder, "one"), folder, user="setup", source="one.xlsx")
    return request.param, folder, before, tables(folder)


@pytest.fixture(scope="module")
def plan(start, tmp_path_factory):
    """The steps of one publish that runs to the end, and the tables it makes live."""
    folder = start[1]
    copy = tmp_path_factory.mktemp("plan") / "data"
    shutil.copytree(folder, copy)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLUSTER_VERSIONS_KEEP", "0")
        steps = Steps(patch.setattr)
        publishing.publish(labelled(copy, "two"), copy, user="plan", source="two.xlsx")
    return steps.calls, tables(copy)


def check_after_crash(data_dir: Path, start, new: dict, step: str) -> None:
    kind, _, before_start, old = start
    now = tables(data_dir)
    is_new = same(now, new)
    assert is_new or same(now, old), f"crash before {step}: the live package is neither the old nor the new one"

    live = publishing.current_version(data_dir)
    log = publishing.read_audit(data_dir)
    assert log.damaged_lines == [], step
    assert live in publishing.versions(data_dir) or (kind == "bundled" and live is None), step
    assert (log.entries[-1]["version"] if log.entries else None) in (live, None), step
    assert [e["action"] for e in log.entries if e["action"] == "publish"] == ["publish"] * (
        (kind == "published") + is_new), step

    if is_new or kind == "published":
        back = publishing.rollback(data_dir, user="after")
        assert back.previous == live, step
        assert same(tables(data_dir), old if is_new else before_start), step
        log = publishing.read_audit(data_dir)
        assert (log.pending, log.entries[-1]["action"], log.entries[-1]["version"]) == (
            None, "rollback", publishing.current_version(data_dir)), step
    else:  # the first publish ever died before its swap: there is nothing earlier, and rollback says so
        with pytest.raises(publishing.PublishError):
            publishing.rollback(data_dir, user="after")
        assert same(tables(data_dir), old), step
    assert not list((data_dir / publishing.VERSIONS).glob(f"{publishing.STAGING_PREFIX}*")), step
    assert not list((data_dir / publishing.VERSIONS).glob(f"{retention.DISCARD_PREFIX}*")), step


def test_the_plan_covers_every_step(plan):
    calls, _ = plan
    # The version and its audit entry are written before the swap, and pruning comes last.
    order = [c for c in calls if c in ("_write_version_record", "_finish_version", "_audit", "mark_validated")]
    assert order[-4:] == ["_write_version_record", "_finish_version", "_audit", "mark_validated"]
    assert calls.index("prune_versions") > len(calls) - 1 - calls[::-1].index("_write_json_atomically")
    assert {"os.rename", "os.replace", "load_package", "write_table"} <= set(calls)


def test_a_process_killed_before_any_step_of_publish_leaves_old_or_new_and_rollback_works(start, plan, tmp_path):
    calls, new = plan
    for crash_at, step in enumerate(calls, start=1):
        data_dir = tmp_path / f"crash{crash_at}"
        shutil.copytree(start[1], data_dir)
        assert crash_in_child(data_dir, labelled(data_dir, "two"), crash_at) == CRASHED, step
        check_after_crash(data_dir, start, new, f"step {crash_at} ({step})")
