"""Checks of a written data set (data/) that several tests share."""

from __future__ import annotations

import re
from pathlib import Path

from mdsa.privacy.codebook import CODEBOOK_FILE
from mdsa.privacy.dataset import (
    MISSING_MARKERS,
    MULTI_SEPARATOR,
    PERIOD_COLUMNS,
    YEARS_COLUMNS,
    read_table,
)

# The values each column of a scheme may hold, besides the missing-value markers.
SCHEMES = {
    "visit_month": r"\d{4}-M(0[1-9]|1[0-2])",
    "visit_quarter": r"\d{4}-Q[1-4]",
    "visit_half_year": r"\d{4}-H[12]",
    "years_in_neighbourhood": r"0_2|3_5|6_10|11_20|21_plus|other",
    "years_in_neighbourhood_coarse": r"0_10|11_plus|other",
}
FREE_COLUMNS = {"household", "text", "field", *PERIOD_COLUMNS}


def shared_text(folder: Path) -> str:
    """Everything in data/ as text: the CSVs, and every cell of every workbook."""
    from openpyxl import load_workbook

    parts = []
    for path in sorted((folder / "data").iterdir()):
        if path.suffix == ".xlsx":
            workbook = load_workbook(path, read_only=True)
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    parts.extend(str(v) for v in row if v is not None)
            workbook.close()
        else:
            parts.append(path.read_text(encoding="utf-8-sig"))
    return "\n".join(parts)


def assert_one_scheme_per_column(rows: list[dict[str, str]]) -> None:
    """Each period and years column holds one kind of value, and a finer column is shown only
    where its coarser columns are shown too."""
    for row in rows:
        for column, pattern in SCHEMES.items():
            if column not in row:
                continue  # text_blocks has the period, not the years
            value = row[column]
            assert value in MISSING_MARKERS or re.fullmatch(pattern, value), (column, value)
        for scheme in (PERIOD_COLUMNS, YEARS_COLUMNS):
            shown = [row[c] not in MISSING_MARKERS for c in scheme if c in row]
            assert shown == sorted(shown), ("a finer column beside a withheld coarser one", row)


def assert_codebook_covers(folder: Path) -> None:
    """Every column of both CSVs is in the codebook, and every value of a coded column (each
    code of a multi answer) is one of the codes the codebook lists for it."""
    book = read_table(folder / CODEBOOK_FILE)
    for file in ("visits", "text_blocks"):
        rows = read_table(folder / "data" / f"{file}.csv")
        codes: dict[str, set[str]] = {}
        for entry in book:
            if entry["file"] == file:
                codes.setdefault(entry["column"], set()).add(entry["code"])
        assert set(rows[0]) <= set(codes), set(rows[0]) - set(codes)
        for column in rows[0]:
            if column in FREE_COLUMNS or column.startswith("scale."):
                continue
            for row in rows:
                for value in row[column].split(MULTI_SEPARATOR):
                    assert value in codes[column], (file, column, value)
        for row in rows:
            assert all(value != "" for value in row.values()), "no blank cell"
