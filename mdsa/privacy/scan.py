"""``mdsa scan``: look in every shareable file for what must stay in ``private/``.

Every file outside ``private/`` (also dot-files; only ``.git`` is passed over) is read: CSV,
XLSX (cells, comments, author), Word/PowerPoint/OpenDocument (body, headers, footers,
comments, notes), PDF (pages, metadata), PNG (text chunks), SVG, HTML and any text. A file the
scan cannot read, or a binary kind it cannot look into, is a finding too: the scan never says
clean about what it did not see. It looks for the project's own identifiers (``known.py``) and
with patterns of its own (``scan_detect.py``), independent of the scrubber's. A finding names
the file and the place and shows the value masked (``G•••••••n``), never in full.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mdsa.privacy.known import collect_known
from mdsa.privacy.scan_detect import Detector, Scope
from mdsa.privacy.scan_read import Unscannable, read_pieces
from mdsa.project.folder import (
    COMMUNICATION_FILE,
    PARTNERS_FILE,
    PRIVACY_FILE,
    PRIVATE_DIR,
    PROJECT_FILE,
    TEAM_FILE,
    Project,
)

SKIPPED_DIRS = {".git"}  # the repository's own store: its objects are compressed history
CONFIG_FILES = {
    PROJECT_FILE,
    TEAM_FILE,
    PARTNERS_FILE,
    PRIVACY_FILE,
    COMMUNICATION_FILE,
    "forms.yaml",
}
DATA_PREFIX = "data/"


@dataclass(frozen=True)
class Finding:
    file: str
    location: str
    kind: str
    masked: str = ""

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


def mask(value: str) -> str:
    """``06-48213377`` as ``0•••••••••7``: enough to find it again, not enough to read it."""
    value = " ".join(value.split())
    if len(value) <= 3:
        return "•" * len(value)
    return value[0] + "•" * (len(value) - 2) + value[-1]


def make_detector(project: Project, *, today: date | None = None) -> Detector:
    return Detector(collect_known(project), today=today)


def scan_project(
    project: Project,
    *,
    today: date | None = None,
    detector: Detector | None = None,
    skip: Iterable[str] = (),
) -> ScanResult:
    """Scan every file of the project outside ``private/`` (but those in ``skip``, relative)."""
    detector = detector or make_detector(project, today=today)
    skipped = set(skip)
    files = (
        p for p in _files(project.root) if p.relative_to(project.root).as_posix() not in skipped
    )
    return scan_files(detector, project.root, files)


def scan_folder(detector: Detector, folder: Path, *, as_folder: str = "data") -> ScanResult:
    """Scan every file in ``folder`` (a staged data set) as if it were ``as_folder``/."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    result = scan_files(detector, folder, files)
    rename = {f: f"{as_folder}/{f}" for f in result.files}
    return ScanResult(
        [rename[f] for f in result.files],
        [
            Finding(rename.get(f.file, f.file), f.location, f.kind, f.masked)
            for f in result.findings
        ],
    )


def scan_files(detector: Detector, root: Path, paths: Iterable[Path]) -> ScanResult:
    files: list[str] = []
    findings: list[Finding] = []
    for path in paths:
        relative = path.relative_to(root).as_posix()
        files.append(relative)
        findings.extend(scan_file(detector, path, relative))
    return ScanResult(files, findings)


def scan_file(detector: Detector, path: Path, relative: str) -> Iterator[Finding]:
    try:
        reading = read_pieces(path)
    except Unscannable as problem:
        yield Finding(relative, problem.reason, problem.code)
        return
    if reading.problem:
        yield Finding(relative, reading.problem.reason, reading.problem.code)
    scope = _scope(relative)
    for piece in reading.pieces:
        seen: set[tuple[str, str]] = set()
        for hit in sorted(detector.hits(piece.text, year=piece.year, scope=scope), key=_order):
            masked = mask(piece.text[hit.start : hit.end])
            if (hit.code, masked) not in seen:
                seen.add((hit.code, masked))
                yield Finding(relative, piece.location, hit.code, masked)


def _order(hit: Any) -> tuple[str, int]:
    return hit.code, hit.start


def _scope(relative: str) -> Scope:
    if relative.startswith(DATA_PREFIX):
        return "data"
    return "config" if relative in CONFIG_FILES else "other"


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if parts[0] == PRIVATE_DIR or any(p in SKIPPED_DIRS for p in parts):
            continue
        if path.is_file():
            yield path
