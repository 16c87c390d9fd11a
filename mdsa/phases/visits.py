"""Phase 2, Huisbezoeken: the homes to visit and the registrations of the conversations."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from mdsa.addresses import SubareaIndex
from mdsa.project import HOUSEHOLDS_FILE, REGISTRATIONS_FILE, Project

if TYPE_CHECKING:
    from mdsa.status import PhaseStatus


def homes_per_subarea(project: Project) -> Counter[str]:
    """How many homes of the address list lie in each subarea ('?' when unplaced)."""
    counts: Counter[str] = Counter()
    if not project.households:
        return counts
    index = SubareaIndex(project.config.subareas if project.config else {})
    for household in project.households:
        subarea = household.subarea or index.place(household.street, household.postcode).subarea
        counts[subarea or "?"] += 1
    return counts


def status(project: Project) -> PhaseStatus:
    from mdsa.status import PhaseStatus, planned, planning_fact

    start, end = planned(project, "visits")
    facts = [planning_fact(start, end)]
    homes = homes_per_subarea(project)
    if homes:
        per_area = ", ".join(f"{name} {count}" for name, count in sorted(homes.items()))
        facts.append(f"{sum(homes.values())} homes to visit ({per_area})")
        next_step = "after each visit, register the conversation in the Google Form"
    else:
        facts.append("no address list yet")
        next_step = f"put the address list in {HOUSEHOLDS_FILE}"
    registered = (project.root / REGISTRATIONS_FILE).is_file()
    facts.append("registrations imported" if registered else "no registrations imported yet")
    return PhaseStatus(
        phase="visits",
        state="in_progress" if registered else "not_started",
        facts=facts,
        next_step=next_step,
        start=start,
        end=end,
    )
