"""``mdsa status``: where the project stands in each of the five phases, and what to do next.

Each phase module contributes its own ``PhaseStatus``; this module only puts them in order.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from mdsa.project import Project
from mdsa.report import Report

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


@dataclass
class ProjectStatus:
    name: str
    phases: list[PhaseStatus]
    errors: int

    @property
    def next_step(self) -> str | None:
        for phase in self.phases:
            if phase.state != "done" and phase.next_step:
                return phase.next_step
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "errors": self.errors,
            "next_step": self.next_step,
            "phases": [p.to_dict() for p in self.phases],
        }


def project_status(project: Project, report: Report) -> ProjectStatus:
    from mdsa.phases import connecting, evaluation, picture, preparation, visits

    phases = [
        preparation.status(project, report),
        visits.status(project),
        picture.status(project),
        connecting.status(project),
        evaluation.status(project),
    ]
    return ProjectStatus(name=project.name, phases=phases, errors=len(report.errors))


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
