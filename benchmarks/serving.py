"""Serving helpers shared by the benchmarks and ``scripts/loadtest.py``: a free local port, one HTTP request,
and ``gunicorn --preload -w N APP`` (as ``make serve`` runs it) on 127.0.0.1 with its cold-start time, its workers
and their peak memory.

Everything stays on 127.0.0.1; every wait has a timeout; :meth:`Gunicorn.stop` always ends the server.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
REQUEST_TIMEOUT_S = 30
START_TIMEOUT_S = 90
CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class ServerError(RuntimeError):
    """The server did not start, or exited."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def request(host: str, port: int, method: str, path: str, body: object = None,
            connection: http.client.HTTPConnection | None = None, headers: dict[str, str] | None = None,
            timeout: float = REQUEST_TIMEOUT_S) -> tuple[int, bytes]:
    """One request; ``body`` is sent as JSON. Returns the status and the body as received (not decoded)."""
    status, _, raw = request_full(host, port, method, path, body, connection, headers, timeout)
    return status, raw


def request_full(host: str, port: int, method: str, path: str, body: object = None,
                 connection: http.client.HTTPConnection | None = None, headers: dict[str, str] | None = None,
                 timeout: float = REQUEST_TIMEOUT_S) -> tuple[int, dict[str, str], bytes]:
    """Like :func:`request`, also returning the response headers (lower-case names)."""
    conn = connection or http.client.HTTPConnection(host, port, timeout=timeout)
    payload = (body if isinstance(body, bytes) else json.dumps(body).encode()) if body is not None else None
    sent = dict(headers or {})
    if payload is not None:
        sent.setdefault("Content-Type", "application/json")
    try:
        conn.request(method, path, body=payload, headers=sent)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        if connection is None:
            conn.close()


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: the fields follow the last ")"
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process, or None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def memory_kib(pid: int) -> dict[str, int]:
    """VmHWM (peak resident set) and VmRSS of a process in KiB, from /proc/<pid>/status."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                values[key] = int(rest.split()[0])
    except OSError:
        pass
    return values


class Gunicorn:
    """``gunicorn --preload -w N APP`` on 127.0.0.1 and a free port, started at construction; call :meth:`stop`."""

    def __init__(self, app: str, workers: int, data_dir: Path | None = None, chdir: Path = ROOT,
                 extra_env: dict[str, str] | None = None, log_prefix: str = "gunicorn-"):
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        env = dict(os.environ)
        if data_dir:
            env["CLUSTER_DATA_DIR"] = str(data_dir)
        env.update(extra_env or {})
        self.log = tempfile.NamedTemporaryFile(prefix=log_prefix, suffix=".log", delete=False)  # noqa: SIM115
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--preload", "-w", str(workers), "-b", f"{HOST}:{self.port}",
             "--chdir", str(chdir), app],
            env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout: float = START_TIMEOUT_S, path: str = "/") -> float:
        """Seconds from the start of the process to the first HTTP 200 of ``path``."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"gunicorn exited with {self.process.returncode}; log: {self.log.name}")
            try:
                if request(HOST, self.port, "GET", path, timeout=max(1.0, deadline - time.perf_counter()))[0] == 200:
                    return time.perf_counter() - self.started
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        raise ServerError(f"gunicorn did not answer within {timeout:.0f} s; log: {self.log.name}")

    def workers(self) -> list[int]:
        return children(self.process.pid)

    def wait_workers_idle(self, count: int, timeout: float, quiet: float = 1.0) -> float | None:
        """Seconds from the start until ``count`` workers exist and none used CPU for ``quiet`` seconds (every
        worker has loaded the app), or None on timeout."""
        deadline = self.started + timeout
        last: dict[int, float | None] = {}
        quiet_since = None
        while time.perf_counter() < deadline:
            pids = self.workers()
            now = {pid: cpu_seconds(pid) for pid in pids}
            busy = len(pids) < count or now != last
            last = now
            if busy:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.perf_counter()
            elif time.perf_counter() - quiet_since >= quiet:
                return quiet_since - self.started
            time.sleep(0.1)
        return None

    def memory(self) -> dict[str, dict[str, int]]:
        """VmHWM / VmRSS (KiB) of the master and of every worker."""
        report = {"master": memory_kib(self.process.pid)}
        for n, pid in enumerate(self.workers(), start=1):
            report[f"worker{n}"] = memory_kib(pid)
        return report

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, remove_log: bool = False) -> None:
        """End the server (TERM to its process group, KILL after 15 s) and close its log."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
        self.log.close()
        if remove_log:
            Path(self.log.name).unlink(missing_ok=True)
