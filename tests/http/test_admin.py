"""The admin page over HTTP: authentication, upload and check, CSRF, publish, rollback, friendly errors.

The importer's read_registry is replaced by a small stand-in returning the real report classes, so these
tests pin the page's behaviour, not the registry format (one end-to-end test uses the real importer).
Every test works on a copy of the bundled package.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
from pathlib import Path

import flask
import pytest
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.i18n import t
from dashboard.registry import check_job, retention
from dashboard.registry import importer as real_importer
from dashboard.registry.importer import Finding, ImportResult, Report
from dashboard.registry.publish import audit_log, current_version
from dashboard.registry.template import template_bytes
from dashboard.web import admin
from dashboard.web.admin import ENV_CREDENTIALS, CredentialsError, hash_password, load_credentials, register_admin
from dashboard.web.app import create_app
from dashboard.web.auth import ENVIRONMENT
from dashboard.web.security import register_security
from tests.packages import copy_package

# The real read_registry, for the end-to-end test (the other tests use the fast stand-in below).
REAL_READ_REGISTRY = real_importer.read_registry

USER, PASSWORD = "alice", "correct horse battery"
AUTH = (USER, PASSWORD)
LIMIT = 10 * 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]
ORG = "irnitu"


def fake_read_registry(path: Path, base, lang: str = "ru") -> ImportResult:
    """CSV ``org_id,name_ru``: renames organisations; an unknown id is an error."""
    organisations = base.organisations.copy()
    findings = []
    for number, row in enumerate(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))), start=2):
        match = organisations["org_id"] == row.get("org_id")
        if match.any():
            organisations.loc[match, "name_ru"] = row["name_ru"]
        else:
            findings.append(Finding("error", "unknown_org", path.name, None, number, "org_id", row.get("org_id"),
                                    "Нет такой организации <b>жирно</b>", "No such organisation",
                                    "Проверьте идентификатор", "Check the id"))
    report = Report(findings)
    return ImportResult(report, {"organisations": organisations} if report.ok else None)


REAL_READ_REGISTRY, REAL_LAUNCH = real_importer.read_registry, check_job.launch


@pytest.fixture(autouse=True)
def importer(monkeypatch):
    """The real importer module with a fast stand-in for read_registry and a small upload limit; the check of an
    upload runs in this process (in the app it is a process of its own: tested at the end of this file)."""
    monkeypatch.setattr(real_importer, "read_registry", fake_read_registry)
    monkeypatch.setattr(real_importer, "MAX_UPLOAD_BYTES", LIMIT)
    monkeypatch.setattr(check_job, "launch", check_job.run)
    return real_importer


CHEAP_HASH = "pbkdf2:sha256:1000"  # keeps the tests fast; the line format is what hash_password writes


def write_credentials(path: Path) -> Path:
    path.write_text(f"# admins\n{USER}:{generate_password_hash(PASSWORD, method=CHEAP_HASH)}\n", encoding="utf-8")
    return path


def build_app(data_dir: Path, monkeypatch, credentials: Path | None):
    """The app on ``data_dir``, its login throttle lenient enough for these tests' wrong passwords (the throttle
    itself is tested in tests/http/test_login.py)."""
    monkeypatch.setenv(ENVIRONMENT["free_failures"], "1000")
    monkeypatch.setenv(ENVIRONMENT["site_failures_per_minute"], "1000")
    if credentials is None:
        monkeypatch.delenv(ENV_CREDENTIALS, raising=False)
    else:
        monkeypatch.setenv(ENV_CREDENTIALS, str(credentials))
    app = create_app(data_dir)
    register_security(app)  # both are no-ops if create_app already did it
    register_admin(app.server, app.server.config["CLUSTER_PACKAGE"])
    return app


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One app for the tests that publish nothing (building one validates the whole package)."""
    folder = tmp_path_factory.mktemp("admin")
    pkg = copy_package(folder)
    with pytest.MonkeyPatch.context() as monkeypatch:
        app = build_app(pkg, monkeypatch, write_credentials(folder / "credentials"))
    return pkg, app


@pytest.fixture
def pkg(shared) -> Path:
    return shared[0]


@pytest.fixture
def client(shared):
    return shared[1].server.test_client()


@pytest.fixture
def package(shared):
    return shared[1].server.config["CLUSTER_PACKAGE"]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """``(pkg, client, package)`` of an app on its own copy, for tests that change the package."""
    pkg = copy_package(tmp_path)
    app = build_app(pkg, monkeypatch, write_credentials(tmp_path / "credentials"))
    return pkg, app.server.test_client(), app.server.config["CLUSTER_PACKAGE"]


def uploads(pkg: Path) -> set[str]:
    folder = pkg / ".uploads"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def registry_csv(*rows: tuple[str, str]) -> bytes:
    lines = ["org_id,name_ru", *(f"{org},{name}" for org, name in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no hidden field {name}"
    return found.group(1)


def form_csrf(html: str, action: str) -> str:
    """The CSRF token of the page's form that posts to ``/admin/<action>``."""
    form = re.search(rf'<form [^>]*action="/admin/{action}".*?</form>', html, re.S)
    assert form, f"no form posting to {action}"
    return hidden(form.group(0), "csrf")


def upload_form(client, auth=AUTH) -> dict[str, str]:
    """The hidden fields of the status page's upload form, as a browser would send them."""
    return {"csrf": form_csrf(text(client.get("/admin", auth=auth)), "upload")}


def upload(client, content: bytes, name: str = "реестр.csv", auth=AUTH, form: dict | None = None, **kwargs):
    form = upload_form(client, auth) if form is None else form
    kwargs.setdefault("follow_redirects", True)  # to the page of the upload's check
    return client.post("/admin/upload", data={"file": (io.BytesIO(content), name), **form},
                       content_type="multipart/form-data", auth=auth, **kwargs)


def org_name(package, org_id: str = ORG) -> str:
    frame = package.current().organisations
    return frame.loc[frame["org_id"] == org_id, "name_ru"].iloc[0]


def text(response) -> str:
    return response.get_data(as_text=True)


# --- credentials and authentication -------------------------------------------------------------------------


def test_hash_password_stores_a_werkzeug_hash_never_the_password(tmp_path):
    stored = hash_password("s3cret пароль")
    assert "s3cret" not in stored
    assert check_password_hash(stored, "s3cret пароль")
    path = tmp_path / "creds"
    path.write_text(f"\nbob:{stored}\n", encoding="utf-8")
    assert load_credentials(path) == {"bob": stored}


@pytest.mark.parametrize(("content", "needle"), [
    ("bob\n", "line 1"),
    ("bob:plaintext-password\n", "werkzeug hash"),
    ("# ok\nbob:pbkdf2:sha256:1000$salt$abc\n:pbkdf2:sha256:1000$s$h\n", "line 3"),
    ("bob:pbkdf2:sha256:1000$s$h\nbob:pbkdf2:sha256:1000$s$h\n", "twice"),
    ("# nobody\n", "no users"),
    ("bob:pbkdf2:sha999:1000$s$h\n", "damaged"),
    ("bob:scrypt:x:8:1$s$h\n", "damaged"),
])
def test_malformed_credentials_are_refused_with_the_line(tmp_path, content, needle):
    path = tmp_path / "creds"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CredentialsError, match=needle):
        load_credentials(path)


def test_admin_is_absent_without_credentials(pkg, monkeypatch):
    client = build_app(pkg, monkeypatch, None).server.test_client()
    for path in ("/admin", "/admin/", "/admin/anything"):
        response = client.get(path, auth=AUTH)
        assert response.status_code == 404, path
        assert "_dash-config" not in text(response)  # not the dashboard's catch-all page
    assert client.post("/admin/upload", auth=AUTH).status_code == 404
    assert client.post("/admin/rollback", auth=AUTH).status_code == 404


@pytest.mark.parametrize("auth", [None, (USER, "wrong"), ("mallory", PASSWORD), (USER, "")])
def test_admin_needs_basic_authentication(client, auth):
    for method, path in (("get", "/admin"), ("post", "/admin/upload"), ("post", "/admin/publish"),
                         ("post", "/admin/rollback"), ("get", "/admin/unknown")):
        response = getattr(client, method)(path, auth=auth)
        assert response.status_code == 401, (method, path)
        assert response.headers["WWW-Authenticate"].startswith("Basic ")


def test_status_page_shows_the_package_the_upload_form_and_an_empty_log(client, pkg):
    response = client.get("/admin", auth=AUTH)
    assert response.status_code == 200
    html = text(response)
    assert str(pkg) in html
    assert 'type="file"' in html and 'action="/admin/upload"' in html
    assert "10 МБ" in html
    assert "Публикаций ещё не было" in html
    assert 'id="package-error"' not in html
    assert response.headers["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response.headers


def test_status_page_shows_a_broken_package_on_disk(fresh):
    pkg, client, package = fresh
    assert package.current() is not None
    path = pkg / "organisations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",founder,", ",founding-father,", 1), encoding="utf-8")

    html = text(client.get("/admin", auth=AUTH))

    assert 'id="package-error"' in html
    assert "last good version" in html
    assert "founding-father" in html
    assert org_name(package)  # the last good package is still served


# --- upload -------------------------------------------------------------------------------------------------


def test_a_valid_upload_is_checked_and_offered_for_publishing_but_not_published(client, pkg, package):
    before, version, log = org_name(package), current_version(pkg), audit_log(pkg)
    response = upload(client, registry_csv((ORG, "Новое имя")), name="../../etc/реестр.csv")

    assert response.status_code == 200
    html = text(response)
    assert "Ошибок нет" in html
    assert 'id="publish-form"' in html
    token = hidden(html, "upload")
    assert hidden(html, "csrf")
    assert "реестр.csv" in html and "../" not in html
    assert token in uploads(pkg)
    assert sorted(p.name for p in (pkg / ".uploads" / token).iterdir()) == [
        check_job.STARTED, check_job.REPORT, "upload.json", "реестр.csv"]
    assert not (pkg.parent / "etc").exists()
    assert (org_name(package), current_version(pkg), audit_log(pkg)) == (before, version, log)


def test_an_invalid_upload_shows_the_report_and_no_publish_button(client, pkg):
    before = uploads(pkg)
    response = upload(client, registry_csv((ORG, "ok"), ("no-such-org", "x")), name="bad.csv")

    assert response.status_code == 200
    html = text(response)
    assert 'id="report"' in html
    assert "ошибка" in html and "no-such-org" in html and "Проверьте идентификатор" in html
    assert "bad.csv" in html  # the name uploaded, not the random one it was saved under
    assert "&lt;b&gt;жирно&lt;/b&gt;" in html  # messages are text, not markup
    assert 'id="publish-form"' not in html
    assert uploads(pkg) == before


def test_a_hostile_file_name_is_shown_as_text(client):
    html = text(upload(client, registry_csv((ORG, "x")), name="<img src=x onerror=alert(1)>.csv"))
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.csv" in html


@pytest.mark.parametrize(("client_name", "shown", "stored"), [
    ("../../etc/Организации.CSV", "Организации.CSV", "Организации.csv"),
    ("C:\\Users\\me\\reg.xlsx", "reg.xlsx", "reg.xlsx"),
    ("..\u0000evil\r\n.csv", "evil.csv", "evil.csv"),
    ("a;rm -rf $(x)|<b>.csv", "a;rm -rf $(x)|<b>.csv", "a_rm -rf _x_b_.csv"),
    ("...", "file", "file"),
])
def test_client_file_names_are_cleaned(client_name, shown, stored):
    assert admin.display_name(client_name) == shown
    assert admin.stored_name(shown) == stored


@pytest.mark.parametrize("name", ["registry.exe", "registry.csv.exe", "registry", "registry.xls", ".csv"])
def test_only_xlsx_and_csv_are_accepted(client, pkg, name):
    before = uploads(pkg)
    response = upload(client, b"org_id,name_ru\n", name=name)
    assert response.status_code == 400
    assert ".xlsx и .csv" in text(response)
    assert uploads(pkg) == before


def test_uploads_left_for_a_day_are_removed(client, pkg):
    stale = pkg / ".uploads" / "old-upload-token-123456"
    stale.mkdir(parents=True, exist_ok=True)
    (stale / "реестр.csv").write_text("x", encoding="utf-8")
    day_ago = time.time() - retention.uploads_policy().max_age_s - 60
    os.utime(stale, (day_ago, day_ago))
    upload(client, registry_csv((ORG, "x")))
    assert not stale.exists()


def test_an_upload_without_a_file_is_refused(client):
    response = client.post("/admin/upload", data=upload_form(client), content_type="multipart/form-data", auth=AUTH)
    assert response.status_code == 400
    assert "Выберите файл" in text(response)


@pytest.mark.parametrize("size", [LIMIT + 1, LIMIT + 200 * 1024])
def test_an_oversized_upload_gets_a_friendly_page_naming_the_limit(client, pkg, size):
    # LIMIT + 1 passes the request limit (form overhead allowed) and is caught by the saved-size check.
    before = uploads(pkg)
    response = upload(client, b"a" * size, name="big.csv")
    assert response.status_code == 413
    html = text(response)
    assert "не более 10 МБ" in html
    assert "<html" in html
    assert uploads(pkg) == before


def test_a_crashing_importer_gives_a_friendly_page(client, importer, pkg):
    def explode(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    importer.read_registry = explode
    before = uploads(pkg)
    response = upload(client, registry_csv((ORG, "x")))
    assert response.status_code == 422
    html = text(response)
    assert "Не удалось прочитать" in html
    assert "Traceback" not in html and "secret internals" not in html
    assert uploads(pkg) == before


# --- CSRF, publish, rollback ----------------------------------------------------------------------------------


def checked_upload(client, name: str = "Новое имя") -> tuple[str, str]:
    html = text(upload(client, registry_csv((ORG, name)), name="реестр.csv"))
    return hidden(html, "upload"), hidden(html, "csrf")


@pytest.mark.parametrize(("form", "status"), [
    ({}, 400),
    ({"csrf": ""}, 400),
    ({"csrf": "0.deadbeef"}, 403),
    ({"csrf": "garbage"}, 403),
])
def test_publish_needs_a_valid_csrf_token(client, pkg, package, form, status):
    token, _ = checked_upload(client)
    response = client.post("/admin/publish", data={"upload": token, **form}, auth=AUTH)
    assert response.status_code == status
    assert "Traceback" not in text(response)
    assert audit_log(pkg) == []
    assert org_name(package) != "Новое имя"


def test_a_csrf_token_is_bound_to_its_upload_and_expires(client, pkg, monkeypatch):
    token_a, _ = checked_upload(client)
    _, csrf_b = checked_upload(client)
    assert client.post("/admin/publish", data={"upload": token_a, "csrf": csrf_b}, auth=AUTH).status_code == 403

    token, csrf_token = checked_upload(client)
    later = time.time() + admin.CSRF_MAX_AGE_S + 10
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.post("/admin/publish", data={"upload": token, "csrf": csrf_token}, auth=AUTH).status_code == 403
    assert audit_log(pkg) == []


def test_a_csrf_token_is_bound_to_the_user(pkg, monkeypatch, tmp_path):
    path = tmp_path / "two-admins"
    path.write_text(f"{USER}:{generate_password_hash(PASSWORD, method=CHEAP_HASH)}\n"
                    f"bob:{generate_password_hash('bob-pw', method=CHEAP_HASH)}\n", encoding="utf-8")
    client = build_app(pkg, monkeypatch, path).server.test_client()
    token, csrf_token = checked_upload(client)
    response = client.post("/admin/publish", data={"upload": token, "csrf": csrf_token}, auth=("bob", "bob-pw"))
    assert response.status_code == 403


def test_publish_changes_the_live_package_and_writes_the_audit_log(fresh):
    pkg, client, package = fresh
    token, csrf_token = checked_upload(client)

    response = client.post("/admin/publish", data={"upload": token, "csrf": csrf_token}, auth=AUTH)

    assert response.status_code == 200, text(response)
    html = text(response)
    assert "Опубликовано" in html
    assert re.search(r"<td>organisations</td><td>0</td><td>0</td><td>1</td>", html)
    assert org_name(package) == "Новое имя"
    version = current_version(pkg)
    assert version and version in html
    (entry,) = audit_log(pkg)
    assert entry["action"] == "publish" and entry["user"] == USER and entry["source"] == "реестр.csv"
    assert entry["diff"]["organisations"] == {"added": 0, "removed": 0, "changed": 1}
    assert uploads(pkg) == set()

    again = client.post("/admin/publish", data={"upload": token, "csrf": csrf_token}, auth=AUTH)
    assert again.status_code == 410
    assert len(audit_log(pkg)) == 1

    status = text(client.get("/admin", auth=AUTH))
    assert version in status and "публикация" in status and "реестр.csv" in status
    assert "organisations: +0 −0" in status


def test_publish_rechecks_the_file_against_the_current_package(client, pkg, package, importer):
    token, csrf_token = checked_upload(client)
    importer.read_registry = lambda path, base, lang="ru": ImportResult(Report([Finding(
        "error", "x", path.name, "Организации", 3, "org_id", "v", "Теперь ошибка", "Now wrong", "", "")]), None)

    response = client.post("/admin/publish", data={"upload": token, "csrf": csrf_token}, auth=AUTH)

    assert response.status_code == 409
    assert "Теперь ошибка" in text(response)
    assert audit_log(pkg) == []
    assert org_name(package) != "Новое имя"


def test_publish_refused_by_the_package_schema_changes_nothing(fresh):
    pkg, client, package = fresh
    original = org_name(package)
    token, csrf_token = checked_upload(client, name="")  # name_ru is required by the schema

    response = client.post("/admin/publish", data={"upload": token, "csrf": csrf_token}, auth=AUTH)

    assert response.status_code == 409
    html = text(response)
    assert "ничего не изменено" in html and "organisations.csv" in html
    assert audit_log(pkg) == []
    assert org_name(package) == original
    assert uploads(pkg) == set()


def test_rollback_restores_the_previous_version(fresh):
    pkg, client, package = fresh
    original = org_name(package)
    token, csrf_token = checked_upload(client)
    client.post("/admin/publish", data={"upload": token, "csrf": csrf_token}, auth=AUTH)
    published = current_version(pkg)
    assert org_name(package) == "Новое имя"

    rollback_csrf = form_csrf(text(client.get("/admin", auth=AUTH)), "rollback")
    assert client.post("/admin/rollback", data={}, auth=AUTH).status_code == 400
    assert client.post("/admin/rollback", data={"csrf": csrf_token}, auth=AUTH).status_code == 403
    response = client.post("/admin/rollback", data={"csrf": rollback_csrf}, auth=AUTH)

    assert response.status_code == 200, text(response)
    assert "Откат выполнен" in text(response)
    assert org_name(package) == original
    assert current_version(pkg) != published
    assert [e["action"] for e in audit_log(pkg)] == ["publish", "rollback"]
    assert audit_log(pkg)[-1]["user"] == USER


def test_rollback_without_an_earlier_version_says_so(client, pkg):
    rollback_csrf = form_csrf(text(client.get("/admin", auth=AUTH)), "rollback")
    response = client.post("/admin/rollback", data={"csrf": rollback_csrf}, auth=AUTH)
    assert response.status_code == 409
    assert "Нет более ранней версии" in text(response)
    assert audit_log(pkg) == []


def signed_form_token(app, action: str, upload_token: str = "", user: str = USER) -> str:
    """A genuine CSRF token, as the page would issue it, for any upload token (even one no page offers)."""
    with app.server.test_request_context():
        flask.g.admin_user = user
        return admin.issue_form_token(action, upload_token)


def test_publish_with_a_malformed_upload_token_is_refused(shared, client, pkg):
    app = shared[1]
    for token in ("", "../../datapackage", "a" * 200):
        response = client.post("/admin/publish", data={"upload": token, "csrf": "1.x"}, auth=AUTH)
        assert response.status_code == 403  # the forged CSRF token is refused first
        # Even with a genuinely signed form, a token that is not one the upload made is refused.
        signed = signed_form_token(app, "publish", token)
        response = client.post("/admin/publish", data={"upload": token, "csrf": signed}, auth=AUTH)
        assert response.status_code == 400
        assert "Не указано, какой файл публиковать" in text(response)
    assert audit_log(pkg) == []


def test_the_forms_carry_tokens_for_their_own_action(client):
    html = text(client.get("/admin", auth=AUTH))
    upload_token, rollback_token = form_csrf(html, "upload"), form_csrf(html, "rollback")
    assert upload_token != rollback_token
    assert client.post("/admin/rollback", data={"csrf": upload_token}, auth=AUTH).status_code == 403


@pytest.mark.parametrize(("form", "status"), [
    ({}, 400),
    ({"csrf": ""}, 400),
    ({"csrf": "garbage"}, 403),
    ("rollback", 403),  # a genuine token, but of another form
    ("other user", 403),
])
def test_a_forged_upload_is_refused_and_changes_nothing(shared, client, pkg, form, status):
    app = shared[1]
    if form == "rollback":
        form = {"csrf": signed_form_token(app, "rollback")}
    elif form == "other user":
        form = {"csrf": signed_form_token(app, "upload", user="mallory")}
    before, log = uploads(pkg), audit_log(pkg)
    # What a page on another site can make a signed-in browser send: the file, no token of ours.
    response = upload(client, registry_csv((ORG, "Подделка")), form=form,
                      headers={"Origin": "https://evil.example", "Referer": "https://evil.example/form"})
    assert response.status_code == status
    assert "Подделка" not in text(response) and 'id="publish-form"' not in text(response)
    assert (uploads(pkg), audit_log(pkg)) == (before, log)


def test_the_status_page_is_russian_from_the_catalogue(client):
    html = text(client.get("/admin", auth=AUTH))
    assert '<html lang="ru">' in html
    for key in ("admin_title", "admin_upload_heading", "admin_rollback_button", "admin_audit_heading"):
        assert t(key, "ru") in html, key
    assert t("admin_nav", "en") in html  # the English glosses


@pytest.mark.parametrize(("size", "ru", "en"), [
    (10 * 1024 * 1024, "10 МБ", "10 MB"),
    (1536, "1,5 КБ", "1.5 KB"),
    (200, "200 байт", "200 bytes"),
])
def test_human_size_in_both_languages(size, ru, en):
    assert admin.human_size(size) == ru
    assert admin.human_size(size, "en") == en


def test_end_to_end_with_the_real_importer_and_the_excel_template(fresh, monkeypatch):
    import openpyxl

    pkg, client, package = fresh
    monkeypatch.setattr(real_importer, "read_registry", REAL_READ_REGISTRY)
    workbook = openpyxl.load_workbook(io.BytesIO(template_bytes(package.current())))
    sheet = workbook["Организации"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == ORG)
    row[1].value = "Иркутский национальный исследовательский технический университет (проверка)"
    content = io.BytesIO()
    workbook.save(content)

    html = text(upload(client, content.getvalue(), name="Реестр.xlsx"))
    assert "Ошибок нет" in html and "Реестр.xlsx" in html
    response = client.post("/admin/publish", data={"upload": hidden(html, "upload"), "csrf": hidden(html, "csrf")},
                           auth=AUTH)

    assert response.status_code == 200, text(response)
    assert org_name(package).endswith("(проверка)")
    assert audit_log(pkg)[-1]["source"] == "Реестр.xlsx"


# --- the check runs in a process of its own ----------------------------------------------------------------------


def test_an_upload_is_checked_by_a_process_of_its_own_while_the_page_waits(fresh, monkeypatch):
    """The real background check (no stand-in): the upload answers at once with a page that looks again."""
    monkeypatch.setattr(real_importer, "read_registry", REAL_READ_REGISTRY)
    monkeypatch.setattr(check_job, "launch", REAL_LAUNCH)
    _pkg, client, _package = fresh
    response = upload(client, (ROOT / "tests" / "corpus" / "org_enum_unknown.csv").read_bytes(),
                      name="organisations.csv", follow_redirects=False)
    assert response.status_code == 303
    page = client.get(response.headers["Location"], auth=AUTH)
    deadline = time.monotonic() + 60
    while page.status_code == 202 and time.monotonic() < deadline:
        assert 'http-equiv="refresh"' in text(page) and 'id="check-running"' in text(page)
        time.sleep(0.2)
        page = client.get(response.headers["Location"], auth=AUTH)
    assert page.status_code == 200
    assert 'id="report"' in text(page) and "Роль" in text(page) and 'id="publish-form"' not in text(page)


def test_uploads_wait_when_checks_are_busy(client, pkg, monkeypatch):
    monkeypatch.setattr(check_job, "MAX_RUNNING", 0)
    before = uploads(pkg)
    response = upload(client, registry_csv((ORG, "x")))
    assert response.status_code == 429
    assert "через минуту" in text(response)
    assert uploads(pkg) == before
