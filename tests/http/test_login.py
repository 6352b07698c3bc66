"""The admin login under guessing: throttled by address, by account and for the whole site, refused before any
password is hashed, shared by worker processes, logged without passwords, its table bounded.

One app serves the HTTP tests; each test gets a throttle of its own (a fresh file, a clock it moves by hand).
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import sqlite3

import pytest
from werkzeug.security import generate_password_hash

from dashboard.i18n import t
from dashboard.web import admin
from dashboard.web.admin import BLUEPRINT, ENV_CREDENTIALS
from dashboard.web.app import create_app
from dashboard.web.auth import ENVIRONMENT, LoginAttempt, LoginPolicy, LoginThrottle, client_address, state_path
from tests.packages import copy_package

PASSWORDS = {"alice": "correct horse battery", "bob": "tr0ub4dor&3"}
CHEAP_HASH = "pbkdf2:sha256:1000"  # the tests count hashes, they need not pay for scrypt
POLICY = LoginPolicy()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("login")
    credentials = folder / "credentials"
    credentials.write_text("".join(f"{user}:{generate_password_hash(password, method=CHEAP_HASH)}\n"
                                   for user, password in PASSWORDS.items()), encoding="utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv(ENV_CREDENTIALS, str(credentials))
        for name in ENVIRONMENT.values():
            monkeypatch.delenv(name, raising=False)
        return create_app(copy_package(folder))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def throttle_with(app, tmp_path, monkeypatch, clock):
    """``throttle_with(policy)`` gives the app a fresh throttle with that policy and the test's clock."""
    def install(policy: LoginPolicy = POLICY) -> LoginThrottle:
        site = app.server.extensions[BLUEPRINT]
        throttle = LoginThrottle(tmp_path / "logins.sqlite", policy, clock)
        monkeypatch.setitem(app.server.extensions, BLUEPRINT, dataclasses.replace(site, throttle=throttle))
        return throttle
    return install


@pytest.fixture
def throttle(throttle_with) -> LoginThrottle:
    return throttle_with()


def login(app, user: str = "alice", password: str | None = None, address: str = "192.0.2.1", **headers: str):
    """``GET /admin`` as ``user`` from ``address`` (the right password unless one is given)."""
    return app.server.test_client().get(
        "/admin", auth=(user, PASSWORDS[user] if password is None else password),
        environ_base={"REMOTE_ADDR": address}, headers=headers)


def fail(app, times: int, **kwargs) -> None:
    for _ in range(times):
        assert login(app, password="wrong", **kwargs).status_code == 401


def test_wrong_passwords_lock_the_account_and_the_right_one_works_after_the_window(app, throttle, clock):
    fail(app, POLICY.free_failures)
    refused = login(app)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == str(POLICY.lockout_s)
    assert t("admin_login_throttled", "ru", seconds=POLICY.lockout_s) in refused.get_data(as_text=True)
    clock.now += POLICY.lockout_s - 1
    assert login(app).headers["Retry-After"] == "1"
    clock.now += 1
    assert login(app).status_code == 200


def test_each_further_failure_doubles_the_lock_up_to_its_ceiling(app, throttle, clock):
    fail(app, POLICY.free_failures)
    waits = []
    for _ in range(8):
        clock.now += POLICY.max_lockout_s
        fail(app, 1)
        waits.append(int(login(app).headers["Retry-After"]))
    assert waits == [min(POLICY.lockout_s * 2**n, POLICY.max_lockout_s) for n in range(1, 9)]
    assert waits[-1] == POLICY.max_lockout_s


def test_a_throttled_request_is_refused_before_any_password_is_hashed(app, throttle, monkeypatch):
    fail(app, POLICY.free_failures)
    hashed = []
    monkeypatch.setattr(admin, "check_password_hash", lambda *args: hashed.append(args) or True)
    for password in ("wrong", PASSWORDS["alice"], "another guess"):
        assert login(app, password=password).status_code == 429
    assert hashed == []


def test_an_address_is_locked_whatever_account_names_it_tries(app, throttle):
    for number in range(POLICY.free_failures):
        assert login(app, "bob", password=f"guess {number}", address="198.51.100.7").status_code == 401
    assert login(app, "alice", address="198.51.100.7").status_code == 429
    assert login(app, "alice", address="198.51.100.8").status_code == 200


def test_an_account_is_locked_from_every_address_and_no_other_account_is(app, throttle):
    for number in range(POLICY.free_failures):
        assert login(app, password="wrong", address=f"198.51.100.{number}").status_code == 401
    assert login(app, "alice", address="203.0.113.9").status_code == 429
    assert login(app, "bob", address="203.0.113.9").status_code == 200


def test_unknown_account_names_are_throttled_like_known_ones(app, throttle):
    client = app.server.test_client()
    answers = [client.get("/admin", auth=("mallory", "guess"), environ_base={"REMOTE_ADDR": f"198.51.100.{n}"})
               for n in range(POLICY.free_failures + 1)]
    assert [a.status_code for a in answers] == [401] * POLICY.free_failures + [429]


def test_a_success_resets_the_count(app, throttle):
    for _ in range(3):
        fail(app, POLICY.free_failures - 1)
        assert login(app).status_code == 200


def test_the_whole_site_checks_a_bounded_number_of_wrong_passwords_a_minute(app, throttle_with, clock):
    throttle_with(LoginPolicy(site_failures_per_minute=3))
    for number in range(3):  # three guessers, each far below its own limit
        assert login(app, password="wrong", address=f"198.51.100.{number}").status_code == 401
    refused = login(app, "bob", address="203.0.113.9")
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "60"
    clock.now += 60
    assert login(app, "bob", address="203.0.113.9").status_code == 200


def test_behind_a_trusted_proxy_the_forwarded_address_counts(app, throttle_with):
    throttle_with(LoginPolicy(trusted_proxies=1))
    for number in range(POLICY.free_failures):
        # what the client itself puts in front of the proxy's entry changes nothing
        assert login(app, "bob", password="wrong", **{"X-Forwarded-For": f"10.9.9.{number}, 203.0.113.5"}
                     ).status_code == 401
    assert login(app, **{"X-Forwarded-For": "203.0.113.5"}).status_code == 429
    assert login(app, **{"X-Forwarded-For": "203.0.113.6"}).status_code == 200


def test_failures_and_locks_are_logged_without_the_password(app, throttle, caplog):
    caplog.set_level(logging.INFO, logger="dashboard.web.auth")
    guess = "my-secret-guess-42"
    for _ in range(POLICY.free_failures + 1):
        login(app, password=guess, address="198.51.100.77")
    text = caplog.text
    assert "admin login failed for 'alice' from 198.51.100.77" in text
    assert "admin login locked for account:alice" in text
    assert "admin login refused for 'alice' from 198.51.100.77" in text
    assert guess not in text
    assert PASSWORDS["alice"] not in text


# --- the throttle itself --------------------------------------------------------------------------------------


def rows(throttle: LoginThrottle) -> list[str]:
    with sqlite3.connect(throttle.path) as db:
        return [key for (key,) in db.execute("SELECT key FROM failures ORDER BY last")]


def test_the_table_stays_bounded_under_many_addresses(tmp_path, clock):
    throttle = LoginThrottle(tmp_path / "logins.sqlite", LoginPolicy(max_rows=50, site_failures_per_minute=10**6),
                             clock)
    for number in range(2000):
        clock.now += 0.01
        throttle.failed(LoginAttempt(f"10.{number // 256}.{number % 256}.1", f"user{number}"))
    kept = rows(throttle)
    assert len(kept) == 50 + 1  # and the site's count
    assert "address:10.7.207.1" in kept and "account:user1999" in kept  # the most recent stay
    assert "address:10.0.0.1" not in kept


def test_failures_are_forgotten_a_day_after_the_last(tmp_path, clock):
    throttle = LoginThrottle(tmp_path / "logins.sqlite", POLICY, clock)
    attempt = LoginAttempt("192.0.2.1", "alice")
    for _ in range(POLICY.free_failures - 1):
        throttle.failed(attempt)
    clock.now += 24 * 3600 + 1
    throttle.failed(attempt)
    assert throttle.retry_after(attempt) == 0


def _fail_in_child(throttle: LoginThrottle, attempt: LoginAttempt, times: int) -> None:
    for _ in range(times):
        throttle.failed(attempt)


def test_worker_processes_share_the_counts(tmp_path, clock):
    """gunicorn --preload builds the throttle before it forks: a worker's failures lock for every worker."""
    throttle = LoginThrottle(tmp_path / "logins.sqlite", POLICY, clock)
    attempt = LoginAttempt("192.0.2.1", "alice")
    throttle.failed(attempt)  # the parent has a connection open when it forks
    worker = multiprocessing.get_context("fork").Process(target=_fail_in_child,
                                                         args=(throttle, attempt, POLICY.free_failures - 1))
    worker.start()
    worker.join(timeout=60)
    assert worker.exitcode == 0
    assert throttle.retry_after(attempt) == POLICY.lockout_s
    assert LoginThrottle(throttle.path, POLICY, clock).retry_after(attempt) == POLICY.lockout_s


def test_the_state_file_is_readable_by_its_owner_only(tmp_path, clock):
    throttle = LoginThrottle(tmp_path / "logins.sqlite", POLICY, clock)
    assert throttle.path.stat().st_mode & 0o077 == 0


def test_the_state_file_lies_beside_the_package_unless_configured(tmp_path):
    assert state_path(tmp_path, {}) == tmp_path / ".admin-logins.sqlite"
    assert state_path(tmp_path, {"CLUSTER_ADMIN_LOGIN_STATE": "/var/lib/x.sqlite"}).as_posix() == "/var/lib/x.sqlite"


def test_the_policy_comes_from_the_environment():
    assert LoginPolicy.from_env({}) == LoginPolicy()
    policy = LoginPolicy.from_env({ENVIRONMENT["free_failures"]: "3", ENVIRONMENT["trusted_proxies"]: "0",
                                   ENVIRONMENT["max_lockout_s"]: " 600 "})
    assert (policy.free_failures, policy.trusted_proxies, policy.max_lockout_s) == (3, 0, 600)


@pytest.mark.parametrize("raw", ["0", "-1", "five", "1.5", "²"])
def test_a_malformed_setting_is_refused_with_its_name(raw):
    with pytest.raises(ValueError, match=ENVIRONMENT["lockout_s"]):
        LoginPolicy.from_env({ENVIRONMENT["lockout_s"]: raw})


@pytest.mark.parametrize(("remote", "forwarded", "proxies", "counted"), [
    ("192.0.2.1", None, 0, "192.0.2.1"),
    ("192.0.2.1", "203.0.113.5", 0, "192.0.2.1"),  # no proxy trusted: the header is the client's own word
    ("10.0.0.2", "198.51.100.1, 203.0.113.5", 1, "203.0.113.5"),
    ("10.0.0.2", "198.51.100.1, 203.0.113.5, 10.0.0.1", 2, "203.0.113.5"),
    ("10.0.0.2", None, 1, "10.0.0.2"),
    ("2001:db8:1:2:3:4:5:6", None, 0, "2001:db8:1:2::/64"),  # one machine holds a whole /64
    ("2001:db8:1:2:ffff::1", None, 0, "2001:db8:1:2::/64"),
    ("::ffff:192.0.2.1", None, 0, "192.0.2.1"),
    (None, None, 0, "unknown"),
])
def test_the_client_address(remote, forwarded, proxies, counted):
    assert client_address(remote, forwarded, proxies) == counted
