"""What every phase module shares: its ``PhaseStatus`` and the planning facts from ``mdsa.yaml``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from mdsa.project.folder import Project

State = Literal["not_started", "in_progress", "done"]

PHASE_TITLES = {
    "preparation": "1 Voorbereiding",
    "visits": "2 Huisbezoeken",
    "picture": "3 Beeld van de buurt",
    "connecting": "4 Sociaal verbinden",
    "evaluation": "5 Evaluatie",
}


@dataclass
class PhaseStatus:
    phase: str
    state: State
    facts: list[str] = field(default_factory=list)
    next_step: str | None = None
    start: date | None = None
    end: date | None = None

    @property
    def title(self) -> str:
        return PHASE_TITLES[self.phase]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["title"] = self.title
        data["start"] = self.start.isoformat() if self.start else None
        data["end"] = self.end.isoformat() if self.end else None
        return data


def planned(project: Project, phase: str) -> tuple[date | None, date | None]:
    if project.config is None:
        return None, None
    dates = getattr(project.config.phases, phase)
    return dates.start, dates.end


def planning_fact(start: date | None, end: date | None) -> str:
    if start is None:
        return "not planned yet"
    return (
        f"planned {start:%d-%m-%Y} to {end:%d-%m-%Y}" if end else f"planned from {start:%d-%m-%Y}"
    )


def planning_status(project: Project, phase: str, waiting_for: str) -> PhaseStatus:
    """The status of a phase that has no data of its own yet: its planning, and what it needs."""
    start, end = planned(project, phase)
    return PhaseStatus(
        phase=phase,
        state="not_started",
        facts=[planning_fact(start, end), f"starts from {waiting_for}"],
        start=start,
        end=end,
    )
