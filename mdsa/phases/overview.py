"""``mdsa status``: where the project stands in each of the five phases, and what to do next.

Each phase module contributes its own ``PhaseStatus``; this module only puts them in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mdsa.phases.base import PhaseStatus
from mdsa.project.folder import Project
from mdsa.report import Report


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
