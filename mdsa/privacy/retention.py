"""Storage limitation (AVG article 5(1)(e)): the retention date, ``mdsa purge``, and the privacy
state that ``mdsa status`` and ``mdsa readiness`` show.

The retention period is ``retention_months`` of ``privacy.yaml``, counted from the end of the
home visits (``phases.visits.end`` in ``mdsa.yaml``: the last day identifiable data was
collected) or, when that is not planned, from the last visit date in the registrations.
``purge`` deletes everything identifiable in ``private/`` (raw exports, registrations, the
address list, the review file and the pseudonymisation key, so the pseudonyms in ``data/`` can
no longer be linked to a home) and keeps the anonymised data set in ``data/``, the audit log
and the erasure register (pseudonyms only). ``private/purged.json`` records when it happened.
"""

from __future__ import annotations

import calendar
import json
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from mdsa.errors import MdsaError
from mdsa.fileio import read_text, write_text
from mdsa.project.folder import PRIVATE_DIR, REGISTRATIONS_FILE, Project

PURGED_FILE = f"{PRIVATE_DIR}/purged.json"
KEEP = ("audit.jsonl", "erasures.csv", "purged.json")  # in private/: no personal value
WARN_DAYS = 30


class RetentionError(MdsaError):
    code = "retention"


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def collected_until(project: Project) -> date | None:
    """The end of the home visits as planned, else the last visit date registered."""
    if project.config and project.config.phases.visits.end:
        return project.config.phases.visits.end
    from mdsa.intake.registrations import load_registrations

    dates = [
        r.visit_date for r in load_registrations(project.root / REGISTRATIONS_FILE) if r.visit_date
    ]
    return date.fromisoformat(max(dates)[:10]) if dates else None


def retention_until(project: Project) -> date | None:
    """The last day identifiable data may be kept; ``None`` when it cannot be told."""
    months = project.privacy.retention_months if project.privacy else None
    start = collected_until(project)
    if months is None or start is None:
        return None
    return add_months(start, months)


def purged_on(root: Path) -> date | None:
    path = root / PURGED_FILE
    if not path.is_file():
        return None
    try:
        return date.fromisoformat(json.loads(read_text(path))["purged_on"])
    except (ValueError, KeyError, TypeError):
        return None


def require_not_purged(root: Path) -> None:
    """Stop a command that would bring identifiable data back into a purged project."""
    day = purged_on(root)
    if day is not None:
        raise RetentionError(
            f"the identifiable data of this project were purged on {day:%d-%m-%Y} "
            "(mdsa purge); nothing new can be imported or derived",
            path=PURGED_FILE,
            hint="the anonymised data set in data/ is kept and can still be shared",
        )


@dataclass
class PurgeResult:
    retention_until: date | None
    forced: bool
    removed: list[str] = field(default_factory=list)
    files: int = 0
    kept: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "retention_until": self.retention_until.isoformat() if self.retention_until else None,
            "forced": self.forced,
            "removed": self.removed,
            "files_removed": self.files,
            "kept": self.kept,
        }


def purge(project: Project, *, force: bool = False, today: date | None = None) -> PurgeResult:
    """Delete the identifiable data of ``private/`` after the retention date (see the module)."""
    root = project.root
    today = today or date.today()
    require_not_purged(root)
    until = retention_until(project)
    if until is None and not force:
        raise RetentionError(
            "the retention date cannot be told: privacy.yaml needs retention_months, and "
            "mdsa.yaml the end of the home visits (phases: visits: end:)",
            path="privacy.yaml",
            hint="fill them in, or purge now anyway with: mdsa purge --force",
        )
    if until is not None and today <= until and not force:
        raise RetentionError(
            f"the retention period ends on {until:%d-%m-%Y}; identifiable data may be kept "
            "until then and nothing was deleted",
            path="privacy.yaml",
            hint="to delete them earlier (a resident's request, the project ended): "
            "mdsa purge --force",
        )
    private = root / PRIVATE_DIR
    result = PurgeResult(retention_until=until, forced=force and (until is None or today <= until))
    for path in sorted(private.iterdir()) if private.is_dir() else []:
        if path.name in KEEP:
            result.kept.append(f"{PRIVATE_DIR}/{path.name}")
            continue
        if path.is_dir():
            result.files += sum(1 for p in path.rglob("*") if p.is_file())
            shutil.rmtree(path)
        else:
            result.files += 1
            path.unlink()
        result.removed.append(f"{PRIVATE_DIR}/{path.name}")
    record = {
        "purged_on": today.isoformat(),
        "retention_until": until.isoformat() if until else None,
        "forced": result.forced,
        "files_removed": result.files,
    }
    write_text(root / PURGED_FILE, json.dumps(record, indent=2) + "\n")
    result.kept = sorted({*result.kept, PURGED_FILE})
    return result


@dataclass
class PrivacyState:
    """What ``mdsa status`` and ``mdsa readiness`` say about privacy."""

    locked: bool
    git_ignored: bool
    retention_until: date | None
    purged_on: date | None
    erasures: int | None  # None: locked, cannot be read
    last_audit: dict[str, str] | None
    audit_intact: bool | None
    today: date

    @property
    def days_left(self) -> int | None:
        if self.retention_until is None:
            return None
        return (self.retention_until - self.today).days

    def warnings(self) -> list[str]:
        found = []
        if not self.git_ignored:
            found.append("private/ is not in .gitignore: it could end up in version control")
        if self.purged_on is None and self.days_left is not None:
            if self.days_left < 0:
                found.append(
                    f"the retention period ended on {self.retention_until:%d-%m-%Y}: "
                    "delete the identifiable data with mdsa purge"
                )
            elif self.days_left <= WARN_DAYS:
                found.append(
                    f"the retention period ends in {self.days_left} day(s), on "
                    f"{self.retention_until:%d-%m-%Y}: then run mdsa purge"
                )
        if self.audit_intact is False:
            found.append("the audit log was changed after it was written: run mdsa audit")
        return found

    def facts(self) -> list[str]:
        facts = ["private/ locked (mdsa unlock to work)" if self.locked else "private/ unlocked"]
        facts.append("private/ kept out of git" if self.git_ignored else "private/ NOT git-ignored")
        if self.purged_on:
            facts.append(f"identifiable data purged on {self.purged_on:%d-%m-%Y}")
        elif self.retention_until:
            facts.append(f"identifiable data kept until {self.retention_until:%d-%m-%Y}")
        else:
            facts.append("no retention date (retention_months in privacy.yaml, visits end)")
        if self.erasures is not None:
            facts.append(f"{self.erasures} erasure(s)")
        if self.last_audit:
            facts.append(
                f"last audit entry {self.last_audit['when']} ({self.last_audit['command']})"
            )
        elif not self.locked:
            facts.append("no audit entries yet")
        return facts

    def to_dict(self) -> dict[str, Any]:
        return {
            "locked": self.locked,
            "git_ignored": self.git_ignored,
            "retention_until": self.retention_until.isoformat() if self.retention_until else None,
            "days_left": self.days_left,
            "purged_on": self.purged_on.isoformat() if self.purged_on else None,
            "erasures": self.erasures,
            "last_audit": self.last_audit,
            "audit_intact": self.audit_intact,
            "warnings": self.warnings(),
        }


def privacy_state(project: Project, *, today: date | None = None) -> PrivacyState:
    from mdsa.errors import InputFileError
    from mdsa.privacy.audit import read_log
    from mdsa.privacy.erasure import ErasureRegister
    from mdsa.privacy.vault import is_locked

    root = project.root
    locked = is_locked(root)
    gitignore = root / ".gitignore"
    lines = read_text(gitignore).splitlines() if gitignore.is_file() else []
    ignored = any(line.strip().strip("/") == "private" for line in lines)
    last: dict[str, str] | None = None
    intact: bool | None = None
    erasures: int | None = None
    if not locked:
        try:
            log = read_log(root)
        except InputFileError:
            intact = False
        else:
            intact = log.intact
            if log.last:
                last = {"when": str(log.last.get("when")), "command": str(log.last.get("command"))}
        try:
            erasures = len(ErasureRegister(root))
        except InputFileError:
            erasures = None
    until: date | None = None
    if not locked or (project.config and project.config.phases.visits.end):
        until = retention_until(project)
    return PrivacyState(
        locked=locked,
        git_ignored=ignored,
        retention_until=until,
        purged_on=purged_on(root),
        erasures=erasures,
        last_audit=last,
        audit_intact=intact,
        today=today or date.today(),
    )
