"""The privacy gate: a new data set reaches ``data/`` only after the scan found nothing in it.

``mdsa anonymise`` calls ``anonymise_and_publish``: the data set is written into
``private/staging/data/``, scanned there, and only when the scan is clean moved into ``data/``
(file by file, each in one rename). On a finding nothing in ``data/`` changes: the staged files
stay in ``private/`` for the project leader to look at, and ``DataSetLeakError`` lists where
(file, row, column, kind, the value masked). After publishing, the rest of the project is
scanned, so a leak elsewhere (a report beside the data) still makes the command fail.

The staged files are not read back: the scan looks at the cells ``anonymise`` handed to the
writers (``AnonymiseResult.written``), which is the same as scanning the files because every
cell of them comes from those values: a CSV's rows are the very lists given to the CSV writer,
header included, and a workbook's cells are the sheets' header, labels, rows and notes as
``mdsa.documents.workbook`` writes them (``written_rows`` converts them as a reader gets them
back: text cut at Excel's limit, numbers with 16 digits). Each cell keeps the location and the
visit year ``mdsa scan`` gives it in the file, so findings read the same. What a workbook holds
outside its cells (docProps, comments) is read from the staged file, and a staged file that
came from no writer is read whole. ``tests/privacy/test_gate.py`` plants an identifier in
every column and checks the findings equal those of a scan of the written files; ``mdsa
scan`` still reads every file back, as the independent check on demand.

The work is spread over the cores (``mdsa.privacy.parallel``): the workers that scrub the
notes run the detector on each scrubbed note and this process remembers what it found
(``Detector.remember``, for the scope the scan gives a staged file), and each workbook's
cells are checked by the detector in a forked process while this one checks the CSVs'. Every
value of every written cell still goes through the detector (or is one it has already been
through, in this process or a copy of it) before anything is published.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mdsa.errors import OutputFileError, ReportError
from mdsa.privacy.anonymise import DATA_DIR, TEXT_BLOCKS_FILE, AnonymiseResult, anonymise
from mdsa.privacy.parallel import in_child
from mdsa.privacy.scan import (
    ScanResult,
    check,
    file_scope,
    make_detector,
    scan_folder,
    scan_project,
)
from mdsa.project.folder import PRIVATE_DIR, Project
from mdsa.report import Report

STAGING_DIR = f"{PRIVATE_DIR}/staging/{DATA_DIR}"


class DataSetLeakError(ReportError):
    """The new data set holds a possible identifier: it was not published."""

    def __init__(self, scan: ScanResult) -> None:
        self.scan = scan
        report = Report()
        for finding in scan.findings:
            masked = f" ({finding.masked})" if finding.masked else ""
            report.error(
                finding.kind,
                f"{finding.location}: {finding.kind}{masked}",
                file=finding.file,
            )
        super().__init__(
            f"the new data set holds {len(scan.findings)} possible identifier(s); "
            f"{DATA_DIR}/ was not changed",
            report,
            code="privacy",
            path=STAGING_DIR,
            hint="check the staged files there, correct the note in the registrations "
            "(or add a word that must stay to keep_words in mdsa.yaml), then anonymise again",
        )


@dataclass
class PublishResult:
    anonymised: AnonymiseResult
    scan: ScanResult  # of the whole project, after publishing

    @property
    def ok(self) -> bool:
        return self.scan.clean

    def to_dict(self) -> dict[str, Any]:
        return {**self.anonymised.to_dict(), "scan": self.scan.to_dict()}


def anonymise_and_publish(
    project: Project,
    *,
    progress: Callable[[int, int], None] | None = None,
    scan_rest: bool = True,
) -> PublishResult:
    """Anonymise into a staging folder, scan it, and publish it to ``data/`` only when clean.
    Then the rest of the project is scanned too, unless ``scan_rest`` is false (a caller that
    changes more files and scans the whole project afterwards, as ``mdsa erase``)."""
    from mdsa.privacy.parallel import without_cyclic_gc

    # Millions of small objects (rows, cells, results) that hold no cycles and live until the
    # end: the cycle collector's passes over them cost more than a tenth of the run.
    with without_cyclic_gc():
        return _anonymise_and_publish(project, progress, scan_rest)


def _anonymise_and_publish(
    project: Project, progress: Callable[[int, int], None] | None, scan_rest: bool
) -> PublishResult:
    root = project.root
    staging = root / STAGING_DIR
    _remove(staging)
    scope = file_scope(TEXT_BLOCKS_FILE)  # staged files are scanned as data/ (scan_folder)
    result = anonymise(
        project,
        progress=progress,
        data_dir=staging,
        detector=lambda known: make_detector(project, known=known),  # the same registrations
        scope=scope,
    )
    detector = result.detector or make_detector(project, known=result.known)
    # Each workbook's cells are looked at in a process of its own while this one looks at
    # the CSVs; the scan below then only names where a value with a hit stands.
    workbooks = {
        name: in_child(functools.partial(check, detector, written, scope))
        for name, written in result.written.items()
        if written.sheets
    }
    for name, written in result.written.items():
        if name not in workbooks and file_scope(name) == scope:
            written.checked = (scope, check(detector, written, scope))
    for name, child in workbooks.items():
        result.written[name].checked = (scope, child.result())
    staged = scan_folder(detector, staging, as_folder=DATA_DIR, written=result.written)
    if not staged.clean:
        raise DataSetLeakError(staged)
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        target = root / DATA_DIR / path.relative_to(staging)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
        except OSError as e:
            raise OutputFileError(
                f"cannot move the new data set into place ({type(e).__name__})",
                path=target.relative_to(root),
                hint="make data/ writable; the staged files are still in " + STAGING_DIR,
            ) from e
    _remove(staging)
    try:
        staging.parent.rmdir()  # private/staging/, when nothing else is in it
    except OSError:
        pass
    if not scan_rest:
        return PublishResult(result, staged)
    # The new data set was scanned in staging; the rest of the project is scanned now.
    rest = scan_project(project, detector=detector, skip=staged.files)
    whole = ScanResult(sorted(staged.files + rest.files), rest.findings)
    return PublishResult(result, whole)


def _remove(folder: Path) -> None:
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        pass
    except OSError as e:
        raise OutputFileError(
            f"cannot clear the staging folder ({type(e).__name__})", path=folder
        ) from e
