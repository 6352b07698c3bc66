"""Admin page: status of the live package, upload and check of a registry file, publish and rollback.

The page exists only when ``CLUSTER_ADMIN_CREDENTIALS`` names a credentials file (kept outside the
repository), one ``user:<hash>`` line per person; the hashes come from :func:`hash_password` (or
``python -m dashboard hash-password USER``). Without it every ``/admin`` URL answers 404. The file is read
once at start-up: restart the app after changing it.

Nothing is published on upload: the file is saved as ``<data dir>/.uploads/<random token>/<cleaned name>``
and checked, and only a second request carrying the upload token publishes it. The name is kept (cleaned, inside
the random folder) because the importer tells which table a CSV holds from its file name (``organisations.csv``,
``Организации.csv``).

Every form posts a CSRF token: signed with itsdangerous (keyed by the credentials file, so every worker process
checks it alike), dated, and bound to the user, the view it posts to and the upload it is about.

Use it behind HTTPS: Basic authentication sends the password with every request. Failed logins are throttled by
address, by account and for the whole site (:mod:`dashboard.web.auth`). The pages are Russian with
English glosses; their texts are in the ADMIN section of :mod:`dashboard.i18n.catalogue`, their templates in
``templates/admin/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
import logging
import os
import re
import secrets
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import IO, Any

from flask import Blueprint, Flask, Response, abort, current_app, g, redirect, render_template, request, url_for
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.data.live import LivePackage
from dashboard.data.package import PackageError
from dashboard.i18n import t
from dashboard.registry import check_job, retention
from dashboard.registry.publish import PublishError, PublishResult, audit_log, current_version, publish, rollback
from dashboard.web.auth import LoginAttempt, LoginPolicy, LoginThrottle, client_address, state_path

ENV_CREDENTIALS = "CLUSTER_ADMIN_CREDENTIALS"
UPLOADS = ".uploads"
ALLOWED_SUFFIXES = (".xlsx", ".csv")
DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Multipart boundaries and the other form fields come on top of the file itself.
FORM_OVERHEAD_BYTES = 64 * 1024
CSRF_MAX_AGE_S = 4 * 3600
AUDIT_ROWS = 200
CHECK_REFRESH_S = 1
REALM = "Cluster admin"
BLUEPRINT = "cluster_admin"
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
USER_PATTERN = re.compile(r"[^\s:]+")
HASH_METHODS = ("scrypt", "pbkdf2")
LANG = "ru"
GLOSS_LANG = "en"
SEVERITIES = ("error", "warning", "info")
ACTIONS = ("publish", "rollback")

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


def _shown_finding(finding: Any, saved_name: str, original: str) -> dict[str, Any]:
    file = getattr(finding, "file", None)
    return {
        "severity": finding.severity,
        "severity_label": _label("admin_severity", finding.severity, SEVERITIES),
        # The stored name is a cleaned copy: show the name the person uploaded.
        "file": original if file in (saved_name, None, "") else file,
        "sheet": finding.sheet if finding.sheet is not None else "",
        "row": finding.row if finding.row is not None else "",
        "column": finding.column if finding.column is not None else "",
        "value": finding.value if finding.value is not None else "",
        "message": finding.message_ru,
        "hint": finding.hint_ru or "",
    }


# --- pages --------------------------------------------------------------------------------------------------

admin = Blueprint(BLUEPRINT, __name__, url_prefix="/admin", template_folder="templates")


@dataclass(frozen=True)
class AdminSite:
    """What the admin views of one app work on (kept in ``server.extensions``)."""

    package: LivePackage
    credentials: dict[str, str] | None
    # Checked against for unknown users too (same method and cost), so a wrong user name costs as long as a wrong
    # password.
    decoy_hash: str
    form_tokens: URLSafeTimedSerializer | None
    throttle: LoginThrottle | None

    @property
    def data_dir(self) -> Path:
        return self.package.data_dir


def _site() -> AdminSite:
    return current_app.extensions[BLUEPRINT]


def _text(key: str, lang: str = LANG, **fields: object) -> str:
    return t(key, lang, **fields)


def _label(prefix: str, value: Any, known: tuple[str, ...]) -> str:
    """The catalogue's name of a known value (``admin_severity_error``), else the value itself."""
    return _text(f"{prefix}_{value}") if value in known else str(value or "")


def human_size(size: int, lang: str = LANG) -> str:
    """``10 МБ``, ``1,5 КБ``, ``200 байт`` in Russian (a decimal comma); ``10 MB``, ``1.5 KB`` in English."""
    for key, scale in (("admin_size_mb", 1024 * 1024), ("admin_size_kb", 1024)):
        if size >= scale:
            number = f"{size / scale:.3g}"
            return t(key, lang, size=number.replace(".", ",") if lang == "ru" else number)
    return t("admin_size_bytes", lang, size=size)


def issue_form_token(action: str, upload: str = "") -> str:
    """The CSRF token of a form that posts to the view ``action``, for the signed-in user and ``upload``."""
    return _site().form_tokens.dumps([g.admin_user, f"{BLUEPRINT}.{action}", upload])


@admin.context_processor
def page_helpers() -> dict[str, Any]:
    return {"t": _text, "lang": LANG, "user": getattr(g, "admin_user", ""), "issue_form_token": issue_form_token}


def _page(template: str, title_key: str, status: int = 200, **context: Any) -> Response:
    html = render_template(f"admin/{template}", title=_text(title_key), **context)
    return Response(html, status=status, mimetype="text/html", headers={"Cache-Control": "no-store"})


def _message(title_key: str, text_key: str, status: int, *, detail: str | None = None,
             problems: list[str] | None = None, level: str = "danger", **fields: object) -> Response:
    """A page with one message: the text in Russian and, unless ``detail`` says otherwise, in English below."""
    if detail is None:
        detail = _text(text_key, GLOSS_LANG, **fields)
    return _page("message.html", title_key, status, text=_text(text_key, **fields), detail=detail,
                 problems=problems or [], level=level)


def _too_large_page() -> Response:
    limit = max_upload_bytes()
    return _message("admin_too_large_title", "admin_too_large", 413, limit=human_size(limit),
                    detail=_text("admin_too_large", GLOSS_LANG, limit=human_size(limit, GLOSS_LANG)))


def _problems(error: PackageError) -> list[str]:
    return [str(problem) for problem in error.problems]


def _changed_tables(diff: dict) -> list[tuple[str, dict]]:
    """The tables a publication or rollback changed, by name, with their added/removed/changed counts."""
    return [(table, counts) for table, counts in sorted(diff.items())
            if isinstance(counts, dict) and any(counts.values())]


def _audit_rows(data_dir: Path) -> list[dict[str, Any]]:
    rows = []
    for entry in reversed(audit_log(data_dir)[-AUDIT_ROWS:]):
        rows.append({
            "time": str(entry.get("time", "")).replace("T", " ").removesuffix("+00:00"),
            "user": entry.get("user", ""),
            "action": _label("admin_action", entry.get("action"), ACTIONS),
            "source": entry.get("source", ""),
            "version": entry.get("version", ""),
            "previous": entry.get("previous") or "—",
            "diff": _changed_tables(entry.get("diff") or {}),
        })
    return rows


def _read_registry(path: Path, package: LivePackage) -> Any:
    return _importer().read_registry(path, package.current(), lang=LANG)


# --- authentication and CSRF --------------------------------------------------------------------------------


def _password_matches(site: AdminSite, user: str, password: str) -> bool:
    stored = site.credentials.get(user)
    return check_password_hash(stored or site.decoy_hash, password) and stored is not None


def _plain_refusal(key: str, status: int, headers: dict[str, str], **fields: object) -> Response:
    message = f"{_text(key, **fields)} {_text(key, GLOSS_LANG, **fields)}\n"
    return Response(message, status, mimetype="text/plain", headers={**headers, "Cache-Control": "no-store"})


def _login_required() -> Response:
    return _plain_refusal("admin_login_required", 401,
                          {"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8"'})


def _refused_form() -> Response | None:
    """Why a POST is refused as a cross-site request forgery, or ``None`` if its token fits the user, this view
    and the upload it names."""
    token = request.form.get("csrf", "")
    if not token:
        return _message("admin_bad_request_title", "admin_token_missing", 400)
    try:
        claims = _site().form_tokens.loads(token, max_age=CSRF_MAX_AGE_S)
    except BadData:
        claims = None
    if claims != [g.admin_user, request.endpoint, request.form.get("upload", "")]:
        return _message("admin_refused_title", "admin_token_invalid", 403)
    return None


@admin.before_request
def guard() -> Response | None:
    site = _site()
    if site.credentials is None:
        abort(404)
    request.max_content_length = max_upload_bytes() + FORM_OVERHEAD_BYTES
    auth = request.authorization
    if auth is None or auth.type != "basic" or not auth.username or auth.password is None:
        return _login_required()
    attempt = LoginAttempt(client_address(request.remote_addr, request.headers.get("X-Forwarded-For"),
                                          site.throttle.policy.trusted_proxies), auth.username)
    # Refused before the password is hashed: a throttled guess costs the worker a database read, not scrypt.
    wait = site.throttle.retry_after(attempt)
    if wait:
        return _plain_refusal("admin_login_throttled", 429, {"Retry-After": str(wait)}, seconds=wait)
    if not _password_matches(site, auth.username, auth.password):
        site.throttle.failed(attempt)
        return _login_required()
    site.throttle.succeeded(attempt)
    g.admin_user = auth.username
    # Every state-changing request is a POST, and every POST needs its form's token.
    return _refused_form() if request.method == "POST" else None


@admin.errorhandler(RequestEntityTooLarge)
def too_large(_error: RequestEntityTooLarge) -> Response:
    return _too_large_page()


@admin.errorhandler(Exception)
def failure(error: Exception) -> Response | HTTPException:
    if isinstance(error, HTTPException):
        return error
    logger.exception("admin request %s %s failed", request.method, request.path)
    return _message("admin_error_title", "admin_error", 500)


# --- views --------------------------------------------------------------------------------------------------


@admin.get("", endpoint="index")
@admin.get("/", endpoint="index")
def index() -> Response:
    site = _site()
    site.package.current()  # notices a publish or a broken package on disk
    try:
        version = current_version(site.data_dir)
    except (OSError, ValueError):
        version = None
    try:
        audit, audit_unreadable = _audit_rows(site.data_dir), False
    except (OSError, ValueError):
        logger.exception("cannot read the audit log of %s", site.data_dir)
        audit, audit_unreadable = [], True
    error = site.package.error
    return _page("index.html", "admin_title", data_dir=str(site.data_dir), version=version,
                 loaded_at=site.package.loaded_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                 package_problems=_problems(error) if error else [], limit=human_size(max_upload_bytes()),
                 audit=audit, audit_unreadable=audit_unreadable)


@admin.post("/upload", endpoint="upload")
def upload() -> Response:
    site = _site()
    file = request.files.get("file")
    if file is None or not file.filename:
        return _message("admin_no_file_title", "admin_no_file", 400)
    name = display_name(file.filename)
    if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
        return _message("admin_wrong_type_title", "admin_wrong_type", 400, name=name)
    uploads = _uploads_dir(site.data_dir)
    retention.prune_uploads(uploads)
    token = secrets.token_urlsafe(18)
    item = Upload(uploads / token, stored_name(name))
    item.folder.mkdir(mode=0o700)
    try:
        size = _save_limited(file.stream, item.path, max_upload_bytes())
    except UploadTooLarge:
        item.remove()
        return _too_large_page()
    item.meta.write_text(json.dumps({"name": name, "stored": item.name, "user": g.admin_user, "size": size,
                                     "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")},
                                    ensure_ascii=False), encoding="utf-8")
    # The check runs in a process of its own (registry.check_job): this request, and the worker serving it, are
    # free at once whatever the file holds.
    if check_job.running(uploads) >= check_job.MAX_RUNNING:
        item.remove()
        return _message("admin_busy_title", "admin_busy", 429)
    check_job.start(item.folder, item.path, site.package.data_dir)
    return redirect(url_for(f"{BLUEPRINT}.check", token=token), code=303)


@admin.get("/check/<token>", endpoint="check")
def check(token: str) -> Response:
    """The check of an upload: a page that looks again every second while it runs, then its report."""
    site = _site()
    folder = site.data_dir / UPLOADS / token
    if not TOKEN_PATTERN.fullmatch(token) or not folder.is_dir():
        return _message("admin_upload_gone_title", "admin_upload_gone", 410)
    meta = json.loads((folder / "upload.json").read_text(encoding="utf-8"))
    status, report = check_job.state(folder)
    if status == "running":
        return _page("checking.html", "admin_check_title", 202, name=meta["name"], token=token,
                     refresh_s=CHECK_REFRESH_S)
    item = Upload(folder, meta["stored"])
    if status == "failed" or report.get("failed"):
        item.remove()
        logger.error("checking the upload %s (%s) did not finish", token, meta["name"])
        return _message("admin_unreadable_title", "admin_unreadable", 422, name=meta["name"])
    if not report["ok"]:
        item.remove()
    findings = [_shown_finding(f, item.name, meta["name"]) for f in check_job.findings(report)]
    return _page("report.html", "admin_check_title", name=meta["name"], size=human_size(meta["size"]),
                 ok=report["ok"], findings=findings, token=token if report["ok"] else "")


def _claim(data_dir: Path, token: str) -> tuple[Upload, dict] | None:
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


@admin.post("/publish", endpoint="publish")
def publish_upload() -> Response:
    site = _site()
    token = request.form.get("upload", "")
    if not TOKEN_PATTERN.fullmatch(token):
        return _message("admin_bad_request_title", "admin_no_upload", 400)
    claimed = _claim(site.data_dir, token)
    if claimed is None:
        return _message("admin_upload_gone_title", "admin_upload_gone", 410)
    item, meta = claimed
    try:
        result = _read_registry(item.path, site.package)
        if not result.report.ok or result.tables is None:
            findings = [_shown_finding(f, item.path.name, meta["name"]) for f in result.report.findings]
            return _page("report.html", "admin_recheck_failed_title", 409, name=meta["name"],
                         size=human_size(item.path.stat().st_size), ok=False, findings=findings, token="")
        outcome = publish(result.tables, site.data_dir, user=g.admin_user, source=meta["name"])
    except PackageError as error:
        return _message("admin_publish_cancelled_title", "admin_publish_invalid", 409, problems=_problems(error))
    finally:
        item.remove()
    site.package.current()
    return _result(outcome, _text("admin_published", name=meta["name"]))


@admin.post("/rollback", endpoint="rollback")
def rollback_version() -> Response:
    site = _site()
    try:
        outcome = rollback(site.data_dir, user=g.admin_user)
    except PublishError as error:
        return _message("admin_rollback_impossible_title", "admin_no_earlier_version", 409, detail=str(error),
                        level="warning")
    except PackageError as error:
        return _message("admin_rollback_impossible_title", "admin_previous_damaged", 409, problems=_problems(error))
    site.package.current()
    return _result(outcome, _text("admin_rolled_back"))


def _result(outcome: PublishResult, message: str) -> Response:
    return _page("result.html", "admin_done_title", message=message, result=outcome,
                 changed=_changed_tables(outcome.diff))


@admin.route("/<path:_rest>", methods=["GET", "POST"])
def unknown(_rest: str) -> Response:
    abort(404)


def register_admin(server: Flask, package: LivePackage) -> None:
    """Mount ``/admin`` on ``server``; it answers 404 unless ``CLUSTER_ADMIN_CREDENTIALS`` is set."""
    if BLUEPRINT in server.blueprints:
        return
    credentials_path = os.environ.get(ENV_CREDENTIALS, "").strip()
    credentials = load_credentials(credentials_path) if credentials_path else None
    decoy_hash, form_tokens, throttle = "", None, None
    if credentials:
        method = next(iter(credentials.values())).split("$")[0]
        decoy_hash = generate_password_hash(secrets.token_hex(16), method=method)
        form_tokens = URLSafeTimedSerializer(Path(credentials_path).read_bytes(), salt="cluster-admin-csrf",
                                             signer_kwargs={"digest_method": hashlib.sha256})
        throttle = LoginThrottle(state_path(package.data_dir), LoginPolicy.from_env())
        # a bad retention setting stops the start, not a later upload or publish
        retention.versions_policy(), retention.uploads_policy()
    server.extensions[BLUEPRINT] = AdminSite(package, credentials, decoy_hash, form_tokens, throttle)
    server.register_blueprint(admin)
