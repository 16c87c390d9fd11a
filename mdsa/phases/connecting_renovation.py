"""Phase 4's files held against the rest of the project: ``renovation.yaml`` against the
``block`` and ``renovation_week`` columns of the address list, and the part of ``mdsa validate``
that checks ``actionplan.yaml`` and ``renovation.yaml`` (the messages of ``mdsa plan``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from mdsa.phases.connecting_plan import ACTIONPLAN_FILE, RENOVATION_FILE, parse_week
from mdsa.project.folder import Household, Project
from mdsa.report import Report

if TYPE_CHECKING:
    from mdsa.phases.connecting import LoadedPlan


def _week_of(text: str) -> date | None:
    """The Monday of the week an address list's ``renovation_week`` names (``2017-W11`` or a
    date in it); ``None`` when it names none."""
    try:
        monday = parse_week(text, 1)
        if monday is None:
            day = date.fromisoformat(text.strip())
            monday = day - timedelta(days=day.weekday())
    except ValueError:
        return None
    return monday


def check_renovation_households(project: Project, loaded: LoadedPlan, report: Report) -> None:
    """Hold renovation.yaml against the ``block`` and ``renovation_week`` columns of the address
    list, when it has them: a block in one and not the other, or a week outside the block's
    weeks, is a warning naming the block (a block id is no identifier; an address is never
    named)."""
    from mdsa.project.folder import HOUSEHOLDS_FILE

    schedule = loaded.renovation
    households = [h for h in project.households or [] if h.block]
    if schedule is None or not schedule.blocks or not households:
        return  # nothing to hold against each other yet
    planned = {b.name.strip().casefold(): (i, b) for i, b in enumerate(schedule.blocks)}
    homes: dict[str, list[Household]] = {}
    for household in households:
        homes.setdefault(str(household.block).strip().casefold(), []).append(household)
    for key, (index, block) in planned.items():
        if key not in homes:
            report.warning(
                "renovation-block-missing",
                f"block '{block.name}' has no homes in the address list",
                file=RENOVATION_FILE,
                line=loaded.line(RENOVATION_FILE, "blocks", index, "name"),
                hint=f"check the block column of {HOUSEHOLDS_FILE}, or the block's name",
            )
    for key, members in homes.items():
        if key not in planned:
            report.warning(
                "renovation-block-missing",
                f"block '{members[0].block}' of the address list ({len(members)} "
                f"home{'s' if len(members) > 1 else ''}) is "
                f"not in {RENOVATION_FILE}",
                file=HOUSEHOLDS_FILE,
                row=members[0].row,
                column="block",
                hint=f"add its weeks to {RENOVATION_FILE}",
            )
            continue
        index, block = planned[key]
        outside: list[date] = []
        for household in members:
            if not household.renovation_week:
                continue
            week = _week_of(household.renovation_week)
            if week is None:
                report.warning(
                    "bad-week",
                    "the renovation week is not a week (2017-W11) or a date",
                    file=HOUSEHOLDS_FILE,
                    row=household.row,
                    column="renovation_week",
                )
            elif not block.start - timedelta(days=6) <= week <= block.end:
                outside.append(week)
        if outside:
            weeks = sorted({f"{w:%G-W%V}" for w in outside})
            counted = f"{len(outside)} home" + ("s" if len(outside) > 1 else "")
            report.warning(
                "renovation-week-mismatch",
                f"the address list puts {counted} of block '{block.name}' in "
                f"{', '.join(weeks)}, outside its weeks in {RENOVATION_FILE} "
                f"({block.start:%G-W%V} to {block.end:%G-W%V})",
                file=RENOVATION_FILE,
                line=loaded.line(RENOVATION_FILE, "blocks", index, "start"),
                hint=f"correct the weeks here or the renovation_week column of {HOUSEHOLDS_FILE}",
            )


def check_plan_files(project: Project, report: Report) -> LoadedPlan:
    """``mdsa validate``'s part of phase 4: actionplan.yaml and renovation.yaml when they
    exist, with the same messages as ``mdsa plan`` (the themes are ``mdsa plan``'s to check),
    and renovation.yaml against the address list."""
    from mdsa.phases.connecting import check_plan, load_plan

    loaded = load_plan(project, report)
    if loaded.plan is not None or ACTIONPLAN_FILE in loaded.documents:
        check_plan(project, loaded, None, report)
    check_renovation_households(project, loaded, report)
    return loaded
