"""Phase 2, Huisbezoeken: the homes to visit and the registrations of the conversations."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.errors import MdsaError
from mdsa.project.addresses import SubareaIndex
from mdsa.project.folder import HOUSEHOLDS_FILE, PRIVATE_DIR, REGISTRATIONS_FILE, Project
from mdsa.report import Report

if TYPE_CHECKING:
    from mdsa.intake.forms.mapping import FormMapping
    from mdsa.intake.registrations import Registration
    from mdsa.phases.base import PhaseStatus

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


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector while registrations are built.

    An import makes millions of small objects that live until the end and hold no cycles; the
    collector's full passes over that growing heap took half the time of an import of 100,000
    rows. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def import_export(root: Path, export: Path, *, dry_run: bool = False) -> ImportResult:
    """Import a Google Forms export into ``private/registrations.jsonl``.

    The export is copied into ``private/raw/`` untouched; the same or an overlapping export
    imported again adds nothing twice; a visit submitted twice keeps the later submission.
    """
    with _without_cyclic_gc():
        return _import_export(root, export, dry_run=dry_run)


def _import_export(root: Path, export: Path, *, dry_run: bool) -> ImportResult:
    from mdsa.intake.dates import date_orders
    from mdsa.intake.exports import read_export
    from mdsa.intake.forms.mapping import bind
    from mdsa.intake.registrations import (
        HouseholdMatcher,
        RowConverter,
        load_registrations,
        save_registrations,
    )
    from mdsa.project.folder import load_project

    mapping = load_form_mapping(root)
    raw = read_export(export, expected_titles=mapping.titles())  # ExportError is an MdsaError
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

    project, _ = load_project(root)
    index = SubareaIndex(project.config.subareas if project.config else {})
    matcher = HouseholdMatcher(project.households or [], index)
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
    converted = converter.convert_all(raw.rows)
    new = [r for r in converted if r.stored]
    not_stored = len(converted) - len(new)
    from mdsa.privacy.erasure import skip_erased

    new, erased, data = skip_erased(root, raw, mapping, data, new, matcher)
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
    existing = load_registrations(path)
    merged, counts = merge(existing, new, report, file)
    result.imported, result.superseded, result.unchanged = counts
    result.total = len(merged)
    if not dry_run:
        copy_raw_export(root, data, source)
        save_registrations(path, merged)
    return result


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
    existing: list[Registration], new: list[Registration], report: Report, file: str
) -> tuple[list[Registration], tuple[int, int, int]]:
    """Add new registrations; a visit submitted again (same home, same date) keeps the later
    submission; a submission already imported is skipped. Returns (imported, superseded,
    unchanged) counts."""
    by_visit: dict[str, Registration] = {r.visit_key: r for r in existing}
    superseded = unchanged = 0
    for registration in new:
        key = registration.visit_key
        current = by_visit.get(key)
        if current is None:
            by_visit[key] = registration
            continue
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
