"""Phase 2, Huisbezoeken: the homes to visit and the registrations of the conversations."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.errors import MdsaError
from mdsa.project.addresses import SubareaIndex
from mdsa.project.folder import (
    HOUSEHOLDS_FILE,
    PRIVATE_DIR,
    REGISTRATIONS_FILE,
    Household,
    Project,
)
from mdsa.report import Report

if TYPE_CHECKING:
    from mdsa.intake.forms.mapping import FormMapping
    from mdsa.intake.registrations import HouseholdMatcher, Registration
    from mdsa.intake.written import Written
    from mdsa.phases.base import PhaseStatus
    from mdsa.project.models import Member, Partner

RAW_DIR = f"{PRIVATE_DIR}/raw"


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
    from mdsa.intake.registrations import load_registrations
    from mdsa.phases.base import PhaseStatus, planned, planning_fact

    start, end = planned(project, "visits")
    facts = [planning_fact(start, end)]
    next_step: str | None
    homes = homes_per_subarea(project)
    if homes:
        per_area = ", ".join(f"{name} {count}" for name, count in sorted(homes.items()))
        facts.append(f"{sum(homes.values())} homes to visit ({per_area})")
        next_step = "after each visit, register the conversation in the Google Form"
    else:
        facts.append("no address list yet")
        next_step = f"put the address list in {HOUSEHOLDS_FILE}"
    letters = project.root / LETTERS_DIR / LETTERS_PDF
    leaflet = project.root / OUTPUT_DIR / f"{LEAFLET_NAME}.pdf"
    if letters.is_file():
        facts.append(f"invitation letters in {LETTERS_DIR}/{LETTERS_PDF}")
    elif homes:
        next_step = f"write the invitation letters: mdsa letters {project.root}"
    if leaflet.is_file():
        facts.append(f"privacy leaflet in {OUTPUT_DIR}/{LEAFLET_NAME}.pdf")
    visits = load_registrations(project.root / REGISTRATIONS_FILE)
    registered = bool(visits)
    if visits:
        homes_visited = len({r.household for r in visits if r.household})
        share = f" ({homes_visited / sum(homes.values()):.0%} of homes)" if homes else ""
        facts.append(f"{len(visits)} visits registered, {homes_visited} homes matched{share}")
        anonymised = (project.root / "data" / "visits.csv").is_file()
        facts.append("anonymised data set in data/" if anonymised else "not anonymised yet")
        next_step = (
            None if anonymised else f"anonymise before sharing: mdsa anonymise {project.root}"
        )
    else:
        facts.append("no registrations imported yet")
    return PhaseStatus(
        phase="visits",
        state="in_progress" if registered else "not_started",
        facts=facts,
        next_step=next_step,
        start=start,
        end=end,
    )


@dataclass
class ImportResult:
    """What one import did; ``report`` holds every problem with its row and column."""

    export: str
    kind: str
    rows: int = 0
    imported: int = 0
    blank: int = 0
    superseded: int = 0
    incomplete: int = 0
    not_stored: int = 0
    unchanged: int = 0
    total: int = 0
    dry_run: bool = False
    report: Report = dataclasses.field(default_factory=Report)

    def to_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "blank": self.blank,
            "superseded": self.superseded,
            "incomplete": self.incomplete,
            "not_stored": self.not_stored,
            "unchanged": self.unchanged,
            "rows": self.rows,
            "total_visits": self.total,
            "dry_run": self.dry_run,
            "export": self.export,
            "kind": self.kind,
            **self.report.to_dict(),  # ok, errors, warnings, issues: the shape validate uses
        }


def load_form_mapping(root: Path) -> FormMapping:
    """The project's forms.yaml; a missing or broken one stops the import with every problem."""
    from mdsa.errors import ReportError
    from mdsa.intake.forms.mapping import FORMS_FILE, load_mapping

    path = root / FORMS_FILE
    if not path.is_file():
        raise MdsaError(
            f"the project has no {FORMS_FILE}, so mdsa does not know which question is which",
            path=path,
            hint="use the reference form (mdsa form), or propose a mapping for your own form "
            "with: mdsa import EXPORT --suggest",
        )
    report = Report()
    mapping = load_mapping(path, report)
    if mapping is None or not report.ok:
        raise ReportError(f"{FORMS_FILE} has problems", report, path=path)
    return mapping


def import_export(root: Path, export: Path, *, dry_run: bool = False) -> ImportResult:
    """Import a Google Forms export into ``private/registrations.jsonl``.

    The export is copied into ``private/raw/`` untouched; the same or an overlapping export
    imported again adds nothing twice; a visit submitted twice keeps the later submission.
    """
    from mdsa.privacy.parallel import without_cyclic_gc

    with without_cyclic_gc():
        return _import_export(root, export, dry_run=dry_run)


def _import_export(root: Path, export: Path, *, dry_run: bool) -> ImportResult:
    from concurrent.futures import ThreadPoolExecutor

    from mdsa.intake.dates import date_orders
    from mdsa.intake.exports import read_export
    from mdsa.intake.forms.mapping import bind
    from mdsa.intake.registrations import RowConverter, save_registrations
    from mdsa.intake.written import convert_written

    mapping = load_form_mapping(root)
    # The address list and the registrations already imported are read while the export is
    # parsed: calamine parses an .xlsx sheet in Rust without holding the GIL (100,000 rows:
    # about 2 s), so reading 80,000 homes (0.7 s) costs no wall time. An error is raised
    # where it was before: the export's first, the registrations' after the rows are read.
    with ThreadPoolExecutor(max_workers=1) as pool:
        loading = pool.submit(_project_side, root)
        raw = read_export(export, expected_titles=mapping.titles())  # an MdsaError
        matcher, existing = loading.result()
    result = ImportResult(export=export.name, kind=raw.kind, dry_run=dry_run)
    report = result.report
    file = export.name
    for problem in raw.problems:
        column = raw.headers[problem.column - 1] if problem.column else None
        report.add(
            problem.code,
            problem.severity,
            problem.message,
            file=file,
            row=problem.row,
            column=column or None,
        )
    if export.resolve().is_relative_to(root.resolve()) and not export.resolve().is_relative_to(
        (root / PRIVATE_DIR).resolve()
    ):
        report.warning(
            "export-outside-private",
            "this export holds names and addresses but lies outside private/",
            file=file,
            hint=f"the import keeps a copy in {RAW_DIR}/; delete or move this file",
        )
    binding = bind(mapping, raw.headers)
    # A header row that matches fewer columns than it leaves over may be no header at all (an
    # export without its first row): then its cells could be a resident's answers, so they are
    # named by position only, never echoed.
    header_trusted = len(binding.columns) >= len(binding.unmapped)
    for position, title in binding.unmapped:
        report.warning(
            "unmapped-column",
            f"column {position + 1} is not in forms.yaml and is not imported",
            file=file,
            row=1,
            column=(title or None) if header_trusted else position + 1,
            hint="add it to forms.yaml (or map it to drop); mdsa import EXPORT --suggest helps",
        )
    for name in sorted(mapping.required_fields() - binding.asked_fields):
        report.error(
            "missing-column",
            f"no column of this export answers the required field '{name}'",
            file=file,
            row=1,
        )
    if "submitted_at" not in binding.asked_fields:
        report.error("missing-column", "the export has no timestamp column", file=file, row=1)

    data = export.read_bytes()  # the copy in private/raw is exactly what was hashed
    source = raw_copy_name(export, data)
    orders, problems = date_orders(binding.columns, raw.rows)
    for problem in problems:
        report.add(
            problem.code,
            problem.severity,
            problem.message,
            file=file,
            column=raw.headers[problem.column - 1] if problem.column else None,
            hint="compare a few dates with the sheet; a sheet's locale is in File > Settings",
        )
    converter = RowConverter(
        binding, mapping, raw.checkbox_separator, source, matcher, report, file, orders
    )
    converted = convert_written(converter, raw.rows)  # over two cores when it is large
    written = [r for r in converted if r.stored]
    not_stored = len(converted) - len(written)
    from mdsa.privacy.erasure import ErasureRegister, skip_erased

    new: list[Registration | Written] = []
    erased: set[int] = set()
    if len(ErasureRegister(root)):  # finding erased households needs the whole registrations
        built = [w.registration() for w in written]
        kept, erased, data = skip_erased(root, raw, mapping, data, built, matcher)
        new.extend(kept)
    else:
        new.extend(written)
    if erased:  # households erased with mdsa erase never come back; a count only
        report.issues = [i for i in report.issues if not (i.file == file and i.row in erased)]
        report.warning(
            "erased-household",
            f"{len(erased)} row(s) belong to households that were erased (mdsa erase); "
            "they are skipped and left out of the raw copy",
            file=file,
        )
    result.rows = len(raw.rows)
    result.blank = len(raw.blank_rows)
    result.not_stored = not_stored
    result.incomplete = sum(bool(r.incomplete) for r in new)

    path = root / REGISTRATIONS_FILE
    if isinstance(existing, MdsaError):
        raise existing
    merged, counts = merge(existing, new, report, file)
    result.imported, result.superseded, result.unchanged = counts
    result.total = len(merged)
    if not dry_run:
        copy_raw_export(root, data, source)
        save_registrations(path, merged)
    return result


def _project_side(root: Path) -> tuple[HouseholdMatcher, list[Registration] | MdsaError]:
    """The project's address list as a matcher, and the registrations already imported (or
    the error reading them, for the import to raise in its turn)."""
    from mdsa.intake.registrations import HouseholdMatcher, load_registrations
    from mdsa.project.folder import load_project

    project, _ = load_project(root)
    index = SubareaIndex(project.config.subareas if project.config else {})
    matcher = HouseholdMatcher(project.households or [], index)
    try:
        existing = load_registrations(root / REGISTRATIONS_FILE)
    except MdsaError as error:
        return matcher, error
    return matcher, existing


def raw_copy_name(export: Path, data: bytes) -> str:
    """The name of the untouched copy in private/raw: content hash plus the original name."""
    import hashlib

    digest = hashlib.sha256(data).hexdigest()[:12]
    return f"{RAW_DIR}/{digest}-{export.name}"


def copy_raw_export(root: Path, data: bytes, name: str) -> None:
    from mdsa.fileio import write_bytes

    target = root / name
    if not target.exists():
        write_bytes(target, data)


def merge(
    existing: list[Registration],
    new: Sequence[Registration | Written],
    report: Report,
    file: str,
) -> tuple[list[Registration | Written], tuple[int, int, int]]:
    """Add new registrations; a visit submitted again (same home, same date) keeps the later
    submission; a submission already imported is skipped. Returns (imported, superseded,
    unchanged) counts. A new visit already written as its line (``Written``) stays so unless
    merging has to change it."""
    by_visit: dict[str, Registration | Written] = {r.visit_key: r for r in existing}
    superseded = unchanged = 0
    for item in new:
        key = item.visit_key
        found = by_visit.get(key)
        if found is None:
            by_visit[key] = item
            continue
        registration = _built(item)
        current = by_visit[key] = _built(found)
        stamp = registration.submitted_at or ""
        if stamp == (current.submitted_at or "") or stamp in current.supersedes:
            unchanged += 1
            _brought_too(current, registration)
            continue
        later, earlier = sorted(
            (current, registration), key=lambda r: r.submitted_at or "", reverse=True
        )
        later.supersedes = sorted(
            {*later.supersedes, *earlier.supersedes, earlier.submitted_at or ""}
        )
        _brought_too(later, earlier)
        by_visit[key] = later
        superseded += 1
        report.warning(
            "superseded",
            "the same visit (home and date) was submitted again; the later submission is kept"
            + (f" (row {later.row})" if later.source == registration.source else ""),
            file=file if earlier.source == registration.source else earlier.source,
            row=earlier.row,
        )
    imported = len(by_visit) - len(existing)
    return list(by_visit.values()), (imported, superseded, unchanged)


def _built(item: Registration | Written) -> Registration:
    from mdsa.intake.written import Written

    return item.registration() if isinstance(item, Written) else item


def _brought_too(kept: Registration, other: Registration) -> None:
    """Note on ``kept`` that the export of ``other`` brought this visit as well."""
    for source, row in [(other.source, other.row), *other.also_from.items()]:
        if source != kept.source:
            kept.also_from.setdefault(source, row)


@dataclass
class UndoResult:
    """What ``mdsa import --undo`` did: visits removed (only this export brought them),
    visits kept (another export brought them too), and the raw copies removed."""

    export: str
    removed: int = 0
    kept: int = 0
    total: int = 0
    raw_copies: list[str] = dataclasses.field(default_factory=list)
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def undo_import(root: Path, export: Path, *, dry_run: bool = False) -> UndoResult:
    """Remove the visits that only ``export`` brought, and its copy in private/raw.

    The export is known by the hash of its content, so a renamed copy is the same export; an
    export deleted since is found by its name among the copies in private/raw. A visit that
    another export brought too stays. Running it again finds nothing more to remove.
    """
    from mdsa.intake.registrations import load_registrations, save_registrations

    prefixes = _raw_prefixes(root, export)
    result = UndoResult(export=export.name, dry_run=dry_run)
    path = root / REGISTRATIONS_FILE
    registrations = load_registrations(path)

    def ours(source: str) -> bool:
        return source.startswith(prefixes)

    kept: list[Registration] = []
    changed = False
    for registration in registrations:
        others = {s: row for s, row in registration.also_from.items() if not ours(s)}
        if not ours(registration.source) and len(others) == len(registration.also_from):
            kept.append(registration)  # this export did not bring it
            continue
        changed = True
        if ours(registration.source):
            if not others:
                result.removed += 1
                continue
            source = min(others)  # another export brought it too: it stays, as theirs
            registration.source, registration.row = source, others.pop(source)
        registration.also_from = others
        result.kept += 1
        kept.append(registration)
    result.total = len(kept)
    raw = root / RAW_DIR
    copies = (
        [p for p in sorted(raw.iterdir()) if ours(f"{RAW_DIR}/{p.name}")] if raw.is_dir() else []
    )
    result.raw_copies = [f"{RAW_DIR}/{p.name}" for p in copies]
    if not dry_run:
        if changed:
            save_registrations(path, kept)
        for copy in copies:
            try:
                copy.unlink()
            except OSError as error:
                from mdsa.errors import OutputFileError

                raise OutputFileError(
                    f"the visits were removed, but this copy of the export could not be "
                    f"({error.strerror}); delete it by hand",
                    path=copy,
                ) from error
    return result


def _raw_prefixes(root: Path, export: Path) -> tuple[str, ...]:
    """The raw-copy names of this export start with these (``private/raw/<hash>-``)."""
    import hashlib

    from mdsa.errors import InputFileError

    if export.is_file():
        try:
            data = export.read_bytes()
        except OSError as error:
            raise InputFileError(
                f"the export cannot be read ({error.strerror})", path=export
            ) from error
        return (f"{RAW_DIR}/{hashlib.sha256(data).hexdigest()[:12]}-",)
    raw = root / RAW_DIR
    named = (
        sorted(p.name for p in raw.iterdir() if p.name[13:] == export.name) if raw.is_dir() else []
    )
    if not named:
        raise InputFileError(
            "no such file, and no export of this name was imported",
            path=export,
            hint=f"give the export as it was imported, or its copy in {RAW_DIR}/",
        )
    return tuple(f"{RAW_DIR}/{name[:13]}" for name in named)


# --- Invitation letters (handbook bijlage 5) -------------------------------------------------

LETTERS_DIR = f"{PRIVATE_DIR}/letters"
LETTERS_PDF = "uitnodigingen.pdf"
LETTER_TEMPLATE = "invitation-letter"

# How a role of team.yaml is written in a letter: (one, several).
ROLE_LABELS: dict[str, tuple[str, str]] = {
    "project_leader": ("projectleider", "projectleiders"),
    "housing_consultant": ("woonconsulent", "woonconsulenten"),
    "community_worker": ("opbouwwerker", "opbouwwerkers"),
    "site_manager": ("uitvoerder", "uitvoerders"),
    "contractor_liaison": ("sociaal medewerker van de aannemer", "sociaal medewerkers"),
}


@dataclass
class LettersResult:
    """What ``mdsa letters`` wrote; holds paths and counts only, never an address."""

    households: int
    pdf: Path | None = None
    pages: int = 0
    docx_dir: Path | None = None
    docx_files: int = 0
    report: Report = dataclasses.field(default_factory=Report)

    def to_dict(self) -> dict[str, Any]:
        return {
            "households": self.households,
            "pdf": str(self.pdf) if self.pdf else None,
            "pages": self.pages,
            "docx_dir": str(self.docx_dir) if self.docx_dir else None,
            "docx_files": self.docx_files,
            **self.report.to_dict(),
        }


def letters_destination(project: Project, out: Path | None) -> Path:
    """Where the letters go: ``private/letters/`` by default. Letters carry addresses, so a
    folder in the project's shared part (anywhere in it outside ``private/``) is refused."""
    from mdsa.errors import PrivacyError

    if out is None:
        return project.root / LETTERS_DIR
    target = out.resolve()
    root, private = project.root.resolve(), project.private_dir.resolve()
    if target.is_relative_to(root) and not target.is_relative_to(private):
        raise PrivacyError(
            "letters hold names and addresses; they may not be written to the project's "
            "shared part (outside private/)",
            path=out,
            hint=f"leave out --out (they go to {LETTERS_DIR}/) or name a folder inside "
            f"{PRIVATE_DIR}/",
        )
    if target.exists() and not target.is_dir():
        from mdsa.errors import OutputFileError

        raise OutputFileError("--out must be a folder, this is a file", path=out)
    return target


def select_households(
    project: Project, *, subarea: str | None = None, streets: list[str] | None = None
) -> list[Household]:
    """The homes of the address list to write to, in its order; filtered by subarea, street."""
    from mdsa.project.addresses import normalise_street

    if project.households is None:
        raise MdsaError(
            "there is no address list, so there is no one to write to",
            path=HOUSEHOLDS_FILE,
            hint="put the address list (street, house_number, postcode) in this file",
            code="missing-households",
        )
    index = SubareaIndex(project.config.subareas if project.config else {})
    wanted_streets = {normalise_street(s) for s in streets or []}
    chosen = []
    for household in project.households:
        if wanted_streets and normalise_street(household.street) not in wanted_streets:
            continue
        if subarea is not None:
            placed = household.subarea or index.place(household.street, household.postcode).subarea
            if (placed or "").casefold() != subarea.casefold():
                continue
        chosen.append(household)
    return chosen


def letter_context(project: Project, today: date) -> dict[str, Any]:
    """Every field of the invitation letter except the household's (see the templates' README)."""
    from mdsa.project.models import VISITING_ROLES

    if project.config is None:
        raise MdsaError(
            "mdsa.yaml cannot be read, so the letters have no sender",
            path="mdsa.yaml",
            hint=f"run: mdsa validate {project.root}",
        )
    config = project.config
    settings = config.letters
    partners = project.partners.organisations if project.partners else []
    members = project.team.members if project.team else []

    def partner(kind: str) -> Partner | None:
        return next((p for p in partners if p.kind == kind), None)

    corporation = partner("housing_corporation")
    sender_name = settings.sender or (corporation.name if corporation else config.name)
    # Without an e-mail of its own, the letter gives that of the corporation's contact person,
    # so a resident always knows whom to tell that the moment does not suit.
    contact_person = next(
        (m for m in members if corporation and m.name == corporation.contact and m.email), None
    )
    email = (
        settings.email
        or (corporation.email if corporation else None)
        or (contact_person.email if contact_person else None)
    )
    town = config.municipality or ""
    contractor = partner("contractor")

    visitors = [
        {
            "name": m.name,
            "role": ROLE_LABELS[m.role][0],
            "organisation": m.organisation,
        }
        for m in members
        if m.role in VISITING_ROLES
    ]
    roles_present = [r for r in VISITING_ROLES if any(m.role == r for m in members)]
    visitor_roles = " of een ".join(
        _role_with_organisation(r, members) for r in roles_present or VISITING_ROLES
    )

    signatories = [
        {"name": s.name, "role": s.role, "organisation": s.organisation}
        for s in settings.signatories
    ] or _default_signatories(partners, members)

    contact = " of ".join(x for x in (settings.phone, email) if x)
    reschedule = settings.reschedule or (
        f"Neem dan contact met ons op via {contact}: dan zoeken we een ander moment."
        if contact
        else "Laat het ons weten: dan zoeken we een ander moment."
    )
    privacy = project.privacy
    raw_access = _readers(privacy.raw_data_access if privacy else [])
    return {
        "project": {
            "name": config.name,
            "neighbourhood": config.neighbourhood,
            "municipality": config.municipality,
        },
        "sender": {
            "name": sender_name,
            "address": list(settings.sender_address),
            "phone": settings.phone,
            "email": email,
            "website": settings.website,
        },
        "letter": {
            "date": settings.dated or today,
            "place": settings.place or town or sender_name,
            "subject": settings.subject,
            "contact": contact or None,
        },
        "window": {"left_mm": settings.window.left_mm, "top_mm": settings.window.top_mm},
        "visit": {
            "contractor": contractor.name if contractor else "de aannemer",
            "visitors": visitors,
            "visitor_roles": visitor_roles,
            "reschedule": reschedule,
        },
        "privacy": {
            "raw_access": raw_access or None,
            "retention_months": privacy.retention_months if privacy else None,
            "contact": privacy.resident_contact if privacy else None,
        },
        "signatories": signatories,
    }


def household_fields(household: Household, city: str) -> dict[str, Any]:
    return {
        "name": household.name,
        "street_line": f"{household.street} {household.house_number}",
        "street": household.street,
        "house_number": str(household.house_number),
        "postcode": household.postcode,
        "city": city.upper(),
        "visit_date": household.visit_date,
        "visit_time": household.visit_time,
    }


def _role_with_organisation(role: str, members: list[Member]) -> str:
    organisations = sorted({m.organisation for m in members if m.role == role})
    label = ROLE_LABELS[role][0]
    return f"{label} van {' of '.join(organisations)}" if organisations else label


def _default_signatories(partners: list[Partner], members: list[Member]) -> list[dict[str, Any]]:
    """The contacts of the housing corporation, the welfare organisation and the contractor."""
    from mdsa.project.models import CORE_KINDS

    people = []
    for kind in CORE_KINDS:
        partner = next((p for p in partners if p.kind == kind), None)
        if partner is None or not partner.contact:
            continue
        member = next((m for m in members if m.name == partner.contact), None)
        people.append(
            {
                "name": partner.contact,
                "role": ROLE_LABELS[member.role][0] if member else None,
                "organisation": partner.name,
            }
        )
    return people


def _readers(access: list[str]) -> str:
    """privacy.yaml's raw_data_access in Dutch: 'de projectleiders, de opbouwwerkers en ...'."""
    words = [
        f"de {ROLE_LABELS[item][1]}" if item in ROLE_LABELS else f"de medewerkers van {item}"
        for item in access
    ]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def write_letters(
    project: Project,
    *,
    formats: tuple[str, ...] = ("pdf",),
    out: Path | None = None,
    subarea: str | None = None,
    streets: list[str] | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LettersResult:
    """One invitation letter per household: one PDF with an A4 page each, and/or one DOCX each.

    Written atomically inside ``private/letters/`` (or ``out``); nothing is written when a
    template lacks a field.
    """
    from mdsa.fileio import write_bytes

    folder = letters_destination(project, out)
    households = select_households(project, subarea=subarea, streets=streets)
    result = LettersResult(households=len(households))
    if not households:
        result.report.warning(
            "no-households",
            "no home of the address list matches the filter; no letter was written",
            file=HOUSEHOLDS_FILE,
        )
        return result
    context = letter_context(project, today or date.today())
    city = (
        (project.config.letters.city if project.config else None)
        or (project.config.municipality if project.config else None)
        or ""
    )
    fields = [household_fields(h, city) for h in households]
    for household in households:
        if not household.postcode:
            result.report.warning(
                "letter-without-postcode",
                "this home has no postcode; its letter's address has none either",
                file=HOUSEHOLDS_FILE,
                row=household.row,
                column="postcode",
            )
    outputs: list[tuple[Path, bytes]] = []  # written only once every letter rendered
    if "pdf" in formats:
        from mdsa.documents.pdf import render_pdf

        pdf = render_pdf(f"{LETTER_TEMPLATE}.typ", {**context, "households": fields}, project.root)
        result.pdf = folder / LETTERS_PDF
        outputs.append((result.pdf, pdf))
        result.pages = _page_count(pdf)
        if result.pages != len(households):
            result.report.warning(
                "letter-overflow",
                f"the PDF has {result.pages} pages for {len(households)} letters: a letter "
                "runs over one page, so pages and envelopes no longer match one to one",
                file=f"{LETTER_TEMPLATE}.typ",
                hint="shorten the letter (a long team list in team.yaml, a long reschedule "
                "text) or use your own template in templates/",
            )
    if "docx" in formats:
        from mdsa.documents.docx import DocxTemplate

        template = DocxTemplate(f"{LETTER_TEMPLATE}.docx", project.root)
        result.docx_dir = folder / "docx"
        for done, (household, values) in enumerate(zip(households, fields, strict=True), 1):
            data = template.render({**context, "household": values})
            outputs.append((result.docx_dir / _docx_name(done, household), data))
            if progress:
                progress(done, len(households))
        result.docx_files = len(households)
        # The letters of an earlier run (another filter) must not mix with these.
        for old in result.docx_dir.glob("[0-9][0-9][0-9][0-9]-*.docx"):
            old.unlink()
    for path, data in outputs:
        write_bytes(path, data)
    return result


def _docx_name(number: int, household: Household) -> str:
    import re

    street = re.sub(r"[^a-z0-9]+", "-", household.street.casefold()).strip("-")
    return f"{number:04d}-{street}-{household.house_number}.docx".replace(" ", "")


def _page_count(pdf: bytes) -> int:
    """Pages of a PDF typst wrote: its page objects are plain (parsing 500 pages with pypdf
    took longer than typesetting them)."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


# --- Privacy leaflet for residents (handbook bijlage 3) --------------------------------------

LEAFLET_TEMPLATE = "privacy-leaflet"
LEAFLET_NAME = "privacyfolder"
OUTPUT_DIR = "output"

LEGAL_BASIS_WORDS = {
    "consent": "uw toestemming",
    "legitimate_interest": "een gerechtvaardigd belang van de organisaties",
    "public_task": "een taak van algemeen belang",
    "contract": "uw huurovereenkomst",
    "legal_obligation": "een wettelijke plicht",
    "vital_interest": "een vitaal belang van u of een ander",
}
# What a leaflet cannot do without: it would tell residents less than the law asks.
LEAFLET_REQUIRED = ("purposes", "data_collected", "retention_months", "resident_contact")


@dataclass
class LeafletResult:
    files: list[Path]

    def to_dict(self) -> dict[str, Any]:
        return {"files": [str(path) for path in self.files]}


def leaflet_context(project: Project, today: date) -> dict[str, Any]:
    """The leaflet's fields from privacy.yaml, mdsa.yaml and partners.yaml."""
    from mdsa.project.folder import PRIVACY_FILE

    plan = project.privacy
    if plan is None:
        raise MdsaError(
            f"{PRIVACY_FILE} cannot be read, so there is nothing to put in the leaflet",
            path=PRIVACY_FILE,
            hint=f"run: mdsa validate {project.root}",
        )
    missing = [name for name in LEAFLET_REQUIRED if not getattr(plan, name)]
    if missing:
        raise MdsaError(
            "the privacy leaflet needs " + ", ".join(missing) + ", which are empty",
            path=PRIVACY_FILE,
            hint="fill them in (mdsa readiness lists every gap of the privacy plan)",
            code="incomplete-privacy-plan",
        )
    partners = project.partners.organisations if project.partners else []
    responsible = list(plan.responsible) or [
        p.name for p in partners if p.kind in ("housing_corporation", "welfare")
    ]
    config = project.config
    return {
        "project": {
            "name": project.name,
            "neighbourhood": config.neighbourhood if config else project.root.name,
        },
        "leaflet": {"title": "Uw privacy bij het sociaal gesprek", "date": today},
        "privacy": {
            "purposes": list(plan.purposes),
            "data_collected": list(plan.data_collected),
            "responsible": _and_list(responsible) or "de organisaties van het project",
            "responsible_many": len(responsible) > 1,
            "legal_basis": LEGAL_BASIS_WORDS.get(plan.legal_basis or ""),
            "raw_access": _readers(plan.raw_data_access) or None,
            "shared": list(plan.shared_between_organisations),
            "storage": plan.storage,
            "retention_months": plan.retention_months,
            "contact": plan.resident_contact,
            "contact_email": plan.contact_email,
        },
    }


def _and_list(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def write_leaflet(project: Project, *, today: date | None = None) -> LeafletResult:
    """The privacy leaflet as PDF (to print) and self-contained HTML, in ``output/``.

    It holds no personal data; it is checked like every shared file before it is written,
    and nothing is written when the check finds an identifier.
    """
    from mdsa.documents.pdf import render_pdf
    from mdsa.documents.templates import render
    from mdsa.fileio import write_bytes, write_text

    context = leaflet_context(project, today or date.today())
    pdf = render_pdf(f"{LEAFLET_TEMPLATE}.typ", context, project.root)
    html = render("html", f"{LEAFLET_TEMPLATE}.html", context, project.root)
    folder = project.root / OUTPUT_DIR
    targets = [folder / f"{LEAFLET_NAME}.pdf", folder / f"{LEAFLET_NAME}.html"]
    _refuse_identifiers(project, {targets[0].name: _pdf_text(pdf), targets[1].name: html})
    write_bytes(targets[0], pdf)
    write_text(targets[1], html)
    return LeafletResult(files=targets)


def _refuse_identifiers(project: Project, texts: dict[str, str]) -> None:
    """The library gate for a shared document: a finding of ``mdsa scan`` stops the write."""
    import re

    from mdsa.errors import PrivacyError
    from mdsa.privacy.scan import make_detector

    detector = make_detector(project)
    for name, text in texts.items():
        plain = re.sub(r"<[^>]+>", " ", text)
        kinds = sorted({hit.code for line in plain.splitlines() for hit in detector.hits(line)})
        if kinds:
            raise PrivacyError(
                f"{name} would hold what looks like personal data ({', '.join(kinds)}); "
                "it was not written",
                path=f"{OUTPUT_DIR}/{name}",
                hint="remove the personal details from privacy.yaml or the template; an "
                "organisation's e-mail may stand in privacy.yaml's contact_email",
            )


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
