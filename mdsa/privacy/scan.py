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

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from itertools import islice, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.privacy.known import KnownIdentifiers, collect_known
from mdsa.privacy.scan_detect import Detector, Scope
from mdsa.privacy.scan_read import (
    Piece,
    Unscannable,
    cell_text,
    csv_pieces,
    csv_row_year,
    csv_year_columns,
    read_pieces,
    sheet_pieces,
    sheet_year_column,
    xlsx_parts,
    year_of,
)
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

if TYPE_CHECKING:
    from mdsa.documents.workbook import Cell, Sheet


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


@dataclass
class Written:
    """The cells a writer has just put into a file, as a reader gets them back from it: a
    CSV's rows (the header first) or a workbook's sheets. The privacy gate scans these instead
    of reading a large new data set back (``scan_folder``).

    Scanning them is scanning the file: the CSV rows are the very lists handed to the CSV
    writer (a CSV reader gives each cell back as written), and a sheet's rows are what
    ``mdsa.documents.workbook`` writes, converted as calamine reads them back
    (``written_rows``: text cut at Excel's limit, every number a float). Each piece keeps the
    location and the year (for birth dates) that ``read_pieces`` gives the same cell in the
    file. What a workbook holds outside its cells (docProps, comments) is read from the file.
    """

    csv_rows: Sequence[Sequence[str]] = ()
    sheets: Sequence[Sheet] = ()
    # The values of ``values`` with a hit, worked out beforehand by the same detector (in
    # another process: ``mdsa.privacy.gate``) for a scan in this scope; see ``check``.
    checked: tuple[Scope, set[tuple[str, int | None]]] | None = None

    def cells(self) -> Iterator[Piece]:
        """Every cell, in the order and with the location ``read_pieces`` gives it."""
        from mdsa.documents.workbook import sheet_name, written_rows

        yield from csv_pieces(self.csv_rows)
        for sheet in self.sheets:
            yield from sheet_pieces(sheet_name(sheet.name), written_rows(sheet))

    def values(self) -> set[tuple[str, int | None]]:
        """The (text, year) of every piece of ``cells``, each once, gathered a row at a time
        by ``zip`` and ``set.update`` instead of a piece at a time: a data set of 100,000
        visits has nine million cells and far fewer different values."""
        from mdsa.documents.workbook import as_written, head_rows, note_rows

        found: set[tuple[str, int | None]] = set()
        if self.csv_rows:
            header, columns = self.csv_rows[0], csv_year_columns(self.csv_rows[0])
            found.update(zip(header, repeat(None)))
            for row in islice(self.csv_rows, 1, None):
                found.update(zip(row, repeat(csv_row_year(row, columns))))
        for sheet in self.sheets:
            head, notes = head_rows(sheet), note_rows(sheet)
            column = sheet_year_column(head[0])
            raw: set[tuple[Cell, type, int | None]] = set()  # by type: 1, 1.0 and True are ==
            for cells in sheet.rows:
                year = None
                if column is not None and column < len(cells):
                    year = year_of(as_written(cells[column]))
                raw.update(zip(cells, map(type, cells), repeat(year)))
            found.update((cell_text(as_written(v)) or "", y) for v, _, y in raw)
            found.update((piece.text, piece.year) for piece in sheet_pieces("", [*head, *notes]))
        return {(text, year) for text, year in found if text}


def check(detector: Detector, written: Written, scope: Scope) -> set[tuple[str, int | None]]:
    """The (text, year) values of ``written`` in which ``detector`` finds something."""
    return {v for v in written.values() if detector.hits(v[0], year=v[1], scope=scope)}


def file_scope(relative: str) -> Scope:
    """What the scan looks for in a file at ``relative``: see ``Scope``."""
    return _scope(relative)


def mask(value: str) -> str:
    """``06-48213377`` as ``0•••••••••7``: enough to find it again, not enough to read it."""
    value = " ".join(value.split())
    if len(value) <= 3:
        return "•" * len(value)
    return value[0] + "•" * (len(value) - 2) + value[-1]


def make_detector(
    project: Project, *, today: date | None = None, known: KnownIdentifiers | None = None
) -> Detector:
    """A detector of what ``project`` knows (``known``, when the caller has collected it)."""
    return Detector(known if known is not None else collect_known(project), today=today)


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


def scan_folder(
    detector: Detector,
    folder: Path,
    *,
    as_folder: str = "data",
    written: dict[str, Written] | None = None,
) -> ScanResult:
    """Scan every file in ``folder`` (a staged data set) as if it were ``as_folder``/. A file
    in ``written`` (by its path as ``as_folder``/...) is scanned in the cells its writer gave,
    every other file as read from the folder."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    prefix = f"{as_folder}/"
    cells = {k.removeprefix(prefix): v for k, v in (written or {}).items() if k.startswith(prefix)}
    # Each file is scanned as what it becomes: a staged data set as data/ (visitors' names too).
    result = scan_files(detector, folder, files, cells, scope_prefix=prefix if as_folder else "")
    rename = {f: f"{as_folder}/{f}" for f in result.files}
    return ScanResult(
        [rename[f] for f in result.files],
        [
            Finding(rename.get(f.file, f.file), f.location, f.kind, f.masked)
            for f in result.findings
        ],
    )


def scan_files(
    detector: Detector,
    root: Path,
    paths: Iterable[Path],
    written: dict[str, Written] | None = None,
    *,
    scope_prefix: str = "",
) -> ScanResult:
    """``scope_prefix`` is the folder the files are scanned as (``data/`` for a staged data
    set), which decides what is looked for; findings name the files as found under ``root``."""
    files: list[str] = []
    findings: list[Finding] = []
    for path in paths:
        relative = path.relative_to(root).as_posix()
        files.append(relative)
        findings.extend(
            scan_file(
                detector,
                path,
                relative,
                (written or {}).get(relative),
                scope=_scope(scope_prefix + relative),
            )
        )
    return ScanResult(files, findings)


def scan_file(
    detector: Detector,
    path: Path,
    relative: str,
    written: Written | None = None,
    *,
    scope: Scope | None = None,
) -> Iterator[Finding]:
    scope = scope or _scope(relative)
    try:
        if written is not None:
            yield from _findings(
                detector, relative, _written_pieces(detector, path, written, scope), scope
            )
            return
        reading = read_pieces(path)
    except Unscannable as problem:
        yield Finding(relative, problem.reason, problem.code)
        return
    if reading.problem:
        yield Finding(relative, reading.problem.reason, reading.problem.code)
    yield from _findings(detector, relative, reading.pieces, scope)


def _written_pieces(
    detector: Detector, path: Path, written: Written, scope: Scope
) -> Iterator[Piece]:
    """The pieces of a written file that the detector has something to say about: each
    different (text, year) is looked at once; only when one has a hit are the cells gone
    through again to name where it stands."""
    parts: list[Piece] = []
    if written.sheets:  # what a workbook holds outside its cells is read from the file
        try:
            parts = list(xlsx_parts(path))
        except Exception as e:  # zipfile's errors on a damaged file are of many kinds
            raise Unscannable("damaged-file", "cannot be opened as a workbook") from e
    if written.checked is not None and written.checked[0] == scope:
        hit = written.checked[1]
    else:
        hit = check(detector, written, scope)
    if hit:
        yield from (p for p in written.cells() if (p.text, p.year) in hit)
    yield from parts


def _findings(
    detector: Detector, relative: str, pieces: Iterable[Piece], scope: Scope
) -> Iterator[Finding]:
    for piece in pieces:
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
