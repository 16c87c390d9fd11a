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


class MdsaError(Exception):
    """A problem the user can fix: bad input, a missing file, a refused privacy breach."""

    code = "error"

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: str | int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(str(self))

    @property
    def location(self) -> str:
        if self.path is None:
            return ""
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        if self.column is not None:
            where += (
                f" (column {self.column})" if isinstance(self.column, str) else f":{self.column}"
            )
        return where

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class ProjectNotFoundError(MdsaError):
    code = "project-not-found"


class ProjectExistsError(MdsaError):
    code = "project-exists"


class InputFileError(MdsaError):
    """A file that cannot be read or parsed at all (missing, unreadable, bad syntax)."""

    code = "input-file"


class PrivacyError(MdsaError):
    """A command refused because it would move identifying data out of ``private/``."""

    code = "privacy"


class ReportError(MdsaError):
    """A file with several problems: the CLI prints each issue of ``report``."""

    code = "report"

    def __init__(self, message: str, report: Report, **where: Any) -> None:
        self.report = report
        super().__init__(message, **where)
