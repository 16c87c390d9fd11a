"""Phase 5, Evaluatie: interim evaluations, neighbourhood-values rounds, stories, ripples."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mdsa.project.folder import Project

if TYPE_CHECKING:
    from mdsa.phases.base import PhaseStatus


def status(project: Project) -> PhaseStatus:
    from mdsa.phases.base import planning_status

    return planning_status(project, "evaluation", "the activities of phase 4")
