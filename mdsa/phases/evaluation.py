"""Phase 5, Evaluatie: interim evaluations, neighbourhood-values rounds, stories, ripples."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mdsa.project import Project

if TYPE_CHECKING:
    from mdsa.status import PhaseStatus


def status(project: Project) -> PhaseStatus:
    from mdsa.status import planning_status

    return planning_status(project, "evaluation", "the activities of phase 4")
