"""Admin page: status of the live package, upload and check of a registry file, publish and rollback.

The page exists only when ``CLUSTER_ADMIN_CREDENTIALS`` names a credentials file (kept outside the
repository), one ``user:<hash>`` line per person; the hashes come from :func:`hash_password` (or
``python -m dashboard hash-password USER``). Without it every ``/admin`` URL answers 404. The file is read
once at start-up: restart the app after changing it.

Nothing is published on upload: the file is saved as ``<data dir>/.uploads/<random token>/<cleaned name>``
and checked, and only a second request carrying the upload token and a CSRF token (an HMAC keyed by the
credentials file) publishes it. The name is kept (cleaned, inside the random folder) because the importer
tells which table a CSV holds from its file name (``organisations.csv``, ``Организации.csv``).

Use it behind HTTPS: Basic authentication sends the password with every request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import importlib
import json
import logging
import os
import re
import secrets
import shutil
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import IO, Any

import jinja2
from flask import Blueprint, Flask, Response, abort, g, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.data.live import LivePackage
from dashboard.data.package import PackageError
from dashboard.registry.publish import PublishError, PublishResult, audit_log, current_version, publish, rollback

ENV_CREDENTIALS = "CLUSTER_ADMIN_CREDENTIALS"
UPLOADS = ".uploads"
ALLOWED_SUFFIXES = (".xlsx", ".csv")
DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Multipart boundaries and the other form fields come on top of the file itself.
FORM_OVERHEAD_BYTES = 64 * 1024
UPLOAD_MAX_AGE_S = 24 * 3600
CSRF_MAX_AGE_S = 4 * 3600
AUDIT_ROWS = 200
REALM = "Cluster admin"
BLUEPRINT = "cluster_admin"
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
USER_PATTERN = re.compile(r"[^\s:]+")
HASH_METHODS = ("scrypt", "pbkdf2")

logger = logging.getLogger(__name__)

__all__ = ["CredentialsError", "hash_password", "load_credentials", "register_admin"]


class CredentialsError(ValueError):
    """The credentials file cannot be used; the message names the file and the line."""


def hash_password(password: str) -> str:
    """The werkzeug hash stored in the credentials file (never the password itself)."""
    if not password:
        raise ValueError("empty password")
    return generate_password_hash(password)


def load_credentials(path: Path | str) -> dict[str, str]:
    """``{user: password hash}`` from a file of ``user:<werkzeug hash>`` lines (``#`` comments allowed)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CredentialsError(f"{path}: cannot read the admin credentials file: {error}") from None
    credentials: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        user, colon, stored = line.partition(":")
        where = f"{path}, line {number}"
        if not colon or not USER_PATTERN.fullmatch(user):
            raise CredentialsError(f"{where}: expected 'user:<password hash>'")
        method = stored.split("$", 1)[0].split(":", 1)[0]
        if stored.count("$") != 2 or method not in HASH_METHODS:
            raise CredentialsError(f"{where}: the password of '{user}' must be stored as a werkzeug hash "
                                   f"(make the line with: python -m dashboard hash-password {user})")
        try:
            check_password_hash(stored, "")  # an unknown digest or bad cost parameters fail here, not at login
        except (ValueError, TypeError, LookupError):
            raise CredentialsError(f"{where}: the password hash of '{user}' is damaged") from None
        if user in credentials:
            raise CredentialsError(f"{where}: user '{user}' is listed twice")
        credentials[user] = stored
    if not credentials:
        raise CredentialsError(f"{path}: no users in the admin credentials file")
    return credentials


# --- templates ----------------------------------------------------------------------------------------------

TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} — администрирование</title>
<link rel="stylesheet" href="/vendor/bootstrap.min.css">
</head>
<body class="bg-light">
<nav class="navbar navbar-dark bg-primary mb-4">
  <div class="container">
    <a class="navbar-brand" href="/admin">Администрирование <small class="opacity-75">/ Admin</small></a>
    <span class="navbar-text text-white">{{ user }}</span>
    <a class="btn btn-outline-light btn-sm" href="/">К дашборду / Dashboard</a>
  </div>
</nav>
<main class="container mb-5">
<h1 class="h3 mb-4">{{ title }}</h1>
{% block content %}{% endblock %}
</main>
</body>
</html>
""",
    "macros.html": """
{% macro diff_table(diff) %}
{% set changed = diff | dictsort | selectattr("1", "changed_counts") | list %}
{% if changed %}
<table class="table table-sm table-bordered w-auto bg-white" id="diff">
<thead><tr><th>Таблица</th><th>добавлено</th><th>удалено</th><th>изменено</th></tr></thead>
<tbody>
{% for table, counts in changed %}
<tr><td>{{ table }}</td><td>{{ counts.added }}</td><td>{{ counts.removed }}</td><td>{{ counts.changed }}</td></tr>
{% endfor %}
</tbody>
</table>
{% else %}
<p class="text-muted" id="diff">Данные не изменились. <span class="small">No changes.</span></p>
{% endif %}
{% endmacro %}
{% macro problems_list(problems) %}
<ul class="mb-0">{% for problem in problems %}<li>{{ problem }}</li>{% endfor %}</ul>
{% endmacro %}
""",
    "index.html": """{% extends "base.html" %}
{% from "macros.html" import problems_list %}
{% block content %}
<section class="card mb-4" id="status">
  <div class="card-body">
    <h2 class="h5">Текущий пакет данных <small class="text-muted">/ live package</small></h2>
    <dl class="row mb-0">
      <dt class="col-sm-3">Папка данных</dt><dd class="col-sm-9"><code>{{ data_dir }}</code></dd>
      <dt class="col-sm-3">Версия</dt>
      <dd class="col-sm-9" id="version">{{ version or "не опубликована через эту страницу (исходный пакет)" }}</dd>
      <dt class="col-sm-3">Загружен в память</dt><dd class="col-sm-9">{{ loaded_at }}</dd>
    </dl>
  </div>
</section>
{% if package_problems %}
<section class="alert alert-danger" id="package-error">
  <h2 class="h5">Пакет на диске повреждён</h2>
  <p>Приложение продолжает показывать последнюю исправную версию.
  <span class="small">The package on disk is invalid; the app keeps serving the last good version.</span></p>
  {{ problems_list(package_problems) }}
</section>
{% endif %}
<section class="card mb-4" id="upload">
  <div class="card-body">
    <h2 class="h5">Загрузить реестр <small class="text-muted">/ upload a registry file</small></h2>
    <form method="post" action="/admin/upload" enctype="multipart/form-data" class="row g-2 align-items-center">
      <div class="col-auto">
        <input class="form-control" type="file" name="file" id="file" accept=".xlsx,.csv" required>
      </div>
      <div class="col-auto"><button class="btn btn-primary" type="submit">Проверить файл</button></div>
    </form>
    <p class="form-text mb-0">Файл Excel (.xlsx) или CSV, не более {{ limit }}. Сначала файл только
    проверяется; опубликовать его можно после проверки.</p>
  </div>
</section>
<section class="card mb-4" id="rollback">
  <div class="card-body">
    <h2 class="h5">Откат <small class="text-muted">/ rollback</small></h2>
    <form method="post" action="/admin/rollback" class="d-flex gap-3 align-items-center">
      <input type="hidden" name="csrf" value="{{ rollback_csrf }}">
      <button class="btn btn-outline-danger" type="submit">Вернуть предыдущую версию</button>
      <span class="form-text">Снова делает текущей версию, которую заменила последняя публикация.</span>
    </form>
  </div>
</section>
<section class="card" id="audit">
  <div class="card-body">
    <h2 class="h5">Журнал изменений <small class="text-muted">/ audit log, newest first</small></h2>
    {% if audit_error %}<div class="alert alert-warning">{{ audit_error }}</div>{% endif %}
    {% if audit %}
    <table class="table table-sm table-striped">
      <thead><tr><th>Когда (UTC)</th><th>Кто</th><th>Действие</th><th>Файл</th><th>Версия</th>
      <th>Изменения по таблицам (+ добавлено, − удалено, ~ изменено)</th></tr></thead>
      <tbody>
      {% for entry in audit %}
      <tr>
        <td>{{ entry.time }}</td><td>{{ entry.user }}</td><td>{{ entry.action }}</td><td>{{ entry.source }}</td>
        <td><span title="предыдущая: {{ entry.previous }}">{{ entry.version }}</span></td>
        <td>{% for table, counts in entry.diff %}<div>{{ table }}: +{{ counts.added }} −{{ counts.removed }}
        ~{{ counts.changed }}</div>{% else %}—{% endfor %}</td>
      </tr>
      {% endfor %}
      </tbody>
    </table>
    {% elif not audit_error %}
    <p class="text-muted mb-0">Публикаций ещё не было.</p>
    {% endif %}
  </div>
</section>
{% endblock %}
""",
    "report.html": """{% extends "base.html" %}
{% block content %}
<p>Файл <strong id="upload-name">{{ name }}</strong> ({{ size }}) проверен.
{% if ok %}
  <span class="text-success">Ошибок нет{% if findings %}, есть замечания{% endif %}.</span>
{% else %}
  <span class="text-danger">Найдены ошибки: файл нельзя опубликовать. Исправьте их и загрузите файл снова.</span>
{% endif %}
</p>
{% if findings %}
<table class="table table-sm table-bordered bg-white" id="report">
  <thead><tr><th>Важность</th><th>Файл</th><th>Лист</th><th>Строка</th><th>Столбец</th><th>Значение</th>
  <th>Что не так</th><th>Как исправить</th></tr></thead>
  <tbody>
  {% for f in findings %}
  <tr class="{{ 'table-danger' if f.severity == 'error' else 'table-warning' }}">
    <td>{{ f.severity_label }}</td><td>{{ f.file }}</td><td>{{ f.sheet }}</td><td>{{ f.row }}</td>
    <td>{{ f.column }}</td><td>{{ f.value }}</td><td>{{ f.message }}</td><td>{{ f.hint }}</td>
  </tr>
  {% endfor %}
  </tbody>
</table>
{% endif %}
{% if ok %}
<form method="post" action="/admin/publish" id="publish-form">
  <input type="hidden" name="upload" value="{{ token }}">
  <input type="hidden" name="csrf" value="{{ csrf }}">
  <button class="btn btn-success" type="submit">Опубликовать / Publish</button>
  <a class="btn btn-link" href="/admin">Отмена</a>
</form>
{% else %}
<a class="btn btn-primary" href="/admin">Назад</a>
{% endif %}
{% endblock %}
""",
    "result.html": """{% extends "base.html" %}
{% from "macros.html" import diff_table %}
{% block content %}
<div class="alert alert-success" id="result">{{ message }}</div>
<dl class="row">
  <dt class="col-sm-3">Новая текущая версия</dt><dd class="col-sm-9" id="new-version">{{ result.version }}</dd>
  <dt class="col-sm-3">Предыдущая версия</dt><dd class="col-sm-9">{{ result.previous or "—" }}</dd>
</dl>
<h2 class="h5">Изменения <small class="text-muted">/ diff</small></h2>
{{ diff_table(result.diff) }}
<a class="btn btn-primary" href="/admin">К администрированию</a>
{% endblock %}
""",
    "message.html": """{% extends "base.html" %}
{% from "macros.html" import problems_list %}
{% block content %}
<div class="alert alert-{{ level }}" id="message">
  <p class="mb-2">{{ text }}</p>
  {% if detail %}<p class="small mb-2">{{ detail }}</p>{% endif %}
  {% if problems %}{{ problems_list(problems) }}{% endif %}
</div>
<a class="btn btn-primary" href="/admin">К администрированию</a>
{% endblock %}
""",
}

_environment = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True,
                                  undefined=jinja2.StrictUndefined)
_environment.tests["changed_counts"] = lambda counts: any(counts.values())

SEVERITY = {"error": "ошибка", "warning": "предупреждение", "info": "сведение"}
ACTIONS = {"publish": "публикация", "rollback": "откат"}


def _page(template: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("user", getattr(g, "admin_user", ""))
    html = _environment.get_template(template).render(**context)
    return Response(html, status=status, mimetype="text/html",
                    headers={"Cache-Control": "no-store"})


def _message(title: str, text: str, status: int, *, detail: str = "", problems: list[str] | None = None,
             level: str = "danger") -> Response:
    return _page("message.html", status, title=title, text=text, detail=detail, problems=problems or [],
                 level=level)


def human_size(size: int) -> str:
    """``10 МБ``, ``1,5 КБ``, ``200 байт``: Russian units and decimal comma."""
    for unit, scale in (("МБ", 1024 * 1024), ("КБ", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}".replace(".", ",")
    return f"{size} байт"


# --- uploads ------------------------------------------------------------------------------------------------


def _importer() -> ModuleType:
    return importlib.import_module("dashboard.registry.importer")


def max_upload_bytes() -> int:
    try:
        return int(getattr(_importer(), "MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))
    except ImportError:  # the status page and rollback still work without the importer
        return DEFAULT_MAX_UPLOAD_BYTES


class UploadTooLarge(Exception):
    """The uploaded file is larger than the limit."""


def display_name(client_name: str) -> str:
    """The client's file name reduced to something safe to show and log: last path part, no control chars."""
    name = re.split(r"[/\\]", client_name)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    return name.strip().strip(".")[:200] or "file"


def stored_name(name: str) -> str:
    """The name a checked upload is stored under: ``display_name`` with only word characters, ``-._`` and
    spaces, the suffix in lower case."""
    path = Path(name)
    stem = re.sub(r"[^\w\-. ]+", "_", path.stem).strip(" .")[:100] or "file"
    return stem + path.suffix.lower()


def _save_limited(stream: IO[bytes], target: Path, limit: int) -> int:
    """Copy ``stream`` to ``target``, refusing (and deleting) anything over ``limit`` bytes."""
    size = 0
    with target.open("xb") as out:
        while chunk := stream.read(64 * 1024):
            size += len(chunk)
            if size > limit:
                break
            out.write(chunk)
    if size > limit:
        target.unlink(missing_ok=True)
        raise UploadTooLarge
    return size


@dataclass(frozen=True)
class Upload:
    """A saved upload: ``folder`` (named by its token) holds the file and ``upload.json``."""

    folder: Path
    name: str

    @property
    def path(self) -> Path:
        return self.folder / self.name

    @property
    def meta(self) -> Path:
        return self.folder / "upload.json"

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _uploads_dir(data_dir: Path) -> Path:
    folder = data_dir / UPLOADS
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _remove_stale_uploads(folder: Path) -> None:
    cutoff = time.time() - UPLOAD_MAX_AGE_S
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime >= cutoff:
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            pass


def _shown_finding(finding: Any, saved_name: str, original: str) -> dict[str, Any]:
    file = getattr(finding, "file", None)
    return {
        "severity": finding.severity,
        "severity_label": SEVERITY.get(str(finding.severity), finding.severity),
        # The stored name is a cleaned copy: show the name the person uploaded.
        "file": original if file in (saved_name, None, "") else file,
        "sheet": finding.sheet if finding.sheet is not None else "",
        "row": finding.row if finding.row is not None else "",
        "column": finding.column if finding.column is not None else "",
        "value": finding.value if finding.value is not None else "",
        "message": finding.message_ru,
        "hint": finding.hint_ru or "",
    }


# --- CSRF ---------------------------------------------------------------------------------------------------


class Csrf:
    """Tokens bound to a purpose, a subject (the upload token), the user and the time of issue."""

    def __init__(self, secret: bytes):
        self._key = hashlib.sha256(b"cluster-admin-csrf\0" + secret).digest()

    def _mac(self, purpose: str, subject: str, user: str, issued: int) -> str:
        message = "\n".join((purpose, subject, user, str(issued))).encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def issue(self, purpose: str, subject: str, user: str) -> str:
        issued = int(time.time())
        return f"{issued}.{self._mac(purpose, subject, user, issued)}"

    def check(self, token: str, purpose: str, subject: str, user: str) -> bool:
        issued, _, mac = token.partition(".")
        if not issued.isdigit() or len(issued) > 12:
            return False
        age = time.time() - int(issued)
        if not -60 <= age <= CSRF_MAX_AGE_S:
            return False
        return hmac.compare_digest(mac.encode(), self._mac(purpose, subject, user, int(issued)).encode())


# --- views --------------------------------------------------------------------------------------------------


def _problems(error: PackageError) -> list[str]:
    return [str(problem) for problem in error.problems]


def _audit_rows(data_dir: Path) -> list[dict[str, Any]]:
    rows = []
    for entry in reversed(audit_log(data_dir)[-AUDIT_ROWS:]):
        diff = entry.get("diff") or {}
        rows.append({
            "time": str(entry.get("time", "")).replace("T", " ").removesuffix("+00:00"),
            "user": entry.get("user", ""),
            "action": ACTIONS.get(entry.get("action"), entry.get("action", "")),
            "source": entry.get("source", ""),
            "version": entry.get("version", ""),
            "previous": entry.get("previous") or "—",
            "diff": [(table, counts) for table, counts in sorted(diff.items())
                     if isinstance(counts, dict) and any(counts.values())],
        })
    return rows


def _read_registry(path: Path, package: LivePackage) -> Any:
    return _importer().read_registry(path, package.current(), lang="ru")


def register_admin(server: Flask, package: LivePackage) -> None:
    """Mount ``/admin`` on ``server``; it answers 404 unless ``CLUSTER_ADMIN_CREDENTIALS`` is set."""
    if BLUEPRINT in server.blueprints:
        return
    credentials_path = os.environ.get(ENV_CREDENTIALS, "").strip()
    credentials = load_credentials(credentials_path) if credentials_path else None
    csrf = Csrf(Path(credentials_path).read_bytes()) if credentials_path else None
    # Checked against for unknown users too (same method and cost), so a wrong user name costs as long as a
    # wrong password.
    decoy_hash = ""
    if credentials:
        method = next(iter(credentials.values())).split("$")[0]
        decoy_hash = generate_password_hash(secrets.token_hex(16), method=method)
    data_dir = package.data_dir
    admin = Blueprint(BLUEPRINT, __name__, url_prefix="/admin")

    def authenticated_user() -> str | None:
        auth = request.authorization
        if auth is None or auth.type != "basic" or not auth.username or auth.password is None:
            return None
        stored = credentials.get(auth.username)
        if check_password_hash(stored or decoy_hash, auth.password) and stored:
            return auth.username
        return None

    @admin.before_request
    def guard() -> Response | None:
        if credentials is None:
            abort(404)
        request.max_content_length = max_upload_bytes() + FORM_OVERHEAD_BYTES
        user = authenticated_user()
        if user is None:
            return Response("Требуется вход администратора. Admin login required.\n", 401, mimetype="text/plain",
                            headers={"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8"',
                                     "Cache-Control": "no-store"})
        g.admin_user = user
        return None

    @admin.errorhandler(RequestEntityTooLarge)
    def too_large(_error: RequestEntityTooLarge) -> Response:
        return _too_large_page()

    @admin.errorhandler(Exception)
    def failure(error: Exception) -> Response | HTTPException:
        if isinstance(error, HTTPException):
            return error
        logger.exception("admin request %s %s failed", request.method, request.path)
        return _message("Ошибка", "Что-то пошло не так; изменения не внесены. Подробности — в журнале сервера.",
                        500, detail="Something went wrong; nothing was changed. See the server log.")

    def _too_large_page() -> Response:
        limit = human_size(max_upload_bytes())
        return _message("Файл слишком большой", f"Файл больше допустимого размера: можно загрузить не более "
                        f"{limit}.", 413, detail=f"The file is too large: the limit is {limit}.")

    @admin.route("", methods=["GET"])
    @admin.route("/", methods=["GET"])
    def index() -> Response:
        package.current()  # notices a publish or a broken package on disk
        try:
            version = current_version(data_dir)
        except (OSError, ValueError):
            version = None
        try:
            audit, audit_error = _audit_rows(data_dir), ""
        except (OSError, ValueError):
            logger.exception("cannot read the audit log of %s", data_dir)
            audit, audit_error = [], "Журнал изменений не читается (повреждён?). The audit log cannot be read."
        error = package.error
        return _page("index.html", title="Администрирование дашборда", data_dir=str(data_dir), version=version,
                     loaded_at=package.loaded_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                     package_problems=_problems(error) if error else [], limit=human_size(max_upload_bytes()),
                     rollback_csrf=csrf.issue("rollback", "", g.admin_user), audit=audit, audit_error=audit_error)

    @admin.route("/upload", methods=["POST"])
    def upload() -> Response:
        file = request.files.get("file")
        if file is None or not file.filename:
            return _message("Нет файла", "Выберите файл реестра (.xlsx или .csv).", 400,
                            detail="Choose a registry file (.xlsx or .csv).")
        name = display_name(file.filename)
        suffix = Path(name).suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            return _message("Неподходящий файл", f"Принимаются только файлы .xlsx и .csv, а не «{name}».", 400,
                            detail="Only .xlsx and .csv files are accepted.")
        uploads = _uploads_dir(data_dir)
        _remove_stale_uploads(uploads)
        token = secrets.token_urlsafe(18)
        item = Upload(uploads / token, stored_name(name))
        item.folder.mkdir(mode=0o700)
        try:
            size = _save_limited(file.stream, item.path, max_upload_bytes())
        except UploadTooLarge:
            item.remove()
            return _too_large_page()
        item.meta.write_text(json.dumps({"name": name, "stored": item.name, "user": g.admin_user,
                                         "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")},
                                        ensure_ascii=False), encoding="utf-8")
        try:
            result = _read_registry(item.path, package)
        except Exception:
            item.remove()
            logger.exception("reading the upload %s (%s) failed", item.path.name, name)
            return _message("Файл не читается", f"Не удалось прочитать «{name}»: проверьте, что это реестр "
                            "в формате .xlsx или .csv (UTF-8).", 422,
                            detail="The file could not be read as a registry workbook or CSV.")
        report = result.report
        ok = bool(report.ok) and result.tables is not None
        if not ok:
            item.remove()
        findings = [_shown_finding(f, item.path.name, name) for f in report.findings]
        return _page("report.html", title="Проверка файла", name=name, size=human_size(size), ok=ok,
                     findings=findings, token=token,
                     csrf=csrf.issue("publish", token, g.admin_user) if ok else "")

    def _claim(token: str) -> tuple[Upload, dict] | None:
        """Take the upload for this request only, so a double submit cannot publish it twice."""
        folder = data_dir / UPLOADS / token
        claimed = folder.with_name(f"{token}.publishing-{secrets.token_hex(4)}")
        try:
            os.rename(folder, claimed)
        except OSError:
            return None
        try:
            meta = json.loads((claimed / "upload.json").read_text(encoding="utf-8"))
            item = Upload(claimed, meta["stored"])
            if item.name != stored_name(item.name) or not item.path.is_file():
                raise ValueError(item.name)
        except (OSError, ValueError, KeyError, TypeError):
            shutil.rmtree(claimed, ignore_errors=True)
            return None
        return item, meta

    def _csrf_failure(purpose: str, subject: str) -> Response | None:
        token = request.form.get("csrf", "")
        if not token:
            return _message("Неверный запрос", "В форме нет защитного токена; откройте страницу заново.", 400,
                            detail="The form lacks its CSRF token.")
        if not csrf.check(token, purpose, subject, g.admin_user):
            return _message("Запрос отклонён", "Защитный токен формы неверен или устарел; откройте страницу "
                            "администрирования заново.", 403, detail="Invalid or expired CSRF token.")
        return None

    @admin.route("/publish", methods=["POST"])
    def publish_upload() -> Response:
        token = request.form.get("upload", "")
        if not TOKEN_PATTERN.fullmatch(token):
            return _message("Неверный запрос", "Не указано, какой файл публиковать.", 400,
                            detail="No valid upload token.")
        refused = _csrf_failure("publish", token)
        if refused:
            return refused
        claimed = _claim(token)
        if claimed is None:
            return _message("Файл не найден", "Загруженный файл не найден: он уже опубликован или устарел. "
                            "Загрузите его заново.", 410, detail="The upload is gone (published or expired).")
        item, meta = claimed
        try:
            result = _read_registry(item.path, package)
            if not result.report.ok or result.tables is None:
                findings = [_shown_finding(f, item.path.name, meta["name"]) for f in result.report.findings]
                return _page("report.html", 409, title="Файл больше не проходит проверку", name=meta["name"],
                             size=human_size(item.path.stat().st_size), ok=False, findings=findings, token="",
                             csrf="")
            outcome = publish(result.tables, data_dir, user=g.admin_user, source=meta["name"])
        except PackageError as error:
            return _message("Публикация отменена", "Пакет с новыми данными не прошёл проверку; "
                            "ничего не изменено.", 409, problems=_problems(error),
                            detail="The package with the new data is invalid; nothing was changed.")
        finally:
            item.remove()
        package.current()
        return _result(outcome, f"Опубликовано: «{meta['name']}». Дашборд уже показывает новые данные.")

    @admin.route("/rollback", methods=["POST"])
    def rollback_version() -> Response:
        refused = _csrf_failure("rollback", "")
        if refused:
            return refused
        try:
            outcome = rollback(data_dir, user=g.admin_user)
        except PublishError as error:
            return _message("Откат невозможен", "Нет более ранней версии, к которой можно вернуться.", 409,
                            detail=str(error), level="warning")
        except PackageError as error:
            return _message("Откат невозможен", "Предыдущая версия повреждена; ничего не изменено.", 409,
                            problems=_problems(error))
        package.current()
        return _result(outcome, "Откат выполнен: текущей снова стала предыдущая версия.")

    def _result(outcome: PublishResult, message: str) -> Response:
        return _page("result.html", title="Готово", message=message, result=outcome)

    @admin.route("/<path:_rest>", methods=["GET", "POST"])
    def unknown(_rest: str) -> Response:
        abort(404)

    server.register_blueprint(admin)

