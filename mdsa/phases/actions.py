"""The action list (directe acties, handbook fase 2): follow-up per signal, with owner and status.

The list is ``private/actions.csv``, a plain CSV the project leader may edit by hand (Excel's
``;`` and Windows-1252 are read too). It lives in ``private/`` because it links a household to a
care signal, and because its notes are typed by hand and never went through the scrubber. It
holds no address: a household is its pseudonym (as in ``data/visits.csv``) and a visit its own
keyed pseudonym (``V-...``), so an entry is keyed by visit and type. ``mdsa actions create`` adds
an entry for every action type of every imported visit; run again after a new import it adds
only the new ones and leaves every row already there, hand edits included, as it is.

Partners get ``output/actions.xlsx`` (``mdsa.phases.actions_export``): pseudonyms only,
descriptions and notes scrubbed again, checked by the scan before it is reported. The version
with addresses is written only inside ``private/``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.errors import MdsaError, ReportError
from mdsa.fileio import atomic_open, read_text
from mdsa.intake.forms.mapping import ACTION_CODES
from mdsa.project.folder import PRIVATE_DIR, REGISTRATIONS_FILE, Project
from mdsa.report import Report

if TYPE_CHECKING:
    from mdsa.intake.registrations import Registration
    from mdsa.privacy.scrub import Scrubber

ACTIONS_FILE = f"{PRIVATE_DIR}/actions.csv"
SHARED_XLSX = "output/actions.xlsx"
PRIVATE_XLSX = f"{PRIVATE_DIR}/actions-adressen.xlsx"

COLUMNS = (
    "id",
    "type",
    "household",
    "subarea",
    "description",
    "owner",
    "status",
    "due",
    "notes",
    "visit",
    "created",
)
TYPES: tuple[str, ...] = ACTION_CODES
STATUSES = ("open", "in_progress", "done", "declined")
OPEN_STATUSES = ("open", "in_progress")
TYPE_LABELS = {
    "care_signal": "Zorgsignaal",
    "wellbeing_question": "Welzijnsvraag",
    "housing_question": "Woonvraag",
    "participation_chance": "Participatiekans",
}
STATUS_LABELS = {
    "open": "open",
    "in_progress": "in behandeling",
    "done": "afgerond",
    "declined": "afgewezen door bewoner",
}
# Days from the visit to the due date: a care signal cannot wait, a chance to take part can.
DUE_DAYS = {
    "care_signal": 7,
    "wellbeing_question": 14,
    "housing_question": 14,
    "participation_chance": 28,
}
# The partner kinds that pick up each type, first choice first (handbook fase 2: care goes to
# the social district team, wellbeing and taking part to the community workers, the home to
# the corporation).
OWNER_KINDS = {
    "care_signal": ("district_team", "care", "welfare"),
    "wellbeing_question": ("welfare",),
    "housing_question": ("housing_corporation", "contractor"),
    "participation_chance": ("welfare", "residents"),
}
# The notes a description is taken from, most telling first.
TEXT_SOURCES = {
    "care_signal": ("text.person_obstacles", "text.remarks"),
    "wellbeing_question": ("text.person_obstacles", "text.person_opportunities", "text.remarks"),
    "housing_question": ("text.environment_obstacles", "text.remarks"),
    "participation_chance": ("text.talents", "text.person_opportunities", "text.remarks"),
}
DESCRIPTION_LENGTH = 160


@dataclass
class Action:
    id: int
    type: str
    household: str
    subarea: str = ""
    description: str = ""
    owner: str = ""
    status: str = "open"
    due: date | None = None
    notes: str = ""
    visit: str = ""
    created: date | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and self.due < today

    def cells(self) -> list[str]:
        values = dataclasses.asdict(self)
        return [cell_text(values[name]) for name in COLUMNS]

    def to_dict(self, today: date) -> dict[str, Any]:
        return {
            **{name: cell_text(value) or None for name, value in dataclasses.asdict(self).items()},
            "id": self.id,
            "overdue": self.overdue(today),
        }


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


# --- reading and writing the file ------------------------------------------------------------


def read_actions(root: Path, report: Report) -> list[Action]:
    """Every readable entry of ``private/actions.csv``; problems go into ``report`` with row and
    column, never with a cell's value. No file is an empty list."""
    from mdsa.intake.exports import parse_date

    path = root / ACTIONS_FILE
    if not path.is_file():
        return []
    where: dict[str, Any] = {"file": ACTIONS_FILE}
    try:
        text = read_text(path, encodings=("utf-8-sig", "cp1252"))
    except MdsaError as e:
        report.error(e.code, e.message, file=ACTIONS_FILE, line=e.line, hint=e.hint)
        return []
    first = text.split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ","
    )
    header = [cell.strip().casefold() for cell in next(reader, [])]
    missing = [c for c in ("id", "type", "household", "status") if c not in header]
    if missing:
        report.error(
            "missing-column",
            f"the action list has no column {', '.join(missing)}",
            row=1,
            hint="the columns are: " + ",".join(COLUMNS),
            **where,
        )
        return []
    actions: list[Action] = []
    seen_ids: dict[int, int] = {}
    seen_keys: dict[tuple[str, str], int] = {}
    try:
        for number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            cells = {
                name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)
            }
            at = {**where, "row": number}
            ok = True
            try:
                ident = int(cells["id"])
            except ValueError:
                report.error(
                    "invalid-value",
                    "the id is not a whole number",
                    column="id",
                    hint="number the rows; mdsa actions add gives the next number",
                    **at,
                )
                continue
            if ident in seen_ids:
                report.error(
                    "duplicate-action",
                    f"the same id as row {seen_ids[ident]}",
                    column="id",
                    hint="give this row a number no other row has",
                    **at,
                )
                ok = False
            seen_ids.setdefault(ident, number)
            if cells["type"] not in TYPES:
                report.error(
                    "unknown-action-type",
                    "not a type of action",
                    column="type",
                    hint="one of: " + ", ".join(TYPES),
                    **at,
                )
                ok = False
            if cells["status"] not in STATUSES:
                report.error(
                    "unknown-status",
                    "not a status of an action",
                    column="status",
                    hint="one of: " + ", ".join(STATUSES),
                    **at,
                )
                ok = False
            if not cells["household"]:
                report.error("missing-value", "the household is empty", column="household", **at)
                ok = False
            dates: dict[str, date | None] = {}
            for name in ("due", "created"):
                value = cells.get(name, "")
                dates[name] = None
                if value:
                    try:
                        dates[name] = parse_date(value)
                    except ValueError:
                        report.error(
                            "invalid-action-date",
                            "not a date",
                            column=name,
                            hint="write it as 2017-03-31 or 31-3-2017",
                            **at,
                        )
                        ok = False
            visit = cells.get("visit", "")
            if visit and (visit, cells["type"]) in seen_keys:
                report.error(
                    "duplicate-action",
                    f"the same visit and type as row {seen_keys[visit, cells['type']]}",
                    **at,
                )
                ok = False
            if visit:
                seen_keys.setdefault((visit, cells["type"]), number)
            if ok:
                actions.append(
                    Action(
                        id=ident,
                        type=cells["type"],
                        household=cells["household"],
                        subarea=cells.get("subarea", ""),
                        description=cells.get("description", ""),
                        owner=cells.get("owner", ""),
                        status=cells["status"],
                        due=dates["due"],
                        notes=cells.get("notes", ""),
                        visit=visit,
                        created=dates["created"],
                    )
                )
    except csv.Error:
        report.error(
            "bad-csv",
            "the file cannot be read as CSV from this row on (a broken quote)",
            row=reader.line_num,
            hint="open it in a spreadsheet and save it again as CSV",
            **where,
        )
    return actions


def load_actions(root: Path) -> list[Action]:
    """The action list for a command that changes or shows it: refused while it has errors."""
    report = Report()
    actions = read_actions(root, report)
    if not report.ok:
        raise ReportError(
            "the action list has problems; fix them by hand first",
            report,
            path=root / ACTIONS_FILE,
            hint=f"mdsa validate {root} lists them all",
        )
    return actions


def save_actions(root: Path, actions: Iterable[Action]) -> None:
    """Write the list atomically, ordered by id, UTF-8 with a BOM so Excel reads the accents."""
    with atomic_open(root / ACTIONS_FILE, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for action in sorted(actions, key=lambda a: a.id):
            writer.writerow(action.cells())


def check_actions(project: Project, report: Report) -> None:
    """``mdsa validate``: the file's rows, and that every household and owner is known."""
    from mdsa.privacy.pseudonyms import KEY_FILE

    actions = read_actions(project.root, report)
    if not actions:
        return
    known = (
        known_households(project) if (project.root / KEY_FILE).is_file() else None
    )  # without the key nothing can be checked, and validate makes no key
    organisations = set(project.organisation_names())
    rows = _rows_by_id(project.root)
    for action in actions:
        at = {"file": ACTIONS_FILE, "row": rows.get(action.id)}
        if known is not None and action.household not in known:
            report.error(
                "unknown-household",
                "the household is no household of the address list or the registrations",
                column="household",
                hint="copy the pseudonym from mdsa actions list or data/visits.csv",
                **at,
            )
        if action.owner and project.partners is not None and action.owner not in organisations:
            report.warning(
                "unknown-organisation",
                "the owner is not an organisation in partners.yaml",
                column="owner",
                **at,
            )


def _rows_by_id(root: Path) -> dict[int, int]:
    """The spreadsheet row of each id, for messages about rows that were read fine."""
    text = read_text(root / ACTIONS_FILE, encodings=("utf-8-sig", "cp1252"))
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows: dict[int, int] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [c.strip().casefold() for c in next(reader, [])]
    position = header.index("id")
    for number, row in enumerate(reader, start=2):
        if position < len(row) and row[position].strip().isdigit():
            rows.setdefault(int(row[position]), number)
    return rows


# --- households and owners -------------------------------------------------------------------


def project_key(root: Path) -> bytes:
    """The pseudonymisation key (made in private/ on first use)."""
    from mdsa.privacy.pseudonyms import load_or_create_key

    return load_or_create_key(root)


def household_pseudonym(key: bytes, registration: Registration) -> str:
    """The household of a visit as ``data/visits.csv`` names it."""
    from mdsa.privacy.pseudonyms import pseudonym

    return pseudonym(key, registration.address_key or registration.visit_key)


def visit_pseudonym(key: bytes, registration: Registration) -> str:
    from mdsa.privacy.pseudonyms import pseudonym

    return pseudonym(key, registration.visit_key, prefix="V")


def known_households(project: Project) -> set[str]:
    """The pseudonym of every home of the address list and of every visited household."""
    from mdsa.intake.registrations import load_registrations
    from mdsa.privacy.pseudonyms import pseudonym

    key = project_key(project.root)
    known = {pseudonym(key, h.key) for h in project.households or []}
    registrations = load_registrations(project.root / REGISTRATIONS_FILE)
    known |= {household_pseudonym(key, r) for r in registrations}
    return known


def default_owner(project: Project, kind: str) -> str:
    """The first partner of the kinds that pick up this type of action, else none."""
    partners = project.partners.organisations if project.partners else []
    for wanted in OWNER_KINDS.get(kind, ()):
        for partner in partners:
            if partner.kind == wanted:
                return partner.name
    return ""


# --- creating entries from the registrations -------------------------------------------------


@dataclass
class CreateResult:
    added: int = 0
    kept: int = 0
    total: int = 0
    visits: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"file": ACTIONS_FILE}


def create_actions(project: Project, *, today: date | None = None) -> CreateResult:
    """An entry for every action type of every imported visit that has none yet.

    An entry is keyed by its visit and type, so running this again after a new import adds
    only the new ones; rows already in the file are kept exactly as they are (hand edits,
    a changed status or owner, rows added by hand)."""
    from mdsa.intake.registrations import load_registrations

    today = today or date.today()
    registrations = load_registrations(project.root / REGISTRATIONS_FILE)
    if not registrations:
        raise MdsaError(
            "there are no registrations yet, so there are no actions to take over",
            path=project.root / REGISTRATIONS_FILE,
            hint="import the Google Forms export first: mdsa import EXPORT",
        )
    existing = load_actions(project.root)
    taken = {(a.visit, a.type) for a in existing if a.visit}
    key = project_key(project.root)
    result = CreateResult(kept=len(existing))
    pending: list[tuple[Registration, str, str]] = []
    for registration in sorted(registrations, key=lambda r: (r.visit_date or "", r.row)):
        codes = [c for c in registration.answers.get("actions") or [] if c in TYPES]
        if codes:
            result.visits += 1
        visit = visit_pseudonym(key, registration)
        pending.extend((registration, code, visit) for code in codes if (visit, code) not in taken)
    scrubber = scrubber_for(project, registrations) if pending else None
    next_id = max((a.id for a in existing), default=0) + 1
    new: list[Action] = []
    for registration, code, visit in pending:
        when = registration.visit_date or (registration.submitted_at or "")[:10]
        start = date.fromisoformat(when) if when else today
        new.append(
            Action(
                id=next_id,
                type=code,
                household=household_pseudonym(key, registration),
                subarea=registration.subarea or "",
                description=_description(registration, code, scrubber),
                owner=default_owner(project, code),
                due=start + timedelta(days=DUE_DAYS[code]),
                visit=visit,
                created=today,
            )
        )
        next_id += 1
    result.added = len(new)
    result.total = len(existing) + len(new)
    if new or not (project.root / ACTIONS_FILE).is_file():
        save_actions(project.root, [*existing, *new])
    return result


def scrubber_for(project: Project, registrations: list[Registration] | None = None) -> Scrubber:
    """The project's scrubber, which knows its residents' names and addresses."""
    from mdsa.intake.registrations import load_registrations
    from mdsa.privacy.anonymise import make_scrubber

    if registrations is None:
        registrations = load_registrations(project.root / REGISTRATIONS_FILE)
    return make_scrubber(project, registrations)


def _description(registration: Registration, code: str, scrubber: Scrubber | None) -> str:
    """The most telling note of the visit for this type, scrubbed, cut at a word."""
    for name in TEXT_SOURCES[code]:
        text = registration.answers.get(name)
        if isinstance(text, str) and text.strip():
            scrubbed = scrubber.scrub(text).text if scrubber else text
            return shorten(" ".join(scrubbed.split()))
    return ""


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


# --- list, add, update, close ----------------------------------------------------------------


def select(
    actions: Sequence[Action],
    *,
    kind: str | None = None,
    owner: str | None = None,
    status: str | None = None,
    overdue: bool = False,
    today: date | None = None,
) -> list[Action]:
    """The entries that pass every filter given (owner compared without case)."""
    today = today or date.today()
    if kind is not None:
        _check_choice(kind, TYPES, "type")
    if status is not None:
        _check_choice(status, STATUSES, "status")
    return [
        a
        for a in actions
        if (kind is None or a.type == kind)
        and (owner is None or a.owner.casefold() == owner.casefold())
        and (status is None or a.status == status)
        and (not overdue or a.overdue(today))
    ]


def _check_choice(value: str, choices: Sequence[str], what: str) -> None:
    if value not in choices:
        code = "unknown-status" if what == "status" else "unknown-action-type"
        raise MdsaError(
            f"not a {what} of an action", hint="one of: " + ", ".join(choices), code=code
        )


def add_action(
    project: Project,
    *,
    kind: str,
    household: str | None = None,
    address: str | None = None,
    description: str = "",
    owner: str | None = None,
    due: date | None = None,
    notes: str = "",
    today: date | None = None,
) -> Action:
    """A new entry by hand (a signal picked up outside a registered visit)."""
    today = today or date.today()
    _check_choice(kind, TYPES, "type")
    actions = load_actions(project.root)
    key = project_key(project.root)
    if address is not None:
        household = _household_of_address(project, key, address)
    if not household:
        raise MdsaError(
            "name the household: --household HH-... (its pseudonym) or --address",
            hint="mdsa actions list shows the pseudonyms",
        )
    if household not in known_households(project):
        raise MdsaError(
            "no household of the address list or the registrations has this pseudonym",
            code="unknown-household",
            hint="copy it from mdsa actions list or data/visits.csv",
        )
    _check_owner(project, owner)
    action = Action(
        id=max((a.id for a in actions), default=0) + 1,
        type=kind,
        household=household,
        subarea=_subarea_of(project, key, household),
        description=shorten(scrubber_for(project).scrub(description).text) if description else "",
        owner=default_owner(project, kind) if owner is None else owner,
        due=due or today + timedelta(days=DUE_DAYS[kind]),
        notes=notes,
        created=today,
    )
    save_actions(project.root, [*actions, action])
    return action


def _household_of_address(project: Project, key: bytes, address: str) -> str:
    from mdsa.privacy.erasure import matcher_for
    from mdsa.privacy.pseudonyms import pseudonym

    _, _, household = matcher_for(project).match(address)
    if household is None:
        raise MdsaError(
            "this address is not in the address list (the address itself is not shown)",
            code="unknown-household",
            hint='give the street and number as in private/households.csv: "Perronstraat 8"',
        )
    return pseudonym(key, household.key)


def _subarea_of(project: Project, key: bytes, household: str) -> str:
    from mdsa.privacy.erasure import matcher_for
    from mdsa.privacy.pseudonyms import pseudonym

    matcher = matcher_for(project)
    for home in project.households or []:
        if pseudonym(key, home.key) == household:
            return matcher.subarea_of(home) or ""
    return ""


def _check_owner(project: Project, owner: str | None) -> None:
    if owner and project.partners is not None and owner not in project.organisation_names():
        raise MdsaError(
            "the owner is not an organisation in partners.yaml",
            code="unknown-organisation",
            hint="known: " + ", ".join(project.organisation_names()),
        )


def update_action(
    project: Project,
    ident: int,
    *,
    status: str | None = None,
    owner: str | None = None,
    due: date | None = None,
    notes: str | None = None,
    description: str | None = None,
) -> Action:
    """Change the fields given of one entry; a note is added to the notes already there."""
    if status is not None:
        _check_choice(status, STATUSES, "status")
    _check_owner(project, owner)
    actions = load_actions(project.root)
    action = next((a for a in actions if a.id == ident), None)
    if action is None:
        raise MdsaError(
            f"the action list has no action {ident}",
            path=project.root / ACTIONS_FILE,
            code="unknown-action",
            hint="mdsa actions list shows the numbers",
        )
    if status is not None:
        action.status = status
    if owner is not None:
        action.owner = owner
    if due is not None:
        action.due = due
    if notes:
        action.notes = f"{action.notes} | {notes}" if action.notes else notes
    if description is not None:
        action.description = shorten(scrubber_for(project).scrub(description).text)
    save_actions(project.root, actions)
    return action


def close_action(
    project: Project, ident: int, *, declined: bool = False, notes: str | None = None
) -> Action:
    return update_action(project, ident, status="declined" if declined else "done", notes=notes)


def summary(actions: Iterable[Action]) -> dict[str, dict[str, int]]:
    """Open actions by type and owner (``""`` for no owner yet)."""
    counts: dict[str, Counter[str]] = {}
    for action in actions:
        if action.is_open:
            counts.setdefault(action.type, Counter())[action.owner] += 1
    return {kind: dict(sorted(counts[kind].items())) for kind in TYPES if kind in counts}
