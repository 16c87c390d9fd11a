"""``mdsa actions export``: the action list as workbooks, for partners and for the team.

``output/actions.xlsx`` holds pseudonyms only, with descriptions and notes scrubbed again (notes
are typed by hand) and overdue open actions highlighted; it is scanned before it is reported and
removed on a finding. ``private/actions-adressen.xlsx`` adds each home's address and is only
ever written inside ``private/``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.errors import MdsaError, PrivacyError
from mdsa.phases.actions import (
    ACTIONS_FILE,
    PRIVATE_XLSX,
    SHARED_XLSX,
    STATUS_LABELS,
    TYPE_LABELS,
    Action,
    cell_text,
    load_actions,
    project_key,
    scrubber_for,
    summary,
)
from mdsa.project.folder import Project

if TYPE_CHECKING:
    from mdsa.intake.registrations import Registration


@dataclass
class ExportResult:
    actions: int = 0
    overdue: int = 0
    files: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


EXPORT_HEADER = (
    "nummer",
    "soort",
    "huishouden",
    "subbuurt",
    "omschrijving",
    "eigenaar",
    "status",
    "deadline",
    "te laat",
    "notities",
)


def export_actions(project: Project, *, today: date | None = None) -> ExportResult:
    """``output/actions.xlsx`` for partners (pseudonyms, scrubbed text, overdue highlighted)
    and ``private/actions-adressen.xlsx`` with each home's address for the team itself.

    The shared workbook is scanned before it is reported; on a finding it is removed."""
    from mdsa.documents.workbook import Cell, Sheet, write_workbook
    from mdsa.privacy.pseudonyms import pseudonym

    today = today or date.today()
    actions = sorted(load_actions(project.root), key=lambda a: a.id)
    if not actions:
        raise MdsaError(
            "the action list is empty",
            path=project.root / ACTIONS_FILE,
            hint=f"take them over from the registrations: mdsa actions create {project.root}",
        )
    scrubber = scrubber_for(project)
    key = project_key(project.root)
    homes = {pseudonym(key, h.key): h for h in project.households or []}
    shared_rows: list[list[Cell]] = []
    private_rows: list[list[Cell]] = []
    for action in actions:
        first: list[Cell] = [action.id, TYPE_LABELS[action.type], action.household]
        rest: list[Cell] = [action.owner, STATUS_LABELS[action.status], cell_text(action.due)]
        rest.append("ja" if action.overdue(today) else "")
        scrubbed = [scrubber.scrub(action.description).text, scrubber.scrub(action.notes).text]
        shared_rows.append([*first, action.subarea, scrubbed[0], *rest, scrubbed[1]])
        home = homes.get(action.household)
        address = [f"{home.street} {home.house_number}", home.postcode or ""] if home else ["", ""]
        private_rows.append(
            [*first, *address, action.subarea, action.description, *rest, action.notes]
        )
    overdue = [i for i, a in enumerate(actions) if a.overdue(today)]
    wrap = ("omschrijving", "notities")
    totals = Sheet("open per eigenaar", *_summary_table(actions))
    shared = project.root / SHARED_XLSX
    write_workbook(
        shared,
        [Sheet("actielijst", EXPORT_HEADER, shared_rows, wrap=wrap, highlight=overdue), totals],
    )
    scan_or_remove(project, [shared])
    header = (*EXPORT_HEADER[:3], "adres", "postcode", *EXPORT_HEADER[3:])
    write_workbook(
        project.root / PRIVATE_XLSX,
        [Sheet("actielijst", header, private_rows, wrap=wrap, highlight=overdue), totals],
    )
    return ExportResult(len(actions), len(overdue), [SHARED_XLSX, PRIVATE_XLSX])


def _summary_table(actions: Sequence[Action]) -> tuple[list[str], list[list[str | int]]]:
    table = summary(actions)
    owners = sorted({owner for counts in table.values() for owner in counts})
    header = ["soort", *(o or "(nog niemand)" for o in owners), "totaal"]
    rows: list[list[str | int]] = [
        [TYPE_LABELS[kind], *(counts.get(o, 0) for o in owners), sum(counts.values())]
        for kind, counts in table.items()
    ]
    return header, rows


def scan_or_remove(
    project: Project,
    paths: Sequence[Path],
    hint: str = "correct the descriptions and notes in private/actions.csv, then export again",
    registrations: list[Registration] | None = None,
) -> None:
    """The library's gate: shared files with a finding are removed, never reported written.

    ``registrations`` already loaded spare loading them again for the scan's known names."""
    from mdsa.privacy.known import collect_known
    from mdsa.privacy.scan import scan_files
    from mdsa.privacy.scan_detect import Detector

    detector = Detector(collect_known(project, registrations))
    result = scan_files(detector, project.root, paths)
    if result.findings:
        for path in paths:
            path.unlink(missing_ok=True)
        first = Path(result.findings[0].file)
        raise PrivacyError(
            f"the scan found {len(result.findings)} possible identifier(s) in this shared "
            "file, so no shared file was written",
            path=first,
            hint=hint,
        )
