"""Phase 3, Beeld van de buurt: charts, working sessions, report and poster."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mdsa.project.folder import Project

if TYPE_CHECKING:
    from mdsa.phases.base import PhaseStatus


def status(project: Project) -> PhaseStatus:
    from mdsa.phases.base import planning_status

    return planning_status(project, "picture", "the anonymised registrations of phase 2")
