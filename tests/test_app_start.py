"""Start-up as an operator meets it: the real entry points in a subprocess."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_app(data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLUSTER_DATA_DIR": str(data_dir), "DASH_PORT": "1"}
    return subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def test_invalid_package_stops_the_app_with_a_readable_list_of_problems(tmp_path, bundled_data_dir):
    data_dir = tmp_path / "data"
    shutil.copytree(bundled_data_dir, data_dir)
    organisations = data_dir / "organisations.csv"
    lines = organisations.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",founder,", ",founding-father,", 1)
    organisations.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data_dir / "events.csv").unlink()

    result = run_app(data_dir)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "organisations.csv, row 3, column status" in result.stderr
    assert "'founding-father'" in result.stderr
    assert "events.csv" in result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn_url():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "app:server"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
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


def test_gunicorn_serves_the_page_and_every_asset_it_names(gunicorn_url):
    html = urllib.request.urlopen(gunicorn_url, timeout=10).read().decode()
    assert '<html lang="ru">' in html
    assert "https://" not in html and "http://" not in html
    css = urllib.request.urlopen(gunicorn_url + "/vendor/bootstrap.min.css", timeout=10)
    assert css.headers["Content-Type"].startswith("text/css")
    assert b"Bootstrap" in css.read(400)
