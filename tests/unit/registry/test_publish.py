"""Publishing is atomic and reversible: a killed import leaves the old data intact and loadable."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dashboard.data.live import LivePackage
from dashboard.data.package import PackageError, load_package
from dashboard.registry import publish as publishing

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def data_dir(tmp_path, bundled_data_dir):
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir, target)
    return target


def renamed(data, org_id: str, note: str):
    organisations = data.organisations.copy()
    organisations.loc[organisations["org_id"] == org_id, "notes_en"] = note
    return {"organisations": organisations}


def note_of(data_dir: Path, org_id: str) -> str:
    return load_package(data_dir).organisations.set_index("org_id").loc[org_id, "notes_en"]


def test_publish_swaps_in_a_new_version_and_records_it(data_dir):
    before = load_package(data_dir)
    result = publishing.publish(renamed(before, "bi-pitron", "new note"), data_dir, user="anna", source="reg.xlsx")

    assert note_of(data_dir, "bi-pitron") == "new note"
    assert result.diff["organisations"] == {"added": 0, "removed": 0, "changed": 1}
    assert result.diff["agreements"] == {"added": 0, "removed": 0, "changed": 0}
    assert publishing.current_version(data_dir) == result.version
    assert publishing.versions(data_dir) == sorted([result.previous, result.version])
    (entry,) = publishing.audit_log(data_dir)
    assert entry["user"] == "anna" and entry["source"] == "reg.xlsx" and entry["action"] == "publish"
    assert entry["diff"]["organisations"]["changed"] == 1
    # The previous version is a complete package of its own.
    old = load_package(data_dir / publishing.VERSIONS / result.previous)
    assert old.organisations.equals(before.organisations)


def test_rollback_restores_the_previous_version_and_then_the_one_before(data_dir):
    first = publishing.publish(renamed(load_package(data_dir), "bi-pitron", "one"), data_dir, user="a", source="1")
    second = publishing.publish(renamed(load_package(data_dir), "bi-pitron", "two"), data_dir, user="a", source="2")
    assert note_of(data_dir, "bi-pitron") == "two"

    back = publishing.rollback(data_dir, user="b")
    assert (back.version, back.previous) == (first.version, second.version)
    assert note_of(data_dir, "bi-pitron") == "one"

    publishing.rollback(data_dir, user="b")
    assert note_of(data_dir, "bi-pitron") == load_package(ROOT / "data").organisations.set_index(
        "org_id").loc["bi-pitron", "notes_en"]
    with pytest.raises(publishing.PublishError):
        publishing.rollback(data_dir, user="b")
    assert [e["action"] for e in publishing.audit_log(data_dir)] == ["publish", "publish", "rollback", "rollback"]


def test_an_invalid_result_is_refused_and_nothing_changes(data_dir):
    data = load_package(data_dir)
    descriptor_before = (data_dir / "datapackage.json").read_bytes()
    organisations = data.organisations[data.organisations["org_id"] != "bi-pitron"]  # still named as a party

    with pytest.raises(PackageError) as error:
        publishing.publish({"organisations": organisations}, data_dir, user="a", source="x")

    assert "agreement_parties.csv" in str(error.value)
    assert (data_dir / "datapackage.json").read_bytes() == descriptor_before
    assert not list((data_dir / publishing.VERSIONS).glob(f"{publishing.STAGING_PREFIX}*"))
    assert publishing.audit_log(data_dir) == []


def test_a_crash_at_the_swap_leaves_the_old_package_live(data_dir, monkeypatch):
    data = load_package(data_dir)

    def crash(*_args):
        raise OSError("power cut")

    monkeypatch.setattr(publishing.os, "replace", crash)
    with pytest.raises(OSError):
        publishing.publish(renamed(data, "bi-pitron", "lost"), data_dir, user="a", source="x")
    monkeypatch.undo()

    assert note_of(data_dir, "bi-pitron") == data.organisations.set_index("org_id").loc["bi-pitron", "notes_en"]


PUBLISH_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from dashboard.data.package import load_package
    from dashboard.registry.publish import publish
    data_dir = Path(sys.argv[1])
    for round in range(1000):
        organisations = load_package(data_dir).organisations.copy()
        organisations["notes_en"] = f"round {round}"
        publish({"organisations": organisations}, data_dir, user="loop", source="loop")
""")


def test_killing_an_import_at_any_moment_leaves_a_loadable_package(data_dir):
    """SIGKILL a process that publishes in a loop, at many different moments; each time the live package
    must load, and be either the old or a fully published new one (all notes from one round)."""
    for delay in (0.3, 0.45, 0.6, 0.75, 0.9, 1.1, 1.3, 1.6):
        process = subprocess.Popen([sys.executable, "-c", PUBLISH_SCRIPT, str(data_dir)], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        notes = set(load_package(data_dir).organisations["notes_en"].fillna(""))
        assert len(notes) == 1 or not any(n.startswith("round ") for n in notes), notes
    # The next publish clears whatever a killed one left half-written.
    publishing.publish(renamed(load_package(data_dir), "bi-pitron", "after"), data_dir, user="a", source="x")
    assert not list((data_dir / publishing.VERSIONS).glob(f"{publishing.STAGING_PREFIX}*"))
    for version in publishing.versions(data_dir):
        load_package(data_dir / publishing.VERSIONS / version)


def test_running_app_picks_up_a_publish_and_keeps_the_last_good_package(data_dir):
    live = LivePackage(data_dir)
    assert live.current().organisations.set_index("org_id").loc["bi-pitron", "notes_en"] != "fresh"

    publishing.publish(renamed(live.current(), "bi-pitron", "fresh"), data_dir, user="a", source="x")
    assert live.current().organisations.set_index("org_id").loc["bi-pitron", "notes_en"] == "fresh"

    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    (data_dir / descriptor["resources"][2]["path"]).write_text("org_id\nbroken\n", encoding="utf-8")
    assert live.current().organisations.set_index("org_id").loc["bi-pitron", "notes_en"] == "fresh"
    assert live.error is not None and "organisations.csv" in str(live.error)


def test_a_torn_or_malformed_audit_line_is_skipped_and_reported_and_rollback_still_works(data_dir, caplog):
    first = publishing.publish(renamed(load_package(data_dir), "bi-pitron", "one"), data_dir, user="a", source="1")
    publishing.publish(renamed(load_package(data_dir), "bi-pitron", "two"), data_dir, user="a", source="2")
    with (data_dir / publishing.AUDIT_LOG).open("ab") as log:
        log.write(b'[1, 2]\n\xff\xfe not json\n{"time": "2025-01-01T00:00:00+00:00", "action": "pub')  # torn

    assert publishing.rollback(data_dir, user="b").version == first.version
    assert note_of(data_dir, "bi-pitron") == "one"
    log = publishing.read_audit(data_dir)
    assert log.damaged_lines == [3, 4, 5]
    # The rollback's entry starts on a line of its own rather than extending the torn one.
    assert [e["action"] for e in log.entries] == ["publish", "publish", "rollback"]
    assert "3 torn or malformed line(s)" in caplog.text


def test_rollback_finds_the_version_to_return_to_in_the_version_store_without_the_audit_log(data_dir):
    first = publishing.publish(renamed(load_package(data_dir), "bi-pitron", "one"), data_dir, user="a", source="1")
    second = publishing.publish(renamed(load_package(data_dir), "bi-pitron", "two"), data_dir, user="a", source="2")
    (data_dir / publishing.AUDIT_LOG).unlink()

    assert publishing.version_record(data_dir, second.version)["previous"] == first.version
    assert publishing.rollback(data_dir, user="b").version == first.version
    assert note_of(data_dir, "bi-pitron") == "one"


def test_an_entry_whose_swap_never_happened_is_pending_then_abandoned(data_dir, monkeypatch):
    first = publishing.publish(renamed(load_package(data_dir), "bi-pitron", "one"), data_dir, user="a", source="1")
    update = renamed(load_package(data_dir), "bi-pitron", "lost")

    def power_cut(*_args):
        raise OSError("power cut")

    monkeypatch.setattr(publishing, "mark_validated", power_cut)  # the first step of the swap
    with pytest.raises(OSError):
        publishing.publish(update, data_dir, user="a", source="lost.xlsx")
    monkeypatch.undo()

    log = publishing.read_audit(data_dir)
    assert [e["version"] for e in log.entries] == [first.version]
    assert log.pending["source"] == "lost.xlsx" and log.pending["previous"] == first.version
    publishing.publish(renamed(load_package(data_dir), "bi-pitron", "three"), data_dir, user="a", source="3")
    log = publishing.read_audit(data_dir)
    assert [e["source"] for e in log.entries] == ["1", "3"]
    assert [e["source"] for e in log.abandoned] == ["lost.xlsx"] and log.pending is None
