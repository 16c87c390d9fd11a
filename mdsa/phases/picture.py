"""Phase 3, Beeld van de buurt: charts, working sessions, report and poster."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mdsa.project import Project

if TYPE_CHECKING:
    from mdsa.status import PhaseStatus


def status(project: Project) -> PhaseStatus:
    from mdsa.status import planning_status

    return planning_status(project, "picture", "the anonymised registrations of phase 2")
