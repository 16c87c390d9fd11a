"""Phase 4, Sociaal verbinden: the action plan with residents and its activities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mdsa.project.folder import Project

if TYPE_CHECKING:
    from mdsa.phases.base import PhaseStatus


def status(project: Project) -> PhaseStatus:
    from mdsa.phases.base import planning_status

    return planning_status(project, "connecting", "the picture of the neighbourhood of phase 3")
