"""Collected data problems: every check adds an ``Issue``; nothing is raised for bad data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from mdsa.errors import format_location

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One problem with a stable kebab-case ``code`` and a location a person can open.

    ``line`` is a line in a YAML file, ``row`` the row number a spreadsheet shows (header = 1);
    ``column`` is a column's title (or its 1-based position), or with ``line`` the character.
    ``message`` never contains the value of a private cell.
    """

    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    row: int | None = None
    column: str | int | None = None
    hint: str | None = None

    @property
    def location(self) -> str:
        where = format_location(self.file, line=self.line, row=self.row, column=self.column)
        return where or "project"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)

    def add(self, code: str, severity: Severity, message: str, **where: Any) -> None:
        self.issues.append(Issue(code, severity, message, **where))

    def error(self, code: str, message: str, **where: Any) -> None:
        self.add(code, "error", message, **where)

    def warning(self, code: str, message: str, **where: Any) -> None:
        self.add(code, "warning", message, **where)

    def extend(self, other: Report) -> None:
        self.issues.extend(other.issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Issue]:
        return sorted(
            self.issues,
            key=lambda i: (i.file or "", i.line or 0, i.row or 0, str(i.column or ""), i.code),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [i.to_dict() for i in self.sorted()],
        }
