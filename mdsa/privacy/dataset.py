"""The shareable data set's format: its values, its CSV dialect, and how it is read back.

Every cell of ``data/visits.csv`` and ``data/text_blocks.csv`` holds a value, never a blank:
an option code, a number, a band, a period, text, or one of three missing-value markers. The
markers and codes are plain lower-case words, so Dutch Excel leaves them as they are, and so
are bands (``3_5``, not ``3-5``, which Excel turns into 3 May) and periods (``2016-M10``, not
``2016-10``, which Excel turns into a date).

The CSVs are written for Dutch Excel: UTF-8 with a byte-order mark (without it Excel reads
Windows-1252 and garbles ``ë``), separated by ``;`` (the list separator of the Dutch regional
settings; Excel splits a double-clicked ``.csv`` on it and leaves a comma-separated file in one
column), with ``\\r\\n`` line ends. A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return gets a leading ``'`` (OWASP's advice against CSV injection), so a note that
starts like a formula is shown as text and never run; ``read_table`` takes it off again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import methodcaller
from pathlib import Path
from typing import Any

from mdsa.errors import InputFileError
from mdsa.fileio import atomic_open, read_text

# The three missing-value markers: three different visible values, never a blank cell.
NOT_ANSWERED = "not_answered"  # the question was on the form but left empty
NOT_ASKED = "not_asked"  # the form (or this version of it) had no such question
WITHHELD = "withheld"  # removed so that no combination singles out a small group
MISSING_MARKERS = (NOT_ANSWERED, NOT_ASKED, WITHHELD)
OTHER = "other"  # an answer that is not one of the question's options

DELIMITER = ";"
MULTI_SEPARATOR = "|"  # between the codes of a multi-select answer (never the delimiter)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"

# Years in the neighbourhood: fine bands, and coarse bands that each hold whole fine bands.
YEARS_BANDS = (
    (0, 2, "0_2"),
    (3, 5, "3_5"),
    (6, 10, "6_10"),
    (11, 20, "11_20"),
    (21, 200, "21_plus"),
)
COARSE_YEARS = ((0, 10, "0_10"), (11, 200, "11_plus"))
YEARS_LABELS = {
    "0_2": "0 t/m 2 jaar",
    "3_5": "3 t/m 5 jaar",
    "6_10": "6 t/m 10 jaar",
    "11_20": "11 t/m 20 jaar",
    "21_plus": "21 jaar of langer",
    "0_10": "0 t/m 10 jaar",
    "11_plus": "11 jaar of langer",
}

# The visit period in three columns, one scheme each; a finer one is withheld when coarsened.
PERIOD_COLUMNS = ("visit_month", "visit_quarter", "visit_half_year")
YEARS_COLUMNS = ("years_in_neighbourhood", "years_in_neighbourhood_coarse")


def band(value: float, bands: Iterable[tuple[int, int, str]]) -> str:
    """The band of a number of years; ``other`` for a number outside every band."""
    return next((label for low, high, label in bands if low <= value <= high), OTHER)


def coarse_band(label: str) -> str:
    """The coarse band that holds a fine band (``3_5`` -> ``0_10``); a marker stays."""
    low = next((low for low, _, fine in YEARS_BANDS if fine == label), None)
    return label if low is None else band(low, COARSE_YEARS)


def periods(visit_date: str | None) -> dict[str, str]:
    """``2016-11-07`` -> month ``2016-M11``, quarter ``2016-Q4``, half-year ``2016-H2``."""
    if not visit_date or len(visit_date) < 7 or not visit_date[5:7].isdigit():
        return dict.fromkeys(PERIOD_COLUMNS, NOT_ANSWERED)
    year, month = visit_date[:4], int(visit_date[5:7])
    return {
        "visit_month": f"{year}-M{month:02d}",
        "visit_quarter": f"{year}-Q{(month - 1) // 3 + 1}",
        "visit_half_year": f"{year}-H{1 if month <= 6 else 2}",
    }


def guard(cell: str) -> str:
    """A cell Excel shows as text: a leading ``'`` before a formula-like start."""
    return GUARD + cell if cell.startswith(FORMULA_START) else cell


def unguard(cell: str) -> str:
    return cell[1:] if cell.startswith(GUARD) and cell[1:].startswith(FORMULA_START) else cell


def write_table(
    path: Path, header: Sequence[str], rows: Iterable[dict[str, Any]]
) -> list[list[str]]:
    """Write a CSV of the data set atomically, in the dialect described above. Returns the
    rows as written, the header first: what a CSV reader gets back from the file."""
    cells: list[list[str]] = [list(header)]
    for row in rows:
        line = list(map(str, map(row.get, header, repeat(""))))
        if any(map(methodcaller("startswith", FORMULA_START), line)):  # seldom: notes
            line = [guard(cell) for cell in line]
        cells.append(line)
    with atomic_open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n")
        writer.writerows(cells)
    return cells


def read_table(path: Path) -> list[dict[str, str]]:
    """The rows of a data set CSV as written by ``write_table`` (guards taken off); a short
    row is filled with ``""``, a blank line skipped."""
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER)
    rows: list[dict[str, str]] = []
    try:
        header = next(reader, [])
        width = len(header)
        for cells in reader:
            if not cells:
                continue
            if any(cell[:1] == GUARD for cell in cells):
                cells = [unguard(cell) for cell in cells]
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            rows.append(dict(zip(header, cells, strict=False)))
    except csv.Error as e:
        raise InputFileError(
            "cannot be read as CSV from this line on",
            path=path,
            line=reader.line_num,
            hint="write it again: mdsa anonymise",
            code="bad-csv",
        ) from e
    return rows
