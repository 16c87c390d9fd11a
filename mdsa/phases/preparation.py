"""Phase 1, Voorbereiding: scaffold a project folder and check it is ready for the home visits."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from mdsa.errors import OutputFileError, ProjectExistsError
from mdsa.fileio import write_text
from mdsa.project.folder import (
    COMMUNICATION_FILE,
    HOUSEHOLDS_FILE,
    PARTNERS_FILE,
    PRIVACY_FILE,
    PROJECT_FILE,
    TEAM_FILE,
    Project,
)
from mdsa.report import Report

if TYPE_CHECKING:
    from mdsa.phases.base import PhaseStatus

# Scaffold: file in the project -> built-in template it is made from.
SCAFFOLD: dict[str, str] = {
    PROJECT_FILE: "mdsa.yaml",
    TEAM_FILE: "team.yaml",
    PARTNERS_FILE: "partners.yaml",
    PRIVACY_FILE: "privacy.yaml",
    COMMUNICATION_FILE: "communication.yaml",
    ".gitignore": "gitignore",
    HOUSEHOLDS_FILE: "address_list.csv",
    "templates/README.md": "templates-README.md",
}


def default_neighbourhood(folder: Path) -> str:
    """``lankforst-2026`` -> ``Lankforst``: the folder name without a year, as words."""
    words = re.split(r"[-_\s]+", folder.resolve().name)
    words = [w for w in words if w and not re.fullmatch(r"(19|20)\d\d", w)]
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Buurt"


def _check_folder_can_be_made(folder: Path) -> None:
    """Refuse before writing anything when ``folder`` or a folder above it is a file."""
    for path in (folder, *folder.parents):
        if path.exists():
            if not path.is_dir():
                what = "is a file" if path == folder else "is a file, not a folder"
                raise OutputFileError(
                    f"{what}, so mdsa init cannot make the project folder here; "
                    "nothing was changed",
                    path=path,
                    hint="choose a folder name that is not taken by a file",
                )
            return


def init_project(
    folder: Path,
    *,
    neighbourhood: str | None = None,
    municipality: str | None = None,
    add_missing: bool = False,
) -> list[Path]:
    """Write a commented, valid project folder; return the files written.

    Refuses to touch an existing project unless ``add_missing``, which writes only the
    scaffold files that are missing and never overwrites one.
    """
    _check_folder_can_be_made(folder)
    exists = (folder / PROJECT_FILE).exists()
    if exists and not add_missing:
        raise ProjectExistsError(
            f"there is already a project here ({PROJECT_FILE} exists); nothing was changed",
            path=folder,
            hint=f"to add only the files that are missing: mdsa init {folder} --add-missing",
        )
    if not exists and folder.exists() and any(folder.iterdir()) and not add_missing:
        raise ProjectExistsError(
            "the folder is not empty; mdsa init only writes into a new or empty folder",
            path=folder,
            hint="choose a new folder name",
        )
    neighbourhood = neighbourhood or default_neighbourhood(folder)
    values = {
        "name": json.dumps(f"Meer dan Steen Alleen {neighbourhood}", ensure_ascii=False),
        "neighbourhood": json.dumps(neighbourhood, ensure_ascii=False),
        "municipality": json.dumps(municipality, ensure_ascii=False) if municipality else "",
    }
    templates = resources.files("mdsa") / "templates" / "project"
    written: list[Path] = []
    for target, source in SCAFFOLD.items():
        path = folder / target
        if path.exists():
            continue
        text = Template(templates.joinpath(source).read_text(encoding="utf-8"))
        # Comments mention the neighbourhood as plain text, keys get a quoted YAML string.
        plain = {**values, "neighbourhood": neighbourhood} if source != "mdsa.yaml" else values
        write_text(path, text.safe_substitute(plain))
        written.append(path)
    return written


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    label: str
    ok: bool
    detail: str
    next_step: str | None = None


@dataclass
class Readiness:
    items: list[ReadinessItem] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return all(item.ok for item in self.items)

    @property
    def done(self) -> int:
        return sum(item.ok for item in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {"ready": self.ready, "items": [asdict(item) for item in self.items]}


def readiness(project: Project, report: Report) -> Readiness:
    """The handbook's phase-1 checklist, one item per condition, each with the next step."""
    from mdsa.project.models import CORE_KINDS, FIELD_ROLES, PHASES, VISITING_ROLES

    items = Readiness()

    def add(key: str, label: str, ok: bool, detail: str, next_step: str | None) -> None:
        items.items.append(ReadinessItem(key, label, ok, detail, None if ok else next_step))

    errors = len(report.errors)
    add(
        "valid",
        "Project files are valid",
        errors == 0,
        "no errors" if errors == 0 else f"{errors} error(s) in the project files",
        f"run: mdsa validate {project.root}",
    )

    partners = project.partners.organisations if project.partners else []
    missing_kinds = [k for k in CORE_KINDS if not any(p.kind == k for p in partners)]
    unsigned = [p.name for p in partners if p.kind in CORE_KINDS and p.agreement is None]
    core_detail = (
        "missing: " + ", ".join(_KIND_NL[k] for k in missing_kinds)
        if missing_kinds
        else ("no signed agreement yet: " + ", ".join(unsigned) if unsigned else "all signed")
    )
    add(
        "core_partners",
        "Core partners with agreements (woningcorporatie, welzijnsorganisatie, aannemer)",
        not missing_kinds and not unsigned,
        core_detail,
        f"add the missing partners to {PARTNERS_FILE} with the date their agreement was signed",
    )

    members = project.team.members if project.team else []
    leaders = [m for m in members if m.role == "project_leader"]
    add(
        "project_leader",
        "One project leader (projectleider)",
        len(leaders) == 1,
        f"{len(leaders)} project leader(s)",
        f"give exactly one member of {TEAM_FILE} the role project_leader",
    )

    empty_roles = [r for r in FIELD_ROLES if not any(m.role == r for m in members)]
    add(
        "field_roles",
        "Every field role filled",
        not empty_roles,
        "all filled" if not empty_roles else "nobody as " + ", ".join(empty_roles),
        f"add a member for each missing role to {TEAM_FILE}",
    )

    visitors = [m for m in members if m.role in VISITING_ROLES]
    untrained = [m for m in visitors if m.trained is None]
    add(
        "trained",
        "Visiting staff trained for the social conversation (bijlage 4)",
        bool(visitors) and not untrained,
        f"{len(visitors) - len(untrained)} of {len(visitors)} trained",
        f"fill in 'trained:' in {TEAM_FILE} after the training",
    )

    add(
        "privacy_plan",
        "Privacy plan complete (bijlage 3)",
        *_privacy_gaps(project),
        f"complete {PRIVACY_FILE}",
    )

    plan = project.communication
    comm_gaps = [
        name
        for name, present in (
            ("audiences", bool(plan and plan.audiences)),
            ("channels", bool(plan and plan.channels)),
            ("newsletter", bool(plan and plan.newsletter)),
        )
        if not present
    ]
    add(
        "communication_plan",
        "Communication plan",
        not comm_gaps,
        "complete" if not comm_gaps else "missing: " + ", ".join(comm_gaps),
        f"fill in {COMMUNICATION_FILE}, preferably with the residents' project group",
    )

    groups = [p for p in partners if p.kind == "residents"]
    add(
        "residents_group",
        "Residents' project group (bewonersprojectgroep)",
        bool(groups),
        groups[0].name if groups else "none yet",
        f"add the residents' project group to {PARTNERS_FILE} with kind: residents",
    )

    phases = project.config.phases if project.config else None
    unplanned = [name for name in PHASES if phases is None or getattr(phases, name).start is None]
    add(
        "planning",
        "A planning: a start date for each of the five phases (bijlage 2)",
        not unplanned,
        "all phases planned" if not unplanned else "no start date: " + ", ".join(unplanned),
        f"fill in phases: in {PROJECT_FILE}",
    )

    households = project.households or []
    add(
        "households",
        "Address list of the homes to visit",
        bool(households),
        f"{len(households)} homes" if households else "empty or missing",
        f"put the address list in {HOUSEHOLDS_FILE}",
    )
    return items


_KIND_NL = {
    "housing_corporation": "woningcorporatie",
    "welfare": "welzijnsorganisatie",
    "contractor": "aannemer",
}


def _privacy_gaps(project: Project) -> tuple[bool, str]:
    plan = project.privacy
    if plan is None:
        return False, f"{PRIVACY_FILE} could not be read"
    required = {
        "purposes": bool(plan.purposes),
        "data_collected": bool(plan.data_collected),
        "raw_data_access": bool(plan.raw_data_access),
        "storage": bool(plan.storage),
        "retention_months": plan.retention_months is not None,
        "legal_basis": plan.legal_basis is not None,
        "resident_contact": bool(plan.resident_contact),
        "leaflet": plan.leaflet,
    }
    gaps = [name for name, present in required.items() if not present]
    return not gaps, "complete" if not gaps else "missing: " + ", ".join(gaps)


def status(project: Project, report: Report) -> PhaseStatus:
    from mdsa.phases.base import PhaseStatus, planned, planning_fact

    check = readiness(project, report)
    start, end = planned(project, "preparation")
    first_open = next((item for item in check.items if not item.ok), None)
    facts = [f"checklist {check.done} of {len(check.items)} done", planning_fact(start, end)]
    if first_open is not None:
        facts.append(f"open: {first_open.label.lower()} ({first_open.detail})")
    return PhaseStatus(
        phase="preparation",
        state="done" if check.ready else ("in_progress" if check.done else "not_started"),
        facts=facts,
        next_step=first_open.next_step if first_open else None,
        start=start,
        end=end,
    )
