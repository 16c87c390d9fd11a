"""Read the linked sheet downloaded as .xlsx: find the responses sheet, give cells back as text.

The workbook is read with python-calamine (a Rust reader, about ten times faster than
openpyxl on a responses sheet). Typed cells become text in one canonical form, whatever the
sheet's locale showed: a date-time ``2024-12-03T20:48:17``, a date ``2023-04-13``, a time
``10:59:00``, a whole number without ``.0`` (``612345678``: calamine gives every number as a
float), other numbers with a dot (``7.5``), booleans ``TRUE``/``FALSE``; an empty cell
(calamine's ``''``) is ``None``.

Calamine gives a date-time at exactly midnight as a date. In a column that holds date-times
(the timestamp, by its title or by its other cells) such a cell is written as the date-time it
is (``2024-12-04T00:00:00``), so that one column has one form.

A merged range keeps its value in its first cell only, as the sheet's own CSV download does;
a range over data rows is reported, so a reader knows why the other rows are empty there.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.intake.exports.model import ExportError, RawProblem
from mdsa.intake.exports.table import (
    TIMESTAMP_TITLES,
    Table,
    build_table,
    clean_title,
    header_score,
    is_blank,
)

if TYPE_CHECKING:
    from python_calamine import CalamineSheet, CalamineWorkbook

_HEADER_SEARCH_ROWS = 10
_TYPE_SAMPLE_ROWS = 200
_MIDNIGHT = "T00:00:00"


def read_xlsx(
    data: bytes, path: Path, *, expected_titles: Sequence[str], sheet: str | None
) -> tuple[str, Table]:
    """Return the name of the responses sheet and its table."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:  # calamine raises several kinds on a damaged workbook
        raise _damaged(path) from error
    try:
        name, worksheet = _choose_sheet(workbook, path, expected_titles, sheet)
        try:
            cells = worksheet.to_python(skip_empty_area=False)
            merged = worksheet.merged_cell_ranges or []
        except Exception as error:
            raise _damaged(path) from error
        table = build_table(_as_text(cells), path, clean=True)
        problems = _merged_problems(merged, len(cells), table)
        if problems:
            table = replace(table, problems=tuple(sorted([*table.problems, *problems], key=_at)))
        return name, table
    finally:
        workbook.close()


def _damaged(path: Path) -> ExportError:
    return ExportError(
        "the workbook cannot be opened; is it a complete .xlsx file?",
        path=path,
        code="bad-xlsx",
        hint="download it again, or save it again as .xlsx",
    )


def _at(problem: RawProblem) -> tuple[int, int]:
    return problem.row or 0, problem.column or 0


def _sheet(workbook: CalamineWorkbook, name: str, path: Path) -> CalamineSheet:
    try:
        return workbook.get_sheet_by_name(name)
    except Exception as error:  # a sheet's XML is parsed here, so damage shows up here too
        raise _damaged(path) from error


def _choose_sheet(
    workbook: CalamineWorkbook, path: Path, expected: Sequence[str], wanted: str | None
) -> tuple[str, CalamineSheet]:
    names = list(workbook.sheet_names)
    if wanted is not None:
        if wanted not in names:
            raise ExportError(
                f"the workbook has no sheet named {wanted!r} (it has: {', '.join(names)})",
                path=path,
                code="sheet-not-found",
            )
        return wanted, _sheet(workbook, wanted, path)
    scored = []
    for position, name in enumerate(names):
        worksheet = _sheet(workbook, name, path)
        try:
            top = worksheet.to_python(skip_empty_area=False, nrows=_HEADER_SEARCH_ROWS)
        except Exception as error:
            raise _damaged(path) from error
        header = next((r for r in _as_text(top) if not is_blank(r)), None)
        if header is not None:
            forms_header, matches = header_score(header, expected)
            scored.append((forms_header, matches, -position, name, worksheet))
    found = [s for s in scored if s[0] or s[1] > 0]
    if found:
        best = max(found, key=lambda s: s[:3])
        return best[3], best[4]
    if len(scored) == 1:
        return scored[0][3], scored[0][4]
    if not scored:
        raise ExportError("every sheet of the workbook is empty", path=path, code="empty-export")
    raise ExportError(
        "no sheet looks like Google Forms responses (a header starting with Tijdstempel or "
        f"Timestamp); sheets: {', '.join(names)}",
        path=path,
        code="no-responses-sheet",
        hint="name the sheet to read, or give the question titles the form should have",
    )


def _as_text(rows: list[list[Any]]) -> list[Sequence[str | None]]:
    """Every cell as text (see the module docstring).

    Column by column: a column's cells are gathered (``zip``), each different value of the
    column is converted once and the cells are looked up (100,000 rows: answers repeat down a
    column, and the lookups run in C), then the rows are put together again. A column titled
    as the timestamp, or with a date-time among its first rows, writes a date as the midnight
    date-time it was. A column holding both booleans and numbers (``True == 1``) is converted
    cell by cell, so that each keeps its own text.
    """
    header = next((i for i, row in enumerate(rows) if any(v != "" for v in row)), len(rows))
    if header == len(rows):
        return [[None] * len(row) for row in rows]
    sample = rows[header + 1 : header + 1 + _TYPE_SAMPLE_ROWS]
    timed = {
        i
        for i, title in enumerate(rows[header])
        if isinstance(title, str) and clean_title(title).casefold() in TIMESTAMP_TITLES
    }
    timed.update(i for row in sample for i, v in enumerate(row) if type(v) is datetime)
    out: list[Sequence[str | None]] = [[_cell(v) for v in row] for row in rows[: header + 1]]
    data = rows[header + 1 :]
    if not data:
        return out
    columns = []
    for i, column in enumerate(zip(*data, strict=True)):
        convert = _timed_text if i in timed else _other
        kinds = set(map(type, column))
        if bool in kinds and (int in kinds or float in kinds):
            columns.append([_text(v) if type(v) is str else convert(v) for v in column])
            continue
        text = {v: _text(v) if type(v) is str else convert(v) for v in set(column)}
        columns.append(list(map(text.__getitem__, column)))
    out.extend(zip(*columns, strict=True))
    return out


def _text(value: str) -> str | None:
    return (
        (value if "\r" not in value else _newlines(value))
        if value and not value.isspace()
        else None
    )


def _cell(value: Any) -> str | None:
    if type(value) is str:
        return _newlines(value) if value and not value.isspace() else None
    return _other(value)


def _newlines(text: str) -> str:
    """A line break inside a cell as ``\\n`` (Excel may keep a ``\\r`` as ``_x000D_``)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _timed_text(value: Any) -> str | None:
    if type(value) is date:
        return value.isoformat() + _MIDNIGHT
    return _other(value)


def _moment(value: datetime) -> str:
    moment = value.replace(tzinfo=None, microsecond=0)
    if value.microsecond >= 500_000:
        moment += timedelta(seconds=1)
    return moment.isoformat()


def _other(value: Any) -> str | None:
    if type(value) is float:
        return str(int(value)) if value.is_integer() else format_float(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, timedelta):
        seconds = round(value.total_seconds())
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return str(value) or None


def _merged_problems(
    ranges: list[tuple[tuple[int, int], tuple[int, int]]], height: int, table: Table
) -> list[RawProblem]:
    """A warning for each merged range that reaches a data row of the responses."""
    if not table.rows:
        return []
    first_data = table.rows[0].number  # spreadsheet numbering, 1-based
    problems = []
    for (top, left), (bottom, right) in ranges:
        if bottom + 1 < first_data or top >= height:
            continue
        start, end = f"{_letters(left)}{top + 1}", f"{_letters(right)}{bottom + 1}"
        problems.append(
            RawProblem(
                code="merged-cells",
                severity="warning",
                message=(
                    f"cells {start} to {end} are merged: only {start} holds an answer, the "
                    "other cells are read as empty"
                ),
                row=top + 1,
                column=left + 1 if left < len(table.headers) else None,
            )
        )
    return problems


def _letters(column: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as a spreadsheet names it."""
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def format_float(value: float) -> str:
    """``612345678.0`` -> ``612345678``, ``7.5`` -> ``7.5``, never scientific notation."""
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text
