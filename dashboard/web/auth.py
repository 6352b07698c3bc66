"""Login throttling of the admin page, so that password guessing can neither succeed by volume nor take the
dashboard's workers away from its visitors.

Failed password checks are counted per client address (IPv6 by its /64, which one machine usually holds whole),
per account name (known or not, so a throttled answer never tells which names exist) and for the whole site. After
``free_failures`` failures in a row an address or account is locked for ``lockout_s``, doubled at every further
failure up to ``max_lockout_s``; a success clears the address and the account; failures are forgotten a day after
the last one. The site as a whole checks at most ``site_failures_per_minute`` wrong passwords a minute, which bounds
what guessing from many addresses can cost in hashing. A locked request is answered at once, before any password is
hashed, with 429 and ``Retry-After``; nothing ever sleeps in a worker.

The counts live in one small SQLite file (``<data dir>/.admin-logins.sqlite`` unless ``CLUSTER_ADMIN_LOGIN_STATE``
names another), because gunicorn runs two or more worker processes and each must see the others' counts; a
per-process table would give a guesser one allowance per worker. The table keeps at most ``max_rows`` rows (the
least recent go first): at the default site rate new rows appear at most 60 a minute, so 10 000 rows outlast the
longest lockout and evicting them never lifts a live lock early.

Every setting is an environment variable (``LoginPolicy.from_env``); every failure and lockout is logged, with the
account name and the address but never a password.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

ENV_STATE = "CLUSTER_ADMIN_LOGIN_STATE"
STATE_FILE = ".admin-logins.sqlite"
FORGET_AFTER_S = 24 * 3600
SITE_WINDOW_S = 60
SITE_KEY = "site"
# Long enough for any account name a person types; a longer one is counted under its first characters.
MAX_NAME_CHARS = 100
BUSY_TIMEOUT_S = 5

# The environment variable of each LoginPolicy field.
ENVIRONMENT = {
    "free_failures": "CLUSTER_ADMIN_LOGIN_FREE_FAILURES",
    "lockout_s": "CLUSTER_ADMIN_LOGIN_LOCKOUT_S",
    "max_lockout_s": "CLUSTER_ADMIN_LOGIN_MAX_LOCKOUT_S",
    "site_failures_per_minute": "CLUSTER_ADMIN_LOGIN_SITE_FAILURES_PER_MINUTE",
    "max_rows": "CLUSTER_ADMIN_LOGIN_MAX_ROWS",
    "trusted_proxies": "CLUSTER_ADMIN_TRUSTED_PROXIES",
}

logger = logging.getLogger(__name__)

__all__ = ["LoginAttempt", "LoginPolicy", "LoginThrottle", "client_address", "state_path"]


@dataclass(frozen=True)
class LoginPolicy:
    """How many failures are let through, how long a lock lasts, how large the table may grow."""

    free_failures: int = 5
    lockout_s: int = 60
    max_lockout_s: int = 3600
    site_failures_per_minute: int = 30
    max_rows: int = 10_000
    # Reverse proxies in front of gunicorn that append the client's address to X-Forwarded-For.
    trusted_proxies: int = 0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> LoginPolicy:
        """The defaults, overridden by whichever of :data:`ENVIRONMENT`'s variables are set."""
        values = {}
        for field in fields(cls):
            name = ENVIRONMENT[field.name]
            raw = environ.get(name, "").strip()
            if not raw:
                continue
            lowest = 0 if field.name == "trusted_proxies" else 1
            if not (raw.isascii() and raw.isdigit()) or int(raw) < lowest:
                raise ValueError(f"{name} must be a whole number of at least {lowest}, not {raw!r}")
            values[field.name] = int(raw)
        return cls(**values)

    def lockout(self, failures: int) -> int:
        """Seconds an address or account is locked after ``failures`` failures in a row (0: not locked)."""
        if failures < self.free_failures:
            return 0
        doublings = min(failures - self.free_failures, 32)  # the cap is reached long before; no huge powers
        return min(self.max_lockout_s, self.lockout_s * 2**doublings)


def client_address(remote_addr: str | None, forwarded_for: str | None, trusted_proxies: int) -> str:
    """The address a request is counted under: the peer's, or with ``trusted_proxies`` proxies in front the entry
    they appended to X-Forwarded-For; an IPv6 address as its /64 network."""
    address = remote_addr or ""
    if trusted_proxies:
        hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
        if len(hops) >= trusted_proxies:
            address = hops[-trusted_proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:MAX_NAME_CHARS] or "unknown"
    if ip.version == 6:
        return str(ip.ipv4_mapped or ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass(frozen=True)
class LoginAttempt:
    """Who tries to log in: the client's address (from :func:`client_address`) and the account name given."""

    address: str
    account: str

    @property
    def keys(self) -> tuple[str, str]:
        return f"address:{self.address}", f"account:{self.account[:MAX_NAME_CHARS]}"


class LoginThrottle:
    """The failure counts of one site, in a SQLite file shared by every worker process."""

    def __init__(self, path: Path | str, policy: LoginPolicy, clock: Callable[[], float] = time.time):
        self.path = Path(path)
        self.policy = policy
        self.clock = clock
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._pid: int | None = None
        # Created now, so that a data folder the app cannot write to is reported at start-up, not at a login.
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)  # names and addresses: the owner's only
        os.close(descriptor)
        with self._locked() as db:
            db.execute("CREATE TABLE IF NOT EXISTS failures "
                       "(key TEXT PRIMARY KEY, count INTEGER NOT NULL, last REAL NOT NULL, until REAL NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS failures_last ON failures (last)")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        """This process's connection, for one thread at a time (Flask's development server runs threads)."""
        with self._lock:
            # A connection must not cross a fork (gunicorn --preload builds the app before it forks its workers).
            if self._pid != os.getpid():
                self._connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                                   check_same_thread=False)
                self._connection.execute("PRAGMA journal_mode=WAL")
                self._connection.execute("PRAGMA synchronous=NORMAL")  # the last counts may go in a power cut
                self._pid = os.getpid()
            yield self._connection

    def retry_after(self, attempt: LoginAttempt) -> int:
        """Seconds until ``attempt`` may check a password (0: now)."""
        keys = (*attempt.keys, SITE_KEY)
        with self._locked() as db:
            (until,) = db.execute(f"SELECT MAX(until) FROM failures WHERE key IN ({','.join('?' * len(keys))})",
                                  keys).fetchone()
        wait = (until or 0) - self.clock()
        if wait > 0:
            logger.info("admin login refused for %r from %s: throttled for %d s more", attempt.account,
                        attempt.address, math.ceil(wait))
        return math.ceil(wait) if wait > 0 else 0

    def succeeded(self, attempt: LoginAttempt) -> None:
        with self._locked() as db:
            db.execute("DELETE FROM failures WHERE key IN (?, ?)", attempt.keys)

    def failed(self, attempt: LoginAttempt) -> None:
        """Count a wrong password against the address, the account and the site, and lock what went too far."""
        now = self.clock()
        with self._locked() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                locks = {key: self._count(db, key, now) for key in attempt.keys}
                self._count_site(db, now)
                db.execute("DELETE FROM failures WHERE key != ? AND last < ?", (SITE_KEY, now - FORGET_AFTER_S))
                db.execute("DELETE FROM failures WHERE key IN (SELECT key FROM failures WHERE key != ? "
                           "ORDER BY last DESC LIMIT -1 OFFSET ?)", (SITE_KEY, self.policy.max_rows))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        failures = max(count for count, _seconds in locks.values())
        logger.warning("admin login failed for %r from %s (%d failures in a row)", attempt.account, attempt.address,
                       failures)
        for key, (count, seconds) in locks.items():
            if seconds:
                logger.warning("admin login locked for %s: %d s after %d failures", key, seconds, count)

    def _count(self, db: sqlite3.Connection, key: str, now: float) -> tuple[int, int]:
        row = db.execute("SELECT count, last FROM failures WHERE key = ?", (key,)).fetchone()
        failures = 1 if row is None or now - row[1] > FORGET_AFTER_S else row[0] + 1
        seconds = self.policy.lockout(failures)
        db.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?)",
                   (key, failures, now, now + seconds if seconds else 0))
        return failures, seconds

    def _count_site(self, db: sqlite3.Connection, now: float) -> None:
        """The site's failures in the current minute (``last`` is when that minute began)."""
        row = db.execute("SELECT count, last FROM failures WHERE key = ?", (SITE_KEY,)).fetchone()
        failures, since = (row[0] + 1, row[1]) if row and now - row[1] < SITE_WINDOW_S else (1, now)
        full = failures >= self.policy.site_failures_per_minute
        if failures == self.policy.site_failures_per_minute:
            logger.warning("admin login closed for everyone for %d s: %d failures this minute",
                           math.ceil(since + SITE_WINDOW_S - now), failures)
        db.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?)",
                   (SITE_KEY, failures, since, since + SITE_WINDOW_S if full else 0))


def state_path(data_dir: Path, environ: Mapping[str, str] = os.environ) -> Path:
    """Where the counts are kept: ``CLUSTER_ADMIN_LOGIN_STATE``, else beside the data package."""
    return Path(environ.get(ENV_STATE, "").strip() or data_dir / STATE_FILE)
