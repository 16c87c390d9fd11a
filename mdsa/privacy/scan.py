"""``mdsa scan``: look in every shareable file for what must stay in ``private/``.

Checks CSV, XLSX, HTML, Markdown, text, JSON, DOCX and PDF files outside ``private/`` for the
identifiers the project knows (residents' names, addresses, phone numbers and e-mail addresses
from ``private/``) and for identifier patterns (phone, e-mail, postcode, BSN, IBAN, birth date).
A finding names the file and the place, never the value. Later commands call it before they
publish anything.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from mdsa.project.addresses import address_key, parse_house_number
from mdsa.project.folder import PRIVATE_DIR, REGISTRATIONS_FILE, Project

SCANNED = {".csv", ".tsv", ".txt", ".md", ".html", ".htm", ".json", ".xlsx", ".docx", ".pdf"}
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Finding:
    file: str
    location: str
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ScanResult:
    files: list[str]
    findings: list[Finding]

    @property
    def clean(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        return {
            "clean": self.clean,
            "files_scanned": len(self.files),
            "findings": [f.to_dict() for f in self.findings],
        }


class Detector:
    """Finds known identifiers and identifier patterns in a piece of text."""

    def __init__(self, project: Project) -> None:
        from mdsa.intake.registrations import load_registrations

        registrations = load_registrations(project.root / REGISTRATIONS_FILE)
        names: set[str] = set()
        emails: set[str] = set()
        self.addresses = {h.key for h in project.households or []}
        streets = {h.street for h in project.households or []}
        for r in registrations:
            if name := r.identity.get("resident_name"):
                names.add(name.strip())
                parts = name.split()
                if len(parts) > 1 and len(parts[-1]) >= 4:
                    names.add(parts[-1])
            if email := r.identity.get("resident_email"):
                emails.add(email.strip().lower())
            if r.household:
                self.addresses.add(r.household)
        self.names = _alternation(n for n in names if len(n) >= 3)
        self.streets = _alternation(streets, _NUMBER_TAIL)
        self.known_emails = emails
        # Contact details the project publishes on purpose (team and partners) are allowed.
        self.allowed = (
            {m.email.lower() for m in project.team.members if m.email} if project.team else set()
        )
        if project.partners:
            self.allowed |= {p.email.lower() for p in project.partners.organisations if p.email}
        if project.privacy and project.privacy.contact_email:  # printed in the leaflet
            self.allowed.add(project.privacy.contact_email.lower())

    def kinds(self, text: str) -> Iterator[str]:
        from mdsa.privacy.patterns import find_structured

        if self.names and self.names.search(text):
            yield "known-name"
        if self.streets:
            for match in self.streets.finditer(text):
                number = parse_house_number(match["number"] + (match["addition"] or ""))
                if number and address_key(match["street"], number) in self.addresses:
                    yield "known-address"
                    break
        for start, end, kind in find_structured(text):
            value = text[start:end].strip().lower()
            if kind == "EMAIL" and value in self.allowed:
                continue
            if kind == "ADRES":
                continue  # a bare house number without a known street is not an address
            yield "known-email" if value in self.known_emails else kind.lower()


# After a known street: a house number with an optional addition (12, 12a, 12 A, 103-2).
_NUMBER_TAIL = (
    r"\s*(?:nr\.?\s*)?(?P<number>\d{1,5})(?:\s*[-/ ]?\s*(?P<addition>[a-z0-9]{1,3})(?!\w))?"
)


def _alternation(words: Iterable[str], tail: str = "") -> re.Pattern[str] | None:
    """One case-insensitive pattern for whole-word occurrences of any of ``words``."""
    items = sorted({w for w in words if w}, key=len, reverse=True)
    if not items:
        return None
    body = "|".join(re.escape(w) for w in items)
    return re.compile(rf"(?i)(?<!\w)(?P<street>{body})(?!\w)" + tail)


def scan_project(project: Project) -> ScanResult:
    detector = Detector(project)
    files: list[str] = []
    findings: list[Finding] = []
    for path in _files(project.root):
        relative = path.relative_to(project.root).as_posix()
        files.append(relative)
        for location, text in _texts(path):
            for kind in sorted(set(detector.kinds(text))):
                findings.append(Finding(relative, location, kind))
    return ScanResult(files, findings)


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if parts[0] == PRIVATE_DIR or any(p.startswith(".") for p in parts):
            continue
        if path.is_file() and path.suffix.lower() in SCANNED:
            yield path


def _texts(path: Path) -> Iterator[tuple[str, str]]:
    """(location, text) pieces of a file: a CSV cell, a line, a sheet cell, a PDF page."""
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv"}:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        reader = csv.reader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")
        header: list[str] = []
        for number, row in enumerate(reader, start=1):
            if number == 1:
                header = row
            for index, cell in enumerate(row):
                if cell:
                    title = header[index] if index < len(header) else str(index + 1)
                    yield f"row {number}, column {title}", cell
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        if cell.value is not None and getattr(cell, "coordinate", None):
                            yield f"sheet {sheet.title}, cell {cell.coordinate}", str(cell.value)
        finally:
            workbook.close()
    elif suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml").decode("utf-8", errors="replace")
        for number, paragraph in enumerate(xml.split("</w:p>"), start=1):
            text = _TAG.sub("", paragraph)
            if text.strip():
                yield f"paragraph {number}", text
    elif suffix == ".pdf":
        from pypdf import PdfReader

        for number, page in enumerate(PdfReader(path).pages, start=1):
            yield f"page {number}", page.extract_text() or ""
    else:
        text = path.read_text(encoding="utf-8", errors="replace")
        if suffix in {".html", ".htm"}:
            text = _TAG.sub(" ", text)
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield f"line {number}", line
