"""One error hierarchy for user errors; the CLI renders them once (see ``mdsa.cli``).

Errors build their message from structured arguments and never include the value of a
private cell: they say where the problem is (file, line or row, column) and how to fix it.
Real bugs are not ``MdsaError`` and keep their traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mdsa.report import Report


def format_location(
    file: Path | str | None,
    *,
    line: int | None = None,
    row: int | None = None,
    column: str | int | None = None,
) -> str:
    """The one way mdsa writes where a problem is; ``""`` when there is no file.

    ``file:12`` is line 12 of a text file (YAML), ``file:12:5`` adds the character position;
    ``file:row 3`` is the row a spreadsheet shows (header = 1); ``(column street)`` names a
    column by its title, ``(column 4)`` by its position when it has no usable title.
    """
    if file is None:
        return ""
    where = str(file)
    if line is not None:
        where += f":{line}"
        if isinstance(column, int):
            return f"{where}:{column}"
    if row is not None:
        where += f":row {row}"
    if column is not None and column != "":
        where += f" (column {column})"
    return where


class MdsaError(Exception):
    """A problem the user can fix: bad input, a missing file, a refused privacy breach.

    ``code`` is a stable kebab-case code listed in ``mdsa.codes``; a subclass sets it for all
    its errors, an error raised from a reader may carry its own (``ExportError``).
    """

    code = "error"

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        row: int | None = None,
        column: str | int | None = None,
        hint: str | None = None,
        code: str | None = None,
    ) -> None:
        if code is not None:
            self.code = code
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.row = row
        self.column = column
        self.hint = hint
        super().__init__(str(self))

    @property
    def location(self) -> str:
        return format_location(self.path, line=self.line, row=self.row, column=self.column)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    def to_dict(self) -> dict[str, Any]:
        """The same fields as a report ``Issue``, so ``--json`` has one shape for problems."""
        return {
            "code": self.code,
            "severity": "error",
            "message": self.message,
            "file": str(self.path) if self.path is not None else None,
            "line": self.line,
            "row": self.row,
            "column": self.column,
            "hint": self.hint,
        }


class ProjectNotFoundError(MdsaError):
    code = "project-not-found"


class ProjectExistsError(MdsaError):
    code = "project-exists"


class InputFileError(MdsaError):
    """A file that cannot be read or parsed at all (missing, unreadable, bad syntax)."""

    code = "input-file"


class OutputFileError(MdsaError):
    """A file or folder that cannot be written (read-only, a file where a folder should be)."""

    code = "unwritable-file"


class PrivacyError(MdsaError):
    """A command refused because it would move identifying data out of ``private/``."""

    code = "privacy"


class ReportError(MdsaError):
    """A file with several problems: the CLI prints each issue of ``report``."""

    code = "report"

    def __init__(self, message: str, report: Report, **where: Any) -> None:
        self.report = report
        super().__init__(message, **where)
