"""The raw table every export is turned into, and the error raised when a file cannot be read.

A ``RawExport`` is the export as the project leader would see it in a spreadsheet: the header
titles, the non-blank data rows with the row number the spreadsheet shows (header = 1), and
what was detected about the file. It knows nothing of ``forms.yaml``; mapping titles to fields
is the importer's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mdsa.errors import MdsaError

ExportKind = Literal["forms-csv", "sheet-csv", "excel-csv", "xlsx", "zip"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class RawRow:
    """One non-blank data row.

    ``number`` is the row number a spreadsheet shows (header row = 1), so a multi-line cell
    counts as one row. ``cells`` holds one value per header: the text as written, with line
    endings inside a cell made ``\\n``; ``None`` is an empty (or white-space only) cell.
    """

    number: int
    cells: tuple[str | None, ...]


@dataclass(frozen=True)
class RawProblem:
    """A problem found while reading that does not stop the import (same fields as an Issue).

    ``column``, when set, is the 1-based position of a column in ``RawExport.headers`` (a
    title may be empty or repeated); a problem outside the header's columns (``extra-cells``)
    has none and names the spreadsheet column in its message. The message never contains a
    cell value.
    """

    code: str
    severity: Severity
    message: str
    row: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class RawExport:
    """An export file read into a clean raw table.

    ``kind`` says what was detected: ``forms-csv`` (Forms > Download responses), ``zip`` (that
    download still zipped), ``sheet-csv`` (the linked Google Sheet downloaded as CSV),
    ``excel-csv`` (a CSV saved again by Excel: ``;``, cp1252 or a BOM) or ``xlsx``.
    ``member`` is the CSV inside the zip, or the sheet name of an xlsx.
    ``checkbox_separator`` is how several checkbox answers are joined in a cell: ``";"`` in
    the Forms download, ``", "`` in the linked sheet and everything made from it.
    ``blank_rows`` are the spreadsheet row numbers of blank rows above the last data row
    (above the header too; blank rows after the last data row are not part of the table).
    """

    source: Path
    member: str | None
    kind: ExportKind
    encoding: str | None
    delimiter: str | None
    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    blank_rows: tuple[int, ...]
    checkbox_separator: str
    problems: tuple[RawProblem, ...] = ()

    def column_positions(self, title: str) -> list[int]:
        """0-based positions of every column with this title (white space around it ignored)."""
        wanted = title.strip()
        return [i for i, header in enumerate(self.headers) if header == wanted]


class ExportError(MdsaError):
    """An export that cannot be read at all. The message names the file, never a cell value.

    ``code`` is a stable kebab-case identifier (``not-found``, ``bad-quoting``, ...), listed in
    ``mdsa.codes``; ``row`` is the spreadsheet row number and ``column`` the 1-based column
    where relevant. Part of the one hierarchy, so the CLI renders it like any user error.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | str,
        code: str,
        row: int | None = None,
        column: int | str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, path=path, row=row, column=column, hint=hint, code=code)
