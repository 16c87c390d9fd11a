"""``mdsa status``: where the project stands in each of the five phases, and what to do next.

Each phase module contributes its own ``PhaseStatus``; this module only puts them in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mdsa.phases.base import PhaseStatus
from mdsa.project.folder import Project
from mdsa.report import Report

if TYPE_CHECKING:
    from mdsa.privacy.retention import PrivacyState


@dataclass
class ProjectStatus:
    name: str
    phases: list[PhaseStatus]
    errors: int
    privacy: PrivacyState | None = None

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
            "privacy": self.privacy.to_dict() if self.privacy else None,
        }


def project_status(project: Project, report: Report) -> ProjectStatus:
    from mdsa.phases import connecting, evaluation, picture, preparation, visits
    from mdsa.privacy.retention import privacy_state

    phases = [
        preparation.status(project, report),
        visits.status(project),
        picture.status(project),
        connecting.status(project),
        evaluation.status(project),
    ]
    return ProjectStatus(
        name=project.name,
        phases=phases,
        errors=len(report.errors),
        privacy=privacy_state(project),
    )
