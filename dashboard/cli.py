"""Command line for the cluster's staff: validate, import, template, rollback, hash-password.

Exit codes: 0 valid / done, 1 invalid data, 2 usage error (missing file, unknown option).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import unicodedata
from pathlib import Path

from werkzeug.security import generate_password_hash

from dashboard.data.package import DESCRIPTOR, PackageError, data_dir_from_env, load_package
from dashboard.i18n import t
from dashboard.registry import importer
from dashboard.registry.publish import PublishError, publish, rollback
from dashboard.registry.template import write_template

OK, INVALID, USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _existing(path: Path, lang: str) -> Path:
    if not path.exists():
        raise UsageError(t("cli_missing", lang, path=path))
    return path


def _registry_file(path: Path, lang: str) -> Path:
    """A registry file ``validate`` and ``import`` both read (one convention: anything else is a usage error)."""
    if path.suffix.lower() not in importer.EXCEL_SUFFIXES + importer.CSV_SUFFIXES:
        raise UsageError(t("cli_kind", lang, path=path))
    return path


def terminal_safe(text: str) -> str:
    """Text with every control and direction character shown as an escape: a file name or a cell must not move
    the cursor, recolour the terminal or reorder what is printed."""
    return "".join(ch if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf") else f"\\u{ord(ch):04x}"
                   for ch in text)


def say(text: object, file=None) -> None:
    print(terminal_safe(str(text)), file=file or sys.stdout)


def _base_package(data_dir: Path, lang: str):
    try:
        return load_package(data_dir)
    except PackageError as error:
        raise UsageError(t("cli_base", lang, error=error)) from None


def _print_report(report, args: argparse.Namespace) -> int:
    if args.format == "json":
        say(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        say(report.to_text(args.lang) if report.findings else t("cli_valid", args.lang))
    return OK if report.ok else INVALID


def cmd_validate(args: argparse.Namespace) -> int:
    path = _existing(args.path, args.lang)
    if path.is_dir():
        if not (path / DESCRIPTOR).exists():
            raise UsageError(t("cli_not_package", args.lang, descriptor=DESCRIPTOR, path=path))
        return _print_report(importer.validate_package(path), args)
    base = _base_package(args.data or data_dir_from_env(), args.lang)
    result = importer.read_registry(_registry_file(path, args.lang), base, lang=args.lang)
    return _print_report(result.report, args)


def cmd_import(args: argparse.Namespace) -> int:
    source = _registry_file(_existing(args.file, args.lang), args.lang)
    into = _existing(args.into, args.lang)
    result = importer.read_registry(source, _base_package(into, args.lang), lang=args.lang)
    if not result.report.ok:
        return _print_report(result.report, args)
    if result.report.findings:
        say(result.report.to_text(args.lang))
    try:
        outcome = publish(result.tables, into, user=args.user, source=source.name)
    except PackageError as error:
        say(error)
        return INVALID
    say(t("cli_published", args.lang, version=outcome.version, previous=outcome.previous))
    for table, counts in outcome.diff.items():
        if any(counts.values()):
            say(t("cli_diff", args.lang, table=table, **counts))
    return OK


def cmd_template(args: argparse.Namespace) -> int:
    write_template(args.out, _base_package(args.data or data_dir_from_env(), args.lang))
    say(t("cli_template", args.lang, path=args.out))
    return OK


def cmd_rollback(args: argparse.Namespace) -> int:
    data_dir = _existing(args.data_dir, args.lang)
    try:
        outcome = rollback(data_dir, user=args.user)
    except PublishError as error:
        say(error, file=sys.stderr)
        return INVALID
    say(t("cli_rolled_back", args.lang, version=outcome.version, previous=outcome.previous))
    return OK


def cmd_hash_password(args: argparse.Namespace) -> int:
    password = getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if not password:
        raise UsageError(t("cli_empty_password", args.lang))
    say(f"{args.user}:{generate_password_hash(password)}")
    return OK


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("ru", "en"), default="ru", help="language of messages (default ru)")
    common.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    sub = root.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", parents=[common], help="check a package folder, workbook or CSV")
    validate.add_argument("path", type=Path)
    validate.add_argument("--data", type=Path, default=None,
                          help="package a workbook is checked against (default: CLUSTER_DATA_DIR or ./data)")
    validate.set_defaults(run=cmd_validate)

    load = sub.add_parser("import", parents=[common], help="validate a workbook/CSV and publish it")
    load.add_argument("file", type=Path)
    load.add_argument("--into", type=Path, required=True, help="the data package folder to update")
    load.add_argument("--user", default=getpass.getuser(), help="name recorded in the audit log")
    load.set_defaults(run=cmd_import)

    template = sub.add_parser("template", parents=[common], help="write the Excel template with the current data")
    template.add_argument("out", type=Path)
    template.add_argument("--data", type=Path, default=None)
    template.set_defaults(run=cmd_template)

    back = sub.add_parser("rollback", parents=[common], help="return to the previous published version")
    back.add_argument("data_dir", type=Path)
    back.add_argument("--user", default=getpass.getuser())
    back.set_defaults(run=cmd_rollback)

    hashing = sub.add_parser("hash-password", help="print a credentials line for the admin page")
    hashing.add_argument("user")
    hashing.set_defaults(run=cmd_hash_password, lang="en")
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        say(error, file=sys.stderr)
        return USAGE
