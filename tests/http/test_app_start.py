"""Start-up as an operator meets it: the real entry points in a subprocess."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.data.package import load_package
from dashboard.registry.publish import publish
from tests.dash_requests import callback_body, find_callback

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_command(workers: int, port: int) -> list[str]:
    """``make serve``: the master loads the package once (--preload), then forks the workers."""
    return [sys.executable, "-m", "gunicorn", "--preload", "-w", str(workers), "-b", f"127.0.0.1:{port}", "app:server"]


ENTRY_POINTS = {
    "python app.py": lambda: [sys.executable, "app.py"],
    "gunicorn": lambda: gunicorn_command(workers=2, port=free_port()),
}


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_invalid_package_stops_the_app_with_a_readable_list_of_problems(tmp_path, bundled_data_dir, entry_point):
    data_dir = tmp_path / "data"
    shutil.copytree(bundled_data_dir, data_dir)
    organisations = data_dir / "organisations.csv"
    lines = organisations.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",founder,", ",founding-father,", 1)
    organisations.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data_dir / "events.csv").unlink()

    env = {**os.environ, "CLUSTER_DATA_DIR": str(data_dir), "DASH_PORT": "1"}
    result = subprocess.run(ENTRY_POINTS[entry_point](), cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "organisations.csv, row 3, column status" in result.stderr
    assert "'founding-father'" in result.stderr
    assert "events.csv" in result.stderr


@contextlib.contextmanager
def gunicorn(data_dir: Path, workers: int = 1):
    port = free_port()
    env = {**os.environ, "CLUSTER_DATA_DIR": str(data_dir)}
    process = subprocess.Popen(gunicorn_command(workers, port), cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def gunicorn_url(bundled_data_dir):
    with gunicorn(bundled_data_dir) as url:
        yield url


def participants_kpi(url: str) -> str:
    """The participants KPI as the filter callback returns it for the default view."""
    dependencies = json.load(urllib.request.urlopen(url + "/_dash-dependencies", timeout=10))
    body = callback_body(find_callback(dependencies, "kpi-participants"),
                         {"filter-date": [2014, 2026]}, {"lang": "ru"})
    request = urllib.request.Request(url + "/_dash-update-component", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request, timeout=10))["response"]["kpi-participants"]["children"]


def test_every_gunicorn_worker_picks_up_a_published_update_without_restart(tmp_path, bundled_data_dir):
    data_dir = tmp_path / "data"
    shutil.copytree(bundled_data_dir, data_dir)
    with gunicorn(data_dir, workers=4) as url:  # the "correct under gunicorn -w 4"
        before = {participants_kpi(url) for _ in range(8)}
        data = load_package(data_dir)
        organisations = data.organisations.copy()
        organisations.loc[organisations["org_id"] == "bi-pitron", "status"] = "expected"
        publish({"organisations": organisations}, data_dir, user="test", source="test")
        after = {participants_kpi(url) for _ in range(40)}
    assert len(before) == 1 and len(after) == 1
    assert int(after.pop()) == int(before.pop()) - 1


def test_gunicorn_serves_the_page_and_every_asset_it_names(gunicorn_url):
    html = urllib.request.urlopen(gunicorn_url, timeout=10).read().decode()
    assert '<html lang="ru">' in html
    assert "https://" not in html and "http://" not in html
    css = urllib.request.urlopen(gunicorn_url + "/vendor/bootstrap.min.css", timeout=10)
    assert css.headers["Content-Type"].startswith("text/css")
    assert b"Bootstrap" in css.read(400)
