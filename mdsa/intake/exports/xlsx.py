"""Read the linked sheet downloaded as .xlsx: find the responses sheet, give cells back as text.

Typed cells become text in one canonical form, whatever the sheet's locale showed: a
date-time ``2024-12-03T20:48:17``, a date ``2023-04-13``, a time ``10:59:00``, a whole number
without ``.0`` (``612345678``), other numbers with a dot (``7.5``), booleans ``TRUE``/``FALSE``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

from mdsa.intake.exports.model import ExportError
from mdsa.intake.exports.table import Table, build_table, header_score, is_blank

_HEADER_SEARCH_ROWS = 10
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def read_xlsx(
    data: bytes, path: Path, *, expected_titles: Sequence[str], sheet: str | None
) -> tuple[str, Table]:
    """Return the name of the responses sheet and its table."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise ExportError(
            "the workbook cannot be opened; is it a complete .xlsx file?",
            path=path,
            code="bad-xlsx",
        ) from error
    try:
        worksheet = _choose_sheet(workbook, path, expected_titles, sheet)
        return worksheet.title, build_table(_records(worksheet), path)
    finally:
        workbook.close()


def _choose_sheet(workbook: Any, path: Path, expected: Sequence[str], wanted: str | None) -> Any:
    names = list(workbook.sheetnames)
    if wanted is not None:
        if wanted not in names:
            raise ExportError(
                f"the workbook has no sheet named {wanted!r} (it has: {', '.join(names)})",
                path=path,
                code="sheet-not-found",
            )
        return workbook[wanted]
    scored = []
    for position, worksheet in enumerate(workbook.worksheets):
        header = next(
            (r for r in islice(_records(worksheet), _HEADER_SEARCH_ROWS) if not is_blank(r)),
            None,
        )
        if header is not None:
            forms_header, matches = header_score(header, expected)
            scored.append((forms_header, matches, -position, worksheet))
    found = [s for s in scored if s[0] or s[1] > 0]
    if found:
        return max(found, key=lambda s: s[:3])[3]
    if len(scored) == 1:
        return scored[0][3]
    if not scored:
        raise ExportError("every sheet of the workbook is empty", path=path, code="empty-export")
    raise ExportError(
        "no sheet looks like Google Forms responses (a header starting with Tijdstempel or "
        f"Timestamp); sheets: {', '.join(names)}",
        path=path,
        code="no-responses-sheet",
        hint="name the sheet to read, or give the question titles the form should have",
    )


def _records(worksheet: Any) -> Iterator[list[str | None]]:
    # Read every cell there is: a <dimension> written wrong by some tool would cut rows off.
    worksheet.reset_dimensions()
    for row in worksheet.iter_rows():
        yield [_text(cell) for cell in row]


def _text(cell: Any) -> str | None:
    value = cell.value
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=None, microsecond=0)
        if value.microsecond >= 500_000:
            moment += timedelta(seconds=1)
        if moment.time() == time() and not _shows_time(cell.number_format):
            return moment.date().isoformat()
        return moment.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, timedelta):
        seconds = round(value.total_seconds())
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return str(value)


def _shows_time(number_format: str | None) -> bool:
    """Whether a date format shows a time (h or s outside quoted text and [..] codes)."""
    if not number_format:
        return False
    code = _FORMAT_LITERALS.sub("", number_format).lower()
    return "h" in code or "s" in code


def format_float(value: float) -> str:
    """``612345678.0`` -> ``612345678``, ``7.5`` -> ``7.5``, never scientific notation."""
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text
