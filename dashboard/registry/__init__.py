"""Stewardship: the workbook format, import checks and report, template, atomic publish, rollback, audit.
No Dash, no Flask."""
