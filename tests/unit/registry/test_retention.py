"""Retention of published versions and uploaded files: by count, by age and by a disk quota."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

from dashboard.data.package import load_package
from dashboard.registry import publish as publishing
from dashboard.registry import retention

DAY = retention.DAY_S


@pytest.fixture
def data_dir(tmp_path, bundled_data_dir):
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir, target)
    return target


def publish_note(data_dir: Path, note: str) -> publishing.PublishResult:
    organisations = load_package(data_dir).organisations.copy()
    organisations["notes_en"] = note
    return publishing.publish({"organisations": organisations}, data_dir, user="a", source=note)


def notes(data_dir: Path) -> set[str]:
    return set(load_package(data_dir).organisations["notes_en"])


def test_versions_beyond_the_count_go_but_never_the_live_one_or_the_rollback_target(data_dir, monkeypatch):
    monkeypatch.setenv("CLUSTER_VERSIONS_KEEP", "3")
    results = [publish_note(data_dir, f"v{n}") for n in range(5)]
    assert publishing.versions(data_dir) == sorted(r.version for r in results[-3:])

    monkeypatch.setenv("CLUSTER_VERSIONS_KEEP", "0")
    publishing.rollback(data_dir, user="b")
    publishing.rollback(data_dir, user="b")  # live: v2, the oldest left
    last = publish_note(data_dir, "v5")
    assert publishing.versions(data_dir) == sorted([results[2].version, last.version])
    publishing.rollback(data_dir, user="b")
    assert notes(data_dir) == {"v2"}


def test_versions_older_than_the_age_limit_go(data_dir, monkeypatch):
    first = publish_note(data_dir, "v1")
    folder = data_dir / publishing.VERSIONS
    now = dt.datetime.now(dt.UTC)
    old = [(now - dt.timedelta(days=days)).strftime(publishing.VERSION_ID_TIME) + "-0a0a" for days in (100, 200)]
    for name in old:
        shutil.copytree(folder / first.version, folder / name)
    recent = publish_note(data_dir, "v2")
    assert set(old) <= set(publishing.versions(data_dir))  # the defaults keep a year

    monkeypatch.setenv("CLUSTER_VERSIONS_MAX_AGE_DAYS", "30")
    last = publish_note(data_dir, "v3")
    assert publishing.versions(data_dir) == sorted([first.previous, first.version, recent.version, last.version])


def test_versions_over_the_disk_quota_go_oldest_first(data_dir, monkeypatch):
    first = publish_note(data_dir, "v1")
    size = retention.size_of(data_dir / publishing.VERSIONS / first.version)
    monkeypatch.setenv("CLUSTER_VERSIONS_QUOTA_MB", str(3.5 * size / retention.MIB))
    results = [publish_note(data_dir, f"v{n}") for n in range(2, 7)]
    assert publishing.versions(data_dir) == sorted(r.version for r in results[-3:])

    monkeypatch.setenv("CLUSTER_VERSIONS_QUOTA_MB", "0")  # even then the live version and its predecessor stay
    last = publish_note(data_dir, "v7")
    assert publishing.versions(data_dir) == sorted([results[-1].version, last.version])


@pytest.mark.parametrize("value", ["-1", "many", "inf", "nan", "2.5"])
def test_a_bad_setting_stops_publish_before_anything_changes(data_dir, monkeypatch, value):
    descriptor = (data_dir / "datapackage.json").read_bytes()
    monkeypatch.setenv("CLUSTER_VERSIONS_KEEP", value)
    with pytest.raises(ValueError, match="CLUSTER_VERSIONS_KEEP"):
        publish_note(data_dir, "never")
    assert (data_dir / "datapackage.json").read_bytes() == descriptor
    assert not (data_dir / publishing.VERSIONS).exists()


def upload(folder: Path, name: str, *, age_s: float, size: int = 10) -> Path:
    path = folder / name
    path.mkdir()
    (path / "file.xlsx").write_bytes(b"x" * size)
    stamp = time.time() - age_s
    os.utime(path, (stamp, stamp))
    return path


def remaining(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_uploads_by_count_age_and_quota(tmp_path):
    policy = retention.Policy(keep=3, max_age_s=DAY, quota_bytes=1000)
    for n in range(5):
        upload(tmp_path, f"count{n}", age_s=60 * (5 - n))  # count4 is the newest
    upload(tmp_path, "old", age_s=2 * DAY)
    retention.prune_uploads(tmp_path, policy)
    assert remaining(tmp_path) == ["count2", "count3", "count4"]

    upload(tmp_path, "big", age_s=0, size=985)  # with the other two over the quota by 5 bytes
    retention.prune_uploads(tmp_path, policy)
    assert remaining(tmp_path) == ["big", "count4"]


def test_an_upload_being_published_stays_until_it_is_too_old(tmp_path):
    policy = retention.Policy(keep=0, max_age_s=DAY, quota_bytes=0)
    upload(tmp_path, "tok.publishing-1a2b3c4d", age_s=60)
    upload(tmp_path, "killed.publishing-5e6f7a8b", age_s=2 * DAY)
    upload(tmp_path, "waiting", age_s=60)
    (tmp_path / f"{retention.DISCARD_PREFIX}half-deleted").mkdir()
    assert sorted(p.name for p in retention.prune_uploads(tmp_path, policy)) == [
        "killed.publishing-5e6f7a8b", "waiting"]
    assert remaining(tmp_path) == ["tok.publishing-1a2b3c4d"]


def test_upload_settings_come_from_the_environment(monkeypatch):
    assert retention.uploads_policy() == retention.Policy(keep=20, max_age_s=DAY, quota_bytes=200 * retention.MIB)
    monkeypatch.setenv("CLUSTER_UPLOADS_KEEP", "5")
    monkeypatch.setenv("CLUSTER_UPLOADS_MAX_AGE_HOURS", "2")
    monkeypatch.setenv("CLUSTER_UPLOADS_QUOTA_MB", "50")
    assert retention.uploads_policy() == retention.Policy(keep=5, max_age_s=2 * 3600, quota_bytes=50 * retention.MIB)
